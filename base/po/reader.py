"""A strict, linear reader for gettext catalogues: everything GNU gettext accepts, or one
line naming the file, the line and the problem.

polib is lenient where it matters (an unterminated string is cut short, duplicates are
accepted) and slow where it hurts (its duplicate check is quadratic), and it splits lines
with `str.splitlines()`, which also breaks at U+2028, U+0085, form feeds and the ASCII
separators an article may carry. This reader splits at `\\n` only, reads obsolete
entries with a previous msgid (`#~| msgid`), comments without a space (`#note`), a UTF-8
byte order mark, CRLF line ends and file names between U+2068/U+2069 in references, and
returns polib objects, so the rest of newsloc keeps polib's data model.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import polib

from newsloc.base.errors import NewslocError

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr\[(\d+)\]|msgstr)(?=[\s\"]|$)")
_SPACE = " \t\r\f\v"
_UNESCAPE = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    '"': '"',
}
_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"[0-9A-Fa-f]+")
#: The charset in a Content-Type, quoted or not (`charset="UTF-8"`, as msgfmt reads it),
#: in the header's text or in the raw file (`charset=KOI8-R\\n"`, `charset=\\"UTF-8\\"`).
_CHARSET = re.compile(r'charset\s*=\s*\\?"?([A-Za-z0-9_.:+()-]*)', re.IGNORECASE)
_UTF8_NAMES = {"utf8", "charset", "ascii", "usascii"}


_BYTE_ESCAPE = re.compile("[\udc80-\udcff]")


def _byte(value: int) -> str:
    """An escaped byte: ASCII as itself, a higher byte held until the string is complete."""
    return chr(value) if value < 0x80 else chr(0xDC00 + value)


class CatalogueSyntaxError(NewslocError):
    """A catalogue newsloc cannot read; the message names the file and the line."""


@dataclass
class _Entry:
    line: int
    obsolete: bool | None = None
    tcomment: list[str] = field(default_factory=list)
    comment: list[str] = field(default_factory=list)
    occurrences: list[tuple[str, str]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    plural: dict[int, str] = field(default_factory=dict)
    previous: dict[str, str] = field(default_factory=dict)
    #: continuation strings, by the field they continue (`current`), joined at the end:
    #: adding each to the field's value would copy a long paragraph once per line
    more: dict[str, list[str]] = field(default_factory=dict)
    current: str | None = None  # the field a continuation string adds to
    awaiting: bool = False  # a keyword whose string is on the next line

    @property
    def has_text(self) -> bool:
        return bool(self.fields or self.previous)

    @property
    def complete(self) -> bool:
        return "msgid" in self.fields and ("msgstr" in self.fields or bool(self.plural))


class _Reader:
    def __init__(self, path: Path, lines: Iterator[str]):
        self.path = path
        self.lines = lines
        #: (first line, entry): what is kept of each entry once it is read
        self.entries: list[tuple[int, polib.POEntry]] = []
        self.entry: _Entry | None = None
        self.number = 0

    def fail(self, reason: str, line: int | None = None) -> CatalogueSyntaxError:
        where = f"{self.path}:{line or self.number}"
        return CatalogueSyntaxError(f"{where}: not a readable gettext catalogue: {reason}")

    # -- lines --------------------------------------------------------------------------
    def read(self) -> list[tuple[int, polib.POEntry]]:
        for number, raw in enumerate(self.lines, start=1):
            self.number = number
            line = raw[:-1] if raw.endswith("\r") else raw
            if "\x00" in line:
                raise self.fail("a NUL byte")
            stripped = line.lstrip(_SPACE)
            if not stripped:
                continue
            if stripped.startswith("#~"):
                rest = stripped[2:]
                previous = rest.startswith("|")
                rest = (rest[1:] if previous else rest).lstrip(_SPACE)
                if not rest:
                    continue
                if rest.startswith("#") and not previous:
                    self.comment_line(rest)
                    continue
                self.keyword_line(rest, obsolete=True, previous=previous)
            elif stripped.startswith("#|"):
                self.keyword_line(stripped[2:].lstrip(_SPACE), obsolete=False, previous=True)
            elif stripped.startswith("#"):
                self.comment_line(stripped)
            else:
                self.keyword_line(stripped, obsolete=False, previous=False)
        self.finish()
        return self.entries

    def start(self) -> _Entry:
        """The entry this line belongs to; a new one after a complete entry."""
        if self.entry is not None and self.entry.complete:
            self.finish()
        if self.entry is None:
            self.entry = _Entry(line=self.number)
        return self.entry

    def comment_line(self, line: str) -> None:
        entry = self.start()
        if entry.fields:
            raise self.fail("a comment inside an entry (between its msgid and msgstr)")
        kind, body = line[:2], line[2:]
        if kind == "#,":
            entry.flags += [flag.strip() for flag in body.split(",") if flag.strip()]
        elif kind == "#:":
            entry.occurrences += self.references(body)
        elif kind == "#.":
            entry.comment.append(body[1:] if body.startswith(" ") else body)
        else:
            body = line[1:]
            entry.tcomment.append(body[1:] if body.startswith(" ") else body)

    def references(self, body: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        position = 0
        while True:
            while position < len(body) and body[position] in _SPACE + " ":
                position += 1
            if position >= len(body):
                return found
            if body[position] == "\u2068":
                end = body.find("\u2069", position + 1)
                if end < 0:  # a comment is never a reason to refuse a catalogue
                    end = len(body)
                name = body[position + 1 : end]
                position = end + 1
                line = ""
                if body.startswith(":", position):
                    digits = re.match(r"\d*", body[position + 1 :])
                    line = digits.group(0) if digits else ""
                    position += 1 + len(line)
                found.append((name, line))
                continue
            end = position
            while end < len(body) and body[end] not in _SPACE + " ":
                end += 1
            token = body[position:end]
            position = end
            name, colon, line = token.rpartition(":")
            found.append((name, line) if colon and line.isdigit() else (token, ""))

    def keyword_line(self, line: str, *, obsolete: bool, previous: bool) -> None:
        """A line of keywords and strings; as in GNU, several keywords may share a line
        (`msgid "x" msgstr "y"`), so each keyword's strings end where the next begins."""
        while line:
            rest = self._keyword_line(line, obsolete=obsolete, previous=previous)
            if not line.startswith('"') and self.entry is not None:
                found = _KEYWORD.match(line)
                self.entry.awaiting = found is not None and not line[found.end() :].strip(_SPACE)
            line = rest

    def _keyword_line(self, line: str, *, obsolete: bool, previous: bool) -> str:
        """Read one keyword (or continuation) and its strings; what follows on the line."""
        if line.startswith('"'):
            entry = self.entry
            if entry is None or entry.current is None:
                raise self.fail("a string without a keyword before it")
            if (entry.obsolete or False) != obsolete:
                raise self.fail("an entry mixes obsolete (#~) and live lines")
            if previous != entry.current.startswith("previous "):
                raise self.fail("a #| string continues a field that is not #|")
            value, rest = self.strings(line)
            self.append(entry, entry.current, value)
            entry.awaiting = False
            return rest
        found = _KEYWORD.match(line)
        if not found:
            word = line.split(None, 1)[0] if line.split() else line
            raise self.fail(f"unknown keyword {word[:40]!r}")
        if self.entry is not None and self.entry.awaiting:
            raise self.fail("a keyword without its string")
        keyword = found.group(1)
        rest = line[found.end() :].lstrip(_SPACE)
        value, rest = self.strings(rest) if rest else ("", "")
        if previous:
            if keyword.startswith("msgstr"):
                raise self.fail("#| holds msgctxt, msgid or msgid_plural only")
            entry = self.start()
            if entry.fields:
                raise self.fail("#| after the entry's msgid")
            self.set_obsolete(entry, obsolete)
            if keyword in entry.previous:
                raise self.fail(f"a second #| {keyword}")
            entry.previous[keyword] = value
            entry.current = f"previous {keyword}"
            return rest
        if keyword in ("msgctxt", "msgid"):
            entry = self.start()
            if keyword == "msgid" and "msgid" in entry.fields:
                raise self.fail("msgid without msgstr before it", entry.line)
            if keyword == "msgctxt" and entry.fields:
                raise self.fail("msgctxt after msgid")
        else:
            entry = self.entry if self.entry is not None else self.start()
            if "msgid" not in entry.fields:
                raise self.fail(f"{keyword} without msgid")
        self.set_obsolete(entry, obsolete)
        if found.group(2) is not None:
            index = int(found.group(2))
            if "msgid_plural" not in entry.fields:
                raise self.fail("msgstr[N] without msgid_plural")
            if index != len(entry.plural):
                raise self.fail(f"msgstr[{index}] out of order")
            entry.plural[index] = value
            entry.current = keyword
            return rest
        if keyword == "msgstr" and "msgid_plural" in entry.fields:
            raise self.fail("msgstr in a plural entry (expected msgstr[0])")
        if keyword == "msgid_plural" and ("msgstr" in entry.fields or entry.plural):
            raise self.fail("msgid_plural after msgstr")
        if keyword in entry.fields:
            raise self.fail(f"a second {keyword}")
        entry.fields[keyword] = value
        entry.current = keyword
        return rest

    def set_obsolete(self, entry: _Entry, obsolete: bool) -> None:
        if entry.obsolete is None:
            entry.obsolete = obsolete
        elif entry.obsolete != obsolete and entry.fields:
            raise self.fail("an entry mixes obsolete (#~) and live lines")
        elif not entry.fields:
            entry.obsolete = obsolete

    def append(self, entry: _Entry, name: str, value: str) -> None:
        entry.more.setdefault(name, []).append(value)

    def join(self, entry: _Entry) -> None:
        """Each field's continuation strings added to it (`append`)."""
        for name, parts in entry.more.items():
            if name.startswith("previous "):
                entry.previous[name[9:]] = "".join([entry.previous[name[9:]], *parts])
            elif name.startswith("msgstr["):
                index = int(name[7:-1])
                entry.plural[index] = "".join([entry.plural[index], *parts])
            else:
                entry.fields[name] = "".join([entry.fields[name], *parts])
        entry.more.clear()

    def strings(self, text: str) -> tuple[str, str]:
        """The concatenated value of the quoted strings that start `text`, and the rest of
        the line after them (another keyword, or "")."""
        parts: list[str] = []
        position = 0
        rest = ""
        if not text.startswith('"'):
            raise self.fail("expected a quoted string")
        while position < len(text):
            if text[position] in _SPACE:
                position += 1
                continue
            if text[position] != '"':
                if not _KEYWORD.match(text, position):
                    raise self.fail("text after the closing quote")
                rest = text[position:]
                break
            position = self.string(text, position + 1, parts)
        value = "".join(parts)
        if _BYTE_ESCAPE.search(value):  # \xHH / \ooo above 0x7f are bytes, as in GNU
            try:
                value = value.encode("utf-8", "surrogateescape").decode("utf-8")
            except UnicodeDecodeError:
                raise self.fail("escaped bytes that are not UTF-8") from None
        if "\x04" in value:  # gettext's context separator; msgfmt refuses it in any string
            raise self.fail("a context separator (EOT, \\x04) in a string")
        return value, rest

    def string(self, text: str, position: int, parts: list[str]) -> int:
        start = position
        while True:
            quote = text.find('"', position)
            slash = text.find("\\", position)
            if quote < 0:
                raise self.fail("unterminated string")
            if slash < 0 or quote < slash:
                parts.append(text[start:quote])
                return quote + 1
            parts.append(text[start:slash])
            position, char = self.escape(text, slash + 1)
            parts.append(char)
            start = position

    def escape(self, text: str, position: int) -> tuple[int, str]:
        if position >= len(text):
            raise self.fail("unterminated string")
        char = text[position]
        if char in _UNESCAPE:
            return position + 1, _UNESCAPE[char]
        octal = _OCTAL.match(text, position)
        if octal:
            value = int(octal.group(0), 8)
            if value == 0:
                raise self.fail("a NUL character (\\0) in a string")
            return octal.end(), _byte(value)
        if char == "x":
            digits = _HEX.match(text, position + 1)
            if digits:
                value = int(digits.group(0), 16)
                if value == 0:
                    raise self.fail("a NUL character (\\x0) in a string")
                if value > 0xFF:
                    raise self.fail(f"the escape \\x{digits.group(0)} is more than a byte")
                return digits.end(), _byte(value)
        raise self.fail(f"invalid escape sequence \\{char}")

    # -- entries ------------------------------------------------------------------------
    def finish(self) -> None:
        entry, self.entry = self.entry, None
        if entry is None or not entry.has_text:
            return  # comments after the last entry are ignored, as GNU does
        if entry.awaiting:
            raise self.fail("a keyword without its string")
        if not entry.complete:
            missing = "msgid" if "msgid" not in entry.fields else "msgstr"
            raise self.fail(f"an entry without {missing}", entry.line)
        self.join(entry)
        fields = entry.fields
        previous = entry.previous
        po_entry = polib.POEntry(
            msgid=fields["msgid"],
            msgstr=fields.get("msgstr", ""),
            msgctxt=fields.get("msgctxt"),
            msgid_plural=fields.get("msgid_plural", ""),
            msgstr_plural=dict(entry.plural),
            occurrences=entry.occurrences,
            comment="\n".join(entry.comment),
            tcomment="\n".join(entry.tcomment),
            flags=entry.flags,
            previous_msgctxt=previous.get("msgctxt"),
            previous_msgid=previous.get("msgid"),
            previous_msgid_plural=previous.get("msgid_plural"),
            obsolete=bool(entry.obsolete),
            linenum=entry.line,
        )
        self.entries.append((entry.line, po_entry))


