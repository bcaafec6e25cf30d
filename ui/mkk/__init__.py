"""MKK's desk: importing packets, completeness of a cycle, the national analysis."""
