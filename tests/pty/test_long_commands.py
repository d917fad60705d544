"""Every long-running command in a real terminal and piped: the exit code, the files it
wrote, the progress display (terminal only) and the final report.

In a terminal newsloc draws rich progress bars on stderr; piped, it must print the
result lines alone. The tests run the installed console script, with tiny genuine Argos
packages (tests/support/tiny_argos.py) and no network.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import polib
import pytest

from tests.pty.conftest import Home, Run, run
from tests.support.tiny_argos import build_tiny_package, install_package
from tests.translate.models.test_models import write_mirror

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "sample-article.txt"
LANGUAGES = ("hy", "az", "ru")
#: What rich's bar column draws (a finished or unfinished stretch of bar).
BAR = re.compile(r"━{5,}")


@pytest.fixture(scope="module")
def argosmodels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pty-argosmodels")
    return {
        target: build_tiny_package(out, "en", target, seed=seed)
        for seed, target in enumerate(LANGUAGES, 1)
    }


@pytest.fixture
def installed(home: Home, argosmodels: dict[str, Path]) -> Home:
    for archive in argosmodels.values():
        install_package(archive, home.packages)
    return home


def _desk(folder: Path) -> Path:
    """A folder of three articles, as a news desk's day."""
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    for number in range(3):
        (folder / f"story-{number + 1}.txt").write_text(
            "\n\n".join(paragraphs[number:] + paragraphs[:number]), encoding="utf-8"
        )
    return folder


def _assert_progress(mode: str, text: str, unit: str) -> None:
    if mode == "tty":
        assert BAR.search(text), text
        assert unit in text, text
    else:
        assert not BAR.search(text), text
        assert unit not in text, text


def test_translate_one_article(installed: Home, mode: str, tmp_path: Path) -> None:
    shutil.copyfile(SAMPLE, tmp_path / "story.txt")
    result = run(
        installed, mode, "translate", "story.txt", "--to", "ru,az", "--out", "loc", cwd=tmp_path
    )
    assert result.exit_code == 0, result.text
    assert "Error" not in result.text and "Traceback" not in result.text
    for language in ("ru", "az"):
        po = polib.pofile(str(tmp_path / f"loc/{language}/LC_MESSAGES/story.po"))
        assert po.translated_entries() or po.fuzzy_entries()
    assert (tmp_path / "loc/story.pot").is_file()
    _assert_progress(mode, result.text, "sentences")
    if mode == "tty":
        assert "translating en→ru" in result.text
    # The final table: its title, its heading and a row per language.
    assert "Catalogues from loc/story.pot" in result.stdout
    assert re.search(r"language\s+entries\s+kept\s+changed", result.stdout), result.stdout
    assert re.search(r"^\s*ru\s+\d+", result.stdout, re.M)


def test_translate_a_desk(installed: Home, mode: str, tmp_path: Path) -> None:
    _desk(tmp_path / "desk")
    result = run(installed, mode, "translate", "desk", "--to", "hy", "--out", "loc", cwd=tmp_path)
    assert result.exit_code == 0, result.text
    for number in (1, 2, 3):
        assert (tmp_path / f"loc/hy/LC_MESSAGES/story-{number}.po").is_file()
    _assert_progress(mode, result.text, "sentences")
    if mode == "tty":
        assert "articles: story-" in result.text, result.text
    assert "3 of 3 articles translated" in result.stdout
    assert re.search(r"article\s+language\s+entries", result.stdout), result.stdout


def _fits(result: Run, columns: int) -> None:
    """A table command that succeeded and printed nothing cut to an ellipsis or past the
    terminal's edge."""
    assert result.exit_code in (0, 1), result.text
    assert "…" not in result.stdout, result.stdout
    assert max(len(line.rstrip()) for line in result.stdout.splitlines()) <= columns, result.stdout


