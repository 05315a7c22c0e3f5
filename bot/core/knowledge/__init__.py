"""The curated knowledge base: typed, immutable entries loaded from ``knowledge/``."""
