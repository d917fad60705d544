"""`edition build --format ninjs`: one ninjs 3 document per language, valid against IPTC's
published JSON Schema (tests/translate/data/ninjs/, with its source and licence)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import polib
import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.pipeline import RunSettings, translate_article
from tests.support.fake_engine import fake_factory

REPO = Path(__file__).resolve().parents[3]
SCHEMA = json.loads(
    (REPO / "tests/translate/data/ninjs/ninjs-schema_3.1.json").read_text(encoding="utf-8")
)
HEADLINE = "Engineers to inspect the road between Stepanakert and Lachin"


@pytest.mark.parametrize(
    "name",
    ["sample-article.txt", "sample-article.md", "sample-article.html", "sample-article.json"],
)
def test_every_ninjs_edition_validates_against_iptcs_schema(tmp_path: Path, name: str) -> None:
    locales = tmp_path / "loc"
    translate_article(
        REPO / "examples" / name,
        RunSettings(["ru", "hy", "az"], out=locales, engine_factory=fake_factory()),
    )
    for language in ("ru", "hy", "az"):
        path = locales / language / "LC_MESSAGES" / "sample-article.po"
        po = polib.pofile(str(path))
        for entry in po:
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        po.save(str(path))
    out = tmp_path / "ninjs"
    result = CliRunner().invoke(
        app,
        ["edition", "build", "--all", "--locales", str(locales), "--format", "ninjs",
         "--out", str(out), "--allow-unreviewed-names"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert list(validator.iter_errors({"headlines": "not a list"}))  # the schema does bite
    written = sorted(out.glob("*.json"))
    assert [p.name for p in written] == [
        "sample-article.az.json",
        "sample-article.en.json",
        "sample-article.hy.json",
        "sample-article.index.json",
        "sample-article.ru.json",
    ]
    for path in written:
        document = json.loads(path.read_text(encoding="utf-8"))
        errors = [error.message for error in validator.iter_errors(document)]
        assert errors == [], f"{path.name}: {errors}"
    russian = json.loads((out / "sample-article.ru.json").read_text(encoding="utf-8"))
    assert russian["language"] == "ru"
    assert russian["headlines"] == [{"role": "main", "value": f"[ru] {HEADLINE}"}]
    assert russian["descriptions"][0]["value"].startswith("[ru] An international team")
    assert russian["by"] == "[ru] By Newsloc staff"
    if name.endswith(".txt"):  # plain text: no links, no pictures
        return
    assert '<a href="https://www.icrc.org/">' in russian["bodies"][0]["value"]
    assert '<img src="' in russian["bodies"][0]["value"]  # the picture, with its alt text
    assert 'alt="[ru] A mountain road winding between green hills"' in russian["bodies"][0]["value"]
    assert {a["language"] for a in russian["associations"]} == {"en", "hy", "az"}
    assert all(a["rel"] == "translation" for a in russian["associations"])
