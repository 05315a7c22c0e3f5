"""Fuzzy matching of trainers' questions to knowledge entries (rapidfuzz)."""
