"""gettext conventions every newsloc catalogue shares: strict reading, wrap width, plural
forms and the target language read from the `Language` header.

Reading is strict so that a reviewer's text is never silently cut short.

polib is lenient: it truncates an unterminated string and accepts duplicate msgids, and
whatever is then written back would lose the reviewer's text. A catalogue is therefore
checked first: every quoted string ends on its line, Babel's parser accepts the structure,
and polib finds no duplicates. Used for glossary review catalogues here and for article
catalogues by the application.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import polib
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po

from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.model import CASES, Glossary

#: Babel 2.18 gives Armenian one plural form; CLDR and translate-toolkit say two
#: (docs/catalogues.md), and every newsloc catalogue must agree.
_PLURAL_OVERRIDES = {"hy": "nplurals=2; plural=(n > 1);"}


def plural_forms(language: str) -> str:
    """The Plural-Forms header for `language`, with newsloc's Armenian correction."""
    if language in _PLURAL_OVERRIDES:
        return _PLURAL_OVERRIDES[language]
    try:
        return str(get_plural(language))
    except ValueError:
        return "nplurals=2; plural=(n != 1);"


def catalogue_language(path: Path, po: polib.POFile, glossary: Glossary) -> str:
    """The target language from the `Language` header (`ru`, `ru_RU` and `ru-RU` all mean
    `ru`), checked against the languages the contract's case tables and the glossary cover."""
    raw = (po.metadata.get("Language") or "").strip()
    if not raw:
        raise GlossaryError(f"{path}: no Language header; cannot tell the target language")
    language = raw.replace("-", "_").split("_")[0].lower()
    if language not in CASES:
        supported = ", ".join(CASES)
        raise GlossaryError(
            f"{path}: Language {raw!r} is not supported (newsloc writes {supported})"
        )
    if language not in glossary.targets:
        covered = ", ".join(glossary.targets)
        raise GlossaryError(
            f"{path}: Language {raw!r} is not covered by the glossary {glossary.path} ({covered})"
        )
    return language


#: msgmerge's wrap width, so a catalogue diff stays small between tools.
WRAP_WIDTH = 76

_KEYWORD_LINE = re.compile(
    r'^(?:#[~|]\s*)*(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)?\s*(".*)$'
)
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def read_catalogue(path: Path) -> polib.POFile:
    """The catalogue at `path` (which must exist), or a one-line GlossaryError naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise GlossaryError(f"{path}: not a readable gettext catalogue: not UTF-8") from None
    except OSError as exc:
        raise GlossaryError(f"{path}: cannot read: {exc.strerror}") from None
    _check_strings(path, text)
    try:
        read_po(io.BytesIO(text.encode("utf-8")), abort_invalid=True)
        return polib.pofile(text, wrapwidth=WRAP_WIDTH, check_for_duplicates=True)
    except (PoFileError, OSError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        reason = re.sub(r" on \d+$", "", reason)  # Babel's line number here is always 0
        raise GlossaryError(f"{path}: not a readable gettext catalogue: {reason}") from None


def _check_strings(path: Path, text: str) -> None:
    """Every quoted string in the catalogue ends on its own line."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("#") and not stripped.startswith(("#~", "#|")):
            continue
        found = _KEYWORD_LINE.match(stripped)
        if found and not _QUOTED.fullmatch(found.group(1)):
            raise GlossaryError(
                f"{path}:{number}: not a readable gettext catalogue: unterminated string"
            )
