"""ninjs editions name the glossary's places and organisations the article mentions: the
name in the edition's language, as its first mention gives it under the house policy, and
the concept id as a stable `literal` and `uri` shared by every language version; every
document still validates against IPTC's schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import polib
from click.testing import CliRunner

from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH
from newsloc.translate.cli import app
from newsloc.translate.pipeline import RunSettings, translate_article
from tests.support.fake_engine import fake_factory

REPO = Path(__file__).resolve().parents[3]
SCHEMA = json.loads(
    (REPO / "tests/translate/data/ninjs/ninjs-schema_3.1.json").read_text(encoding="utf-8")
)
LANGUAGES = ("ru", "hy", "az")


def _ninjs_editions(tmp_path: Path, *glossary: str) -> dict[str, dict[str, object]]:
    locales = tmp_path / "loc"
    translate_article(
        REPO / "examples" / "sample-article.json",
        RunSettings(list(LANGUAGES), out=locales, engine_factory=fake_factory()),
    )
    for language in LANGUAGES:
        path = locales / language / "LC_MESSAGES" / "sample-article.po"
        po = polib.pofile(str(path))
        for entry in po:
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        po.save(str(path))
    out = tmp_path / "ninjs"
    result = CliRunner().invoke(
        app,
        ["edition", "build", "--all", "--locales", str(locales), "--format", "ninjs",
         "--out", str(out), "--allow-unreviewed-names", *glossary],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    validator = jsonschema.Draft202012Validator(SCHEMA)
    documents = {}
    for language in ("en", *LANGUAGES):
        document = json.loads((out / f"sample-article.{language}.json").read_text("utf-8"))
        assert [e.message for e in validator.iter_errors(document)] == [], language
        documents[language] = document
    return documents


def _names(document: dict[str, object], key: str) -> dict[str, str]:
    items = document.get(key, [])
    assert isinstance(items, list)
    for item in items:
        assert item["uri"] == f"urn:newsloc:concept:{item['literal']}"
    return {item["literal"]: item["name"] for item in items}


def test_places_are_named_in_each_language_under_the_house_policy(tmp_path: Path) -> None:
    documents = _ninjs_editions(tmp_path)
    russian = _names(documents["ru"], "places")
    # In the order the article first names them, once each; contested places dual, as the
    # Russian text's first mention has them.
    assert list(russian)[:3] == ["stepanakert", "lachin", "yerevan"]
    assert russian["stepanakert"] == "Степанакерт (Ханкенди)"
    assert russian["shusha"] == "Шуша (Шуши)"
    assert russian["baku"] == "Баку"
    assert _names(documents["hy"], "places")["stepanakert"] == "Ստեփանակերտ (Խանքենդի)"
    assert _names(documents["az"], "places")["lachin"] == "Laçın (Berdzor)"
    # Organisations are not places.
    assert "icrc" not in russian
    assert _names(documents["ru"], "organisations")["european-union"] == "Европейский союз"
    # The English original names them as the source does.
    english = _names(documents["en"], "places")
    assert english["stepanakert"] == "Stepanakert"
    # Every version tags the same concepts: a CMS links them by literal/uri.
    for language in LANGUAGES:
        assert list(_names(documents[language], "places")) == list(english)
        assert list(_names(documents[language], "organisations")) == list(
            _names(documents["en"], "organisations")
        )


def test_a_glossary_that_keeps_the_sources_name_tags_it_alone(tmp_path: Path) -> None:
    text = DEFAULT_GLOSSARY_PATH.read_text(encoding="utf-8")
    assert '\n[policy]\ncontested = "both"\n' in text
    single = tmp_path / "single.toml"
    single.write_text(
        text.replace('\n[policy]\ncontested = "both"\n', '\n[policy]\ncontested = "source"\n'),
        encoding="utf-8",
    )
    documents = _ninjs_editions(tmp_path, "--glossary", str(single))
    assert _names(documents["ru"], "places")["stepanakert"] == "Степанакерт"
