"""render/report."""
