"""Checklist results as files: a readiness chart (PNG) and a report (PDF). No Telegram here."""
