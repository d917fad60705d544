"""Hostile files where newsloc reads: bounded reads, no hang, one line instead of a traceback.

Issue 20, items 12 and 13: a FIFO where the template or a catalogue should be, an index
that never ends (`/dev/zero`), packages with a huge `package_version`, too many members or
`metadata.json/` as a folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsloc.translate.engines.argos_packages import version_key
from newsloc.translate.errors import UserError
from newsloc.translate.models.archive import MAX_MEMBERS, validate_argosmodel
from tests.fuzz.conftest import DEEP
from tests.fuzz.support import assert_refused, newsloc

NEWSLOC = Path(sys.executable).with_name("newsloc")
TOP = "translate-en_ru-1_0"


def run_bounded(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """newsloc in a child process that cannot outlive the test (60 s)."""
    return subprocess.run(
        [str(NEWSLOC), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.mark.parametrize("which", ["story.pot", "ru/LC_MESSAGES/story.po"])
def test_a_fifo_in_the_output_folder_is_refused_without_blocking(
    tmp_path: Path, which: str
) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Shelling in Stepanakert.\n", encoding="utf-8")
    fifo = tmp_path / "loc" / which
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    result = run_bounded(
        "translate", article, "--to", "ru", "--engine", "none", "--no-glossary", "--out",
        tmp_path / "loc",
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and Path(which).name in lines[0] and "regular file" in lines[0]


def package(path: Path, members: dict[str, bytes | None], metadata: object = None) -> Path:
    """An .argosmodel: `members` (None: a folder entry) plus metadata.json unless given."""
    with zipfile.ZipFile(path, "w") as archive:
        if metadata is not None:
            archive.writestr(f"{TOP}/metadata.json", json.dumps(metadata))
        for name, data in members.items():
            if data is None:
                archive.writestr(zipfile.ZipInfo(name + "/"), b"")
            else:
                archive.writestr(name, data)
    return path


GOOD_METADATA = {"from_code": "en", "to_code": "ru", "package_version": "1.0", "type": "translate"}
BODY = {f"{TOP}/model/model.bin": b"x", f"{TOP}/sentencepiece.model": b"x"}


def test_metadata_json_as_a_folder_is_one_line(tmp_path: Path) -> None:
    path = package(tmp_path / "m.argosmodel", {**BODY, f"{TOP}/metadata.json": None})
    with pytest.raises(UserError, match=r"metadata.json is a folder"):
        validate_argosmodel(path)
    assert_refused(newsloc("models", "install", "--from", path), "m.argosmodel")


@pytest.mark.parametrize("version", ["1" * 100_000, "1.0\x1b[2J", "1.0\n2", " ", "../1", "1" * 41])
def test_a_package_version_that_is_not_a_version_is_refused(tmp_path: Path, version: str) -> None:
    metadata = {**GOOD_METADATA, "package_version": version}
    path = package(tmp_path / "v.argosmodel", BODY, metadata)
    with pytest.raises(UserError) as error:
        validate_argosmodel(path)
    assert len(str(error.value)) < 300 and str(error.value).isprintable()


@settings(max_examples=200 if DEEP else 20)
@given(st.text(min_size=0, max_size=6000))
def test_version_ordering_never_raises(version: str) -> None:
    version_key(version)  # "1" * 5000 once raised ValueError (int digit limit) in translate


def test_too_many_members_are_refused_before_the_table_of_contents_is_read(
    tmp_path: Path,
) -> None:
    members: dict[str, bytes | None] = {**BODY}
    members.update({f"{TOP}/x/{i}": b"" for i in range(MAX_MEMBERS + 1)})
    path = package(tmp_path / "many.argosmodel", members, GOOD_METADATA)
    with pytest.raises(UserError, match=r"members, more than the 10000"):
        validate_argosmodel(path)


def test_the_member_count_of_a_zip64_archive_is_read_too(tmp_path: Path) -> None:
    members: dict[str, bytes | None] = {**BODY}
    members.update({f"{TOP}/x/{i}": b"" for i in range(70_000)})  # > 65535: zip64 record
    path = package(tmp_path / "zip64.argosmodel", members, GOOD_METADATA)
    tracemalloc.start()
    try:
        with pytest.raises(UserError, match=r"70003 members"):
            validate_argosmodel(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 2**20  # refused from the end record, not after 70 000 ZipInfos


def test_an_endless_index_is_read_in_bounded_memory(tmp_path: Path, monkeypatch) -> None:
    index = tmp_path / "mirror"
    index.mkdir()
    (index / "index.json").symlink_to("/dev/zero")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index.as_uri() + "/")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    tracemalloc.start()
    try:
        result = newsloc("models", "install", "ru")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert_refused(result, "index.json")
    assert "larger than" in result.stderr
    assert peak < 200 * 2**20  # the 32 MB cap and its copies, not the 2.6 GB of the report
