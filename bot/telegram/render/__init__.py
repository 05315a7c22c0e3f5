"""Turning knowledge and results into Telegram HTML messages and inline keyboards."""
