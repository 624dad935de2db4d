"""The words of an import workbook: the headers, values and sheet names ``import`` accepts,
and the ones ``export`` and ``init --format xlsx`` write in each language.

Every table maps a field (or value) to the spellings that mean it; spellings are compared
without regard to case, spaces, ``_``, ``-`` or the zero-width non-joiner, and Arabic
``ي``/``ك`` match Persian ``ی``/``ک``. The first spelling is the format's own; the
Persian ones follow (error messages cite the first of them), then the Greek and the
Vietnamese ones. What a workbook is written with (:data:`WRITTEN_HEADERS`,
:data:`WRITTEN_VALUES`, ...) is always one of the accepted spellings.
"""

from __future__ import annotations

#: Accepted headers of each column of the services sheet.
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "service id", "شناسه", "شناسه خدمت", "کد خدمت", "Κωδικός υπηρεσίας", "Mã dịch vụ"),
    "name": (
        "name",
        "نام",
        "نام خدمت",
        "عنوان",
        "عنوان خدمت",
        "نام انگلیسی",
        "Όνομα στα αγγλικά",
        "Tên tiếng Anh",
    ),
    "name_local": (
        "name_local",
        "local name",
        "نام محلی",
        "نام فارسی",
        "عنوان فارسی",
        "Όνομα στα ελληνικά",
        "Tên tiếng Việt",
    ),
    "status": ("status", "وضعیت", "وضعیت الکترونیکی", "Κατάσταση", "Mức độ trực tuyến"),
    "type": ("type", "نوع", "نوع خدمت", "Είδος υπηρεσίας", "Loại dịch vụ"),
    "audience": (
        "audience",
        "audiences",
        "مخاطب",
        "مخاطبان",
        "گیرنده خدمت",
        "Αποδέκτες",
        "Đối tượng",
    ),
    "channels": (
        "channels",
        "channel",
        "کانال",
        "کانال‌ها",
        "مجرا",
        "مجاری ارائه",
        "Κανάλια",
        "Kênh cung cấp",
    ),
    "in_person_steps": (
        "in_person_steps",
        "مراحل حضوری",
        "مرحله حضوری",
        "Βήματα με φυσική παρουσία",
        "Bước thực hiện trực tiếp",
    ),
    "launched_on": (
        "launched_on",
        "تاریخ راه‌اندازی",
        "تاریخ راه اندازی",
        "تاریخ شروع",
        "Ημερομηνία έναρξης",
        "Ngày triển khai",
    ),
    "depends_on": (
        "depends_on",
        "وابستگی",
        "وابستگی‌ها",
        "وابسته به",
        "Εξαρτάται από",
        "Phụ thuộc vào",
    ),
    "benchmarks": (
        "benchmarks",
        "benchmark",
        "شاخص‌های مقایسه",
        "شاخص مقایسه",
        "Δείκτες αναφοράς",
        "Chuẩn so sánh",
    ),
}
REQUIRED = ("id", "name", "status", "type", "audience")
LISTS = ("audience", "channels", "depends_on", "benchmarks")

