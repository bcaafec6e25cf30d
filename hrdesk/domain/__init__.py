"""Domain objects and the rules about them. Plain Python: no Qt, no SQL."""
