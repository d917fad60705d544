"""The one reading of a language list on the command line (`--to hy,az,ru`, `--lang hy,ru`)."""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem

from newsloc.glossary.model import SOURCE_LANGUAGE
from newsloc.translate.errors import UserError

#: Codes Babel accepts that name no language a reader could read.
_NOT_LANGUAGES = frozenset({"und", "root", "mul", "zxx", "mis"})


def parse_languages(value: str, option: str) -> list[str]:
    """`hy,az,ru` -> ["hy", "az", "ru"] (repeats once, empty items skipped), or a
    UserError naming the option and the code that is not a target language."""
    from babel import Locale, UnknownLocaleError  # Babel's data loads when a command runs

    codes = [code.strip() for code in value.split(",") if code.strip()]
    if not codes:
        raise UserError(f"{option}: give at least one language code, e.g. {option} hy,az,ru")
    for code in codes:
        if code == SOURCE_LANGUAGE:
            raise UserError(f"{option}: {code!r} is the source language")
        if not code.isalpha() or not code.islower() or code in _NOT_LANGUAGES:
            raise UserError(f"{option}: {code!r} is not a language code (use e.g. hy, az, ru)")
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            raise UserError(f"{option}: unknown language code {code!r}") from None
    return list(dict.fromkeys(codes))


#: The languages newsloc translates into, offered by shell completion.
TARGETS = ("hy", "az", "ru")


def complete_languages(
    _ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Completion of a language list: the targets not yet named, after the last comma
    (`--to ru,a` offers `ru,az`)."""
    done, _, word = incomplete.rpartition(",")
    named = set(done.split(","))
    prefix = f"{done}," if done else ""
    return [
        CompletionItem(prefix + code)
        for code in TARGETS
        if code.startswith(word) and code not in named
    ]
