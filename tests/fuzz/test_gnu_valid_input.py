"""Catalogues GNU msgfmt accepts are read as GNU reads them, and what it refuses is refused.

Issue 20, "GNU-valid input refused": a quoted charset, catalogues in KOI8-R, CP1251 and
ISO-8859-5 (the documented "convert it with msgconv" line, not `unknown charset
'KOI8-R\\n"'`), a repeated header field (GNU takes the first) and gettext's context
separator (U+0004) in a string, which msgfmt refuses. Every case is checked against the
installed GNU msgfmt.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from newsloc.base.po.conventions import header_language
from newsloc.base.po.reader import CatalogueSyntaxError, parse_catalogue
from tests.fuzz.support import assert_refused, newsloc

needs_gnu = pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU msgfmt missing")


def msgfmt_accepts(path: Path) -> bool:
    return (
        subprocess.run(["msgfmt", "-o", os.devnull, str(path)], capture_output=True).returncode == 0
    )


def header(content_type: str, *fields: str) -> str:
    lines = [f'"Content-Type: {content_type}\\n"', *(f'"{field}\\n"' for field in fields)]
    return 'msgid ""\nmsgstr ""\n' + "\n".join(lines) + "\n\n"


@needs_gnu
@pytest.mark.parametrize("quoted", ['charset="UTF-8"', "charset='UTF-8'", "charset = UTF-8"])
def test_a_quoted_charset_is_read(tmp_path: Path, quoted: str) -> None:
    path = tmp_path / "q.po"
    text = header(f"text/plain; {quoted}".replace('"', '\\"')) + 'msgid "x"\nmsgstr "й"\n'
    path.write_text(text, encoding="utf-8")
    if not msgfmt_accepts(path):
        pytest.skip(f"this msgfmt refuses {quoted}")
    assert [entry.msgstr for entry in parse_catalogue(path, path.read_bytes())] == ["й"]


@needs_gnu
@pytest.mark.parametrize("charset", ["KOI8-R", "CP1251", "ISO-8859-5", "windows-1251"])
@pytest.mark.parametrize("quoted", [False, True])
def test_a_cyrillic_charset_gets_the_documented_message(
    tmp_path: Path, charset: str, quoted: bool
) -> None:
    path = tmp_path / "ru.po"
    name = f'\\"{charset}\\"' if quoted else charset
    text = header(f"text/plain; charset={name}", "Language: ru") + 'msgid "x"\nmsgstr "Ханкенди"\n'
    path.write_bytes(text.encode(charset))
    assert msgfmt_accepts(path)
    with pytest.raises(CatalogueSyntaxError) as error:
        parse_catalogue(path, path.read_bytes())
    assert str(error.value) == (
        f"{path}: charset {charset} is not UTF-8; newsloc reads UTF-8 catalogues only "
        "(convert it with: msgconv --to-code=UTF-8)"
    )
    assert_refused(newsloc("glossary", "check", path), "msgconv --to-code=UTF-8")


@needs_gnu
def test_a_repeated_language_header_keeps_the_first(tmp_path: Path) -> None:
    path = tmp_path / "dup.po"
    text = header("text/plain; charset=UTF-8", "Language: ru", "Language: hy")
    path.write_text(text + 'msgid "x"\nmsgstr "y"\n', encoding="utf-8")
    assert msgfmt_accepts(path)
    po = parse_catalogue(path, path.read_bytes())
    assert header_language(po) == "ru"


EOT = {
    "raw": "\x04",
    "octal": "\\004",
    "short octal": "\\4",
    "hex": "\\x04",
}
PLACES = {
    "msgctxt": 'msgctxt "a{}-b"\nmsgid "x"\nmsgstr "y"\n',
    "msgid": 'msgid "a{}-b"\nmsgstr "y"\n',
    "msgid_plural": 'msgid "a"\nmsgid_plural "a{}-b"\nmsgstr[0] "y"\n',
    "msgstr": 'msgid "a"\nmsgstr "y{}-b"\n',
    "previous msgid": '#| msgid "a{}-b"\nmsgid "a"\nmsgstr "y"\n',
    "obsolete msgid": '#~ msgid "a{}-b"\n#~ msgstr "y"\n',
}


@needs_gnu
@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("form", sorted(EOT))
def test_the_context_separator_in_a_string_is_refused_as_gnu_does(
    tmp_path: Path, place: str, form: str
) -> None:
    path = tmp_path / "eot.po"
    body = PLACES[place].format(EOT[form])
    path.write_text(header("text/plain; charset=UTF-8") + body, encoding="utf-8")
    assert not msgfmt_accepts(path)
    with pytest.raises(CatalogueSyntaxError, match=r"eot.po:\d+: .*context separator"):
        parse_catalogue(path, path.read_bytes())


@needs_gnu
def test_the_context_separator_in_a_comment_is_read_as_gnu_does(tmp_path: Path) -> None:
    path = tmp_path / "eot.po"
    body = '# a\x04b\nmsgid "a"\nmsgstr "y"\n'
    path.write_text(header("text/plain; charset=UTF-8") + body, encoding="utf-8")
    assert msgfmt_accepts(path)
    assert parse_catalogue(path, path.read_bytes())[0].tcomment == "a\x04b"


@needs_gnu
@pytest.mark.parametrize(
    "body",
    ['msgid "x" # c\nmsgstr "y"\n', 'msgid "x" msgstr\n', 'msgid "x" bogus "y"\n'],
)
def test_what_gnu_refuses_on_one_line_is_refused(tmp_path: Path, body: str) -> None:
    path = tmp_path / "bad.po"
    path.write_text(header("text/plain; charset=UTF-8") + body, encoding="utf-8")
    assert not msgfmt_accepts(path)
    with pytest.raises(CatalogueSyntaxError):
        parse_catalogue(path, path.read_bytes())


@needs_gnu
@pytest.mark.parametrize(("first", "second"), [(2, 3), (3, 2)])
def test_a_repeated_header_field_counts_once_and_first_as_in_gnu(
    tmp_path: Path, first: int, second: int
) -> None:
    # msgfmt --check compares the plural forms with Plural-Forms: which of the two it takes
    # shows which one GNU reads. Two forms are given, so only nplurals=2 passes.
    path = tmp_path / "pf.po"
    text = header(
        "text/plain; charset=UTF-8",
        f"Plural-Forms: nplurals={first}; plural=(n != 1);",
        f"Plural-Forms: nplurals={second}; plural=(n != 1);",
    )
    path.write_text(text + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n')
    gnu_reads_two = (
        subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True)
        .returncode == 0
    )  # fmt: skip
    po = parse_catalogue(path, path.read_bytes())
    assert po.metadata["Plural-Forms"].startswith(f"nplurals={first};")
    assert gnu_reads_two == (first == 2)
