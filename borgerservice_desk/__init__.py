"""Borgerservice Desk: the counter tool's core. Never imports Qt (a test checks)."""
