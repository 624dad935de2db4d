"""Renderers of the readiness report: terminal, Markdown, HTML, PDF, JSON and CSV."""
