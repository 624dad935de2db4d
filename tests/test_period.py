import pytest

from egov_audit.model.errors import UsageError
from egov_audit.model.period import parse_period


@pytest.mark.parametrize(
    ("spec", "start", "end"),
    [
        ("1399", (1399, 1), (1399, 12)),
        ("1399-H1", (1399, 1), (1399, 6)),
        ("1399-h2", (1399, 7), (1399, 12)),
        ("1399-Q2", (1399, 4), (1399, 6)),
        ("1399-05", (1399, 5), (1399, 5)),
        ("1398-10..1399-03", (1398, 10), (1399, 3)),
    ],
)
def test_period_forms(spec: str, start: tuple[int, int], end: tuple[int, int]) -> None:
    period = parse_period(spec)
    assert (period.start, period.end) == (start, end)


def test_period_months_and_year() -> None:
    period = parse_period("1398-11..1399-02")
    assert period.months == [(1398, 11), (1398, 12), (1399, 1), (1399, 2)]
    assert period.year == 1399
    assert period.describe() == "1398-11..1399-02"
    assert period.contains((1399, 1))
    assert not period.contains((1399, 3))


@pytest.mark.parametrize(
    "spec", ["", "99", "1399-H3", "1399-Q5", "1399-13", "1399-06..1399-01", "last year"]
)
def test_invalid_periods_are_usage_errors(spec: str) -> None:
    with pytest.raises(UsageError, match="period"):
        parse_period(spec)
