"""Issue 20's classes of input that used to lose or falsify text: every one must keep what a
person wrote, or refuse in one line (the deep mode, NEWSLOC_FUZZ_DEEP=1, runs many more)."""

from __future__ import annotations

import polib
from hypothesis import given
from hypothesis import strategies as st

from newsloc.base.po.conventions import read_catalogue
from newsloc.base.po.writer import format_catalogue
from newsloc.translate.pipeline import translate_article
from tests.fuzz.support import texts


@given(
    st.lists(
        st.tuples(texts(max_words=6, separators=False), st.booleans(), st.booleans()),
        min_size=1,
        max_size=8,
    )
)
def test_live_entries_with_obsolete_twins_stay_live(tmp_path_factory, rows) -> None:
    """A live entry and an obsolete one with the same msgid: translate keeps the live one live."""
    root = tmp_path_factory.mktemp("twins")
    po = polib.POFile()
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    paragraphs, twins = [], []
    for index, (text, reviewed, twin) in enumerate(rows):
        msgid = f"{index} " + " ".join(text.split())
        paragraphs.append(msgid)
        po.append(
            polib.POEntry(
                msgid=msgid,
                msgstr=f"live {index}",
                flags=[] if reviewed else ["fuzzy"],
                occurrences=[("story.txt", str(2 * index + 1))],
            )
        )
        if twin:
            twins.append(polib.POEntry(msgid=msgid, msgstr=f"old {index}", obsolete=True))
    po.extend(twins)
    path = root / "loc" / "ru" / "LC_MESSAGES" / "story.po"
    path.parent.mkdir(parents=True)
    path.write_text(format_catalogue(po), encoding="utf-8")
    (root / "story.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")

    translate_article(root / "story.txt", ["ru"], out=root / "loc", domain="story")

    after = read_catalogue(path)
    live = {e.msgid: e.msgstr for e in after if not e.obsolete}
    assert live == {msgid: f"live {i}" for i, msgid in enumerate(paragraphs)}
    assert {e.msgstr for e in after if e.obsolete} == {t.msgstr for t in twins}
