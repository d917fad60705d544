"""Glossary QA on gettext catalogues: `newsloc glossary apply` and `newsloc glossary check`.

The glossary library renders and checks strings; this module is the file side: it reads a
catalogue, takes the target language from its `Language` header and the document order from
its entry order, and for `apply` rewrites only the entries the glossary changed.

When nothing changes the file is not written at all; when something does, only the
changed entries' blocks are rewritten (`catalog.splice`), every other byte kept.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polib

from newsloc.base.files import PlannedWrite, write_files
from newsloc.base.po.conventions import snapshot_of
from newsloc.glossary.catalogue_language import catalogue_language
from newsloc.glossary.check import CODES, CheckEntry, Checker, NearMissHint, selected_codes
from newsloc.glossary.model import Glossary
from newsloc.glossary.render import DocumentRenderer, SegmentRendering
from newsloc.translate.catalog.comments import is_glossary_comment, without_newsloc_lines
from newsloc.translate.catalog.current import check_complete_beside
from newsloc.translate.catalog.display import as_placed
from newsloc.translate.catalog.entry_state import EntryState, live_entries, mark_fuzzy, state_of
from newsloc.translate.catalog.splice import (
    apply_edits,
    line_mapping,
    plan_edits,
    split_lines,
    unified_diff,
    verify,
)
from newsloc.translate.catalog.storage import load_catalog_with_bytes
from newsloc.translate.errors import UserError
from newsloc.translate.markup import MARKUP_CODE, MARKUP_NAME, source_tags
from newsloc.translate.markup import problems as markup_problems


@dataclass(frozen=True)
class FileViolation:
    """One glossary violation in one catalogue, for `file:line: CODE concept: message`."""

    file: str
    line: int
    concept: str
    message: str
    severity: str
    #: A missing name apply would repair as a near miss: what it found and would write.
    near_misses: tuple[NearMissHint, ...] = ()
    #: The check's stable code (`NL101`) and name (`missing-name`).
    code: str = "NL101"

    @property
    def name(self) -> str:
        return CODES[self.code].name

    def format(self) -> str:
        """Linter style: the code before the concept; warnings say so before the message."""
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {self.code} {self.concept}: {label}{self.message}"

    def as_dict(self) -> dict[str, object]:
        """The JSON object, with the check's `code` and `name`; `near_misses` only on a
        violation that has them."""
        data = asdict(self)
        data["name"] = self.name
        if not self.near_misses:
            del data["near_misses"]
        return data


def check_codes(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> frozenset[str] | None:
    """The codes `--select`/`--ignore` leave (each word a code, a name or a comma list);
    None when neither is given (the policy's own, else every code). A GlossaryError names
    an unknown code."""
    words = [
        [word for item in group for word in item.split(",") if word.strip()]
        for group in (select, ignore)
    ]
    if not words[0] and not words[1]:
        return None
    return selected_codes(words[0], words[1])


@dataclass
class ApplyReport:
    """What `apply` did (or, in a dry run, would do) to one catalogue."""

    path: str
    language: str
    entries: int = 0
    #: Entries whose translation the glossary rewrote.
    changed: int = 0
    #: Entries with a mention the glossary could not find: fuzzy + a translator comment.
    flagged: int = 0
    #: Entries whose block in the file was rewritten (changed, flagged or both).
    touched: int = 0
    written: bool = False
    diff: str = ""
    #: `file:line: problem` for every mention the glossary could not place (line of msgstr).
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class _Catalogue:
    path: Path
    text: str
    po: polib.POFile
    language: str


def _read(path: Path | str, glossary: Glossary) -> _Catalogue:
    path = Path(path)
    if path.suffix != ".po":
        if not path.exists():
            raise UserError(f"{path}: no such catalogue")
        raise UserError(f"{path}: not a .po catalogue")
    return loaded_catalogue(path, *load_catalog_with_bytes(path), glossary)


def loaded_catalogue(path: Path, po: polib.POFile, data: bytes, glossary: Glossary) -> _Catalogue:
    """A catalogue already read (`load_catalog_with_bytes`), ready to check: its text and
    its language (a NewslocError when the glossary does not cover it)."""
    text = data.decode("utf-8")  # the strict reader has checked it is UTF-8
    return _Catalogue(path, text, po, catalogue_language(path, po, glossary))


class _Lines:
    """A text's lines (split at `\\n`), each cut out when asked for: a list of them would
    be another copy of a whole catalogue, for the few lines a report names."""

    def __init__(self, text: str):
        self.text = text
        self.starts = array("q", [0])
        at = text.find("\n")
        while at >= 0:
            self.starts.append(at + 1)
            at = text.find("\n", at + 1)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, number: int) -> str:
        """Line `number` (0-based) without its `\\n`."""
        start = self.starts[number]
        end = self.starts[number + 1] - 1 if number + 1 < len(self) else len(self.text)
        return self.text[start:end]


def _msgstr_line(lines: _Lines, start: int) -> int:
    """1-based line of the `msgstr` of the entry starting at line `start` (where a
    reviewer fixes it); else its start."""
    for number in range(start, len(lines) + 1):
        if lines[number - 1].lstrip().startswith("msgstr"):
            return number
    return start


def _document(po: polib.POFile) -> list[polib.POEntry]:
    """The entries that make up the article, in file order (the document order)."""
    return live_entries(po)


def _markup_violations(path: Path, entry: CheckEntry) -> list[FileViolation]:
    """The translation's inline tags against its source's (check code NL301, `markup`)."""
    wrong = markup_problems(entry.msgid, entry.msgstr)
    if not wrong:
        return []
    message = f"the translation {'; '.join(wrong)} (the source has " + (
        f"{' '.join(source_tags(entry.msgid)) or 'none'})"
    )
    return [FileViolation(str(path), entry.line, MARKUP_NAME, message, "error", code=MARKUP_CODE)]


def check_catalogs(
    paths: Iterable[Path | str], glossary: Glossary, codes: frozenset[str] | None = None
) -> list[FileViolation]:
    """Every glossary violation in the catalogues (of the `codes` given, default: the
    policy's selection); every file is read before any is checked, so unusable input fails
    (UserError) before a partial report is printed."""
    catalogues = [_read(path, glossary) for path in paths]
    return [
        found for catalogue in catalogues for found in check_catalogue(catalogue, glossary, codes)
    ]


def check_catalogue(
    catalogue: _Catalogue, glossary: Glossary, codes: frozenset[str] | None = None
) -> list[FileViolation]:
    """Every glossary violation in one catalogue already read (`loaded_catalogue`), of the
    `codes` given (default: the policy's selection)."""
    found: list[FileViolation] = []
    lines = _Lines(catalogue.text)
    checker = Checker(glossary, catalogue.language, codes)
    for entry in _document(catalogue.po):
        if entry.msgid_plural:
            checker.check(CheckEntry(entry.msgid, ""))  # counted, not checked
            continue
        check_entry = CheckEntry(
            msgid=entry.msgid,
            msgstr=entry.msgstr,
            line=_msgstr_line(lines, entry.linenum or 1),
            fuzzy=entry.fuzzy,
        )
        if MARKUP_CODE in checker.codes:
            found.extend(_markup_violations(catalogue.path, check_entry))
        with as_placed(entry, checker, glossary):
            violations = checker.check(check_entry)
        for violation in violations:
            found.append(
                FileViolation(
                    file=str(catalogue.path),
                    line=violation.line,
                    concept=violation.concept_id,
                    message=violation.message,
                    severity=violation.severity,
                    near_misses=violation.near_misses,
                    code=violation.code,
                )
            )
    return found


def render_entry(entry: polib.POEntry, rendering: SegmentRendering) -> polib.POEntry | None:
    """A copy of `entry` carrying the rendering (fuzzy + comments), or None if nothing moves.

    When the translation changes, earlier glossary translator comments are replaced by
    the current ones; when it does not, the comments are kept and only problems not yet
    noted are added, so applying twice leaves the file alone. An entry a reviewer approved
    first loses newsloc's old comments (`without_stale_comments`): the rendering's own are
    about the text as it is now. Every other comment, flag and field is kept.
    """
    cleaned = without_stale_comments(entry)
    if not rendering.needs_review:
        return cleaned
    existing = (cleaned or entry).tcomment.splitlines()
    if rendering.changed:
        kept = [line for line in existing if not is_glossary_comment(line)]
        comments = kept + rendering.comments()
    else:
        comments = existing + [p for p in rendering.problems if p not in existing]
    # A .po reader drops empty lines at the start of a translator comment (polib and
    # GNU gettext alike), so they are not written there: the file reads back as meant.
    while comments and not comments[0].strip():
        comments.pop(0)
    updated = _copy(entry, msgstr=rendering.text, tcomment="\n".join(comments))
    mark_fuzzy(updated)
    if (
        updated.msgstr == entry.msgstr
        and updated.flags == entry.flags
        and updated.tcomment == entry.tcomment
    ):
        return None
    return updated


def _copy(entry: polib.POEntry, *, msgstr: str, tcomment: str) -> polib.POEntry:
    """The entry with a new translation and translator comment, everything else kept."""
    return polib.POEntry(
        msgid=entry.msgid,
        msgstr=msgstr,
        msgctxt=entry.msgctxt,
        occurrences=list(entry.occurrences),
        comment=entry.comment,
        tcomment=tcomment,
        flags=list(entry.flags),
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        linenum=entry.linenum,
    )


def without_stale_comments(entry: polib.POEntry) -> polib.POEntry | None:
    """A copy of an entry a reviewer approved without newsloc's own translator comments
    (catalog/comments.py), or None when it has none."""
    if state_of(entry) is not EntryState.REVIEWED:
        return None
    kept = without_newsloc_lines(entry.tcomment)
    return None if kept == entry.tcomment else _copy(entry, msgstr=entry.msgstr, tcomment=kept)


def apply_to_catalog(path: Path | str, glossary: Glossary, dry_run: bool = False) -> ApplyReport:
    """Apply the glossary to a catalogue's translations, entry by entry in file order.

    Changed entries and entries with a missing name are marked fuzzy with a translator
    comment; every other entry stays byte-for-byte as it was. `dry_run` fills `diff` and
    writes nothing.
    """
    return apply_to_catalogs([path], glossary, dry_run)[0]


def _plan_apply(
    catalogue: _Catalogue, glossary: Glossary, with_diff: bool = False
) -> tuple[ApplyReport, str]:
    """What `apply` makes of one catalogue: the report and the new text (not written);
    the diff only `with_diff` (a dry run prints it)."""
    report = ApplyReport(path=str(catalogue.path), language=catalogue.language)
    renderer = DocumentRenderer(glossary, catalogue.language)
    updates: list[tuple[polib.POEntry, polib.POEntry]] = []
    flagged: list[tuple[int, list[str]]] = []  # (the entry's first line, problems)
    for entry in _document(catalogue.po):
        report.entries += 1
        with as_placed(entry, renderer, glossary):
            if entry.msgid_plural or not entry.msgstr.strip():
                renderer.pass_over(entry.msgid)
                continue
            rendering = renderer.render(entry.msgid, entry.msgstr)
        report.changed += rendering.changed
        report.flagged += bool(rendering.problems)
        if rendering.problems:
            flagged.append((entry.linenum or 1, rendering.problems))
        updated = render_entry(entry, rendering)
        if updated is not None:
            updates.append((entry, updated))
    report.touched = len(updates)
    if not updates and not flagged:
        return report, catalogue.text
    old_lines = split_lines(catalogue.text)
    edits = plan_edits(old_lines, catalogue.po, updates)
    verify(catalogue.path, edits)
    text = apply_edits(old_lines, edits)
    lines = _Lines(text)
    new_line = line_mapping(edits)
    for start, problems in flagged:
        line = _msgstr_line(lines, new_line(start))
        report.problems.extend(f"{catalogue.path}:{line}: {problem}" for problem in problems)
    if updates and with_diff:
        report.diff = unified_diff(
            old_lines,
            edits,
            fromfile=str(catalogue.path),
            tofile=f"{catalogue.path} (glossary applied)",
        )
    return report, text


def apply_to_catalogs(
    paths: Iterable[Path | str],
    glossary: Glossary,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[ApplyReport]:
    """`apply` on several files: every file is read, checked and rewritten in memory
    first, then all changed files are written together (`base.files.write_files`), so one
    bad or unwritable file leaves every file as it was. A file someone saved since it was
    read is not overwritten (`WriteConflict`). `progress(done, total)` follows the files."""
    paths = list(paths)
    reports: list[ApplyReport] = []
    writes: list[PlannedWrite] = []
    for done, path in enumerate(paths):
        if progress is not None:
            progress(done, len(paths))
        catalogue = _read(path, glossary)
        check_complete_beside(catalogue.po, catalogue.path)  # never written back short
        report, text = _plan_apply(catalogue, glossary, dry_run)
        reports.append(report)
        if report.touched and not dry_run:
            writes.append(
                PlannedWrite(catalogue.path, text.encode("utf-8"), snapshot_of(catalogue.po))
            )
        # Only the bytes to write are kept: one catalogue's entries and text at a time
        # (three catalogues of 50,000 paragraphs held at once passed 1 GB).
        del catalogue, text
    if progress is not None:
        progress(len(paths), len(paths))
    if writes:
        write_files(writes)
        for report in reports:
            report.written = bool(report.touched)
    return reports