def _lines(data: bytes, start: int) -> Iterator[str]:
    """`data[start:].decode().split("\\n")`, one line at a time, each decoded alone (a
    newline byte is never part of a longer UTF-8 character): the decoded text as one
    string, or a list of every line, would hold another copy of the whole catalogue
    (50,000 paragraphs: hundreds of megabytes at once)."""
    while True:
        end = data.find(b"\n", start)
        if end < 0:
            yield data[start:].decode("utf-8")
            return
        yield data[start:end].decode("utf-8")
        start = end + 1


#: How much of a catalogue `_check_utf8` decodes at a time.
_CHUNK = 1 << 20


def _check_utf8(path: Path, data: bytes) -> int:
    """Where the text starts (after a UTF-8 byte order mark); the one-line error for a
    catalogue that is not UTF-8, before any of it is read (as GNU does). Decoded a piece
    at a time and thrown away: the lines are decoded again as they are read."""
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    decoder = codecs.getincrementaldecoder("utf-8")()
    position = start
    try:
        while position < len(data):
            decoder.decode(data[position : position + _CHUNK])
            position += _CHUNK
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        # Where it failed, in the whole file, as a one-shot decode reports it.
        try:
            data[start:].decode("utf-8")
        except UnicodeDecodeError as whole:
            _not_utf8(path, data, start + whole.start)
        raise AssertionError("an incremental decode failed where a whole one did not") from exc
    return start


