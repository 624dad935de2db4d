from egov_audit.model.calendars import (
    Calendar,
    month_name,
    months_between,
    next_month,
    parse_date,
    parse_month,
)


def test_jalali_dates_follow_the_real_calendar() -> None:
    assert parse_date(Calendar.JALALI, "1399-12-30") == (1399, 12, 30)  # 1399 is a leap year
    assert parse_date(Calendar.JALALI, "1398-12-30") is None
    assert parse_date(Calendar.JALALI, "1399-02-31") == (1399, 2, 31)  # months 1-6 have 31 days
    assert parse_date(Calendar.JALALI, "1399-07-31") is None  # months 7-11 have 30
    assert parse_date(Calendar.JALALI, "1399-13-01") is None


def test_gregorian_dates() -> None:
    assert parse_date(Calendar.GREGORIAN, "2020-02-29") == (2020, 2, 29)
    assert parse_date(Calendar.GREGORIAN, "2021-02-29") is None
    assert parse_date(Calendar.GREGORIAN, "1399-02-31") is None


def test_dates_must_have_the_full_form() -> None:
    assert parse_date(Calendar.GREGORIAN, "2020-2-29") is None
    assert parse_date(Calendar.JALALI, "۱۳۹۹-۰۱-۰۱") is None


def test_months() -> None:
    assert parse_month("1399-06") == (1399, 6)
    assert parse_month("1399-13") is None
    assert parse_month("1399-00") is None
    assert parse_month("1399-1") is None
    assert next_month((1399, 12)) == (1400, 1)
    assert months_between((1398, 11), (1399, 2)) == [(1398, 11), (1398, 12), (1399, 1), (1399, 2)]


def test_month_names() -> None:
    assert month_name(Calendar.JALALI, 1) == "Farvardin"
    assert month_name(Calendar.JALALI, 11) == "Bahman"
    assert month_name(Calendar.GREGORIAN, 3) == "March"
