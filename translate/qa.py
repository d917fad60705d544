"""Glossary QA on gettext catalogues: `newsloc glossary apply` and `newsloc glossary check`.

The glossary library renders and checks strings; this module is the file side: it reads a
catalogue, takes the target language from its `Language` header and the document order from
its entry order, and for `apply` rewrites only the entries the glossary changed.

Reviewers' files come from Poedit, Weblate or a text editor, each wrapping lines its own
way, so `apply` never re-serialises a whole catalogue: when nothing changes the file is not
written at all, and when something does, only the changed entries' blocks are replaced in
the original text (found from polib's entry line numbers), every other byte kept. The
result is parsed back and compared with what was meant before it replaces the file.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polib
from newsloc.glossary.check import CheckEntry, Checker
from newsloc.glossary.exchange.pofile import WRAP_WIDTH
from newsloc.glossary.fileio import atomic_write_text
from newsloc.glossary.loader import load_default_glossary, load_glossary
from newsloc.glossary.model import CASES, Glossary
from newsloc.glossary.render import DocumentRenderer, SegmentRendering
from newsloc.translate.catalog import load_catalog
from newsloc.translate.errors import UserError

#: Translator-comment lines `apply` owns: replaced (not piled up) when it rewrites an entry.
GLOSSARY_COMMENT_PREFIX = "glossary: "


@dataclass(frozen=True)
class FileViolation:
    """One glossary violation in one catalogue, for `file:line: concept: message` output."""

    file: str
    line: int
    concept: str
    message: str
    severity: str

    def format(self) -> str:
        """Compiler style; warnings say so after the concept, as `gcc` puts it first."""
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {self.concept}: {label}{self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


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


def load_glossary_for_check(path: Path | str | None) -> Glossary:
    """The glossary at `path`, or the curated default (shared with `catalog stats`)."""
    return load_default_glossary() if path is None else load_glossary(path)


def catalogue_language(path: Path, po: polib.POFile, glossary: Glossary) -> str:
    """The catalogue's target language from its `Language` header, checked against the
    languages the glossary (and the contract's case tables) cover."""
    raw = (po.metadata.get("Language") or "").strip()
    if not raw:
        raise UserError(f"{path}: no Language header; cannot tell the target language")
    language = raw.replace("-", "_").split("_")[0].lower()
    if language not in CASES:
        supported = ", ".join(CASES)
        raise UserError(f"{path}: Language {raw!r} is not supported (newsloc writes {supported})")
    if language not in glossary.targets:
        covered = ", ".join(glossary.targets)
        raise UserError(f"{path}: Language {raw!r} is not covered by the glossary ({covered})")
    return language


def _read(path: Path | str, glossary: Glossary) -> _Catalogue:
    path = Path(path)
    if path.suffix != ".po":
        if not path.exists():
            raise UserError(f"{path}: no such catalogue")
        raise UserError(f"{path}: not a .po catalogue")
    po = load_catalog(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read catalogue: {exc}") from None
    return _Catalogue(path, text, po, catalogue_language(path, po, glossary))


def _msgstr_line(lines: Sequence[str], entry: polib.POEntry) -> int:
    """1-based line of the entry's `msgstr` (where a reviewer fixes it); else its start."""
    start = entry.linenum or 1
    for number in range(start, len(lines) + 1):
        if lines[number - 1].lstrip().startswith("msgstr"):
            return number
    return start


def _document(po: polib.POFile) -> list[polib.POEntry]:
    """The entries that make up the article, in file order (the document order)."""
    return [entry for entry in po if not entry.obsolete and entry.msgid]


def check_catalogs(paths: Iterable[Path | str], glossary: Glossary) -> list[FileViolation]:
    """Every glossary violation in the catalogues; every file is read before any is checked,
    so unusable input fails (UserError) before a partial report is printed."""
    catalogues = [_read(path, glossary) for path in paths]
    found: list[FileViolation] = []
    for catalogue in catalogues:
        lines = catalogue.text.splitlines()
        checker = Checker(glossary, catalogue.language)
        for entry in _document(catalogue.po):
            if entry.msgid_plural:
                checker.check(CheckEntry(entry.msgid, ""))  # counted, not checked
                continue
            check_entry = CheckEntry(
                msgid=entry.msgid,
                msgstr=entry.msgstr,
                line=_msgstr_line(lines, entry),
                fuzzy=entry.fuzzy,
            )
            for violation in checker.check(check_entry):
                found.append(
                    FileViolation(
                        file=str(catalogue.path),
                        line=violation.line,
                        concept=violation.concept_id,
                        message=violation.message,
                        severity=violation.severity,
                    )
                )
    return found


def render_entry(entry: polib.POEntry, rendering: SegmentRendering) -> polib.POEntry | None:
    """A copy of `entry` carrying the rendering (fuzzy + comments), or None if nothing moves.

    When the translation changes, earlier `glossary: ` translator comments are replaced by
    the current ones; when it does not, the comments are kept and only problems not yet
    noted are added, so applying twice leaves the file alone. Every other comment, flag and
    field is kept.
    """
    if not rendering.needs_review:
        return None
    existing = entry.tcomment.splitlines()
    if rendering.changed:
        kept = [line for line in existing if not line.startswith(GLOSSARY_COMMENT_PREFIX)]
        comments = kept + rendering.comments()
    else:
        comments = existing + [p for p in rendering.problems if p not in existing]
    flags = list(entry.flags)
    if "fuzzy" not in flags:
        flags.insert(0, "fuzzy")
    if (
        rendering.text == entry.msgstr
        and flags == entry.flags
        and "\n".join(comments) == entry.tcomment
    ):
        return None
    updated = polib.POEntry(
        msgid=entry.msgid,
        msgstr=rendering.text,
        msgctxt=entry.msgctxt,
        occurrences=list(entry.occurrences),
        comment=entry.comment,
        tcomment="\n".join(comments),
        flags=flags,
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        linenum=entry.linenum,
    )
    return updated


def _blocks(lines: Sequence[str], po: polib.POFile) -> dict[int, tuple[int, int]]:
    """id(entry) -> [start, end) line indexes (0-based) of its block, blank lines excluded."""
    starts = [*sorted({entry.linenum for entry in po if entry.linenum}), len(lines) + 1]
    following = dict(itertools.pairwise(starts))
    blocks: dict[int, tuple[int, int]] = {}
    for entry in po:
        if not entry.linenum:
            continue
        begin, end = entry.linenum - 1, following[entry.linenum] - 1
        while end > begin and not lines[end - 1].strip():
            end -= 1
        blocks[id(entry)] = (begin, end)
    return blocks


_OTHER_COMMENTS = ("#.", "#:", "#,", "#|", "#~")


def _is_translator_comment(line: str) -> bool:
    return line.startswith("#") and not line.startswith(_OTHER_COMMENTS)


def _edit_block(block: list[str], new: polib.POEntry, newline: str) -> list[str]:
    """The entry's lines with only translator comments, flags and msgstr replaced.

    The msgid, references, extracted comments and previous msgid keep the reviewer's own
    wrapping; the replaced parts are written the way polib (and msgmerge) write them.
    """
    written = new.__unicode__(wrapwidth=WRAP_WIDTH).rstrip("\n").split("\n")
    comments = [line + newline for line in written if _is_translator_comment(line)]
    flags = [line + newline for line in written if line.startswith("#,")]
    first_msgstr = next(i for i, line in enumerate(written) if line.startswith("msgstr"))
    msgstr = [line + newline for line in written[first_msgstr:]]

    kept = [line for line in block if not _is_translator_comment(line)]
    flag_at = next((i for i, line in enumerate(kept) if line.startswith("#,")), None)
    kept = [line for line in kept if not line.startswith("#,")]
    if flag_at is None:
        flag_at = next(
            i for i, line in enumerate(kept) if line.startswith(("#|", "msgctxt", "msgid"))
        )
    kept[flag_at:flag_at] = flags
    msgstr_at = next(i for i, line in enumerate(kept) if line.startswith("msgstr"))
    last_ending = block[-1][len(block[-1].rstrip("\r\n")) :]
    edited = comments + kept[:msgstr_at] + msgstr
    edited[-1] = edited[-1].rstrip("\r\n") + last_ending
    return edited


def _splice(catalogue: _Catalogue, updates: list[tuple[polib.POEntry, polib.POEntry]]) -> str:
    """The original text with only the updated entries' blocks edited."""
    lines = catalogue.text.splitlines(keepends=True)
    blocks = _blocks(lines, catalogue.po)
    newline = "\r\n" if catalogue.text.count("\r\n") * 2 > catalogue.text.count("\n") else "\n"
    for old, new in sorted(updates, key=lambda pair: blocks[id(pair[0])][0], reverse=True):
        begin, end = blocks[id(old)]
        lines[begin:end] = _edit_block(lines[begin:end], new, newline)
    return "".join(lines)


def _verify(catalogue: _Catalogue, text: str, updates: dict[int, polib.POEntry]) -> polib.POFile:
    """Parse the spliced text back; it must hold exactly the intended entries."""
    reread = polib.pofile(text, wrapwidth=WRAP_WIDTH)
    before = list(catalogue.po)
    after = list(reread)
    fields = ("msgid", "msgstr", "msgctxt", "flags", "tcomment", "comment", "obsolete")
    ok = len(before) == len(after) and reread.metadata == catalogue.po.metadata
    for old, new in zip(before, after, strict=False):
        if not ok:
            break
        wanted = updates.get(id(old), old)
        ok = all(getattr(wanted, name) == getattr(new, name) for name in fields)
    if not ok:
        raise UserError(
            f"{catalogue.path}: could not rewrite its entries safely; the file was left as it is"
        )
    return reread


def apply_to_catalog(path: Path | str, glossary: Glossary, dry_run: bool = False) -> ApplyReport:
    """Apply the glossary to a catalogue's translations, entry by entry in file order.

    Changed entries and entries with a missing name are marked fuzzy with a translator
    comment; every other entry stays byte-for-byte as it was. `dry_run` fills `diff` and
    writes nothing.
    """
    catalogue = _read(path, glossary)
    report = ApplyReport(path=str(catalogue.path), language=catalogue.language)
    renderer = DocumentRenderer(glossary, catalogue.language)
    updates: list[tuple[polib.POEntry, polib.POEntry]] = []
    flagged: list[tuple[int, list[str]]] = []  # (index in the file's entries, problems)
    positions = {id(entry): i for i, entry in enumerate(catalogue.po)}
    for entry in _document(catalogue.po):
        report.entries += 1
        if entry.msgid_plural or not entry.msgstr.strip():
            renderer.pass_over(entry.msgid)
            continue
        rendering = renderer.render(entry.msgid, entry.msgstr)
        report.changed += rendering.changed
        report.flagged += bool(rendering.problems)
        if rendering.problems:
            flagged.append((positions[id(entry)], rendering.problems))
        updated = render_entry(entry, rendering)
        if updated is not None:
            updates.append((entry, updated))
    report.touched = len(updates)
    text, result = catalogue.text, catalogue.po
    if updates:
        text = _splice(catalogue, updates)
        result = _verify(catalogue, text, {id(old): new for old, new in updates})
    lines = text.splitlines()
    for index, problems in flagged:
        line = _msgstr_line(lines, result[index])
        report.problems.extend(f"{catalogue.path}:{line}: {problem}" for problem in problems)
    if not updates:
        return report
    report.diff = "".join(
        difflib.unified_diff(
            catalogue.text.splitlines(keepends=True),
            text.splitlines(keepends=True),
            fromfile=str(catalogue.path),
            tofile=f"{catalogue.path} (glossary applied)",
        )
    )
    if not dry_run:
        atomic_write_text(catalogue.path, text)
        report.written = True
    return report


def apply_to_catalogs(
    paths: Iterable[Path | str], glossary: Glossary, dry_run: bool = False
) -> list[ApplyReport]:
    """`apply_to_catalog` for several files; all are read and checked before any is written."""
    paths = list(paths)
    for path in paths:
        _read(path, glossary)
    return [apply_to_catalog(path, glossary, dry_run) for path in paths]
