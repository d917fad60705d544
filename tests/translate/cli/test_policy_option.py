"""`--policy NAME` on every command that renders or checks: the glossary's profile changes
what `translate`, `glossary apply`, `glossary check`, `catalog audit` and `catalog stats` do,
and an unknown profile is one line, exit 2, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.engines.interface import Translation
from tests.glossary.test_spec_example import FIXTURE as SPEC_EXAMPLE

runner = CliRunner()

#: The contract's example glossary with three desks: one writes only the source's name, one
#: adds the other name at every mention, one reduces Stepanakert to the source's name.
PROFILES = """
[policy.profile.one-name]
contested = "source"

[policy.profile.every]
scope = "every"

[policy.profile.az-desk]
single = ["stepanakert"]
"""

SOURCE = "Residents of Stepanakert left. Stepanakert was empty."
#: language -> (a translation without the other name, the one apply writes by default)
TRANSLATIONS = {
    "ru": (
        "Жители Степанакерта уехали. Степанакерт опустел.",
        "Жители Степанакерта (Ханкенди) уехали. Степанакерт опустел.",
        "Жители Степанакерта (Ханкенди) уехали. Степанакерт (Ханкенди) опустел.",
    ),
    "hy": (
        "Ստեփանակերտի բնակիչները հեռացան։ Ստեփանակերտը դատարկ էր։",
        "Ստեփանակերտի (Խանքենդի) բնակիչները հեռացան։ Ստեփանակերտը դատարկ էր։",
        "Ստեփանակերտի (Խանքենդի) բնակիչները հեռացան։ Ստեփանակերտը (Խանքենդի) դատարկ էր։",
    ),
    "az": (
        "Stepanakertin sakinləri getdi. Stepanakert boş idi.",
        "Stepanakertin (Xankəndi) sakinləri getdi. Stepanakert boş idi.",
        "Stepanakertin (Xankəndi) sakinləri getdi. Stepanakert (Xankəndi) boş idi.",
    ),
}
LANGUAGES = sorted(TRANSLATIONS)


def newsloc(*args: object):
    return runner.invoke(app, [str(arg) for arg in args], env={"COLUMNS": "200"})


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "desk.toml"
    path.write_text(SPEC_EXAMPLE.read_text(encoding="utf-8") + PROFILES, encoding="utf-8")
    return path


def catalogue(path: Path, language: str, translation: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n'
        f'"Language: {language}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'#: story.txt:1\nmsgid "{SOURCE}"\nmsgstr "{translation}"\n',
        encoding="utf-8",
    )
    return path


def sentences(translation: str) -> list[str]:
    """The two sentences of a translation of SOURCE."""
    return translation.replace("։ ", "։|").replace(". ", ".|").split("|")


def two_entries(path: Path, language: str, first: str, second: str) -> Path:
    """SOURCE's two sentences as two entries (two segments of one document)."""
    english = [part if part.endswith(".") else part + "." for part in SOURCE.split(". ")]
    path.write_text(
        'msgid ""\nmsgstr ""\n'
        f'"Language: {language}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'#: story.txt:1\nmsgid "{english[0]}"\nmsgstr "{first}"\n\n'
        f'#: story.txt:2\nmsgid "{english[1]}"\nmsgstr "{second}"\n',
        encoding="utf-8",
    )
    return path


def msgstr(path: Path) -> str:
    return next(entry.msgstr for entry in polib.pofile(str(path)) if entry.msgid)


@pytest.mark.parametrize("language", LANGUAGES)
def test_check_follows_the_profile(tmp_path: Path, glossary: Path, language: str) -> None:
    plain, first, every = TRANSLATIONS[language]
    po = catalogue(tmp_path / f"{language}.po", language, plain)
    assert newsloc("glossary", "check", po, "-g", glossary).exit_code == 1
    result = newsloc("glossary", "check", po, "-g", glossary, "--policy", "one-name")
    assert result.exit_code == 0, result.output
    # Under "every" a later segment's mention needs the other name too (one segment that
    # gives it once has introduced it there, section 4.3, so the test uses two entries).
    first_sentence = sentences(first)[0]
    two_entries(po, language, first_sentence, sentences(plain)[1])
    assert newsloc("glossary", "check", po, "-g", glossary).exit_code == 0
    result = newsloc("glossary", "check", po, "-g", glossary, "--policy", "every", "--json")
    assert result.exit_code == 1
    assert [v["concept"] for v in json.loads(result.stdout)] == ["stepanakert"]
    two_entries(po, language, first_sentence, sentences(every)[1])
    assert newsloc("glossary", "check", po, "-g", glossary, "--policy", "every").exit_code == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_apply_follows_the_profile(tmp_path: Path, glossary: Path, language: str) -> None:
    plain, first, every = TRANSLATIONS[language]
    for profile, expected in ((None, first), ("every", every), ("one-name", plain)):
        po = catalogue(tmp_path / f"{profile}.po", language, plain)
        chosen = ("--policy", profile) if profile else ()
        result = newsloc("glossary", "apply", po, "-g", glossary, *chosen)
        assert result.exit_code == 0, result.output
        assert msgstr(po) == expected, profile


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_profiles_single_concept_is_neither_demanded_nor_inserted(
    tmp_path: Path, glossary: Path, language: str
) -> None:
    plain = TRANSLATIONS[language][0]
    po = catalogue(tmp_path / f"{language}.po", language, plain)
    checked = newsloc("glossary", "check", po, "-g", glossary, "--policy", "az-desk")
    assert checked.exit_code == 0, checked.output
    result = newsloc("glossary", "apply", po, "-g", glossary, "--policy", "az-desk")
    assert result.exit_code == 0, result.output
    assert msgstr(po) == plain


