"""The translator comments newsloc writes into catalogue entries, and recognising them.

newsloc writes two kinds of `# ` translator comment lines: the machine-translation line
(`machine translation: argos en→ru 1.9 (translate-en_ru)`) and the glossary's lines
(`glossary: …`: what it changed, what it could not find). Every other translator comment
line is a person's and is never changed. Once a reviewer has approved an entry (cleared
`fuzzy`), newsloc's own lines describe text that is no longer there: the next `translate`
or `glossary apply` drops them (`drop_stale_comments`). docs/catalogues.md says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polib

from newsloc.glossary.render import COMMENT_PREFIX as GLOSSARY_PREFIX
from newsloc.translate.catalog.entry_state import EntryState, state_of

MACHINE_PREFIX = "machine translation: "
#: Translator-comment lines newsloc writes start with one of these; the rest are people's.
NEWSLOC_PREFIXES = (MACHINE_PREFIX, GLOSSARY_PREFIX)


def machine_comment(engine: str) -> str:
    """The line that says where machine output came from."""
    return f"{MACHINE_PREFIX}{engine}"


def is_glossary_comment(line: str) -> bool:
    return line.startswith(GLOSSARY_PREFIX)


def is_newsloc_comment(line: str) -> bool:
    """True for a translator-comment line newsloc wrote (machine or glossary)."""
    return line.startswith(NEWSLOC_PREFIXES)


def without_newsloc_lines(tcomment: str) -> str:
    """The translator comment with newsloc's lines taken out, a person's lines as they were.

    Empty lines are not left at the start: a .po reader drops them there (polib and GNU
    gettext alike), so the file would not read back as written.
    """
    lines = [line for line in tcomment.split("\n") if not is_newsloc_comment(line)]
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def with_machine_comments(tcomment: str, engine: str, notes: Sequence[str] = ()) -> str:
    """Translator comments for fresh machine output: a person's lines as they were, then
    newsloc's lines for this run (the engine, then the glossary's comments)."""
    kept = without_newsloc_lines(tcomment)
    return "\n".join([*([kept] if kept else []), machine_comment(engine), *notes])


def drop_stale_comments(entries: Iterable[polib.POEntry]) -> int:
    """Remove newsloc's own translator comments from the entries a reviewer has approved
    (not fuzzy, translated); return how many entries changed. A person's lines stay."""
    changed = 0
    for entry in entries:
        if entry.obsolete or state_of(entry) is not EntryState.REVIEWED:
            continue
        kept = without_newsloc_lines(entry.tcomment)
        if kept != entry.tcomment:
            entry.tcomment = kept
            changed += 1
    return changed
