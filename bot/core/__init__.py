"""The pure core: knowledge, matching, checklists and milestones. Knows nothing of Telegram."""
