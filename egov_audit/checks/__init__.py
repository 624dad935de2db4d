"""Validation: the rule registry, one agency file, collection.yaml, rules across files."""
