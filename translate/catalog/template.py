"""The template side of a catalogue: headers reviewers' tools expect, and one entry per
distinct paragraph of the article. Conventions: docs/catalogues.md."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, timedelta

import polib

from newsloc.base.po.conventions import WRAP_WIDTH, plural_forms
from newsloc.base.version import generator
from newsloc.translate.errors import UserError
from newsloc.translate.markup import markup_comment
from newsloc.translate.segment import ELEMENTS, Unit

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_FORMAT = "%Y-%m-%d %H:%M%z"


def timestamp(moment: datetime | None = None) -> str:
    return (moment or datetime.now().astimezone()).strftime(_DATE_FORMAT)


def after(created: str, previous: str) -> str:
    """`created`, or a minute after `previous` when `created` is not later.

    A template whose content changed gets a POT-Creation-Date of its own, even when two
    changes fall in one minute: a catalogue carrying the template's date was then merged
    with that very template (`catalog.current.check_complete` relies on it).
    """
    try:
        new, old = (
            datetime.strptime(created, _DATE_FORMAT),
            datetime.strptime(previous, _DATE_FORMAT),
        )
    except ValueError:
        return created
    return created if new > old else timestamp(old + timedelta(minutes=1))


def parse_date(value: str, where: str) -> date:
    """An ISO `YYYY-MM-DD` date; `where` names the option or file for the error."""
    text = value.strip()
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{where}: {value!r} is not a date (expected YYYY-MM-DD)") from None


def check_source_path(source: str) -> None:
    """Refuse an article path a catalogue cannot hold: a control character (a newline, a
    carriage return, a NUL…) would break its `#:` references and its X-Newsloc-Source
    header, so the catalogue would not read back as written. A tab is fine (GNU gettext's
    isolation marks keep it, docs/catalogues.md)."""
    for char in source:
        if char != "\t" and unicodedata.category(char) == "Cc":
            raise UserError(
                f"{source!r}: the article's path holds a control character "
                f"(U+{ord(char):04X}), which a catalogue's '#:' references and its "
                "X-Newsloc-Source header cannot hold; rename it"
            )


def new_catalog(
    *,
    domain: str,
    source: str,
    article_date: date | None,
    language: str | None,
    created: str,
    english_name: str = "",
    date_source: str = "",
) -> polib.POFile:
    """An empty catalogue with every header reviewers' tools expect.

    `X-Newsloc-Date` is the article's date and `X-Newsloc-Date-Source` where it came from
    (`dateline` or `--date`); an article with neither has no date headers."""
    po = polib.POFile(wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    what = f"{english_name} translation" if language else "Template"
    po.header = f"{what} of {source}, made with newsloc. Review it in Poedit or Weblate."
    po.metadata = {
        "Project-Id-Version": domain,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created,
        "PO-Revision-Date": created,
        "Last-Translator": "",
        "Language-Team": f"{english_name} <>" if language else "",
        "Language": language or "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(language) if language else "",
        "X-Generator": generator(),
        "X-Newsloc-Source": source,
    }
    if article_date is not None:
        po.metadata["X-Newsloc-Date"] = article_date.isoformat()
        po.metadata["X-Newsloc-Date-Source"] = date_source
    if not language:  # a template has no language and no plural rule yet
        del po.metadata["Plural-Forms"]
    return po


def template_entries(units: Sequence[Unit], source: str) -> list[polib.POEntry]:
    """One entry per distinct paragraph, in document order, with every occurrence; an
    element other than body text has its kind as msgctxt and a comment saying what it is."""
    entries = []
    for unit in units:
        entry = polib.POEntry(
            msgid=unit.text,
            msgstr="",
            occurrences=[(source, str(line)) for line in unit.lines],
        )
        comments = []
        if unit.context is not None:
            entry.msgctxt = unit.context
            comments.append(ELEMENTS[unit.context])
        # What each inline tag stands for: the reviewer sees it, editions rebuild it.
        comments += [markup_comment(n, what) for n, what in enumerate(unit.markup, start=1)]
        comments += image_comments(unit.images, len(unit.lines))
        entry.comment = "\n".join(comments)
        entries.append(entry)
    return entries


#: The extracted comment that keeps a picture's address with its alt text and caption:
#: `#. image: lachin-road.jpg`, or per line (`… (line 16)`) when an entry standing at
#: several lines belongs to different pictures. A comment, never a msgid: no translator
#: is asked to translate an address, and msgmerge, pybabel update and Poedit copy the
#: template's extracted comments into every catalogue.
IMAGE_PREFIX = "image: "
_IMAGE_COMMENT = re.compile(r"^image: (\S+)(?: \(line ([0-9]+)\))?$")


def clean_address(address: str) -> str:
    """An address as one comment line can hold it: no control characters, inner white
    space as `%20` (a browser reads it so)."""
    kept = "".join(char for char in address if unicodedata.category(char) != "Cc")
    return "%20".join(kept.split())


def image_comments(images: Sequence[tuple[int, str]], occurrences: int) -> list[str]:
    """The `image:` comment lines for an entry's pictures, (line, address) each."""
    cleaned = [(line, clean_address(address)) for line, address in images]
    cleaned = [(line, address) for line, address in cleaned if address]
    if not cleaned:
        return []
    addresses = {address for _, address in cleaned}
    if len(addresses) == 1 and len(cleaned) == occurrences:
        return [f"{IMAGE_PREFIX}{cleaned[0][1]}"]
    return [f"{IMAGE_PREFIX}{address} (line {line})" for line, address in cleaned]


def images_of(comment: str) -> dict[int | None, str]:
    """Line -> picture address from an entry's extracted comments (None: every line)."""
    found: dict[int | None, str] = {}
    for line in comment.splitlines():
        match = _IMAGE_COMMENT.match(line.strip())
        if match:
            found[int(match.group(2)) if match.group(2) else None] = match.group(1)
    return found
