"""render/findings."""