#: The one table of accepted values: field -> format value -> the spellings that mean it.
VALUES: dict[str, dict[str, tuple[str, ...]]] = {
    "status": {
        "full": (
            "full",
            "تمام الکترونیک",
            "تمام الکترونیکی",
            "کاملا الکترونیک",
            "الکترونیک",
            "Πλήρως ηλεκτρονική",
            "Trực tuyến toàn trình",
        ),
        "partial": (
            "partial",
            "نیمه الکترونیک",
            "نیمه الکترونیکی",
            "بخشی الکترونیک",
            "Μερικώς ηλεκτρονική",
            "Trực tuyến một phần",
        ),
        "in_person": (
            "in_person",
            "حضوری",
            "غیر الکترونیک",
            "in person",
            "Μόνο με φυσική παρουσία",
            "Chỉ trực tiếp",
        ),
        "unknown": (
            "unknown",
            "نامشخص",
            "نیاز به اطلاعات بیشتر",
            "نیازمند اطلاعات بیشتر",
            "Μη επαληθευμένη",
            "Chưa xác minh",
        ),
    },
    "type": {
        "informational": (
            "informational",
            "اطلاع رسانی",
            "اطلاعاتی",
            "Ενημερωτική",
            "Cung cấp thông tin",
        ),
        "interactive": ("interactive", "تعاملی", "Διαδραστική", "Tương tác"),
        "transactional": (
            "transactional",
            "تراکنشی",
            "تبادلی",
            "Συναλλακτική",
            "Thực hiện giao dịch",
        ),
    },
    "audience": {
        "citizens": ("citizens", "شهروندان", "شهروند", "مردم", "citizen", "Πολίτες", "Người dân"),
        "businesses": (
            "businesses",
            "کسب و کارها",
            "کسب و کار",
            "بنگاه ها",
            "business",
            "Επιχειρήσεις",
            "Doanh nghiệp",
        ),
        "government": (
            "government",
            "دولت",
            "دستگاه های دولتی",
            "دستگاه های اجرایی",
            "Δημόσιοι φορείς",
            "Cơ quan nhà nước",
        ),
    },
    "channels": {
        "portal": (
            "portal",
            "پرتال",
            "درگاه",
            "وب",
            "وبگاه",
            "web",
            "Διαδικτυακή πύλη",
            "Cổng thông tin",
        ),
        "kiosk": (
            "kiosk",
            "کیوسک",
            "پیشخوان",
            "دفاتر پیشخوان",
            "Κιόσκι / γκισέ",
            "Ki-ốt / bộ phận một cửa",
        ),
        "mobile": (
            "mobile",
            "موبایل",
            "تلفن همراه",
            "اپلیکیشن",
            "برنامک",
            "app",
            "Εφαρμογή για κινητά",
            "Ứng dụng di động",
        ),
    },
}

#: Accepted headers of the months sheet: a row per service and month.
MONTH_HEADERS: dict[str, tuple[str, ...]] = {
    "id": HEADERS["id"],
    "name": ("service name", "نام خدمت", "Όνομα υπηρεσίας", "Tên dịch vụ"),
    "month": ("month", "ماه", "Μήνας", "Tháng"),
    "transactions": ("transactions", "تعداد تراکنش", "تراکنش", "Συναλλαγές", "Số giao dịch"),
    "portal": VALUES["channels"]["portal"],
    "kiosk": VALUES["channels"]["kiosk"],
    "mobile": VALUES["channels"]["mobile"],
    "in_person": ("in_person", "in person", "حضوری", "Με φυσική παρουσία", "Trực tiếp"),
}
"""``name`` is for people reading the sheet and is not imported; ``transactions`` is a
month's count, the four channels the same count split by channel."""

#: Accepted headers of the history sheet: a row per earlier state of a service.
HISTORY_HEADERS: dict[str, tuple[str, ...]] = {
    "id": HEADERS["id"],
    "name": MONTH_HEADERS["name"],
    "on": ("on", "from", "از تاریخ", "Από", "Từ ngày"),
    "status": HEADERS["status"],
    "channels": HEADERS["channels"],
    "in_person_steps": HEADERS["in_person_steps"],
}
"""``on`` is the date from which the service had the state (``history`` of the format)."""

#: Accepted headers of the exchange sheet: the services an agency offers other bodies over
#: the collection's government exchange, a row per service, month and consumer.
EXCHANGE_HEADERS: dict[str, tuple[str, ...]] = {
    "id": HEADERS["id"],
    "name": HEADERS["name"],
    "name_local": HEADERS["name_local"],
    "month": MONTH_HEADERS["month"],
    "consumer": ("consumer", "مصرف کننده", "دستگاه مصرف کننده", "Καταναλωτής", "Bên sử dụng"),
    "inquiries": ("inquiries", "تعداد استعلام", "استعلام", "Ερωτήματα", "Số lượt tra cứu"),
}