class _Dictionary:
    """An engine that knows the two sentences of SOURCE in each language."""

    name = "dictionary"
    source = "en"
    reports_progress = False
    aligns = False

    def __init__(self, language: str):
        self.language = self.target = language
        self.progress = None
        english = SOURCE.split(". ")
        known = sentences(TRANSLATIONS[language][0])
        self.known = {
            e if e.endswith(".") else e + ".": t for e, t in zip(english, known, strict=True)
        }

    def describe(self) -> str:
        return f"dictionary en→{self.language}"

    def translate(self, sentences: list[str]) -> list[Translation]:
        return [Translation(self.known[sentence]) for sentence in sentences]


@pytest.mark.parametrize(
    ("profile", "column"),
    [
        (None, 1),
        ("every", 2),
        ("one-name", 0),
        ("az-desk", 0),
    ],
)
def test_translate_follows_the_profile(
    tmp_path: Path, glossary: Path, monkeypatch: pytest.MonkeyPatch, profile: str | None, column
) -> None:
    monkeypatch.setattr(
        "newsloc.translate.engines.registry.engine_factory",
        lambda name, options=None: _Dictionary,
    )
    article = tmp_path / "story.txt"
    article.write_text(SOURCE + "\n", encoding="utf-8")
    out = tmp_path / "loc"
    chosen = ("--policy", profile) if profile else ()
    args = ("translate", article, "--to", "ru,hy,az", "--out", out, "-g", glossary, *chosen)
    result = newsloc(*args)
    assert result.exit_code == 0, result.output
    for language in LANGUAGES:
        path = out / language / "LC_MESSAGES" / "story.po"
        assert msgstr(path) == TRANSLATIONS[language][column], (language, profile)


def test_audit_and_stats_follow_the_profile(tmp_path: Path, glossary: Path) -> None:
    locales = tmp_path / "locales"
    for language in LANGUAGES:
        text = TRANSLATIONS[language][1 if language == "ru" else 0]
        catalogue(locales / language / "LC_MESSAGES" / "story.po", language, text)
    audit = newsloc("catalog", "audit", "--locales", locales, "-g", glossary, "--json")
    assert audit.exit_code == 1  # ru keeps the other name at the first mention, hy/az drop it
    assert newsloc("catalog", "audit", "--locales", locales, "-g", glossary).exit_code == 1
    agreed = newsloc(
        "catalog", "audit", "--locales", locales, "-g", glossary, "--policy", "az-desk"
    )
    assert agreed.exit_code == 0, agreed.output

    def violations(*profile: str) -> dict[str, int]:
        result = newsloc(
            "catalog", "stats", "--locales", locales, "-g", glossary, "--json", *profile
        )
        assert result.exit_code == 0, result.output
        return {row["language"]: row["glossary_violations"] for row in json.loads(result.stdout)}

    assert violations() == {"az": 1, "hy": 1, "ru": 0}
    assert violations("--policy", "one-name") == {"az": 0, "hy": 0, "ru": 0}


@pytest.mark.parametrize(
    "command",
    [
        ("glossary", "check", "{po}"),
        ("glossary", "apply", "{po}"),
        ("catalog", "audit", "--locales", "{locales}"),
        ("catalog", "stats", "--locales", "{locales}"),
        ("translate", "{article}", "--to", "ru", "--engine", "none", "--out", "{out}"),
        ("glossary", "show", "stepanakert"),
        ("glossary", "list"),
    ],
)
def test_an_unknown_profile_is_one_line_and_exit_2(tmp_path: Path, glossary: Path, command):
    locales = tmp_path / "locales"
    po = catalogue(locales / "ru" / "LC_MESSAGES" / "story.po", "ru", TRANSLATIONS["ru"][0])
    before = po.read_bytes()
    article = tmp_path / "story.txt"
    article.write_text(SOURCE + "\n", encoding="utf-8")
    out = tmp_path / "out"
    values = {"po": po, "locales": locales, "article": article, "out": out}
    args = [part.format(**values) for part in command]
    result = newsloc(*args, "-g", glossary, "--policy", "azdesk")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"newsloc: error: {glossary}: no policy profile 'azdesk' "
        "(profiles: one-name, every, az-desk)\n"
    )
    assert po.read_bytes() == before and not out.exists()


@pytest.mark.parametrize("option", [("--policy", "every"), ("--glossary", "{glossary}")])
def test_a_glossary_option_with_no_glossary_is_refused(tmp_path: Path, glossary: Path, option):
    article = tmp_path / "story.txt"
    article.write_text(SOURCE + "\n", encoding="utf-8")
    out = tmp_path / "out"
    given = [part.format(glossary=glossary) for part in option]
    result = newsloc(
        "translate",
        article,
        "--to",
        "ru",
        "--engine",
        "none",
        "--no-glossary",
        "--out",
        out,
        *given,
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"newsloc: error: {option[0]} chooses a glossary to apply; drop it or --no-glossary\n"
    )
    assert not out.exists()
