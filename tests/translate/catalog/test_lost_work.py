"""Issue 20, "lost or wrong text": catalogue-side defects, each reproduced as a user meets it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsloc.base.po.conventions import read_catalogue
from newsloc.base.po.writer import format_catalogue
from newsloc.glossary.loader import load_default_glossary
from newsloc.translate import pipeline
from newsloc.translate.catalog import glossary_qa
from newsloc.translate.cli import app
from newsloc.translate.engines.interface import Translation
from newsloc.translate.errors import UserError
from newsloc.translate.pipeline import RunSettings
from newsloc.translate.pipeline import translate_article as run_article


def translate_article(article, languages, *, out, domain=None, **settings):
    """`translate_article` with its settings as keywords, as these tests were written."""
    return run_article(article, RunSettings(list(languages), out=out, **settings), domain=domain)


ARTICLE = "Residents left.\n\nThe road stayed open.\n"


def ru_po(root: Path) -> Path:
    return root / "loc" / "ru" / "LC_MESSAGES" / "story.po"


def translate(root: Path, languages: tuple[str, ...] = ("ru",)) -> None:
    translate_article(root / "story.txt", list(languages), out=root / "loc", domain="story")


def test_a_live_entry_and_its_obsolete_twin_keep_their_places(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    translate(tmp_path)
    path = ru_po(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        'msgid "Residents left."\nmsgstr ""',
        'msgid "Residents left."\nmsgstr "Жители уехали."',
    )
    path.write_text(text + '\n#~ msgid "Residents left."\n#~ msgstr "старый перевод"\n', "utf-8")

    translate(tmp_path)

    po = read_catalogue(path)
    live = {e.msgid: e.msgstr for e in po if not e.obsolete}
    obsolete = {e.msgid: e.msgstr for e in po if e.obsolete}
    assert live["Residents left."] == "Жители уехали."
    assert obsolete == {"Residents left.": "старый перевод"}


# ---------------------------------------------------------------- item 2: in-place saves

PARAGRAPHS = [f"Paragraph {i}: residents of Stepanakert left for Goris." for i in range(150)]


class InPlaceEditor(threading.Thread):
    """An editor that saves in place: truncates the file, writes the first half, pauses
    (until `resume` is set), then writes the rest, all through one open file."""

    def __init__(self, path: Path, data: bytes) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.data = data
        middle = data.index(b"\n\n", len(data) // 2) + 2  # a valid catalogue, cut short
        self.cut = middle
        self.half_written = threading.Event()
        self.resume = threading.Event()

    def run(self) -> None:
        with self.path.open("r+b") as handle:
            handle.truncate(0)
            handle.write(self.data[: self.cut])
            handle.flush()
            self.half_written.set()
            self.resume.wait()
            handle.write(self.data[self.cut :])
            handle.flush()


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    """A fully reviewed Russian catalogue of a 150-paragraph article."""
    (tmp_path / "story.txt").write_text("\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    translate(tmp_path)
    path = ru_po(tmp_path)
    po = read_catalogue(path)
    for index, entry in enumerate(po):
        entry.msgstr = f"проверено {index}"
    path.write_text(format_catalogue(po), encoding="utf-8")
    return path


def saved_by_reviewer(path: Path) -> bytes:
    """What the reviewer's next save holds: one more translation changed."""
    return path.read_bytes().replace('проверено 3"'.encode(), 'исправлено 3"'.encode())


def test_translate_refuses_a_catalogue_an_editor_is_half_way_through_saving(
    tmp_path: Path, reviewed: Path
) -> None:
    saved = saved_by_reviewer(reviewed)
    editor = InPlaceEditor(reviewed, saved)
    editor.start()
    editor.half_written.wait()
    try:
        with pytest.raises(UserError) as caught:
            translate(tmp_path)
    finally:
        editor.resume.set()
        editor.join()
    message = str(caught.value)
    assert message.startswith(f"{reviewed}: lacks ")
    assert "half-written" in message and "nothing was written" in message
    assert reviewed.read_bytes() == saved  # the editor's save is whole: nothing lost
    assert sum("проверено" in e.msgstr for e in read_catalogue(reviewed)) == 149