@pytest.mark.parametrize("columns", [80, 60])
def test_translate_reports_fit_a_narrow_terminal(
    installed: Home, columns: int, tmp_path: Path
) -> None:
    """In a standard 80-column terminal (and a narrower one) every heading and figure of
    the report is shown whole: none is cut to an ellipsis, no line runs past the edge."""
    shutil.copyfile(SAMPLE, tmp_path / "story.txt")
    _desk(tmp_path / "desk")
    for article in ("story.txt", "desk"):
        result = run(
            installed,
            "tty",
            "translate",
            article,
            "--to",
            "hy,az,ru",
            "--out",
            "loc",
            cwd=tmp_path,
            columns=columns,
        )
        assert result.exit_code == 0, result.text
        report = result.stdout[result.stdout.index("entries") :]
        assert "…" not in report, report
        for heading in ("machine translated", "untranslated", "rendered", "not found"):
            assert heading in report, report
        if article == "story.txt":
            assert "placed by alignment" in report, report
        assert max(len(line.rstrip()) for line in report.splitlines()) <= columns, report
        assert re.search(r"^\s*entries\s+\d+\s+\d+\s+\d+\s*$", report, re.M), report
    # Every other table (here: the review progress) is never cut to an ellipsis either.
    stats = run(
        installed,
        "tty",
        "catalog",
        "stats",
        "--locales",
        "loc",
        "--domain",
        "story",
        cwd=tmp_path,
        columns=columns,
    )
    assert stats.exit_code == 0, stats.text
    _fits(stats, columns)
    if columns == 80:
        for heading in ("language", "entries", "reviewed", "untranslated", "violations"):
            assert re.search(rf"┃\s*{heading}\s*┃", stats.stdout), stats.stdout
    # Once editions are recorded the table gains an `edition` column, too wide for a row
    # per language here: it turns to a row per figure, every heading whole.
    built = run(
        installed,
        "tty",
        *("edition", "build", "--all", "--locales", "loc", "--domain", "story", "--out", "ed"),
        *("--min-reviewed", "0", "--allow-fuzzy", "--allow-unreviewed-names"),
        cwd=tmp_path,
        columns=columns,
    )
    assert built.exit_code == 0, built.text
    stats = run(
        installed,
        "tty",
        *("catalog", "stats", "--locales", "loc", "--domain", "story"),
        cwd=tmp_path,
        columns=columns,
    )
    assert stats.exit_code == 0, stats.text
    _fits(stats, columns)
    for word in ("entries", "reviewed", "fuzzy", "untranslated", "violations", "edition"):
        assert re.search(rf"\b{word}\b", stats.stdout), stats.stdout
    assert re.search(r"┃\s+┃\s+az\s+┃\s+en\s+┃\s+hy\s+┃\s+ru\s+┃", stats.stdout), stats.stdout
    # The audit shows every name whole: a name broken inside a word (`Степанакерто` over
    # `м`) is a different word to a reviewer.
    audit = run(
        installed,
        "tty",
        *("catalog", "audit", "--locales", "loc", "--domain", "story"),
        cwd=tmp_path,
        columns=columns,
    )
    report = json.loads(
        run(
            installed,
            "pipe",
            *("catalog", "audit", "--locales", "loc", "--domain", "story", "--json"),
            cwd=tmp_path,
        ).stdout
    )
    renderings = {
        text
        for concept in report["concepts"]
        for cell in concept["languages"].values()
        for text in cell["renderings"]
    }
    assert renderings
    _fits(audit, columns)
    lines = [line.strip(" │┃") for line in audit.stdout.splitlines()]
    for text in renderings:
        assert any(text in line for line in lines), (text, audit.stdout)


