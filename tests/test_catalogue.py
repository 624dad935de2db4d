"""The hand-written data of the sample generators (tools/data/*.yaml) is read strictly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.catalogue import (
    GREECE_CATALOGUE,
    QOM_CATALOGUE,
    greece_catalogue,
    qom_catalogue,
)


def test_the_qom_catalogue_holds_the_province_s_agencies() -> None:
    catalogue = qom_catalogue()
    assert len(catalogue.agencies) == 58
    undeclared = [a.id for a in catalogue.agencies if not a.declared]
    assert undeclared == ["land-affairs", "hajj-pilgrimage", "irib", "salafchegan-zone"]
    assert all(a.services for a in catalogue.agencies if a.declared)
    # The generator gives the first common service, complaints, to every agency.
    assert catalogue.common[0].name == "Complaints and grievances"
    abfa = catalogue.agencies[0]
    assert (abfa.id, abfa.services[0].type, abfa.services[0].audience) == (
        "abfa",
        "transactional",
        ("citizens", "businesses"),
    )


def test_the_greek_catalogue_reads_numbers_and_dates() -> None:
    agencies = greece_catalogue()
    assert [a.id for a in agencies if not a.declared] == ["cadastre"]
    service = agencies[1].services[0]
    assert (service.id, service.launched_on, service.level, service.growth) == (
        "income-tax-return",
        "2001-05-01",
        550_000,
        1.1,
    )


def _edited(source: Path, tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of ``source`` with the first ``old`` replaced; the path and the edited line."""
    text = source.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / source.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    type: interactive\n", "    type: interactiv\n", "'interactiv' is not one of"),
        ("    audience: [citizens, businesses]\n", "    audience: [citizen]\n", "'citizen'"),
        ("    type: interactive\n", "    kind: interactive\n", "unknown key 'kind'"),
        (
            "    type: interactive\n",
            "    type: interactive\n    type: transactional\n",
            "appears twice",
        ),
        ("    declared: true\n", "    declared: yes\n", "expected bool"),
        ("    declared: true\n", "    declared: false\n", "an undeclared one none"),
    ],
)
def test_a_slip_in_the_qom_catalogue_names_the_file_and_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path, line = _edited(QOM_CATALOGUE, tmp_path, old, new)
    with pytest.raises(SystemExit) as raised:
        qom_catalogue(path)
    error = str(raised.value)
    assert message in error
    # The line of the edit, or of the record holding it (an agency, for `declared`).
    place = int(error.removeprefix(f"{path}:").split(":")[0])
    assert line - 4 <= place <= line + 1, error


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("        growth: 1.1\n", "        growth: fast\n", "expected a number, not 'fast'"),
        ('launched_on: "2001-05-01"', 'launched_on: "1 May 2001"', "expected a date"),
        ("        level: 550000\n", "        level: many\n", "expected int"),
    ],
)
def test_a_slip_in_the_greek_catalogue_names_the_file_and_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path, line = _edited(GREECE_CATALOGUE, tmp_path, old, new)
    with pytest.raises(SystemExit) as raised:
        greece_catalogue(path)
    assert str(raised.value).startswith(f"{path}:{line}: ")
    assert message in str(raised.value)
