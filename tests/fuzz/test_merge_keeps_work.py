"""Any catalogue a reviewer could hold, any new version of the article: after `translate`
every translation is still in the file, live or as an obsolete (`#~`) entry."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsloc.base.po.conventions import read_catalogue
from newsloc.base.po.writer import format_catalogue
from newsloc.translate.pipeline import RunSettings, translate_article
from tests.fuzz.support import catalogues, texts


def translations(po) -> set[str]:
    found = set()
    for entry in po:
        found |= {entry.msgstr} | set(entry.msgstr_plural.values())
    return {text for text in found if text}


@given(catalogues(), st.lists(st.booleans(), max_size=12), texts(max_words=8, separators=False))
def test_translate_never_drops_a_translation(tmp_path_factory, po, keep, extra) -> None:
    root = tmp_path_factory.mktemp("merge")
    po.metadata["Language"] = "ru"
    path = root / "loc" / "ru" / "LC_MESSAGES" / "story.po"
    path.parent.mkdir(parents=True)
    path.write_text(format_catalogue(po), encoding="utf-8")
    before = translations(read_catalogue(path))
    live = [e.msgid for e in po if not e.obsolete]
    chosen = [msgid for msgid, kept in zip(live, keep, strict=False) if kept]
    paragraphs = [" ".join(m.split()) for m in chosen] + [" ".join(extra.split()) or "x"]
    (root / "story.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")

    translate_article(root / "story.txt", RunSettings(["ru"], out=root / "loc"), domain="story")

    assert before <= translations(read_catalogue(path))
