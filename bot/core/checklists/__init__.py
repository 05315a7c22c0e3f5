"""Guided checklists: data, applicability, progress and scoring. No Telegram here."""