#: Accepted names of the sheets of a workbook.
SHEETS: dict[str, tuple[str, ...]] = {
    "services": ("services", "خدمات", "Υπηρεσίες", "Dịch vụ"),
    "months": ("months", "transactions", "ماه‌ها", "تراکنش‌ها", "Μήνες", "Tháng"),
    "history": ("history", "سابقه", "Ιστορικό", "Lịch sử"),
    "exchange": ("exchange", "تبادل", "Ανταλλαγή", "Trao đổi"),
    "instructions": ("instructions", "راهنما", "Οδηγίες", "Hướng dẫn"),
}

LANGUAGES = ("en", "fa", "el", "vi")
_COLUMN = {"en": 0, "fa": 1, "el": 2, "vi": 3}

_WRITTEN_HEADERS = {
    "id": ("id", "شناسه خدمت", "Κωδικός υπηρεσίας", "Mã dịch vụ"),
    "name": ("name", "نام انگلیسی", "Όνομα στα αγγλικά", "Tên tiếng Anh"),
    "name_local": ("name_local", "نام فارسی", "Όνομα στα ελληνικά", "Tên tiếng Việt"),
    "status": ("status", "وضعیت الکترونیکی", "Κατάσταση", "Mức độ trực tuyến"),
    "type": ("type", "نوع خدمت", "Είδος υπηρεσίας", "Loại dịch vụ"),
    "audience": ("audience", "مخاطبان", "Αποδέκτες", "Đối tượng"),
    "channels": ("channels", "مجاری ارائه", "Κανάλια", "Kênh cung cấp"),
    "in_person_steps": (
        "in_person_steps",
        "مراحل حضوری",
        "Βήματα με φυσική παρουσία",
        "Bước thực hiện trực tiếp",
    ),
    "launched_on": ("launched_on", "تاریخ راه‌اندازی", "Ημερομηνία έναρξης", "Ngày triển khai"),
    "depends_on": ("depends_on", "وابسته به", "Εξαρτάται από", "Phụ thuộc vào"),
    "benchmarks": ("benchmarks", "شاخص‌های مقایسه", "Δείκτες αναφοράς", "Chuẩn so sánh"),
}
_WRITTEN_MONTH_HEADERS = {
    "id": _WRITTEN_HEADERS["id"],
    "name": ("service name", "نام خدمت", "Όνομα υπηρεσίας", "Tên dịch vụ"),
    "month": ("month", "ماه", "Μήνας", "Tháng"),
    "transactions": ("transactions", "تعداد تراکنش", "Συναλλαγές", "Số giao dịch"),
    "portal": ("portal", "پرتال", "Διαδικτυακή πύλη", "Cổng thông tin"),
    "kiosk": ("kiosk", "پیشخوان", "Κιόσκι / γκισέ", "Ki-ốt / bộ phận một cửa"),
    "mobile": ("mobile", "موبایل", "Εφαρμογή για κινητά", "Ứng dụng di động"),
    "in_person": ("in_person", "حضوری", "Με φυσική παρουσία", "Trực tiếp"),
}
_WRITTEN_VALUES = {
    "full": ("full", "تمام الکترونیک", "Πλήρως ηλεκτρονική", "Trực tuyến toàn trình"),
    "partial": ("partial", "نیمه الکترونیک", "Μερικώς ηλεκτρονική", "Trực tuyến một phần"),
    "in_person": ("in_person", "حضوری", "Μόνο με φυσική παρουσία", "Chỉ trực tiếp"),
    "unknown": ("unknown", "نیاز به اطلاعات بیشتر", "Μη επαληθευμένη", "Chưa xác minh"),
    "informational": ("informational", "اطلاع رسانی", "Ενημερωτική", "Cung cấp thông tin"),
    "interactive": ("interactive", "تعاملی", "Διαδραστική", "Tương tác"),
    "transactional": ("transactional", "تراکنشی", "Συναλλακτική", "Thực hiện giao dịch"),
    "citizens": ("citizens", "شهروندان", "Πολίτες", "Người dân"),
    "businesses": ("businesses", "کسب و کارها", "Επιχειρήσεις", "Doanh nghiệp"),
    "government": ("government", "دستگاه های دولتی", "Δημόσιοι φορείς", "Cơ quan nhà nước"),
    "portal": ("portal", "پرتال", "Διαδικτυακή πύλη", "Cổng thông tin"),
    "kiosk": ("kiosk", "پیشخوان", "Κιόσκι / γκισέ", "Ki-ốt / bộ phận một cửa"),
    "mobile": ("mobile", "موبایل", "Εφαρμογή για κινητά", "Ứng dụng di động"),
}
_WRITTEN_HISTORY_HEADERS = {
    "id": _WRITTEN_HEADERS["id"],
    "name": _WRITTEN_MONTH_HEADERS["name"],
    "on": ("on", "از تاریخ", "Από", "Từ ngày"),
    "status": _WRITTEN_HEADERS["status"],
    "channels": _WRITTEN_HEADERS["channels"],
    "in_person_steps": _WRITTEN_HEADERS["in_person_steps"],
}
_WRITTEN_EXCHANGE_HEADERS = {
    "id": _WRITTEN_HEADERS["id"],
    "name": _WRITTEN_HEADERS["name"],
    "name_local": _WRITTEN_HEADERS["name_local"],
    "month": _WRITTEN_MONTH_HEADERS["month"],
    "consumer": ("consumer", "مصرف کننده", "Καταναλωτής", "Bên sử dụng"),
    "inquiries": ("inquiries", "تعداد استعلام", "Ερωτήματα", "Số lượt tra cứu"),
}
_WRITTEN_SHEETS = {
    "services": ("services", "خدمات", "Υπηρεσίες", "Dịch vụ"),
    "months": ("months", "ماه‌ها", "Μήνες", "Tháng"),
    "history": ("history", "سابقه", "Ιστορικό", "Lịch sử"),
    "exchange": ("exchange", "تبادل", "Ανταλλαγή", "Trao đổi"),
    "instructions": ("instructions", "راهنما", "Οδηγίες", "Hướng dẫn"),
}


