"""TSV and CSV term lists in the shapes DeepL, Google Cloud Translation and Amazon Translate accept.

A term row is one English spelling (a name or one of its `en.*` spellings) and that name's
nominative in the target language(s). These formats cannot say "keep both names" or "inflect
by case", so they carry only what a machine-translation service can use; docs/glossary-exchange.md
explains the shapes and what is lost.

- TSV (DeepL glossary entries, Google unidirectional glossary): `source<TAB>target`, one
  target language, no header.
- CSV (Amazon Translate custom terminology, Google equivalent term sets): a header row of
  language codes (`en,hy,az,ru`, or `en,ru` with one language), then one row per spelling.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.model import Concept, Glossary, NameForms

_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
#: Extra columns Google's equivalent-term-sets CSV allows beside the language codes.
_GOOGLE_EXTRA_COLUMNS = ("pos", "description")


def _label(glossary: Glossary) -> str:
    return str(glossary.path) if glossary.path else glossary.name


def _check_languages(glossary: Glossary, languages: list[str]) -> None:
    for language in languages:
        if language not in glossary.targets:
            known = ", ".join(glossary.targets)
            raise GlossaryError(
                f"{_label(glossary)}: no target language {language!r} (this glossary has {known})"
            )


def _cell(glossary: Glossary, concept: Concept, language: str, name: str) -> str:
    """The nominative of `name` in `language`, or "" when the concept has no such language."""
    if language not in glossary.languages_of(concept):
        return ""
    forms = concept.forms_of(language, name)
    text = forms.nom if forms else ""
    if any(char in text for char in "\t\r\n"):
        raise GlossaryError(
            f"{_label(glossary)}: concept {concept.id}: the {language} form of {name} contains "
            "a tab or line break, which a term list cannot carry"
        )
    return text


def term_rows(glossary: Glossary, languages: list[str]) -> Iterator[list[str]]:
    """[English spelling, nominative per language…] for every unambiguous name.

    Ambiguous names are left out (Georgia, and Martuni of `ambiguous = ["Martuni"]`, whose
    Khojavend stays): a service applies a term list everywhere, which newsloc deliberately
    never does for them. Rows with no target at all are left out too.
    """
    _check_languages(glossary, languages)
    for concept in glossary:
        for spelling, name in concept.english_spellings():
            if concept.is_ambiguous(name):
                continue
            cells = [_cell(glossary, concept, language, name) for language in languages]
            if any(cells):
                yield [spelling, *cells]


def _write_csv(rows: Iterator[list[str]], header: list[str]) -> str:
    """RFC 4180 CSV (a field with `,` or `"` quoted, `"` doubled), as Amazon and Google read it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=",", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


#: What a TSV field cannot hold: DeepL's client libraries refuse control characters and
#: line separators in glossary terms (tab and line breaks would split the row anyway).
_TSV_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _tsv_field(glossary: Glossary, text: str) -> str:
    """`text` as it stands in a TSV field: never quoted, refused when it cannot stand.

    DeepL's client libraries (GlossaryEntries from TSV) and DeepL's entry listings read a
    field literally, while its API reference describes CSV-style quoting: a quoted field would
    reach DeepL with its quotes. Written as is, a `"` inside a term reads the same both ways;
    only a term that starts with `"` would be unquoted by a CSV-style reader, so it is refused.
    """
    if _TSV_UNSAFE.search(text):
        raise GlossaryError(
            f"{_label(glossary)}: {text!r}: a tab, line break or control character cannot "
            "stand in a TSV term list"
        )
    if text.startswith('"'):
        raise GlossaryError(
            f"{_label(glossary)}: {text!r} starts with a straight quote, which a TSV reader may "
            "take for CSV quoting; use typographic quotes («», “”) in the glossary, or --format csv"
        )
    return text


def export_tsv(glossary: Glossary, language: str) -> str:
    """DeepL-style glossary entries for one target language: `source<TAB>target`, no header,
    no quoting (see `_tsv_field`)."""
    lines = [
        f"{_tsv_field(glossary, source)}\t{_tsv_field(glossary, target)}\n"
        for source, target in term_rows(glossary, [language])
        if target
    ]
    return "".join(lines)


def export_csv(glossary: Glossary, language: str | None = None) -> str:
    """Amazon/Google multi-language CSV: header `en,<languages…>`, one row per English spelling."""
    languages = [language] if language else list(glossary.targets)
    return _write_csv(term_rows(glossary, languages), [glossary.source, *languages])


# --- reading ---------------------------------------------------------------------------------


@dataclass
class _Group:
    """English spellings that share every target cell: one name of one imported concept."""

    spellings: list[str]
    cells: tuple[str, ...]
    description: str = ""
    rows: list[int] = field(default_factory=list)


def _is_header(row: list[str]) -> bool:
    if not row or row[0].strip().lower() != "en" or len(row) < 2:
        return False
    rest = [cell.strip().lower() for cell in row[1:]]
    return all(_LANGUAGE_CODE.fullmatch(cell) or cell in _GOOGLE_EXTRA_COLUMNS for cell in rest)


