"""The annual training plan: drafting rules and the changes made to a plan."""
