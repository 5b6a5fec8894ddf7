"""Scenarios: declarative shocks that turn one world into another (``shocks``), never touching a file."""
