"""egov-audit: validate e-government service inventories and report digital readiness."""

__version__ = "0.1.0"
