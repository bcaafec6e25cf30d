"""Demo data: a set-up office database with realistic staff (see generate.py)."""
