"""Renderers of validation findings: text, JSON, GitHub annotations, SARIF and JUnit."""
