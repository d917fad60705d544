"""`newsloc glossary …`: curator commands over glossary files.

Inspection commands (validate, list, show, find) live here; enforcement (apply, check) and
exchange (export, import, review) are declared in their own modules and added here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click.shell_completion import CompletionItem

from newsloc.base.errors import NewslocError
from newsloc.translate.cli import glossary_exchange_cmd, glossary_qa_cmd
from newsloc.translate.cli.glossary_options import glossary_option, load_terms, policy_option
from newsloc.translate.cli.output import console, err_console, print_json
from newsloc.translate.cli.params import argument, group
from newsloc.translate.errors import UserError

if TYPE_CHECKING:
    from newsloc.glossary.model import Concept, Glossary

F = TypeVar("F", bound=Callable[..., Any])


@group(help="Inspect, enforce and exchange the place-name glossary.")
def app() -> None:
    """The `glossary` group."""


def json_option() -> Callable[[F], F]:
    """`--json`: machine-readable output (a flag), passed as `json`."""
    return click.option("--json", "json", is_flag=True, help="Machine-readable output.")


@app.command("init")
@argument("path", type=click.Path(path_type=Path), metavar="PATH", help="Where to write the copy.")
@click.option("--force", is_flag=True, help="Replace an existing file.")
def init(path: Path, force: bool) -> None:
    """Copy the curated glossary to PATH, to curate and review a glossary of your own.

    Then pass `--glossary PATH` to every command; `glossary review import` writes only there.
    """
    from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH, copy_default_glossary

    written = copy_default_glossary(path, replace=force)
    console.print(f"{written}: copy of {DEFAULT_GLOSSARY_PATH.name}", markup=False)


@app.command("validate")
@argument(
    "path",
    type=click.Path(path_type=Path),
    required=False,
    help="Glossary file to check (default: the curated glossary).",
)
def validate(path: Path | None) -> None:
    """Check a glossary file against every rule; list each problem as FILE:LINE: ID: message."""
    from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH, glossary_or_default

    glossary = glossary_or_default(path)
    shown = path if path is not None else DEFAULT_GLOSSARY_PATH
    summary = f"{shown}: valid, {len(glossary)} concepts ({glossary.contested_count} contested)"
    if glossary.profiles:
        names = ", ".join(profile.name for profile in glossary.profiles)
        count = len(glossary.profiles)
        summary += f", {count} policy profile{'' if count == 1 else 's'} ({names})"
    click.echo(summary)


@app.command("list")
@click.option("--contested", is_flag=True, help="Only concepts with two or more names.")
@json_option()
@glossary_option("glossary_path")
@policy_option()
def list_concepts(
    contested: bool, json: bool, glossary_path: Path | None, policy: str | None
) -> None:
    """List the glossary's concepts: id, kind, names, contested setting and languages.

    The setting of a contested concept is `both` (both names kept) or `source` (the source's
    name only; the other recognised), under the policy profile --policy names.
    """
    from rich.table import Table
    from rich.text import Text

    glossary = load_terms(glossary_path, policy)
    concepts = [c for c in glossary if c.contested or not contested]
    if json:
        print_json([_summary(glossary, concept) for concept in concepts])
        return
    table = Table(title=f"{glossary.name} {glossary.version}".strip(), title_justify="left")
    for column in ("id", "kind", "names", "contested", "languages"):
        table.add_column(column, overflow="fold")
    for concept in concepts:
        names = " / ".join(
            f"{name} (ambiguous)" if concept.is_ambiguous(name) else name for name in concept.names
        )
        languages = " ".join(glossary.languages_of(concept))
        setting = concept.contested_setting or ""
        table.add_row(*map(Text, (concept.id, concept.kind, names, setting, languages)))
    console.print(table)
    console.print(f"{len(concepts)} of {len(glossary)} concepts", highlight=False)


def _complete_concepts(
    ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Shell completion of a concept id, each shown with its English names; from the
    glossary -g names if given before, else the curated one. A glossary that does not
    load completes nothing (completion never prints an error)."""
    try:
        glossary = load_terms(ctx.params.get("glossary_path"), None)
    except (NewslocError, OSError):
        return []
    start = incomplete.casefold()
    return [
        CompletionItem(concept.id, help=" / ".join(concept.names))
        for concept in glossary
        if concept.id.startswith(start)
    ]


@app.command("show")
@argument(
    "concept_id",
    metavar="ID|NAME",
    shell_complete=_complete_concepts,
    help="Concept id (stepanakert), or any of its names or spellings in any language "
    "(khankendi, Ханкенди).",
)
@json_option()
@glossary_option("glossary_path")
@policy_option()
def show(concept_id: str, json: bool, glossary_path: Path | None, policy: str | None) -> None:
    """Everything the glossary says about one concept: names, spellings, forms, note, and
    for a contested one whether both names are kept (under the profile --policy names)."""
    glossary = load_terms(glossary_path, policy)
    concept = glossary.get(concept_id)
    if concept is None:
        named = _concepts_named(glossary, concept_id)
        if len(named) > 1:
            raise UserError(
                f"{concept_id!r} names {len(named)} concepts: "
                f"{', '.join(c.id for c in named)}; give one of these ids"
            )
        concept = named[0] if named else glossary.require(concept_id)  # require: the error
        if not json:
            err_console.print(f"{concept_id}: a name of {concept.id}", markup=False)
    if json:
        print_json({**concept.as_dict(), "languages": list(glossary.languages_of(concept))})
        return
    _print_concept(glossary, concept)


