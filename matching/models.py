"""Matching rounds and runs (built out in the rounds issue)."""