#: A whole TSV field in CSV-style quotes, as Excel's "Text (Tab delimited)" writes it.
_QUOTED_FIELD = re.compile(r'"((?:[^"]|"")*)"')


def _read_rows(text: str, delimiter: str, path: Path) -> list[tuple[int, list[str]]]:
    """(line number, cells) for every non-blank row; a leading BOM (from Excel) is dropped.

    CSV is read with RFC 4180 quoting. TSV is split at tabs, one row per line, fields taken
    literally (as DeepL reads them), except a field wholly in quotes, which is unquoted.
    """
    text = text.removeprefix("\ufeff")
    if delimiter == "\t":
        tsv_rows = []
        for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
            cells = [_unquote(cell) for cell in line.split("\t")]
            if any(cell.strip() for cell in cells):
                tsv_rows.append((number, cells))
        return tsv_rows
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise GlossaryError(f"{path}:{reader.line_num}: not valid CSV: {exc}") from None
    return rows


def _unquote(cell: str) -> str:
    quoted = _QUOTED_FIELD.fullmatch(cell)
    return quoted.group(1).replace('""', '"') if quoted else cell


def _columns(
    path: Path, rows: list[tuple[int, list[str]]], language: str | None
) -> tuple[list[str], dict[str, int], int | None, list[tuple[int, list[str]]]]:
    """Target languages, their column indexes, the description column, and the data rows."""
    if rows and _is_header(rows[0][1]):
        header = [cell.strip().lower() for cell in rows[0][1]]
        columns = {code: index for index, code in enumerate(header) if index > 0}
        description = columns.pop("description", None)
        columns.pop("pos", None)
        languages = list(columns)
        if language is not None:
            if language not in columns:
                raise GlossaryError(
                    f"{path}: no column for language {language!r} (header: {','.join(header)})"
                )
            languages = [language]
        return languages, {lang: columns[lang] for lang in languages}, description, rows[1:]
    if language is None:
        raise GlossaryError(
            f"{path}: no header row of language codes (en,ru,…); give the target with --lang"
        )
    return [language], {language: 1}, None, rows


def read_tabular(
    text: str, path: Path, delimiter: str, language: str | None, version: str
) -> Glossary:
    """A glossary of one-name concepts from a term list (see docs/glossary-exchange.md).

    Rows whose target cells are all equal become one name: the first row's English term is
    the name, the others its English spellings, as `export_csv` writes them.
    """
    rows = _read_rows(text, delimiter, path)
    headed = bool(rows) and _is_header(rows[0][1])
    languages, columns, description_column, data = _columns(path, rows, language)
    width = max([*columns.values(), description_column or 0]) + 1
    groups: dict[tuple[str, ...], _Group] = {}
    seen: dict[str, int] = {}
    problems: list[str] = []
    for line, row in data:
        if len(row) < width or (not headed and len(row) > width):
            problems.append(f"{path}:{line}: expected {width} columns, found {len(row)}")
            continue
        control = next((cell for cell in row if _TSV_UNSAFE.search(cell)), None)
        if control is not None:
            problems.append(f"{path}:{line}: {control!r} holds a control character or line break")
            continue
        spelling = row[0].strip()
        cells = tuple(row[columns[lang]].strip() for lang in languages)
        if not spelling:
            problems.append(f"{path}:{line}: the English term is empty")
        elif spelling in seen:
            problems.append(f"{path}:{line}: {spelling!r} already stands on line {seen[spelling]}")
        elif not any(cells):
            problems.append(f"{path}:{line}: {spelling!r} has no target term")
        else:
            seen[spelling] = line
            group = groups.setdefault(cells, _Group([], cells))
            group.spellings.append(spelling)
            group.rows.append(line)
            if description_column is not None and not group.description:
                group.description = row[description_column].strip()
    if problems:
        raise GlossaryError(problems)
    if not groups:
        raise GlossaryError(f"{path}: no terms found")
    concepts = _concepts(list(groups.values()), languages)
    return Glossary(
        name=f"Imported from {path.name}",
        version=version,
        targets=tuple(languages),
        concepts=tuple(concepts),
    )


def concept_id_for(name: str, taken: set[str]) -> str:
    """A lowercase, hyphenated id from a name (`Nagorno-Karabakh` -> `nagorno-karabakh`), unique."""
    base = re.sub(r"[^\w]+", "-", name.lower()).strip("-_") or "concept"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _concepts(groups: list[_Group], languages: list[str]) -> list[Concept]:
    taken: set[str] = set()
    concepts = []
    for group in groups:
        name, *others = group.spellings
        present = tuple(lang for lang, cell in zip(languages, group.cells, strict=True) if cell)
        forms = {
            lang: {name: NameForms({"nom": cell})}
            for lang, cell in zip(languages, group.cells, strict=True)
            if cell
        }
        concepts.append(
            Concept(
                id=concept_id_for(name, taken),
                names=(name,),
                note=group.description,
                targets=None if len(present) == len(languages) else present,
                en_spellings={name: tuple(others)} if others else {},
                forms=forms,
            )
        )
    return concepts
