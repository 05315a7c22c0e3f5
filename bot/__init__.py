"""Qualibot: a Telegram assistant for French training organisations preparing for Qualiopi."""

__version__ = "0.1.0"
