"""Everything newsloc writes it reads back, and GNU gettext reads and rewrites unchanged."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsloc.base.po import linebreak
from newsloc.base.po.reader import parse_catalogue
from newsloc.base.po.writer import format_catalogue
from tests.fuzz.conftest import DEEP
from tests.fuzz.support import catalogues, content, texts

GNU = shutil.which("msgcat") and shutil.which("msgfmt")
needs_gnu = pytest.mark.skipif(not GNU, reason="GNU gettext (msgcat, msgfmt) missing")
HERE = Path("fuzz.po")


def _gnu_version() -> tuple[int, ...]:
    if not GNU:
        return (0,)
    first = subprocess.run(["msgcat", "--version"], capture_output=True, text=True).stdout
    return tuple(int(part) for part in first.split("\n")[0].split()[-1].split(".")[:2])


#: GNU gettext 0.22 reads file names between U+2068 and U+2069 as one name.
GNU_ISOLATES = _gnu_version() >= (0, 22)


def gnu_visible(po):
    """What survives GNU's writer: obsolete entries need a translation, fuzzy one too."""
    kept = []
    for entry in po:
        entry.occurrences = list(dict.fromkeys(tuple(x) for x in entry.occurrences))
        first = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        if entry.obsolete and not first:
            continue
        if "fuzzy" in entry.flags and not first:
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
        if entry.obsolete:
            entry.flags = ["fuzzy"] if "fuzzy" in entry.flags else []
        kept.append(entry)
    return kept


@given(catalogues())
def test_what_newsloc_writes_it_reads_back(po) -> None:
    text = format_catalogue(po)
    back = parse_catalogue(HERE, text.encode("utf-8"))
    assert content(back) == content(gnu_visible(po))
    assert back.metadata == po.metadata
    assert format_catalogue(back) == text  # a second write changes nothing


@needs_gnu
@settings(max_examples=150 if DEEP else 10)
@given(catalogues())
def test_msgcat_rewrites_newsloc_output_byte_for_byte(tmp_path_factory, po) -> None:
    path = tmp_path_factory.mktemp("cat") / "x.po"
    if not GNU_ISOLATES:  # before 0.22 GNU splits "my story.txt" at its space
        for entry in po:
            entry.occurrences = [(n, line) for n, line in entry.occurrences if " " not in n]
    text = format_catalogue(po)
    path.write_text(text, encoding="utf-8")
    cat = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True)
    assert cat.stdout == text


ODD_BUT_VALID = [
    # (what it is, the text): GNU msgfmt accepts every one of these
    ("CRLF line ends", 'msgid "a"\r\nmsgstr "b"\r\n'),
    ("tabs before keywords", '\tmsgid "a"\n\tmsgstr "b"\n'),
    ("keyword and string on separate lines", 'msgid\n"a"\nmsgstr\n"b"\n'),
    ("several strings on one line", 'msgid "a" "b"\nmsgstr "c"  "d"\n'),
    ("octal and hex escapes", 'msgid "\\101\\x42"\nmsgstr "\\a\\b\\f\\v\\r\\t"\n'),
    ("escaped UTF-8 bytes", 'msgid "\\xd0\\xb0\\325\\241"\nmsgstr ""\n'),
    ("comment without a space", '#note\n#.extracted\n#,fuzzy\nmsgid "a"\nmsgstr "b"\n'),
    ("obsolete with previous msgid", '#~| msgid "old"\n#~ msgid "a"\n#~ msgstr "b"\n'),
    ("obsolete plural", '#~ msgid "a"\n#~ msgid_plural "as"\n#~ msgstr[0] "b"\n#~ msgstr[1] "c"\n'),
    ("previous context", '#| msgctxt "c"\n#| msgid "o"\nmsgctxt "c"\nmsgid "a"\nmsgstr "b"\n'),
    ("raw separators in strings", 'msgid "a\u2028b\u2029c\x1c\x1d\x1e\x85\x0b\x0cd"\nmsgstr ""\n'),
    ("isolated file names", '#: \u2068my story.txt\u2069:3 plain.txt:4\nmsgid "a"\nmsgstr ""\n'),
    ("reference without a line", '#: story.txt\nmsgid "a"\nmsgstr ""\n'),
    ("no trailing newline", 'msgid "a"\nmsgstr "b"'),
    ("comments after the last entry", 'msgid "a"\nmsgstr "b"\n\n# trailing\n'),
    ("empty msgctxt", 'msgctxt ""\nmsgid "a"\nmsgstr "b"\n'),
    # Issue 20: several keywords on one line, as GNU's lexer reads them.
    ("entry on one line", 'msgid "x" msgstr "y"\n'),
    ("context entry on one line", 'msgctxt "c" msgid "x" msgstr "y"\n'),
    ("one line, no spaces", 'msgid"x"msgstr"y"\n'),
    ("one line, several strings", 'msgid "x" "z" msgstr "y" "w"\n'),
    ("plural on one line", '#~ msgid "a" msgid_plural "b" msgstr[0] "y" msgstr[1] "z"\n'),
    ("continuation then keyword", 'msgid "x"\n"a" msgstr "y"\n'),
    ("two entries on one line", 'msgid "x" msgstr "y" msgid "q" msgstr "r"\n'),
    ("obsolete on one line", '#~ msgid "x" msgstr "y"\n'),
]
HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@needs_gnu
@pytest.mark.parametrize(("what", "body"), ODD_BUT_VALID, ids=[w for w, _ in ODD_BUT_VALID])
def test_odd_but_valid_gettext_reads_as_gnu_reads_it(tmp_path: Path, what: str, body: str) -> None:
    path = tmp_path / "odd.po"
    path.write_bytes((HEADER + body).encode("utf-8"))
    assert subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)]).returncode == 0
    ours = parse_catalogue(path, path.read_bytes())
    normal = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
    assert content(ours) == content(parse_catalogue(path, normal)), what
    assert format_catalogue(ours).encode("utf-8") == normal, what


def test_a_utf8_bom_is_read(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + (HEADER + 'msgid "a"\nmsgstr "b"\n').encode()
    assert [e.msgstr for e in parse_catalogue(tmp_path / "bom.po", data)] == ["b"]


@given(texts(max_words=60), st.integers(20, 77), st.integers(0, 20))
def test_the_fast_line_breaking_matches_the_reference(text, width, start) -> None:
    prohibited = {i for i in range(1, len(text)) if text[i - 1] == "\\"}
    assert linebreak.wrap_positions(text, width, start, prohibited) == linebreak._reference_wrap(
        text, width, start, prohibited
    )