def test_translate_rereads_a_catalogue_saved_in_place_during_the_run_and_refuses_the_half(
    tmp_path: Path, reviewed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run read the whole file; the editor starts its save before the run writes: the
    "changed on disk" check sees it, the run reads again, gets the half, and refuses."""
    saved = saved_by_reviewer(reviewed)
    editor = InPlaceEditor(reviewed, saved)
    real_write_files = pipeline.write_files
    calls = []

    def editor_saves_first(plans, *args, **kwargs):
        calls.append(len(plans))
        if len(calls) == 1:
            editor.start()
            editor.half_written.wait()
        return real_write_files(plans, *args, **kwargs)

    monkeypatch.setattr(pipeline, "write_files", editor_saves_first)
    (tmp_path / "story.txt").write_text("\n\n".join([*PARAGRAPHS, "A late paragraph."]), "utf-8")
    try:
        with pytest.raises(UserError, match=r"lacks \d+ of the 150 entries"):
            translate(tmp_path)
    finally:
        editor.resume.set()
        if editor.is_alive() or editor.half_written.is_set():
            editor.join()
    assert len(calls) == 1  # the write that met the half-saved file wrote nothing
    assert reviewed.read_bytes() == saved


def test_glossary_apply_refuses_a_catalogue_an_editor_is_half_way_through_saving(
    tmp_path: Path, reviewed: Path
) -> None:
    saved = saved_by_reviewer(reviewed)
    editor = InPlaceEditor(reviewed, saved)
    editor.start()
    editor.half_written.wait()
    try:
        with pytest.raises(UserError, match="half-written"):
            glossary_qa.apply_to_catalogs([reviewed], load_default_glossary())
    finally:
        editor.resume.set()
        editor.join()
    assert reviewed.read_bytes() == saved


def test_a_catalogue_of_another_template_is_not_taken_for_a_half_read(tmp_path: Path) -> None:
    """hy is left out of runs that change the article (in the same minute, even): it lacks
    the new paragraphs because it is older, not because it was read short."""
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    translate(tmp_path, ("hy", "ru"))
    article.write_text(ARTICLE + "\nA third paragraph.\n", encoding="utf-8")
    translate(tmp_path, ("ru",))
    article.write_text(ARTICLE + "\nA third paragraph.\n\nAnd a fourth.\n", encoding="utf-8")
    translate(tmp_path, ("ru",))
    translate(tmp_path, ("hy",))  # merges hy with the current article; no refusal
    hy = read_catalogue(tmp_path / "loc" / "hy" / "LC_MESSAGES" / "story.po")
    assert [e.msgid for e in hy if not e.obsolete][-1] == "And a fourth."


def test_an_entry_deleted_by_hand_is_refused_with_a_way_out(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    translate(tmp_path)
    path = ru_po(tmp_path)
    po = read_catalogue(path)
    po.remove(po[0])
    path.write_text(format_catalogue(po), encoding="utf-8")
    with pytest.raises(UserError, match=r"lacks 1 of the 2 entries .*delete .*story\.pot first"):
        translate(tmp_path)
    (tmp_path / "loc" / "story.pot").unlink()
    translate(tmp_path)
    assert [e.msgid for e in read_catalogue(path)] == ["Residents left.", "The road stayed open."]


# ---------------------------------------------------------------- item 6: read back

GLOSSARY_FILE = Path(__file__).resolve().parents[3] / "glossary" / "data" / "south-caucasus.toml"


@pytest.mark.parametrize("name", ["my\nstory.txt", "my\rstory.txt", "a\x1bb.txt", "x\x7f.txt"])
def test_an_article_path_a_catalogue_cannot_hold_is_refused(tmp_path: Path, name: str) -> None:
    article = tmp_path / name
    article.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        translate_article(article, ["ru"], out=tmp_path / "loc", domain="story")
    message = str(caught.value)
    assert "\n" not in message and "\r" not in message
    assert "control character" in message and repr(str(article))[1:-1] in message
    assert not (tmp_path / "loc").exists()


def test_an_article_path_with_a_tab_still_reads_back(tmp_path: Path) -> None:
    article = tmp_path / "my\tstory.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    translate_article(article, ["ru"], out=tmp_path / "loc", domain="story")
    po = read_catalogue(ru_po(tmp_path))
    assert po.metadata["X-Newsloc-Source"].endswith("my\tstory.txt")
    assert po[0].occurrences[0][0].endswith("my\tstory.txt")


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x9b"])
def test_a_glossary_name_with_a_control_character_is_refused_naming_file_and_concept(
    tmp_path: Path, char: str
) -> None:
    glossary = tmp_path / "g.toml"
    text = GLOSSARY_FILE.read_text(encoding="utf-8")
    escaped = f"\\u{ord(char):04x}"
    glossary.write_text(
        text.replace('ru.Khankendi = "Ханкенди"', f'ru.Khankendi = "Хан{escaped}кенди"'), "utf-8"
    )
    result = CliRunner().invoke(app, ["glossary", "validate", str(glossary)])
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"newsloc: error: {glossary}:") and "stepanakert" in line
    assert f"U+{ord(char):04X}" in line
    (tmp_path / "story.txt").write_text("Shelling in Khankendi.\n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["translate", str(tmp_path / "story.txt"), "--to", "ru", "--engine", "none",
         "--glossary", str(glossary), "--out", str(tmp_path / "loc")],
    )  # fmt: skip
    assert result.exit_code == 2 and not (tmp_path / "loc").exists()


def test_a_machine_translation_holding_a_nul_is_never_written(tmp_path: Path) -> None:
    class NulEngine:
        def describe(self) -> str:
            return "nul"

        def translate(self, sentences: list[str]) -> list[Translation]:
            return [Translation(f"a\x00{text}") for text in sentences]

    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(UserError, match=r"story\.po:\d+: would hold a NUL character"):
        translate_article(
            tmp_path / "story.txt",
            ["ru"],
            out=tmp_path / "loc",
            engine_factory=lambda _: NulEngine(),
        )
    assert not (tmp_path / "loc").exists()
