"""Quoting in term lists, per provider.

- TSV (DeepL glossary entries, Google unidirectional glossaries): DeepL's client libraries
  split each line at the tab and take both fields literally, so newsloc never quotes a TSV
  field: `Hotel "Armenia"` arrives as it is, not wrapped in quotes with its quotes doubled.
- CSV (Amazon Translate custom terminology, Google equivalent term sets): RFC 4180.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsloc.glossary import GlossaryError, parse_glossary
from newsloc.glossary.exchange import convert_to_toml, export_glossary
from newsloc.glossary.model import Glossary
from newsloc.translate.cli import app

QUOTED_TOML = """\
[glossary]
name = "Quotes"
version = "1"
targets = ["ru", "az"]

[[concept]]
id = "hotel-armenia"
names = ['Hotel "Armenia"']
ru.'Hotel "Armenia"' = 'Отель "Армения"'
az.'Hotel "Armenia"' = 'Hotel "Armeniya", Yerevan'
"""


@pytest.fixture
def quoted() -> Glossary:
    return parse_glossary(QUOTED_TOML, "quotes.toml")


def deepl_client_entries(tsv: str) -> dict[str, str]:
    """How DeepL's client libraries read TSV entries: split at the tab, nothing unquoted."""
    entries = {}
    for line in tsv.splitlines():
        if line.strip():
            source, target = line.split("\t")
            entries[source] = target
    return entries


def test_tsv_fields_are_never_quoted(quoted: Glossary) -> None:
    text = export_glossary(quoted, "tsv", "ru")
    assert text == 'Hotel "Armenia"\tОтель "Армения"\n'
    assert deepl_client_entries(text) == {'Hotel "Armenia"': 'Отель "Армения"'}
    # a reader that follows CSV conventions (DeepL's API reference) reads the same terms
    assert list(csv.reader(io.StringIO(text), delimiter="\t")) == [
        ['Hotel "Armenia"', 'Отель "Армения"']
    ]


def test_a_comma_is_plain_text_in_tsv_and_quoted_in_csv(quoted: Glossary) -> None:
    assert export_glossary(quoted, "tsv", "az") == 'Hotel "Armenia"\tHotel "Armeniya", Yerevan\n'
    csv_text = export_glossary(quoted, "csv")
    assert csv_text == (
        'en,ru,az\n"Hotel ""Armenia""","Отель ""Армения""","Hotel ""Armeniya"", Yerevan"\n'
    )
    assert list(csv.reader(io.StringIO(csv_text, newline=""))) == [
        ["en", "ru", "az"],
        ['Hotel "Armenia"', 'Отель "Армения"', 'Hotel "Armeniya", Yerevan'],
    ]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ('"Armenia" Hotel', "starts with a straight quote"),
        ("Hotel\x01Armenia", "control character"),
        ("Hotel\x9bArmenia", "control character"),
    ],
)
def test_a_term_tsv_cannot_carry_is_one_line_and_nothing_written(
    name: str, problem: str, tmp_path: Path
) -> None:
    escaped = name.replace("\x01", "\\u0001").replace("\x9b", "\\u009b").replace('"', '\\"')
    toml = (
        '[glossary]\nname = "Q"\nversion = "1"\ntargets = ["ru"]\n\n'
        f'[[concept]]\nid = "hotel"\nnames = ["{escaped}"]\nru."{escaped}" = "Отель"\n'
    )
    path = tmp_path / "q.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(GlossaryError, match=problem):
        export_glossary(parse_glossary(toml, path), "tsv", "ru")
    out = tmp_path / "deepl.tsv"
    result = CliRunner().invoke(
        app, ["glossary", "export", "-g", str(path), "-f", "tsv", "-l", "ru", "-o", str(out)]
    )
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and problem in result.stderr
    assert not out.exists()


def test_tsv_import_reads_fields_literally_and_unquotes_excel_fields(tmp_path: Path) -> None:
    terms = tmp_path / "deepl.tsv"
    terms.write_text(
        'Hotel "Armenia"\tОтель "Армения"\n"Dağlıq ""Qarabağ"""\t"Нагорный, Карабах"\n',
        encoding="utf-8",
    )
    glossary, _ = convert_to_toml(terms, language="ru", version="1")
    assert [(c.names[0], c.forms_of("ru", c.names[0]).nom) for c in glossary] == [  # type: ignore[union-attr]
        ('Hotel "Armenia"', 'Отель "Армения"'),
        ('Dağlıq "Qarabağ"', "Нагорный, Карабах"),
    ]


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_export_then_import_keeps_every_quote_and_comma(
    fmt: str, quoted: Glossary, tmp_path: Path
) -> None:
    path = tmp_path / f"terms.{fmt}"
    path.write_text(export_glossary(quoted, fmt, "az"), encoding="utf-8")
    glossary, _ = convert_to_toml(path, language="az" if fmt == "tsv" else None, version="1")
    concept = glossary.concepts[0]
    assert concept.names == ('Hotel "Armenia"',)
    assert concept.forms_of("az", 'Hotel "Armenia"').nom == 'Hotel "Armeniya", Yerevan'  # type: ignore[union-attr]
