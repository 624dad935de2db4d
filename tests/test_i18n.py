"""Report languages: catalogue completeness, locale number formats, month names, Persian text."""

from __future__ import annotations

import re
import string
from dataclasses import replace
from pathlib import Path

import jdatetime
import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

from egov_audit.aggregate.report import RankingRule, build_report
from egov_audit.model.calendars import Calendar
from egov_audit.model.period import parse_period
from egov_audit.render.i18n import (
    JALALI_MONTHS,
    LOCALE_DIR,
    Language,
    Translator,
    catalogue_path,
    normalise_persian,
    translator,
)
from egov_audit.render.report import markdown as report_markdown
from egov_audit.render.report.labels import ranking_rule
from egov_audit.runner.collection import load_collection

PACKAGE = Path(__file__).resolve().parent.parent / "egov_audit"
TRANSLATED = [lang for lang in Language if lang is not Language.EN]
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

Key = tuple[str | None, str]


def _source_messages() -> dict[Key, str | tuple[str, str]]:
    """Every message the code marks for translation, as babel's extractor finds it."""
    found: dict[Key, str | tuple[str, str]] = {}
    method_map = [("render/**.py", "python"), ("i18n.py", "python")]
    for _file, _line, message, _comments, context in extract_from_dir(
        str(PACKAGE), method_map=method_map
    ):
        msgid = message if isinstance(message, str) else message[0]
        found[(context, msgid)] = message if isinstance(message, str) else (message[0], message[1])
    return found


def _catalogue(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_the_source_marks_every_message_babel_can_extract() -> None:
    messages = _source_messages()
    assert len(messages) > 60
    # a gettext call inside an f-string is invisible to the extractor: every literal the
    # code passes to gettext must be among the extracted messages
    literal = re.compile(r"""\b(?:gettext|N_)\(\s*"([^"]+)"\s*\)""")
    for path in PACKAGE.joinpath("render").rglob("*.py"):
        for match in literal.finditer(path.read_text(encoding="utf-8")):
            assert (None, match.group(1)) in messages, f"{path.name}: {match.group(1)!r}"


def test_the_template_lists_exactly_the_source_messages() -> None:
    template = _catalogue(LOCALE_DIR / "egov_audit.pot")
    listed = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id}
    assert listed == set(_source_messages())


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated(lang: str) -> None:
    catalog = _catalogue(catalogue_path(lang), lang)
    assert catalog.locale is not None and str(catalog.locale) == lang
    entries = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}
    source = _source_messages()
    assert set(entries) == set(source), "catalogue and code disagree; regenerate the catalogue"
    for key, message in source.items():
        entry = entries[key]
        assert not entry.fuzzy, key
        if isinstance(message, tuple):
            assert entry.pluralizable, key
            plural = entry.string
            assert isinstance(plural, tuple) and len(plural) == catalog.num_plurals, key
            forms: tuple[object, ...] = plural
            wanted = _placeholders(message[0]) | _placeholders(message[1])
        else:
            forms = (entry.string,)
            wanted = _placeholders(message)
        for form in forms:
            assert isinstance(form, str) and form.strip(), key
            assert _placeholders(form) == wanted, (key, form)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_are_in_the_language(lang: str) -> None:
    tr = Translator(lang)
    assert tr.gettext("Fully electronic") != "Fully electronic"
    assert tr.gettext("Services by status") != "Services by status"
    if lang == "fa":
        assert tr.gettext("Agencies") == "دستگاه‌ها"
        assert tr.join(["a", "b"]) == "a، b"
    if lang == "el":
        assert tr.ngettext("{count} services in the period.", "x", 1).startswith(
            "{count} υπηρεσία "
        )
        assert tr.ngettext("{count} services in the period.", "x", 2).startswith(
            "{count} υπηρεσίες"
        )


def test_unknown_languages_are_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        Translator("de")


@pytest.mark.parametrize("value", [0, 7, 1310, 23_000_000, 2_810_070, 1_234_567_890])
def test_persian_numbers_are_babels_in_persian_digits(value: int) -> None:
    babel = format_decimal(value, locale="fa", numbering_system="default")
    assert translator("fa").number(value) == babel.translate(
        str.maketrans("0123456789", PERSIAN_DIGITS)
    )


def test_persian_formats() -> None:
    fa = translator("fa")
    assert fa.number(23_000_000) == "۲۳٬۰۰۰٬۰۰۰"
    babel = format_percent(0.488, format="#,##0.0%", locale="fa", numbering_system="default")
    assert babel == "48٫8%"
    assert fa.percent(318, 651) == "۴۸٫۸٪"  # the Persian percent sign
    assert fa.percent(1, 0) == "-"
    assert fa.integer(1399) == "۱۳۹۹"
    assert fa.digits("1399-01..1399-06") == "۱۳۹۹-۰۱..۱۳۹۹-۰۶"
    assert fa.direction == "rtl"