def _not_utf8(path: Path, data: bytes, at: int) -> NoReturn:
    line = data.count(b"\n", 0, at) + 1
    declared = _CHARSET.search(data.decode("latin-1"))
    name = declared.group(1) if declared else ""
    if name and _normal(name) not in _UTF8_NAMES:
        raise _charset_error(path, name) from None
    raise CatalogueSyntaxError(
        f"{path}:{line}: not a readable gettext catalogue: not UTF-8 (byte 0x{data[at]:02x})"
    ) from None


def _normal(charset: str) -> str:
    return charset.lower().replace("-", "").replace("_", "")


def _charset_error(path: Path, name: str) -> CatalogueSyntaxError:
    try:
        codecs.lookup(name)
    except LookupError:
        return CatalogueSyntaxError(
            f"{path}: not a readable gettext catalogue: unknown charset {name!r} in Content-Type"
        )
    return CatalogueSyntaxError(
        f"{path}: charset {name} is not UTF-8; newsloc reads UTF-8 catalogues only "
        "(convert it with: msgconv --to-code=UTF-8)"
    )


def parse_catalogue(path: Path, data: bytes, wrapwidth: int = 79) -> polib.POFile:
    """The catalogue in `data` as a polib POFile, each entry's `linenum` its first line."""
    reader = _Reader(path, _lines(data, _check_utf8(path, data)))
    entries = reader.read()
    po = polib.POFile(wrapwidth=wrapwidth, check_for_duplicates=False)
    po.encoding = "utf-8"
    seen: dict[tuple[str | None, str], int] = {}
    header_done = False
    for line, entry in entries:
        if not header_done and entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
            header_done = True
            po.header = entry.tcomment
            po.metadata_is_fuzzy = ["fuzzy"] if "fuzzy" in entry.flags else []
            po.metadata = _metadata(entry.msgstr)
            continue
        if not entry.obsolete:
            key = (entry.msgctxt, entry.msgid)
            if key in seen:
                raise reader.fail(f"duplicate message definition (first at line {seen[key]})", line)
            seen[key] = line
        po.append(entry)
    declared = _CHARSET.search(po.metadata.get("Content-Type", ""))
    if declared and declared.group(1) and _normal(declared.group(1)) not in _UTF8_NAMES:
        raise _charset_error(path, declared.group(1))
    return po


def _metadata(text: str) -> dict[str, str]:
    """The header's fields; a field given twice keeps its first value, as GNU reads it."""
    metadata: dict[str, str] = {}
    key: str | None = None
    for line in text.split("\n"):
        name, colon, value = line.partition(":")
        if colon and name.strip() and " " not in name.strip():
            key = name.strip()
            if key in metadata:
                key = None  # a repeated field (and its continuation lines) is ignored
                continue
            metadata[key] = value.strip()
        elif key is not None and line.strip():
            metadata[key] += "\n" + line.strip()
    return metadata
