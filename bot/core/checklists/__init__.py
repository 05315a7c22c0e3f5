"""Guided checklists: applicability, next item, progress and scoring. No Telegram here.

The checklist data model and its YAML parser live in :mod:`bot.core.knowledge`.
"""
