"""Scenario schema and loader."""