def test_greek_and_vietnamese_formats() -> None:
    assert translator("el").number(23_000_000) == "23.000.000"
    assert translator("el").percent(318, 651) == "48,8%"
    assert translator("vi").number(1310) == "1.310"
    assert translator("vi").percent(2, 3) == "66,7%"
    assert translator("el").direction == translator("vi").direction == "ltr"


def test_english_formats_are_the_historical_ones() -> None:
    en = translator("en")
    for total in (1, 3, 7, 651, 800, 2000):
        for count in range(0, total + 1, max(1, total // 97)):  # shares never exceed 100%
            expected = f"{100 * count / total:.1f}%"
            assert en.percent(count, total) == expected
    for value in (0, 999, 1000, 23_000_000, 4_478_206):
        assert en.number(value) == f"{value:,}"


def test_english_ranking_rule_is_the_reports_own_sentence() -> None:
    for minimum in (1, 2, 3, 10):
        rule = RankingRule(min_services=minimum)
        assert ranking_rule(rule) == rule.describe()


def test_jalali_month_names() -> None:
    assert list(JALALI_MONTHS) == jdatetime.date.j_months_en
    assert [translator("en").month_name(Calendar.JALALI, m) for m in range(1, 13)] == list(
        JALALI_MONTHS
    )
    assert [translator("fa").month_name(Calendar.JALALI, m) for m in range(1, 13)] == (
        jdatetime.date.j_months_fa
    )
    greek = [translator("el").month_name(Calendar.JALALI, m) for m in range(1, 13)]
    assert greek[0] == "Φαρβαρντίν" and greek[11] == "Εσφάντ" and len(set(greek)) == 12
    vietnamese = [translator("vi").month_name(Calendar.JALALI, m) for m in range(1, 13)]
    assert vietnamese[0] == "Farvardin" and len(set(vietnamese)) == 12
    with pytest.raises(ValueError):
        translator("fa").month_name(Calendar.JALALI, 13)


def test_gregorian_month_names_come_from_babel() -> None:
    assert translator("en").month_name(Calendar.GREGORIAN, 1) == "January"
    assert translator("fa").month_name(Calendar.GREGORIAN, 1) == "ژانویه"
    assert translator("el").month_name(Calendar.GREGORIAN, 1) == "Ιανουάριος"
    assert translator("vi").month_name(Calendar.GREGORIAN, 12) == "Tháng 12"


def test_normalise_persian() -> None:
    arabic = "كتابخانه ملي"  # Arabic kaf and yeh
    assert normalise_persian(arabic) == "کتابخانه ملی"
    assert normalise_persian("می\u200cخواهم") == "میخواهم"
    assert normalise_persian("تهـــران") == "تهران"
    decomposed = "\u0627\u0653"  # alef + combining madda above
    assert normalise_persian(decomposed) == "\u0622"
    assert normalise_persian("شرکت آب و فاضلاب") == "شرکت آب و فاضلاب"


def test_persian_markdown_report(mini: Path) -> None:
    loaded = load_collection(mini)
    report = build_report(loaded.collection, loaded.declarations, parse_period("1399-H1"))
    text = report_markdown.render(report, "fa")
    assert text.startswith("# Mini Province: گزارش آمادگی دولت الکترونیک، نیمهٔ نخست ۱۳۹۹\n")
    assert "| کاملاً الکترونیکی " in text and "۵۷٫۱٪" in text
    assert "۱۳۹۹-۰۱ فروردین" in text
    # the figures columns are still right-aligned in Persian digits
    assert "|:---" in text and "---:|" in text
    assert report_markdown.render(report) == report_markdown.render(report, "en")


def test_local_names_only_in_the_collections_language(qom: Path) -> None:
    loaded = load_collection(qom)
    period = parse_period("1399-H1")
    english_registry = build_report(
        replace(loaded.collection, language=None), loaded.declarations, period
    )
    assert loaded.collection.language == "fa"  # the bundled sample is a Persian collection
    persian_registry = build_report(loaded.collection, loaded.declarations, period)
    local = "شرکت آب و فاضلاب استان قم"
    assert local not in report_markdown.render(english_registry, "fa")
    in_persian = report_markdown.render(persian_registry, "fa")
    assert local in in_persian
    assert in_persian.startswith("# استان قم: ")
    assert local not in report_markdown.render(persian_registry, "en")
