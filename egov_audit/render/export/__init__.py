"""Exports of the inventory for other systems: CPSV-AP linked data (JSON-LD, Turtle), a
table of services (CSV, .xlsx) and an agency's workbook in the layout ``import`` reads."""

from __future__ import annotations

from enum import StrEnum


class ExportFormat(StrEnum):
    """Output formats of ``egov-audit export``."""

    CPSV_AP = "cpsv-ap"
    TURTLE = "turtle"
    CSV = "csv"
    XLSX = "xlsx"
