"""`newsloc glossary import` of hostile or broken files: one line, exit 2, nothing written.

XML bombs and external entities are refused before anything is expanded (the DOCTYPE may
name a DTD, never declare entities); odd term lists name the line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsloc.glossary.exchange import export_glossary
from newsloc.glossary.loader import load_default_glossary
from newsloc.translate.cli import app

BODY = (
    '<martif type="TBX-Basic" xml:lang="en"><text><body><termEntry id="x">'
    '<langSet xml:lang="en"><tig><term>{term}</term></tig></langSet>'
    '<langSet xml:lang="ru"><tig><term>Баку</term></tig></langSet>'
    "</termEntry></body></text></martif>\n"
)
LAUGHS = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10 if n else "lol"}">\n' for n in range(9))

HOSTILE_TBX = {
    "billion laughs": f"<!DOCTYPE martif [\n{LAUGHS}]>\n" + BODY.format(term="&l8;"),
    "external entity": '<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    + BODY.format(term="&x;"),
    "parameter entity": '<!DOCTYPE martif [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd">'
    " %p;]>\n" + BODY.format(term="Baku"),
    "harmless-looking entity": '<!DOCTYPE martif [<!ENTITY x "Baku">]>\n' + BODY.format(term="&x;"),
    "unparsed entity": '<!DOCTYPE martif [<!NOTATION n SYSTEM "n"><!ENTITY u SYSTEM "u" NDATA n>'
    "]>\n" + BODY.format(term="Baku"),
}


def run_import(path: Path, out: Path, *extra: str):
    return CliRunner().invoke(app, ["glossary", "import", str(path), "-o", str(out), *extra])


def assert_refused(result, out: Path, fragment: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsloc: error: "), result.stderr
    assert fragment in lines[0]
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("kind", HOSTILE_TBX)
def test_entity_declarations_are_refused(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "hostile.tbx"
    path.write_text('<?xml version="1.0"?>\n' + HOSTILE_TBX[kind], encoding="utf-8")
    out = tmp_path / "out.toml"
    assert_refused(run_import(path, out), out, "the DOCTYPE declares entities")


def test_a_doctype_that_only_names_a_dtd_is_read(tmp_path: Path) -> None:
    path = tmp_path / "newsloc.tbx"
    path.write_text(export_glossary(load_default_glossary(), "tbx"), encoding="utf-8")
    assert (
        '<!DOCTYPE martif PUBLIC "ISO 30042:2008A//DTD TBX core//EN" "TBXcoreStructV02.dtd">'
        in path.read_text("utf-8")
    )
    out = tmp_path / "back.toml"
    result = run_import(path, out)
    assert result.exit_code == 0, result.output
    assert out.is_file()


def test_xml_nested_far_deeper_than_python_recurses_is_read(tmp_path: Path) -> None:
    depth = 50_000
    term = "Baku" + "<hi>" * depth + "</hi>" * depth
    path = tmp_path / "deep.tbx"
    path.write_text(BODY.format(term=term), encoding="utf-8")
    out = tmp_path / "out.toml"
    result = run_import(path, out)
    assert result.exit_code == 0, result.output
    assert 'names = ["Baku"]' in out.read_text(encoding="utf-8")  # <hi> marks up, adds nothing


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("nul.csv", "en,ru\nA\x00B,Б\n", "nul.csv:2: 'A\\x00B' holds a control character"),
        ("big.csv", 'en,ru\n"' + "a" * 200_000 + '",b\n', "big.csv:2: not valid CSV"),
        ("three.tsv", "Baku\tБаку\tExtra\n", "three.tsv:1: expected 2 columns, found 3"),
        ("short.csv", "en,ru\nBaku\n", "short.csv:2: expected 2 columns, found 1"),
        ("bad.tsv", b"Baku\t\xd0\n", "not UTF-8 text"),
        ("empty.tsv", "\n\n", "no terms found"),
        ("tags.tbx", "<martif><text><body>", "not well-formed XML"),
        ("html.tbx", "<html><body/></html>", "not a TBX file"),
    ],
)
def test_broken_term_lists_name_the_file_and_line(
    name: str, content: str | bytes, fragment: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    out = tmp_path / "out.toml"
    extra = ["--lang", "ru"] if name.endswith(".tsv") else []
    assert_refused(run_import(path, out, *extra), out, fragment)
