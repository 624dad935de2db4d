"""Allow ``python -m egov_audit``."""

from egov_audit.cli import main

main()
