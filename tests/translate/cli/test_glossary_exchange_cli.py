"""`newsloc glossary export|import|review`: what a user sees on stdout, stderr and disk."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH, load_glossary
from newsloc.translate.cli import app
from tests.glossary.test_exchange import SAMPLE_TOML, write_sample

runner = CliRunner()


@pytest.fixture
def glossary_file(tmp_path: Path) -> Path:
    return write_sample(tmp_path)


def assert_user_error(result, fragment: str) -> None:
    """Exit 2, one `newsloc: error:` line per problem on stderr, no traceback."""
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("newsloc: error: ")
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_export_tsv_to_stdout(glossary_file: Path) -> None:
    result = runner.invoke(
        app, ["glossary", "export", "-g", str(glossary_file), "-f", "tsv", "-l", "ru"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter="\t"))
    assert rows[0] == ["Stepanakert", "Степанакерт"]
    assert ["Khankendi", "Ханкенди"] in rows


def test_export_format_from_out_extension_writes_the_file(
    glossary_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "exports" / "terms.tbx"
    result = runner.invoke(app, ["glossary", "export", "-g", str(glossary_file), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"to {out}" in result.stdout
    root = ET.parse(out).getroot()
    assert root.tag == "martif"
    assert len(root.findall("text/body/termEntry")) == 4


def test_export_errors_are_one_line_and_exit_2(glossary_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "deepl.tsv"
    result = runner.invoke(app, ["glossary", "export", "-g", str(glossary_file), "-o", str(out)])
    assert_user_error(result, "--lang")
    assert not out.exists()
    result = runner.invoke(app, ["glossary", "export", "-g", str(glossary_file)])
    assert_user_error(result, "give --format tsv|csv|tbx")
    result = runner.invoke(
        app, ["glossary", "export", "-g", str(tmp_path / "none.toml"), "-f", "csv"]
    )
    assert_user_error(result, "no such glossary file")


def test_import_csv_writes_a_glossary_that_loads(tmp_path: Path) -> None:
    terms = tmp_path / "amazon.csv"
    terms.write_text("en,hy,ru\nShusha,Շուշի,Шуша\nShushi,Շուշի,Шуша\n", encoding="utf-8")
    out = tmp_path / "imported.toml"
    result = runner.invoke(app, ["glossary", "import", str(terms), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 concepts (hy, ru)" in result.stdout
    glossary = load_glossary(out)
    assert glossary.concept("shusha").en_spellings == {"Shusha": ("Shushi",)}
    before = out.read_bytes()
    result = runner.invoke(app, ["glossary", "import", str(terms), "--out", str(out)])
    assert_user_error(result, "already exists; use --force")
    assert out.read_bytes() == before
    result = runner.invoke(app, ["glossary", "import", str(terms), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output


def test_import_to_stdout_and_bad_input_writes_nothing(tmp_path: Path) -> None:
    terms = tmp_path / "deepl.tsv"
    terms.write_text("Aghdam\tАгдам\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "import", str(terms), "--lang", "ru"])
    assert result.exit_code == 0, result.output
    assert 'ru.Aghdam = "Агдам"' in result.stdout
    out = tmp_path / "out.toml"
    result = runner.invoke(app, ["glossary", "import", str(terms), "-o", str(out)])
    assert_user_error(result, "no header row of language codes")
    assert not out.exists()


def test_review_export_then_import_round_trip(glossary_file: Path, tmp_path: Path) -> None:
    po = tmp_path / "review-ru.po"
    result = runner.invoke(
        app, ["glossary", "review", "export", "-g", str(glossary_file), "-l", "ru", "-o", str(po)]
    )
    assert result.exit_code == 0, result.output
    catalogue = polib.pofile(str(po))
    catalogue.find("Stepanakert", msgctxt="stepanakert|Stepanakert").msgstr = "Степанакерт-Сити"
    catalogue.save(str(po))

    result = runner.invoke(app, ["glossary", "review", "import", str(po), "-g", str(glossary_file)])
    assert result.exit_code == 0, result.output
    assert "stepanakert Stepanakert ru: Степанакерт → Степанакерт-Сити" in result.stdout
    assert "updated 1 name(s)" in result.stdout
    assert "newsloc: warning:" in result.stderr and "gen, dat, acc, ins, loc" in result.stderr
    text = glossary_file.read_text(encoding="utf-8")
    assert text == SAMPLE_TOML.replace('{ nom = "Степанакерт",', '{ nom = "Степанакерт-Сити",')


def test_review_import_json_dry_run(glossary_file: Path, tmp_path: Path) -> None:
    po = tmp_path / "review-hy.po"
    runner.invoke(
        app, ["glossary", "review", "export", "-g", str(glossary_file), "-l", "hy", "-o", str(po)]
    )
    catalogue = polib.pofile(str(po))
    catalogue.find("Baku", msgctxt="baku|Baku").msgstr = "Բաքուն"
    catalogue.save(str(po))
    result = runner.invoke(
        app,
        ["glossary", "review", "import", str(po), "-g", str(glossary_file), "--dry-run", "--json"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["language"] == "hy" and report["written"] is False
    assert report["changes"] == [
        {
            "concept": "baku",
            "name": "Baku",
            "old": "Բաքու",
            "new": "Բաքուն",
            "kept_cases": ["gen", "abl", "loc"],
        }
    ]
    assert glossary_file.read_text(encoding="utf-8") == SAMPLE_TOML


def test_review_import_refusal_leaves_the_glossary_alone(
    glossary_file: Path, tmp_path: Path
) -> None:
    po = tmp_path / "review.po"
    runner.invoke(
        app, ["glossary", "review", "export", "-g", str(glossary_file), "-l", "ru", "-o", str(po)]
    )
    po.write_text(
        po.read_text(encoding="utf-8").replace("baku|Baku", "bakü|Baku"), encoding="utf-8"
    )
    result = runner.invoke(app, ["glossary", "review", "import", str(po), "-g", str(glossary_file)])
    assert_user_error(result, "bakü: no such concept")
    assert result.stderr.count("\n") == 1
    assert glossary_file.read_text(encoding="utf-8") == SAMPLE_TOML


@pytest.mark.skipif(not DEFAULT_GLOSSARY_PATH.exists(), reason="default glossary not written yet")
def test_default_glossary_exports_the_canonical_spellings() -> None:
    result = runner.invoke(app, ["glossary", "export", "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    header = rows[0]
    by_english = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_english["Stepanakert"]["ru"] == "Степанакерт"
    assert by_english["Khankendi"]["az"] == "Xankəndi"
    assert by_english["Shushi"]["hy"] == "Շուշի"


def test_review_import_never_edits_the_installed_default(tmp_path: Path) -> None:
    before = DEFAULT_GLOSSARY_PATH.read_bytes()
    po = tmp_path / "review-ru.po"
    exported = runner.invoke(app, ["glossary", "review", "export", "-l", "ru", "-o", str(po)])
    assert exported.exit_code == 0, exported.output
    catalogue = polib.pofile(str(po))
    catalogue.find("Stepanakert", msgctxt="stepanakert|Stepanakert").msgstr = "Степанакерт-Сити"
    catalogue.save(str(po))

    refused = runner.invoke(app, ["glossary", "review", "import", str(po)])
    assert_user_error(refused, "give --glossary PATH")
    assert "newsloc glossary init" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1
    assert DEFAULT_GLOSSARY_PATH.read_bytes() == before

    # The route the error names: copy the default, then review into the copy.
    mine = tmp_path / "my-glossary.toml"
    made = runner.invoke(app, ["glossary", "init", str(mine)])
    assert made.exit_code == 0, made.output
    assert mine.read_bytes() == before
    again = runner.invoke(app, ["glossary", "init", str(mine)])
    assert_user_error(again, "already exists; use --force")
    applied = runner.invoke(app, ["glossary", "review", "import", str(po), "-g", str(mine)])
    assert applied.exit_code == 0, applied.output
    assert "Степанакерт-Сити" in mine.read_text(encoding="utf-8")
    assert DEFAULT_GLOSSARY_PATH.read_bytes() == before


def test_a_dry_run_may_read_the_default(tmp_path: Path) -> None:
    po = tmp_path / "review-az.po"
    runner.invoke(app, ["glossary", "review", "export", "-l", "az", "-o", str(po)])
    result = runner.invoke(app, ["glossary", "review", "import", str(po), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "no changes" in result.stdout
