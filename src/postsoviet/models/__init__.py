"""Models: pure functions with published definitions (numpy arrays in, dataclasses out)."""
