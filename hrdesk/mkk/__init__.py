"""MKK's desk: the expected offices, completeness of a cycle's packets, the national analysis."""
