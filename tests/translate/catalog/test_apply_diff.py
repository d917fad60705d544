"""`glossary apply`'s diff and its safety check, which work on the edited entries only.

The dry run's diff must read exactly as `difflib.unified_diff` of the whole file before and
after (what it printed before it was made linear), and the file is still refused when an
edited entry would not read back as meant.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import pytest

from newsloc.base.errors import NewslocError
from newsloc.translate.catalog import glossary_qa, splice
from newsloc.translate.catalog.splice import split_lines
from tests.glossary.test_render import make_glossary
from tests.translate.catalog.test_glossary_qa import CATALOGUE, HEADER


def many_entries(count: int) -> str:
    """`count` entries; every third names Khankendi alone (apply adds Stepanakert), every
    fifth leaves Stepanakert out (flagged), the others are right."""
    blocks = [HEADER]
    for index in range(count):
        if index % 3 == 0:
            msgstr = f"{index}: обстрел в Ханкенди."
        elif index % 5 == 0:
            msgstr = f"{index}: обстрел в городе."
        else:
            msgstr = f"{index}: обстрел в Степанакерте (Ханкенди)."
        blocks.append(
            f'#: seed.txt:{index}\nmsgid "{index}: shelling in Stepanakert."\nmsgstr "{msgstr}"\n'
        )
    return "\n".join(blocks)


def catalogue_at(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ru" / "LC_MESSAGES" / "seed.po"
    path.parent.mkdir(parents=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def test_dry_run_diff_reads_as_the_whole_file_unified_diff(tmp_path: Path):
    path = catalogue_at(tmp_path, CATALOGUE)
    glossary = make_glossary()

    dry = glossary_qa.apply_to_catalog(path, glossary, dry_run=True)
    assert path.read_bytes() == CATALOGUE.encode("utf-8")
    written = glossary_qa.apply_to_catalog(path, glossary)
    after = path.read_bytes().decode("utf-8")

    expected = difflib.unified_diff(
        split_lines(CATALOGUE),
        split_lines(after),
        fromfile=str(path),
        tofile=f"{path} (glossary applied)",
    )
    assert dry.diff == "".join(expected)
    assert dry.touched == written.touched == 2
    assert dry.problems == written.problems
    assert written.diff == ""  # only a dry run prints (and so builds) the diff


@pytest.mark.skipif(shutil.which("patch") is None, reason="GNU patch not installed")
@pytest.mark.parametrize(
    "text",
    [many_entries(40), many_entries(40).replace("\n", "\r\n")],
    ids=["many changes", "windows line ends"],
)
def test_dry_run_diff_patches_the_file_into_what_apply_writes(tmp_path: Path, text: str):
    path = catalogue_at(tmp_path, text)
    glossary = make_glossary()
    dry = glossary_qa.apply_to_catalog(path, glossary, dry_run=True)
    original = tmp_path / "original.po"
    original.write_bytes(path.read_bytes())
    written = glossary_qa.apply_to_catalog(path, glossary)
    assert written.touched == dry.touched > 10

    subprocess.run(
        ["patch", "--quiet", "--binary", str(original)],
        input=dry.diff.encode("utf-8"),
        check=True,
    )
    assert original.read_bytes() == path.read_bytes()
    # Every hunk is about entries apply changed: nothing but them and 3 lines around.
    assert dry.diff.count("@@ -") <= dry.touched


def test_problem_lines_point_at_the_msgstr_after_earlier_entries_grew(tmp_path: Path):
    path = tmp_path / "seed.po"
    path.write_text(many_entries(40), encoding="utf-8")
    report = glossary_qa.apply_to_catalog(path, make_glossary())
    lines = path.read_text(encoding="utf-8").split("\n")
    assert report.problems
    for problem in report.problems:
        line = int(problem.split(":")[1])
        assert lines[line - 1].startswith('msgstr "'), problem
        assert "обстрел в городе" in lines[line - 1]


@pytest.mark.parametrize(
    "damage",
    [
        lambda block: [line.replace("Степанакерте", "Степанакерта") for line in block],
        lambda block: [*block, "\n", 'msgid "x"\n', 'msgstr "y"\n'],  # a second entry
        lambda block: [line.replace("msgstr", "msgstr[0]") for line in block],
        lambda block: block[:-1],  # the msgstr lost
    ],
    ids=["other text", "two entries", "unreadable", "incomplete"],
)
def test_an_edit_that_does_not_read_back_as_meant_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage
):
    path = tmp_path / "seed.po"
    path.write_text(many_entries(10), encoding="utf-8")
    before = path.read_bytes()
    real = splice._edit_block
    monkeypatch.setattr(splice, "_edit_block", lambda *args: damage(real(*args)))

    with pytest.raises(NewslocError, match="could not rewrite its entries safely"):
        glossary_qa.apply_to_catalog(path, make_glossary())
    assert path.read_bytes() == before
