"""Issue 20, "lost or wrong text": catalogue-side defects, each reproduced as a user meets it."""

from __future__ import annotations

from pathlib import Path

from newsloc.base.po.conventions import read_catalogue
from newsloc.translate.pipeline import translate_article

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
