"""Allow ``python -m egov_audit``."""

from egov_audit.cli.app import main

main()
