"""Numbered schema steps: mNNN_name.py with migrate(database). Never edit a landed step;
add the next number instead."""
