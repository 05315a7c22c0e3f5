"""Audit-cycle milestones computed from data in ``knowledge/milestones.yaml``."""
