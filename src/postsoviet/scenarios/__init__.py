"""Scenarios: declarative "what if" files and the pure shocks (``shocks``) that turn one world into another."""
