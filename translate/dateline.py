"""The article's date, read from its dateline: `YEREVAN/BAKU, 3 March 2026 (Newsloc) – …`.

A news article says when it was written in its first lines: `PLACE, 3 March 2026`,
`PLACE, March 3, 2026`, `PLACE, Sept. 19, 2023` or `2023-09-19`. The edition's date comes
from there (or from `--date`), never from the day `translate` happened to run.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = (
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)
#: How far into the article a dateline may stand: its first lines, not a date in the story.
_DATELINE_REACH = 200


def dateline_date(first_paragraph: str) -> date | None:
    """The date the article's dateline gives, or None when its opening names none."""
    opening = first_paragraph[:_DATELINE_REACH]
    found = [(m.start(), m) for pattern in _PATTERNS for m in [pattern.search(opening)] if m]
    for _, match in sorted(found, key=lambda item: item[0]):
        month = match.group("month")
        number = int(month) if month.isdigit() else _MONTHS[month.lower()]
        try:
            return date(int(match.group("year")), number, int(match.group("day")))
        except ValueError:
            continue
    return None