def written_header(field: str, lang: str) -> str:
    """The header a workbook in ``lang`` gives the services sheet's column ``field``."""
    return _WRITTEN_HEADERS[field][_COLUMN[lang]]


def written_month_header(field: str, lang: str) -> str:
    """The header a workbook in ``lang`` gives the months sheet's column ``field``."""
    return _WRITTEN_MONTH_HEADERS[field][_COLUMN[lang]]


def written_history_header(field: str, lang: str) -> str:
    """The header a workbook in ``lang`` gives the history sheet's column ``field``."""
    return _WRITTEN_HISTORY_HEADERS[field][_COLUMN[lang]]


def written_exchange_header(field: str, lang: str) -> str:
    """The header a workbook in ``lang`` gives the exchange sheet's column ``field``."""
    return _WRITTEN_EXCHANGE_HEADERS[field][_COLUMN[lang]]


def written_value(value: str, lang: str) -> str:
    """How a workbook in ``lang`` writes a status, type, audience or channel."""
    return _WRITTEN_VALUES[value][_COLUMN[lang]]


def written_sheet(sheet: str, lang: str) -> str:
    """The name of a sheet (``services``, ``months``, ``history``, ``instructions``)."""
    return _WRITTEN_SHEETS[sheet][_COLUMN[lang]]


def list_separator(lang: str) -> str:
    """How a workbook in ``lang`` separates several values in one cell."""
    return "، " if lang == "fa" else ", "
