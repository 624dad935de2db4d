"""Validation rules: the rule registry, one agency file, collection.yaml, and the rules across files."""
