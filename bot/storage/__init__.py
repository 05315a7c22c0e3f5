"""Storage: SQLAlchemy models, migrations runner, repositories and the unit of work.

The database is the source of truth for all user state. Nothing here imports Telegram.
"""
