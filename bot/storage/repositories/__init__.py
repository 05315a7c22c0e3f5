"""Repositories: one per aggregate, each working inside a unit of work's session."""
