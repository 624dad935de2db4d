"""Numbers only, no sentences: the readiness report, comparisons, exchanges, progress and diffs."""