def test_models_install_from_a_file(
    home: Home, mode: str, argosmodels: dict[str, Path], tmp_path: Path
) -> None:
    result = run(home, mode, "models", "install", "--from", str(argosmodels["az"]), cwd=tmp_path)
    assert result.exit_code == 0, result.text
    assert (home.packages / "translate-en_az-1_0" / "metadata.json").is_file()
    assert f"Installed en→az 1.0 in {home.packages / 'translate-en_az-1_0'}" in result.stdout
    if mode == "tty":
        assert "Installing" in result.text  # the status line while unzipping
    else:
        assert "Installing" not in result.text


def test_models_install_from_a_file_index(
    home: Home, mode: str, argosmodels: dict[str, Path], tmp_path: Path
) -> None:
    mirror = tmp_path / "mirror"
    write_mirror(
        mirror,
        mirror.as_uri() + "/",
        {("en", "az"): argosmodels["az"], ("en", "ru"): argosmodels["ru"]},
    )
    env = {"ARGOS_PACKAGE_INDEX": mirror.as_uri() + "/"}
    result = run(home, mode, "models", "install", "ru", "az", cwd=tmp_path, env=env)
    assert result.exit_code == 0, result.text
    for target in ("az", "ru"):
        assert (home.packages / f"translate-en_{target}-1_0" / "metadata.json").is_file()
        assert f"Installed en→{target} 1.0" in result.stdout
    if mode == "tty":
        assert BAR.search(result.text), result.text
        assert "kB" in result.text  # the download column
    else:
        assert not BAR.search(result.text)


def _translated_locales(home: Home, cwd: Path) -> Path:
    shutil.copyfile(SAMPLE, cwd / "story.txt")
    done = run(home, "pipe", "translate", "story.txt", "--out", "locales", cwd=cwd)
    assert done.exit_code == 0, done.text
    return cwd / "locales"


def test_edition_build_all(installed: Home, mode: str, tmp_path: Path) -> None:
    _translated_locales(installed, tmp_path)
    result = run(
        installed,
        mode,
        "edition",
        "build",
        "--all",
        "--allow-fuzzy",
        "--min-reviewed",
        "0",
        "--allow-unreviewed-names",
        "--format",
        "html",
        "--out",
        "site",
        cwd=tmp_path,
    )
    assert result.exit_code == 0, result.text
    written = sorted(p.name for p in (tmp_path / "site").rglob("*.html"))
    assert len(written) >= 5, written  # three editions, the original and the index
    for path in (tmp_path / "site").rglob("*.html"):
        assert str(path.relative_to(tmp_path)) in result.stdout
    assert "Traceback" not in result.text


def test_glossary_apply_on_a_folder(installed: Home, mode: str, tmp_path: Path) -> None:
    locales = _translated_locales(installed, tmp_path)
    result = run(installed, mode, "glossary", "apply", "locales", cwd=tmp_path)
    assert result.exit_code == 0, result.text
    for language in LANGUAGES:
        line = f"locales/{language}/LC_MESSAGES/story.po: changed"
        assert line in result.stdout, result.text
    assert all(polib.pofile(str(p)) for p in locales.rglob("*.po"))
    _assert_progress(mode, result.text, "catalogues")


def test_glossary_review_import(home: Home, mode: str, tmp_path: Path) -> None:
    assert run(home, "pipe", "glossary", "init", "mine.toml", cwd=tmp_path).exit_code == 0
    exported = run(
        home, "pipe", "glossary", "review", "export", "--lang", "ru", "--out", "ru.po", cwd=tmp_path
    )
    assert exported.exit_code == 0, exported.text
    catalogue = polib.pofile(str(tmp_path / "ru.po"))
    entry = next(e for e in catalogue if e.msgid == "Stepanakert")
    entry.msgstr = "Степанокерт"
    catalogue.save()
    result = run(
        home, mode, "glossary", "review", "import", "ru.po", "--glossary", "mine.toml", cwd=tmp_path
    )
    assert result.exit_code == 0, result.text
    assert "Степанокерт" in (tmp_path / "mine.toml").read_text(encoding="utf-8")
    assert "updated 1 name(s) in mine.toml" in result.stdout, result.text
