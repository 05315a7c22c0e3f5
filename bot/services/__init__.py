"""Application services: use cases that combine the pure core and storage.

The Telegram layer and the CLI call these; they never import Telegram.
"""
