"""Computations over the store for reports: the needs-assessment summary and its bands."""
