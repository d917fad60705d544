"""SIGKILL at random moments, a reviewer saving during a run, and `glossary apply` next to
`translate`: no reviewed entry is ever lost, and every catalogue still reads."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsloc.base.po.conventions import read_catalogue
from newsloc.base.po.writer import format_catalogue
from tests.fuzz.conftest import DEEP

PARAGRAPHS = [f"Paragraph {i}: residents of Stepanakert left for Goris." for i in range(150)]
NEWSLOC = [sys.executable, "-c", "from newsloc.translate.cli import main; main()"]


def translate_args(root: Path, *extra: str) -> list[str]:
    return [
        *NEWSLOC,
        "translate",
        str(root / "story.txt"),
        "--to",
        "hy,ru",
        "--engine",
        "none",
        "--no-glossary",
        "--out",
        str(root / "loc"),
        "--domain",
        "story",
        *extra,
    ]


def catalogue(root: Path, language: str = "ru") -> Path:
    return root / "loc" / language / "LC_MESSAGES" / "story.po"


def reviewed_setup(root: Path) -> dict[str, str]:
    """Catalogues where every entry is reviewed; then the article changes."""
    (root / "story.txt").write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    subprocess.run(translate_args(root), check=True, capture_output=True)
    done = {}
    for language in ("hy", "ru"):
        po = read_catalogue(catalogue(root, language))
        for i, entry in enumerate(po):
            entry.msgstr = f"{language} reviewed {i}"
            done[f"{language}|{entry.msgid}"] = entry.msgstr
        catalogue(root, language).write_text(format_catalogue(po), encoding="utf-8")
    changed = [p.replace("left", "fled") if i % 7 == 0 else p for i, p in enumerate(PARAGRAPHS)]
    (root / "story.txt").write_text("\n\n".join([*changed, "A new paragraph."]), "utf-8")
    return done


def assert_nothing_lost(root: Path, reviewed: dict[str, str]) -> None:
    for language in ("hy", "ru"):
        po = read_catalogue(catalogue(root, language))  # strict: must still read
        have = {e.msgstr for e in po}
        for key, text in reviewed.items():
            if key.startswith(language + "|"):
                assert text in have, (language, key)


def test_sigkill_during_translate_never_loses_a_reviewed_entry(tmp_path: Path) -> None:
    reviewed = reviewed_setup(tmp_path)
    rng = random.Random(None if DEEP else 7)
    for _ in range(40 if DEEP else 4):
        process = subprocess.Popen(
            translate_args(tmp_path), stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.2, 1.4))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert_nothing_lost(tmp_path, reviewed)
    finished = subprocess.run(translate_args(tmp_path), capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert_nothing_lost(tmp_path, reviewed)
    assert not list(tmp_path.rglob("*.tmp"))  # what the kills left was cleaned up
    assert "A new paragraph." in catalogue(tmp_path).read_text(encoding="utf-8")


def reviewer_save(path: Path, text: str) -> None:
    """What Poedit does: read, change one entry, write a new file and rename it."""
    po = read_catalogue(path)
    po[3].msgstr = text
    temporary = path.with_name("poedit-save.tmp")
    temporary.write_text(format_catalogue(po), encoding="utf-8")
    os.replace(temporary, path)


def test_a_reviewer_saving_during_translate_is_never_overwritten(tmp_path: Path) -> None:
    reviewed_setup(tmp_path)
    rng = random.Random(None if DEEP else 3)
    for round_ in range(20 if DEEP else 3):
        process = subprocess.Popen(translate_args(tmp_path), stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.3, 1.2))
        edit = f"saved by the reviewer, round {round_}"
        reviewer_save(catalogue(tmp_path), edit)
        _, error = process.communicate()
        if process.returncode != 0:  # refused, in one line, having written nothing
            assert process.returncode == 2 and len(error.strip().splitlines()) == 1, error
            assert "changed on disk" in error
        assert edit in catalogue(tmp_path).read_text(encoding="utf-8"), round_


def test_apply_next_to_translate_loses_neither(tmp_path: Path) -> None:
    reviewed = reviewed_setup(tmp_path)
    path = catalogue(tmp_path)
    po = read_catalogue(path)
    po[0].msgid = po[0].msgid  # the first entry gets a glossary problem to fix
    po[0].msgstr = "Обстрел в Ханкенди."
    path.write_text(format_catalogue(po), encoding="utf-8")
    reviewed = {k: v for k, v in reviewed.items() if not v.endswith("reviewed 0")}
    for round_ in range(10 if DEEP else 2):
        translate = subprocess.Popen(translate_args(tmp_path), stderr=subprocess.PIPE, text=True)
        time.sleep(0.05 * round_)
        apply = subprocess.Popen(
            [*NEWSLOC, "glossary", "apply", str(path)],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        outcomes = [(p.wait(), p.stderr.read()) for p in (translate, apply)]
        for code, error in outcomes:
            assert code in (0, 2), error
            if code == 2:
                assert len(error.strip().splitlines()) == 1 and "changed on disk" in error
        assert_nothing_lost(tmp_path, reviewed)
        if outcomes[0][0] == 0:
            assert "A new paragraph." in path.read_text(encoding="utf-8")


@pytest.mark.skipif(not DEEP, reason="deep mode only (NEWSLOC_FUZZ_DEEP=1)")
def test_many_kills_of_glossary_apply(tmp_path: Path) -> None:
    reviewed = reviewed_setup(tmp_path)
    for _ in range(30):
        process = subprocess.Popen(
            [*NEWSLOC, "glossary", "apply", str(catalogue(tmp_path))],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(random.uniform(0.1, 1.0))
        process.kill()
        process.wait()
        assert_nothing_lost(tmp_path, reviewed)