@app.command("find")
@argument("source", metavar="TEXT|FILE", help="An article file (UTF-8) or the text itself.")
@json_option()
@glossary_option("glossary_path")
def find(source: str, json: bool, glossary_path: Path | None) -> None:
    """Show which glossary names the text mentions, with line:column spans."""
    from rich.table import Table
    from rich.text import Text

    from newsloc.glossary.loader import glossary_or_default
    from newsloc.glossary.match import locate_mentions

    glossary = glossary_or_default(glossary_path)
    located = locate_mentions(glossary, _text_of(source))
    if json:
        print_json([item.as_dict() for item in located])
        return
    table = Table("span", "concept", "name", "spelling")
    for item in located:
        span = f"{item.line}:{item.column}-{item.end_line}:{item.end_column}"
        mention = item.mention
        table.add_row(*map(Text, (span, mention.concept_id, mention.name, mention.spelling)))
    if located:
        console.print(table)
    console.print(f"{len(located)} mention{'' if len(located) == 1 else 's'}", highlight=False)


def _concepts_named(glossary: Glossary, text: str) -> list[Concept]:
    """The concepts one of whose names, English spellings or target forms (any case,
    variant or short form) is `text`, letter case aside."""
    wanted = text.strip().casefold()
    found = []
    for concept in glossary:
        spellings = {spelling for spelling, _ in concept.english_spellings()}
        for by_name in concept.forms.values():
            for forms in by_name.values():
                for one in (forms, *forms.variants, *forms.short):
                    spellings.update(one.cases.values())
        if wanted in {spelling.casefold() for spelling in spellings}:
            found.append(concept)
    return found


def _summary(glossary: Glossary, concept: Concept) -> dict[str, object]:
    return {
        "id": concept.id,
        "kind": concept.kind,
        "names": list(concept.names),
        "contested": concept.contested,
        "contested_setting": concept.contested_setting,
        "ambiguous": concept.ambiguous_setting,
        "languages": list(glossary.languages_of(concept)),
    }


#: How `glossary show` describes a contested concept's setting.
_SETTING_LABELS = {
    "both": "both names kept",
    "source": "the source's name only, the other recognised",
}


def _print_concept(glossary: Glossary, concept: Concept) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    flags = [
        flag
        for flag, on in (
            (f"contested: {_SETTING_LABELS.get(concept.contested_setting or '')}", concept.dual),
            (f"contested: {_SETTING_LABELS.get('source')}", concept.contested and not concept.dual),
            ("ambiguous", concept.wholly_ambiguous),
            (
                f"ambiguous: {', '.join(concept.ambiguous_names)}",
                concept.ambiguous and not concept.wholly_ambiguous,
            ),
        )
        if on
    ]
    heading = f"[bold]{escape(concept.id)}[/bold]"
    heading += f" ({escape(concept.kind)})" if concept.kind else ""
    console.print(heading + (escape(f"  [{', '.join(flags)}]") if flags else ""), highlight=False)
    for name in concept.names:
        extra = concept.en_spellings.get(name, ())
        also = f"  also written: {', '.join(extra)}" if extra else ""
        used = [language for language, used_name in concept.community.items() if used_name == name]
        by = f"  ({', '.join(used)} community's name)" if used else ""
        console.print(f"  name: {name}{also}{by}", highlight=False, markup=False)
    table = Table("language", "name", "case", "form")
    required = glossary.languages_of(concept)
    for language in (*required, *(code for code in concept.forms if code not in required)):
        for name in concept.names:
            forms = concept.forms_of(language, name)
            if forms is None:
                continue
            for case, form in forms.cases.items():
                table.add_row(*map(Text, (language, name, case, form)))
            for kind, spellings in (("variant", forms.variants), ("short", forms.short)):
                for spelling in spellings:
                    for case, form in spelling.cases.items():
                        label = kind if spelling.one_form else f"{kind} {case}"
                        table.add_row(*map(Text, (language, name, label, form)))
    console.print(table)
    if concept.note:
        console.print(f"note: {concept.note}", highlight=False, markup=False)
    if concept.source:
        console.print(f"source: {concept.source}", highlight=False, markup=False)


def _looks_like_path(source: str) -> bool:
    """One word with a folder separator or a file extension: a path, not a sentence."""
    if not source or any(char.isspace() for char in source):
        return False
    suffix = Path(source).suffix
    return "/" in source or (1 < len(suffix) <= 6 and suffix[1:].isalnum())


def _text_of(source: str) -> str:
    """The file's text when `source` names a file, else `source` itself; a folder, or a
    missing file named like one (`story.txt`, `news/today`), is an error, not text."""
    path = Path(source)
    try:
        is_file, is_dir = path.is_file(), path.is_dir()
        exists = path.exists()
    except (OSError, ValueError):  # too long or not a valid path: it is text
        is_file = is_dir = exists = False
    if is_dir:
        raise UserError(f"{source}: is a directory; give an article file or the text itself")
    if exists and not is_file:
        raise UserError(f"{source}: not a regular file (a FIFO, socket or device)")
    if not is_file:
        if _looks_like_path(source):
            raise UserError(
                f"{source}: no such file (to search this text itself, add a word or a space)"
            )
        return source
    from newsloc.base.files import read_user_text

    return read_user_text(path)


app.add_command(glossary_qa_cmd.apply, "apply")
app.add_command(glossary_qa_cmd.check, "check")
app.add_command(glossary_exchange_cmd.export_command, "export")
app.add_command(glossary_exchange_cmd.import_command, "import")
app.add_command(glossary_exchange_cmd.review, "review")
