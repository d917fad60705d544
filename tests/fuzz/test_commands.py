"""Every catalogue command on every kind of unusable catalogue: exit 2, one line naming the
file, no traceback, and not one byte written anywhere."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH
from tests.fuzz.conftest import DEEP
from tests.fuzz.support import assert_refused, newsloc, tree

HEADER = 'msgid ""\nmsgstr "Language: ru\\nContent-Type: text/plain; charset=UTF-8\\n"\n\n'
GOOD = (
    HEADER + '#: story.txt:1\nmsgid "Shelling in Stepanakert."\nmsgstr "Обстрел в Степанакерте."\n'
)

BAD = {
    "not UTF-8": HEADER.encode() + b'msgid "a"\nmsgstr "\xff\xfe"\n',
    "unknown charset": GOOD.replace("UTF-8", "NOPE-42").encode(),
    "Latin-1 charset": GOOD.replace("UTF-8", "ISO-8859-1").encode(),
    "raw NUL": GOOD.replace("Обстрел", "Об\x00стрел").encode(),
    "NUL escape": GOOD.replace("Обстрел", "Об\\0стрел").encode(),
    "unterminated string": GOOD.replace('Степанакерте."', "Степанакерте.").encode(),
    "U+2028 then unterminated": GOOD.replace('Степанакерте."', "Степ\u2028анакерте.").encode(),
    "duplicate msgid": (GOOD + "\n" + GOOD[len(HEADER) :]).encode(),
    "unknown keyword": (GOOD + 'msgfoo "x"\n').encode(),
    "msgstr without msgid": (HEADER + 'msgstr "x"\n').encode(),
    "invalid escape": GOOD.replace("Обстрел", "Об\\qстрел").encode(),
    "msgstr[1] without plural": GOOD.replace("msgstr ", "msgstr[1] ").encode(),
    "msgid without msgstr": (HEADER + 'msgid "a"\n\nmsgid "b"\nmsgstr ""\n').encode(),
    "BOM then garbage": b"\xef\xbb\xbf" + b"garbage\n",
    "keyword without string": (HEADER + 'msgid "a"\nmsgstr\n').encode(),
}


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "story.txt").write_text("Shelling in Stepanakert.\n", encoding="utf-8")
    shutil.copy(DEFAULT_GLOSSARY_PATH, tmp_path / "glossary.toml")
    for language in ("hy", "ru"):
        folder = tmp_path / "loc" / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        text = GOOD.replace("Language: ru", f"Language: {language}")
        (folder / "story.po").write_text(text, encoding="utf-8")
    return tmp_path


def commands(root: Path, bad: Path) -> dict[str, list[str]]:
    locales = str(root / "loc")
    return {
        "translate": [
            "translate",
            str(root / "story.txt"),
            "--to",
            "hy,ru",
            "--engine",
            "none",
            "--out",
            locales,
            "--domain",
            "story",
        ],
        "glossary apply": [
            "glossary",
            "apply",
            str(root / "loc/hy/LC_MESSAGES/story.po"),
            str(bad),
        ],
        "glossary check": ["glossary", "check", str(bad)],
        "catalog stats": ["catalog", "stats", "--locales", locales],
        "catalog compile": ["catalog", "compile", "--locales", locales],
        "edition build": [
            "edition",
            "build",
            "--lang",
            "ru",
            "--locales",
            locales,
            "--out",
            str(root / "editions"),
            "--min-reviewed",
            "0",
            "--allow-unreviewed-names",
        ],
        "glossary review import": [
            "glossary",
            "review",
            "import",
            str(bad),
            "-g",
            str(root / "glossary.toml"),
        ],
    }


COMMANDS = list(commands(Path("."), Path("x")))
#: Deep mode runs every command on every case; the normal run gives each case to two
#: commands in turn, so every case and every command is still covered.
PAIRS = [
    (command, case)
    for index, case in enumerate(BAD)
    for n, command in enumerate(COMMANDS)
    if DEEP or n in (index % len(COMMANDS), (index + 3) % len(COMMANDS))
]


@pytest.mark.parametrize(("command", "case"), PAIRS)
def test_an_unusable_catalogue_is_refused_in_one_line(workspace: Path, command: str, case: str):
    bad = workspace / "loc" / "ru" / "LC_MESSAGES" / "story.po"
    bad.write_bytes(BAD[case])
    before = tree(workspace)
    result = newsloc(*commands(workspace, bad)[command])
    assert_refused(result, "ru/LC_MESSAGES/story.po")
    assert tree(workspace) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_where_the_catalogue_should_be(workspace: Path, command: str):
    bad = workspace / "loc" / "ru" / "LC_MESSAGES" / "story.po"
    bad.unlink()
    bad.mkdir()
    before = tree(workspace)
    result = newsloc(*commands(workspace, bad)[command])
    if command in ("catalog stats", "catalog compile"):
        assert result.exit_code == 0  # only files count as catalogues there: hy is used
    else:
        assert_refused(result, "story.po")
        assert tree(workspace) == before


def test_tab_indented_keywords_are_applied(workspace: Path) -> None:
    path = workspace / "loc" / "ru" / "LC_MESSAGES" / "story.po"
    path.write_text(GOOD.replace("\nmsg", "\n\tmsg").replace("Степанакерте", "Ханкенди"))
    result = newsloc("glossary", "apply", str(path))
    assert result.exit_code == 0, result.output
    assert "\tmsgid" in path.read_text(encoding="utf-8")
    assert "Степанакерте (Ханкенди)" in path.read_text(encoding="utf-8")
