"""Helpers of the load benchmark (``bench/load.py``)."""
