"""The edition's date comes from the article's dateline or --date (never the day translate
ran), and every format marks the paragraphs no editor has checked against this article."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.dateline import dateline_date
from tests.conftest import SAMPLE_ARTICLE


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("YEREVAN/BAKU, 3 March 2026 (Newsloc) – Armenia and", date(2026, 3, 3)),
        ("BAKU, Sept. 19, 2023 (Reuters) - Azerbaijan", date(2023, 9, 19)),
        ("LONDON, March 4th 2026 – x", date(2026, 3, 4)),
        ("2023-09-19: a statement", date(2023, 9, 19)),
        ("(Reuters) – Azerbaijan has launched operations", None),
        ("PARIS, 31 February 2026 – no such day", None),
    ],
)
def test_dateline_date(opening: str, expected: date | None) -> None:
    assert dateline_date(opening) == expected


def _po(out: Path, language: str, stem: str) -> polib.POFile:
    return polib.pofile(str(out / language / "LC_MESSAGES" / f"{stem}.po"))


def test_the_date_comes_from_the_dateline_and_the_edition_says_so(tmp_path: Path) -> None:
    out = tmp_path / "loc"
    done = run("translate", SAMPLE_ARTICLE, "--engine", "none", "--to", "ru", "--out", out)
    assert done.exit_code == 0, done.output
    po = _po(out, "ru", SAMPLE_ARTICLE.stem)
    assert po.metadata["X-Newsloc-Date"] == "2026-03-03"  # "YEREVAN/BAKU, 3 March 2026"
    assert po.metadata["X-Newsloc-Date-Source"] == "dateline"
    built = run(
        "edition", "build", "--lang", "ru", "--locales", out, "--out", tmp_path / "e",
        "--format", "html", "--min-reviewed", "0", "--allow-unreviewed-names", "--json",
    )  # fmt: skip
    assert built.exit_code == 0, built.output
    data = json.loads(built.stdout)
    assert (data["date"], data["date_source"]) == ("2026-03-03", "from the article's dateline")
    page = Path(data["path"]).read_text(encoding="utf-8")
    assert '<time datetime="2026-03-03" data-source="from the article&#x27;s dateline">' in page


def test_an_explicit_date_wins_and_is_kept_on_rerun(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("(Newsloc) – Talks resumed in Tbilisi.\n", encoding="utf-8")
    out = tmp_path / "loc"
    args = ("translate", article, "--engine", "none", "--to", "ru", "--out", out)
    assert run(*args, "--date", "2026-01-05").exit_code == 0
    assert run(*args).exit_code == 0  # no --date now: the recorded one stays
    po = _po(out, "ru", "story")
    assert po.metadata["X-Newsloc-Date"] == "2026-01-05"
    assert po.metadata["X-Newsloc-Date-Source"] == "--date"


def test_no_dateline_and_no_date_means_no_date_not_today(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("(Newsloc) – Talks resumed in Tbilisi.\n", encoding="utf-8")
    out = tmp_path / "loc"
    # A catalogue from an older newsloc, which recorded the day translate first ran.
    assert run("translate", article, "--engine", "none", "--to", "ru", "--out", out).exit_code == 0
    po = _po(out, "ru", "story")
    assert "X-Newsloc-Date" not in po.metadata
    po.metadata["X-Newsloc-Date"] = date.today().isoformat()
    po.save()
    assert run("translate", article, "--engine", "none", "--to", "ru", "--out", out).exit_code == 0
    assert "X-Newsloc-Date" not in _po(out, "ru", "story").metadata
    built = run(
        "edition", "build", "--lang", "ru", "--locales", out, "--out", tmp_path / "e",
        "--min-reviewed", "0",
    )  # fmt: skip
    assert built.exit_code == 0, built.output
    assert "the edition has no date" in built.stderr


def _fuzzy_locales(tmp_path: Path) -> tuple[Path, str, str]:
    """A Russian catalogue of a three-paragraph story: one paragraph reviewed, one machine
    translated, one changed since its (human) translation. Returns locales, both texts."""
    article = tmp_path / "story.txt"
    first, second, third = (
        "BAKU, 3 March 2026 – The road reopened.",
        "Engineers inspected it.",
        "The report is due in April.",
    )
    article.write_text(f"{first}\n\n{second}\n\n{third}\n", encoding="utf-8")
    out = tmp_path / "loc"
    assert run("translate", article, "--engine", "none", "--to", "ru", "--out", out).exit_code == 0
    path = out / "ru" / "LC_MESSAGES" / "story.po"
    po = polib.pofile(str(path))
    po.find(first).msgstr = "БАКУ, 3 марта 2026 – Дорогу открыли."
    machine, outdated = "Инженеры осмотрели её (машина).", "Отчёт ожидается в апреле."
    po.find(second).msgstr = machine
    po.find(second).flags.append("fuzzy")
    po.find(third).msgstr = outdated
    po.save()
    # The third paragraph changes: its human translation is now of an earlier version.
    article.write_text(f"{first}\n\n{second}\n\nThe report is due in May.\n", encoding="utf-8")
    assert run("translate", article, "--engine", "none", "--to", "ru", "--out", out).exit_code == 0
    changed = polib.pofile(str(path)).find("The report is due in May.")
    assert changed.previous_msgid == third and changed.msgstr == outdated and changed.fuzzy
    return out, machine, outdated


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_every_format_marks_machine_and_outdated_paragraphs(tmp_path: Path, fmt: str) -> None:
    out, machine, outdated = _fuzzy_locales(tmp_path)
    assert machine and outdated
    built = run(
        "edition", "build", "--lang", "ru", "--locales", out, "--out", tmp_path / "e",
        "--format", fmt, "--allow-fuzzy", "--min-reviewed", "0", "--json",
    )  # fmt: skip
    assert built.exit_code == 0, built.output
    data = json.loads(built.stdout)
    assert (data["machine_paragraphs"], data["outdated_paragraphs"]) == (1, 1)
    text = Path(data["path"]).read_text(encoding="utf-8")
    machine_mark, outdated_mark = (
        "машинный перевод, не проверен",
        "перевод прежней версии этого абзаца, не проверен",
    )
    # The banner counts both: neither was checked against this article.
    assert "абзацев: 2 из 3" in text
    line_of = {line for line in text.splitlines() if "Инженеры" in line or "Отчёт" in line}
    (machine_line,) = [line for line in line_of if "Инженеры" in line]
    (outdated_line,) = [line for line in line_of if "Отчёт" in line]
    assert machine_mark in machine_line and outdated_mark not in machine_line
    assert outdated_mark in outdated_line
    reviewed = next(line for line in text.splitlines() if "Дорогу" in line)
    assert machine_mark not in reviewed and outdated_mark not in reviewed
