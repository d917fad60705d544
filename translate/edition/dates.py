"""The edition's date in its language: the house pattern, CLDR's month names.

The dateline's pattern is the newsroom's house style, owned here so that an edition does
not change when a Babel release brings new CLDR data (Babel 2.19 moved the Armenian year
to the front). Month names still come from CLDR through Babel; but Babel reads a
language's whole locale data (hundreds of kilobytes of pickles) to give them, which was a
fifth of a small `edition build`. So the twelve names a language uses are read from Babel
once and kept in newsloc's cache folder (`glossary.cache`, keyed by Babel's version: new
CLDR data is read afresh); a house pattern asks for nothing else, since its day and year
are plain digits. A language without a house pattern gets CLDR's long date from Babel.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import cache

import babel
from babel import Locale

from newsloc.glossary import cache as disk_cache

DATE_PATTERNS = {
    "en": "d MMMM y",
    "hy": "d MMMM y '\u0569.'",
    "az": "d MMMM y",
    "ru": "d MMMM y'\u00a0\u0433.'",
}

#: The only fields a house pattern may use (day, month's full name, year).
_FIELDS = frozenset({"d", "MMMM", "y"})


def format_edition_date(date: dt.date, locale: Locale) -> str:
    """The article date in the edition's house style; CLDR's long date elsewhere."""
    pattern = DATE_PATTERNS.get(locale.language)
    if pattern is None:
        from babel.dates import format_date

        return format_date(date, format="long", locale=locale)
    fields = {"d": str(date.day), "MMMM": month_names(str(locale))[date.month - 1]}
    fields["y"] = str(date.year)
    return _template(pattern) % fields


@cache
def _template(pattern: str) -> str:
    """`pattern` as a %-template (Babel's own parse of it); only the house fields."""
    from babel.dates import parse_pattern

    template: object = parse_pattern(pattern).format  # a str (Babel's annotation says not)
    if not isinstance(template, str):
        raise TypeError(f"Babel parsed {pattern!r} into {template!r}")
    unknown = set(re.findall(r"%\((\w+)\)s", template)) - _FIELDS
    if unknown:
        raise ValueError(f"house date pattern {pattern!r} uses {sorted(unknown)}")
    return template


@cache
def month_names(locale: str) -> tuple[str, ...]:
    """The twelve month names of `locale` as a date writes them (CLDR's wide format
    names), from the disk cache when this Babel version already gave them."""
    key = hashlib.sha256(f"newsloc month names\0{babel.__version__}\0{locale}".encode()).hexdigest()
    stored = disk_cache.load(key, tuple)
    if isinstance(stored, tuple) and len(stored) == 12 and all(isinstance(n, str) for n in stored):
        return stored
    from babel.dates import get_month_names

    names = get_month_names("wide", "format", locale=Locale.parse(locale))
    value = tuple(names[month] for month in range(1, 13))
    disk_cache.store(key, value)
    return value
