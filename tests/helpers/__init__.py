"""Shared test fixtures and data builders (imported by tests/conftest.py)."""
