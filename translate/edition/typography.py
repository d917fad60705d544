"""The typographic conventions of each edition's language, applied to published text only.

Engines (and hurried reviewers) leave English habits in a translation: “ ” or straight
quotes, a spaced hyphen for a dash, a Latin full stop in Armenian. An edition fixes them
as it prints; the catalogues are never changed, so a reviewer's text and `glossary check`
see exactly what was written. `--no-typography` switches every rule off.

The rules (docs/editions.md lists them with examples):

- ru: quotes «…», nested „…“ (straight and curly English quotes, at any depth); a no-break
  space before a dash; a spaced hyphen or en dash between words becomes an em dash.
- hy: quotes «…» at every depth (CLDR's Armenian quotation marks); the Armenian full stop
  ։ (U+0589) for a Latin full stop, or a colon used as one, that ends a sentence after an
  Armenian word.
- az: straight double quotes become “…”, nested ‘…’ (CLDR's Azerbaijani quotation marks);
  «…» and “…” a reviewer wrote are both in use and are kept as written.
- other languages: unchanged.

Only double quotation marks are touched: a single ’ is as often an apostrophe.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

NBSP = "\u00a0"
ARMENIAN_FULL_STOP = "\u0589"

#: Every double quotation mark an engine or a reviewer may type.
_QUOTES = '"“”„«»'
#: After one of these (or at the start of the text) a straight quote opens.
_OPEN_CONTEXT = re.compile(r"[\s(\[{\u2014\u2013/-]")


@dataclass(frozen=True)
class QuoteStyle:
    """Opening and closing marks for the outer and the nested level."""

    outer: tuple[str, str]
    inner: tuple[str, str]


def _opens(text: str, index: int, stack: list[str]) -> bool:
    """Whether the quotation mark at `index` opens a quotation (given what is open).

    « and „ open, » and ” close; “ closes a „ (the Russian and German pair) and otherwise
    opens; a straight " opens at the start of the text or after a space, a bracket or a
    dash when a word follows, and otherwise closes.
    """
    char = text[index]
    if char in "«„":
        return True
    if char in "»”":
        return False
    if char == "“":
        return not (stack and stack[-1] == "„")
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return bool(_OPEN_CONTEXT.match(before)) and not after.isspace()


def convert_quotes(text: str, style: QuoteStyle, keep: str = "") -> str:
    """Every double quotation mark in `text` in `style`, nesting tracked across the text.

    Marks in `keep` (for az: «» and “”) count for nesting but are left as written. When
    the marks do not pair up the text is returned unchanged: a guess would be worse than
    the marks as written.
    """
    marks = [i for i, char in enumerate(text) if char in _QUOTES]
    if not marks:
        return text
    chars = list(text)
    stack: list[str] = []
    for index in marks:
        if _opens(text, index, stack):
            level = style.outer if not stack else style.inner
            replacement = level[0]
            stack.append(text[index])
        else:
            if not stack:
                return text
            stack.pop()
            level = style.outer if not stack else style.inner
            replacement = level[1]
        if text[index] not in keep:
            chars[index] = replacement
    return text if stack else "".join(chars)


# ---------------------------------------------------------------- Russian

_RU_QUOTES = QuoteStyle(outer=("«", "»"), inner=("„", "“"))
#: A dash (or a hyphen / en dash used as one) with spaces around it, after a word.
_RU_DASH = re.compile(r"(?<=\S)[ \u00a0]+[-\u2013\u2014](?=[ \u00a0])")


def russian_dashes(text: str) -> str:
    """`слово - слово`, `слово – слово`, `слово — слово` → `слово — слово` (no-break before).

    Only a dash with spaces on both sides is a dash: `кто-то`, `1990–2000` and `-5` stay.
    """
    return _RU_DASH.sub(NBSP + "\u2014", text)


def russian(text: str) -> str:
    return russian_dashes(convert_quotes(text, _RU_QUOTES))


# ---------------------------------------------------------------- Armenian

_HY_QUOTES = QuoteStyle(outer=("«", "»"), inner=("«", "»"))
_HY_LETTER = "\u0531-\u0556\u0561-\u0587"
_HY_UPPER = "\u0531-\u0556"
#: Abbreviations whose full stop is part of the word: թ. (year), թթ., դ. (century),
#: մ.թ.ա., կմ., պրն. … A full stop after them is left alone.
HY_ABBREVIATIONS = frozenset(
    "թ թթ դ դդ մ.թ.ա մ.թ ն.թ.ա կմ մ սմ կգ գ տ պրն տկն տիկ օր էջ հմմտ ք փ հ ս.թ".split()
)
_HY_STOP = re.compile(
    rf"(?P<word>[{_HY_LETTER}][{_HY_LETTER}.]*)(?P<close>[»”\")\]]*)(?P<stop>[.:])"
    rf"(?=\s+(?P<next>.)|$)",
    re.DOTALL,
)


def armenian_full_stops(text: str) -> str:
    """A Latin `.` (or a `:` used as one) that ends a sentence after an Armenian word → ։.

    A full stop ends a sentence at the end of the text or before white space and a capital
    letter or a digit. A colon is taken for a full stop at the end of the text, and before
    white space and an Armenian capital only when the text has no ։ at all (the writer
    used `:` for every full stop). Left alone: a mark inside a word or number (`3.5`,
    `www.gov.am`), after a Latin word or a digit (`Inc.`, `2026.`), after an Armenian
    abbreviation (`թ.`, `կմ.`), and a `.` before a lower-case word or a quotation (that
    is Armenian's colon, միջակետ: `ասաց. «…»`).
    """
    colon_is_stop = ARMENIAN_FULL_STOP not in text

    def fix(found: re.Match[str]) -> str:
        word, stop, following = found.group("word"), found.group("stop"), found.group("next")
        if word.lower() in HY_ABBREVIATIONS:
            return found.group()
        if following is not None:
            if stop == ".":
                ends = following.isupper() or following.isdigit()
            else:
                ends = colon_is_stop and bool(re.match(f"[{_HY_UPPER}]", following))
            if not ends:
                return found.group()
        return word + found.group("close") + ARMENIAN_FULL_STOP

    return _HY_STOP.sub(fix, text)


def armenian(text: str) -> str:
    return armenian_full_stops(convert_quotes(text, _HY_QUOTES))


# ---------------------------------------------------------------- Azerbaijani

_AZ_QUOTES = QuoteStyle(outer=("“", "”"), inner=("‘", "’"))


def azerbaijani(text: str) -> str:
    return convert_quotes(text, _AZ_QUOTES, keep="«»“”„")


RULES: dict[str, Callable[[str], str]] = {"ru": russian, "hy": armenian, "az": azerbaijani}


def apply_typography(text: str, language: str) -> str:
    """`text` with the conventions of `language`; unchanged for a language without rules."""
    rule = RULES.get(language.replace("-", "_").split("_")[0].lower())
    return rule(text) if rule else text
