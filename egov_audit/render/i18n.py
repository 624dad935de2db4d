"""Languages of the human-readable reports: message catalogues and locale formats.

Messages live in standard gettext catalogues,
``egov_audit/locale/<lang>/LC_MESSAGES/egov_audit.po``, read at run time with babel and
compiled in memory (no ``.mo`` files to keep in step). English is the source language:
its messages are the ``msgid`` strings themselves, so English output never depends on a
catalogue.

Numbers and percentages are formatted by babel in the locale's default numbering
system (Persian: ``٬`` groups and ``٫`` decimals). babel gives the symbols of that
system but always writes ASCII digits, so the digits alone are then written in the
system's own digits (Persian: ``۲۳٬۰۰۰٬۰۰۰``).
"""

from __future__ import annotations

import gettext as gnu_gettext
import io
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

from egov_audit.model.calendars import Calendar
from egov_audit.model.calendars import month_name as english_month_name

DOMAIN = "egov_audit"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


def round_half_up(value: Decimal | float, places: int = 1) -> Decimal:
    """``value`` rounded half up (away from zero at a tie) to ``places`` decimals: the one
    rounding rule of every percentage, ratio and change the reports show. A float is
    taken at its shortest decimal representation (0.80625 rounds to 0.8063 at 4)."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


class Language(StrEnum):
    """Languages the reports are written in."""

    EN = "en"
    FA = "fa"
    EL = "el"
    VI = "vi"


SOURCE_LANGUAGE = Language.EN
RTL_LANGUAGES = frozenset({Language.FA})


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it (translated where shown).

    ``N_`` is the name gettext tools (babel's extractor among them) look for.
    """
    return message


#: The Solar Hijri months in English, the msgids of their translations.
JALALI_MONTHS: tuple[str, ...] = (
    N_("Farvardin"),
    N_("Ordibehesht"),
    N_("Khordad"),
    N_("Tir"),
    N_("Mordad"),
    N_("Shahrivar"),
    N_("Mehr"),
    N_("Aban"),
    N_("Azar"),
    N_("Dey"),
    N_("Bahman"),
    N_("Esfand"),
)

#: Digits of the numbering systems that the supported locales use by default (CLDR).
_SYSTEM_DIGITS: dict[str, str] = {
    "latn": "0123456789",
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
}


def catalogue_path(language: str) -> Path:
    """Where the catalogue of ``language`` is."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_catalogue(language: str) -> gnu_gettext.NullTranslations:
    """The translations of ``language`` (English: none, the messages are English)."""
    if language == SOURCE_LANGUAGE:
        return gnu_gettext.NullTranslations()
    with catalogue_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gnu_gettext.GNUTranslations(compiled)


def _one_decimal(pattern: str) -> str:
    """The locale's percent pattern with exactly one decimal (``#,##0%`` -> ``#,##0.0%``)."""
    head, sep, tail = pattern.partition(";")  # only the positive pattern matters here
    last_zero = head.rfind("0")
    if last_zero < 0 or "." in head:
        return pattern
    return head[: last_zero + 1] + ".0" + head[last_zero + 1 :] + sep + tail


class Translator:
    """Messages, numbers, percentages and month names in one report language."""

    def __init__(self, language: str = SOURCE_LANGUAGE) -> None:
        if language not in set(Language):
            choices = ", ".join(Language)
            raise ValueError(f"unsupported language {language!r}; choose one of: {choices}")
        self.language = Language(language)
        self.locale = Locale.parse(str(self.language))
        self.direction = "rtl" if self.language in RTL_LANGUAGES else "ltr"
        self._catalogue = load_catalogue(self.language)
        self._numbering = str(self.locale.default_numbering_system)
        digits = _SYSTEM_DIGITS.get(self._numbering, _SYSTEM_DIGITS["latn"])
        self._digits = str.maketrans("0123456789", digits)
        self._percent_format = _one_decimal(str(self.locale.percent_formats[None].pattern))
        symbols = self.locale.number_symbols.get(self._numbering, {})
        #: The percent sign of the locale's numbering system (Persian ``٪``), without the
        #: direction marks CLDR may put around it.
        self.percent_sign = str(symbols.get("percentSign", "%")).strip("\u200e\u200f\u061c")

    def gettext(self, message: str) -> str:
        """``message`` translated."""
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The translated form of ``singular``/``plural`` that fits ``count``."""
        return self._catalogue.ngettext(singular, plural, count)

    def pgettext(self, context: str, message: str) -> str:
        """``message`` translated in ``context`` (for short strings such as separators)."""
        return self._catalogue.pgettext(context, message)

    def digits(self, text: str) -> str:
        """``text`` with its ASCII digits written in the language's digits (``1399-H1``)."""
        return text.translate(self._digits)

    def figure(self, text: str) -> str:
        """A number babel formatted, in the language's digits and with its percent sign
        (babel writes ``%`` whatever the numbering system: Persian ``۴۸٫۸٪``)."""
        return self.digits(text).replace("%", self.percent_sign)

    def integer(self, value: int) -> str:
        """An integer without grouping, in the language's digits (years, ranks, small counts)."""
        return self.digits(str(value))

    def number(self, value: int) -> str:
        """A count with the locale's grouping (``23,000,000``; Persian ``۲۳٬۰۰۰٬۰۰۰``)."""
        text = format_decimal(value, locale=self.locale, numbering_system=self._numbering)
        return self.digits(str(text))

    def percent(self, count: int, total: int) -> str:
        """``count / total`` as a percentage with one decimal; ``-`` when there is no total.

        The value is rounded half up to one decimal (806.25% shows as 806.3%), exactly,
        from the two integers; then laid out by babel in the locale's percent pattern.
        """
        if not total:
            return "-"
        rounded = round_half_up(Decimal(100 * count) / Decimal(total)) / 100
        text = format_percent(
            rounded,
            format=self._percent_format,
            locale=self.locale,
            numbering_system=self._numbering,
        )
        return self.figure(str(text))

    def month_name(self, calendar: Calendar, month: int) -> str:
        """The name of month ``month`` (1-12) of ``calendar`` in the language."""
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} is not between 1 and 12")
        if self.language == SOURCE_LANGUAGE:
            return english_month_name(calendar, month)
        if calendar is Calendar.JALALI:
            return self.gettext(JALALI_MONTHS[month - 1])
        names = get_month_names("wide", context="stand-alone", locale=self.locale)
        return str(names[month])

    def join(self, items: list[str]) -> str:
        """Items of a list in running text (``a, b, c``; Persian ``a، b، c``)."""
        return self.pgettext("list separator", ", ").join(items)

    def clauses(self, items: list[str]) -> str:
        """Clauses of one sentence (``a; b``; Persian ``a؛ b``)."""
        return self.pgettext("clause separator", "; ").join(items)


@cache
def translator(language: str = SOURCE_LANGUAGE) -> Translator:
    """The (shared) translator of ``language``."""
    return Translator(language)


def normalise_persian(text: str) -> str:
    """``text`` normalised for comparing Persian strings (never for display).

    Arabic yeh (ي, and alef maksura ى) become Persian yeh (ی), Arabic kaf (ك) becomes
    Persian keheh (ک); zero-width non-joiners and tatweel (ـ) are removed; then NFC.
    """
    text = text.replace("\u064a", "\u06cc").replace("\u0649", "\u06cc").replace("\u0643", "\u06a9")
    text = text.replace("\u200c", "").replace("\u0640", "")
    return unicodedata.normalize("NFC", text)
