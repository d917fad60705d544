"""The glossary cache (glossary/cache.py): a file loaded once is read back, never stale,
never trusted when it is not ours, and off when the user says so (issue 21)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from newsloc.glossary import cache
from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH, load_glossary, parse_glossary
from newsloc.glossary.target import target_index

SAMPLE_RU = "Из Баку в Степанакерт (Ханкенди), затем в Шушу; ЕРЕВАН и Нагорном Карабахе."


def _entries(cache_folder: Path) -> set[str]:
    return {path.name for path in cache_folder.iterdir()} if cache_folder.exists() else set()


def _fresh(path: Path) -> object:
    return parse_glossary(path.read_text(encoding="utf-8"), path)


def test_a_file_loaded_again_is_read_back_from_a_private_folder(
    cache_folder: Path, glossary_copy: Path
) -> None:
    first = load_glossary(glossary_copy)
    assert len(_entries(cache_folder)) == 1
    assert stat.S_IMODE(cache_folder.stat().st_mode) == 0o700
    cache.forget_all()
    again = load_glossary(glossary_copy)
    assert again is not first and again == first == _fresh(glossary_copy)
    assert again.path == glossary_copy


def test_an_edited_file_is_never_read_stale(cache_folder: Path, glossary_copy: Path) -> None:
    load_glossary(glossary_copy)
    text = glossary_copy.read_text(encoding="utf-8")
    glossary_copy.write_text(text.replace('"Степанакерт"', '"Степанакерд"', 1), encoding="utf-8")
    cache.forget_all()
    edited = load_glossary(glossary_copy)
    assert edited.concept("stepanakert").forms["ru"]["Stepanakert"].nom == "Степанакерд"


def test_the_same_text_at_another_path_names_that_path(cache_folder: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.toml", tmp_path / "two.toml"
    for path in (one, two):
        path.write_bytes(DEFAULT_GLOSSARY_PATH.read_bytes())
    assert load_glossary(one).path == one
    assert load_glossary(two).path == two


def test_a_glossary_with_problems_reports_them_every_time(
    cache_folder: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[glossary]\nname = "x"\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(GlossaryError):
            load_glossary(bad)
    assert _entries(cache_folder) == set()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: b"garbage",
        lambda data: data[: len(data) // 2],
        lambda data: data.replace(b"newsloc glossary cache", b"someone else's cache!!"),
        lambda data: data[:200] + bytes(len(data) - 200),
    ],
    ids=["empty", "garbage", "truncated", "foreign header", "zeroed"],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(
    cache_folder: Path, glossary_copy: Path, damage
) -> None:
    expected = load_glossary(glossary_copy)
    (entry,) = cache_folder.iterdir()
    entry.write_bytes(damage(entry.read_bytes()))
    cache.forget_all()
    assert load_glossary(glossary_copy) == expected
    cache.forget_all()
    assert load_glossary(glossary_copy) == expected  # rewritten whole


def test_an_entry_of_the_wrong_kind_is_not_used(cache_folder: Path, glossary_copy: Path) -> None:
    expected = load_glossary(glossary_copy)
    (entry,) = cache_folder.iterdir()
    cache.store(entry.name, {"not": "a glossary"})
    cache.forget_all()
    assert load_glossary(glossary_copy) == expected


def test_a_folder_others_may_write_to_is_not_used(cache_folder: Path, glossary_copy: Path) -> None:
    cache_folder.mkdir(parents=True)
    cache_folder.chmod(0o777)
    load_glossary(glossary_copy)
    assert _entries(cache_folder) == set()
    assert cache.directory() is None


def test_an_entry_that_is_a_link_is_not_followed(
    cache_folder: Path, glossary_copy: Path, tmp_path: Path
) -> None:
    load_glossary(glossary_copy)
    (entry,) = cache_folder.iterdir()
    elsewhere = tmp_path / "elsewhere"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert cache.load(entry.name, object) is None


def test_no_cache_turns_the_disk_cache_off(
    cache_folder: Path, glossary_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    load_glossary(glossary_copy)
    target_index(load_glossary(glossary_copy), "ru")
    assert not cache_folder.exists()


def test_only_the_languages_asked_for_are_indexed_and_kept(
    cache_folder: Path, glossary_copy: Path
) -> None:
    content = cache.content_key(glossary_copy.read_text(encoding="utf-8"))
    kept = {lang: cache.derived_key(content, "target index", lang) for lang in ("hy", "az", "ru")}
    built = target_index(load_glossary(glossary_copy), "ru").find(SAMPLE_RU)
    assert kept["ru"] in _entries(cache_folder)
    assert kept["hy"] not in _entries(cache_folder) and kept["az"] not in _entries(cache_folder)
    cache.forget_all()
    read_back = target_index(load_glossary(glossary_copy), "ru")
    assert read_back.find(SAMPLE_RU) == built
    assert len(built) == 5


def test_an_unwritable_cache_is_skipped(
    tmp_path: Path, glossary_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(cache.DIR_VARIABLE, str(blocker))
    cache.forget_all()
    assert load_glossary(glossary_copy) == _fresh(glossary_copy)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_an_unreadable_entry_is_rebuilt(cache_folder: Path, glossary_copy: Path) -> None:
    expected = load_glossary(glossary_copy)
    (entry,) = cache_folder.iterdir()
    entry.chmod(0)
    cache.forget_all()
    assert load_glossary(glossary_copy) == expected


def test_the_second_load_does_not_parse_again(
    cache_folder: Path, glossary_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = load_glossary(glossary_copy)
    cache.forget_all()

    def no_parsing(*args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr("newsloc.glossary.loader.parse_glossary", no_parsing)
    assert load_glossary(glossary_copy) == expected


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a file to another user")
def test_an_entry_owned_by_someone_else_is_not_read(
    cache_folder: Path, glossary_copy: Path
) -> None:
    load_glossary(glossary_copy)
    (entry,) = cache_folder.iterdir()
    os.chown(entry, 12345, 12345)
    assert cache.load(entry.name, object) is None
