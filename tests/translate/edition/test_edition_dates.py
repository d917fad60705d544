"""The edition's date: the house pattern with CLDR's month names, kept in the cache."""

from __future__ import annotations

import datetime as dt

import pytest
from babel import Locale
from babel.dates import format_date

from newsloc.translate.edition import dates
from newsloc.translate.edition.dates import DATE_PATTERNS, format_edition_date


@pytest.mark.parametrize("language", sorted(DATE_PATTERNS))
def test_every_month_reads_as_babel_writes_the_house_pattern(language: str) -> None:
    locale = Locale.parse(language)
    for month in range(1, 13):
        for day in (1, 9, 28):
            date = dt.date(2026, month, day)
            assert format_edition_date(date, locale) == format_date(
                date, format=DATE_PATTERNS[language], locale=locale
            )


def test_russian_month_is_genitive_and_the_year_marked() -> None:
    assert format_edition_date(dt.date(2026, 3, 3), Locale.parse("ru")) == "3 марта 2026\u00a0г."


def test_a_language_without_house_pattern_gets_cldr_long_date() -> None:
    locale = Locale.parse("de")
    date = dt.date(2026, 3, 3)
    assert format_edition_date(date, locale) == format_date(date, format="long", locale=locale)


def test_month_names_come_back_from_the_cache_without_babel(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dates.month_names.cache_clear()
    first = dates.month_names("hy")
    dates.month_names.cache_clear()  # a new process: memory empty, the disk cache kept

    def no_locale_data(*args: object, **kwargs: object) -> None:
        raise AssertionError("Babel's locale data read again")

    monkeypatch.setattr("babel.dates.get_month_names", no_locale_data)
    assert dates.month_names("hy") == first
    dates.month_names.cache_clear()


def test_without_a_disk_cache_babel_gives_the_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLOC_NO_CACHE", "1")
    dates.month_names.cache_clear()
    assert dates.month_names("az")[0] == format_date(
        dt.date(2026, 1, 5), format="MMMM", locale=Locale.parse("az")
    )
    dates.month_names.cache_clear()
