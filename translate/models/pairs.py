"""Language pairs as users type them: `en-ru`, `en_ru`, or `ru` meaning English→Russian."""

from __future__ import annotations

import re

from newsloc.glossary.model import SOURCE_LANGUAGE
from newsloc.translate.errors import UserError

#: A bare target code means a pair from English: the language of the articles newsloc
#: translates, and so of the glossary's mentions (one constant for both).
DEFAULT_SOURCE = SOURCE_LANGUAGE

_CODE = re.compile(r"[a-z]{2,3}")


def parse_pair(text: str) -> tuple[str, str]:
    """("en", "ru") from "en-ru", "en_ru", "EN→RU" or "ru"; a UserError for anything else."""
    cleaned = text.strip().lower().replace("→", "-").replace("_", "-")
    parts = cleaned.split("-")
    if len(parts) == 1:
        parts = [DEFAULT_SOURCE, parts[0]]
    if len(parts) != 2 or not all(_CODE.fullmatch(part) for part in parts):
        raise UserError(
            f"{text!r} is not a language pair: write it as en-ru, en_ru, or just ru (from English)"
        )
    if parts[0] == parts[1]:
        raise UserError(f"{text!r}: source and target language are the same")
    return parts[0], parts[1]


def format_pair(source: str, target: str) -> str:
    """The pair as newsloc shows it: "en→ru"."""
    return f"{source}→{target}"
