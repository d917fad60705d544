"""Text in Unicode's decomposed form (NFD) is read as the same text composed (NFC).

Copy pasted from some editors and PDFs arrives decomposed: az `Ş` as `S` + U+0327, ru `й`
as `и` + U+0306, `ё` as `е` + U+0308. A name written so is found exactly as in composed
text, by `check`, `apply`, near misses and `catalog audit`, with the same verdicts; `apply`
replaces only what it rewrites (inserting the glossary's form) and leaves every other
character of the translation as written, decomposed or not.
"""

from __future__ import annotations

import shutil
import unicodedata
from functools import cache
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsloc.glossary.check import CheckEntry, check_entries
from newsloc.glossary.loader import load_default_glossary, load_glossary
from newsloc.glossary.match import matcher_for
from newsloc.glossary.model import Glossary
from newsloc.glossary.render import DocumentRenderer, SegmentRendering
from newsloc.glossary.target import target_index
from newsloc.glossary.textnorm import nfc_view
from newsloc.translate.catalog.audit import audit_catalogs
from newsloc.translate.catalog.glossary_qa import apply_to_catalog, check_catalogs
from tests.conftest import REPO
from tests.glossary.test_real_text import render


@cache
def _glossary() -> Glossary:
    return load_default_glossary()


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def mixed(text: str) -> str:
    """Every other word decomposed: text pasted together from two sources."""
    words = text.split(" ")
    return " ".join(nfd(word) if i % 2 else word for i, word in enumerate(words))


#: (language, source, translation as composed), each a different verdict: clean, the
#: secondary added, another name rewritten, a variant, a near miss, a reading left ambiguous.
CASES = [
    (
        "az",
        "Talks in Azerbaijan and Nakhchivan.",
        "Danışıqlar Azərbaycanda və Naxçıvanda keçirildi.",
    ),
    ("az", "Talks in Shusha.", "Danışıqlar Şuşada keçirildi."),
    ("az", "Talks in Shusha.", "Danışıqlar Şuşidə keçirildi."),
    ("az", "Talks in Fuzuli.", "Danışıqlar Fizulidə keçirildi."),
    ("az", "Talks in Copenhagen.", "Danışıqlar Kopenhagandakı görüşdə keçirildi."),
    ("az", "Talks in Türkiye.", "Danışıqlar Türkiyədə keçirildi."),
    ("ru", "China said.", "Китай заявил."),
    ("ru", "In Stepanakert.", "В Стёпанакерте (Ханкенди)."),
    (
        "ru",
        "Talks in Stepanakert went calmly, China said.",
        "Переговоры в Ханкенди прошли спокойно, заявил Китай.",
    ),
    ("ru", "Talks in Azerbaijan.", "Переговоры в Азейрбайджане, заявил Китай."),
    ("ru", "Talks in Martakert, China said.", "Переговоры в Мардакерте, заявил Китай."),
    ("ru", "Shusha is special.", "Шуши занимает особое место, заявил Китай."),
    ("ru", "China said.", "Заявление сделал Пекин, а не кто-то ещё."),
    ("hy", "Talks in Yerevan and Stepanakert.", "Բանակցություններ Երևանում և Խանքենդիում։"),
]


def _check(language: str, source: str, translation: str) -> list[tuple[str, str, str, str]]:
    found = check_entries(_glossary(), language, [CheckEntry(source, translation, 1)])
    return [(v.code, v.concept_id, v.severity, v.message) for v in found]


def _kept_outside(original: str, result: SegmentRendering) -> None:
    """Every character of `original` outside the rewritten spans is in the result as
    written, in order; each rewrite reads as the glossary's form."""
    pieces, position = [], 0
    for change in sorted(result.changes, key=lambda c: c.start):
        assert nfc(original[change.start : change.end]) == change.old
        pieces.append(original[position : change.start])
        position = change.end
    assert result.text.startswith(pieces[0] if pieces else "")
    assert result.text.endswith(original[position:])
    cursor = 0
    for piece in pieces:
        cursor = result.text.index(piece, cursor) + len(piece)


@pytest.mark.parametrize(("language", "source", "translation"), CASES)
@pytest.mark.parametrize("written", [nfd, mixed], ids=["nfd", "mixed"])
def test_decomposed_text_gets_the_verdicts_of_composed_text(language, source, translation, written):
    text = written(translation)
    if language != "hy":
        assert nfd(translation) != translation  # the case is about decomposed letters
    assert _check(language, source, text) == _check(language, source, translation)

    (composed,) = render(_glossary(), language, (source, translation))
    (result,) = render(_glossary(), language, (source, text))
    assert nfc(result.text) == composed.text
    assert result.problems == composed.problems
    assert result.comments() == composed.comments()
    assert result.near_misses == composed.near_misses
    assert result.original == text
    if not composed.changed:
        assert result.text == text  # not a code point moved
    _kept_outside(text, result)
    (again,) = render(_glossary(), language, (source, result.text))
    assert again.text == result.text and not again.changes


def test_a_secondary_added_to_a_decomposed_name_leaves_the_name_as_written():
    text = nfd("Danışıqlar Şuşada keçirildi.")
    (result,) = render(_glossary(), "az", ("Talks in Shusha.", text))
    assert result.text == nfd("Danışıqlar Şuşada") + " (Şuşi)" + nfd(" keçirildi.")


def test_a_rewrite_in_decomposed_text_inserts_the_glossary_s_form_and_nothing_else():
    source = "Talks in Stepanakert went calmly, China said."
    text = nfd("Переговоры в Ханкенди прошли спокойно, заявил Китай.")
    (result,) = render(_glossary(), "ru", (source, text))
    assert result.text == (
        nfd("Переговоры в ") + "Степанакерте (" + nfd("Ханкенди) прошли спокойно, заявил Китай.")
    )
    (change,) = result.changes
    assert text[change.start : change.end] == "Ханкенди"
    assert (change.old, change.new) == ("Ханкенди", "Степанакерте (Ханкенди)")


def test_a_decomposed_yo_is_no_other_name():
    # Before: the name was not seen, so `Ханкенди` in parentheses was taken for the other
    # name alone and `apply` wrote `Стёпанакерте (Степанакерт (Ханкенди))`.
    text = nfd("В Стёпанакерте (Ханкенди).")
    assert _check("ru", "In Stepanakert.", text) == []
    (result,) = render(_glossary(), "ru", ("In Stepanakert.", text))
    assert result.text == text and not result.problems


@pytest.mark.parametrize(
    ("language", "text", "words"),
    [
        (
            "az",
            "Şuşa, Naxçıvan, Gürcüstan və Türkiyə",
            ["Şuşa", "Naxçıvan", "Gürcüstan", "Türkiyə"],
        ),
        (
            "ru",
            "Китай, Нагорный Карабах и Стёпанакерт",
            ["Китай", "Нагорный Карабах", "Стёпанакерт"],
        ),
    ],
)
def test_the_index_gives_offsets_in_the_text_as_written(language, text, words):
    for written in (nfd(text), mixed(text)):
        found = target_index(_glossary(), language).find(written)
        assert [nfc(written[o.word_start : o.word_end]) for o in found] == words
        assert [o.form for o in found] == words


def test_the_source_matcher_reads_decomposed_english_too():
    source = nfd("Talks in Türkiye and Qızılhacılı.")
    mentions = matcher_for(_glossary()).find(source)
    assert [(m.concept_id, m.spelling) for m in mentions] == [
        ("turkey", "Türkiye"),
        ("gizilhajili", "Qızılhacılı"),
    ]
    assert [source[m.start : m.end] for m in mentions] == [nfd("Türkiye"), nfd("Qızılhacılı")]


def test_armenian_has_no_letters_that_decompose():
    """NFD leaves every Armenian spelling of the glossary as it is (`և` and the Armenian
    ligatures decompose only under NFKD), so Armenian text is read as written."""
    spellings = list(target_index(_glossary(), "hy").readings)
    assert spellings
    assert all(nfd(spelling) == spelling for spelling in spellings)
    assert nfd("Երևան ﬓ") == "Երևան ﬓ"
    assert nfc_view("Երևանում") is None


def test_a_stress_mark_that_composes_is_still_a_stress_mark():
    # `г` + U+0301 composes into the Macedonian `ѓ` under NFC; in Russian it is `г` stressed.
    text = "Обстрел в А\u0433\u0301даме."
    assert unicodedata.normalize("NFC", text) == "Обстрел в Аѓдаме."
    assert _check("ru", "Shelling in Aghdam.", text) == []
    assert _check("ru", "Shelling in Aghdam.", nfc(text)) == []


# --- catalogues --------------------------------------------------------------------------------

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: {language}\\n"

#: a.txt:1
msgid "{first_source}"
msgstr "{first}"

#: a.txt:3
msgid "{second_source}"
msgstr "{second}"
"""


@pytest.mark.parametrize(
    ("language", "first", "second", "rewritten"),
    [
        (
            "az",
            ("Talks in Azerbaijan.", "Danışıqlar Azərbaycanda keçirildi."),
            ("Talks in Shusha.", "Danışıqlar Şuşada keçirildi."),
            nfd("Danışıqlar Şuşada") + " (Şuşi)" + nfd(" keçirildi."),
        ),
        (
            "ru",
            ("China said.", "Китай заявил."),
            ("Talks in Stepanakert, China said.", "Переговоры в Ханкенди, заявил Китай."),
            nfd("Переговоры в ") + "Степанакерте (" + nfd("Ханкенди), заявил Китай."),
        ),
    ],
)
def test_apply_on_a_decomposed_catalogue_rewrites_one_name_and_round_trips(
    tmp_path: Path, language, first, second, rewritten
):
    path = tmp_path / f"{language}.po"
    text = PO.format(
        language=language,
        first_source=first[0],
        first=nfd(first[1]),
        second_source=second[0],
        second=nfd(second[1]),
    )
    path.write_bytes(text.encode())
    report = apply_to_catalog(path, _glossary())
    assert report.changed == 1 and report.written
    after = path.read_bytes().decode()
    # The first entry keeps its decomposed bytes; the second is rewritten in its name only.
    assert f'msgstr "{nfd(first[1])}"' in after
    assert f'msgstr "{rewritten}"' in after
    assert after.startswith(text.split("#: a.txt:3")[0])
    # The file reads back; apply again changes nothing; check has nothing to say.
    po = polib.pofile(str(path))
    assert [e.msgstr for e in po] == [nfd(first[1]), rewritten]
    again = apply_to_catalog(path, _glossary())
    assert again.changed == 0 and not again.written
    assert path.read_bytes().decode() == after
    assert check_catalogs([path], _glossary()) == []


def test_the_sample_editions_decomposed_audit_and_check_as_composed(tmp_path: Path):
    composed = tmp_path / "composed"
    decomposed = tmp_path / "decomposed"
    shutil.copytree(REPO / "locales", composed)
    shutil.copytree(REPO / "locales", decomposed)
    paths = sorted(decomposed.glob("*/LC_MESSAGES/*.po"))
    decomposed_entries = 0
    for path in paths:
        po = polib.pofile(str(path), wrapwidth=76)
        for entry in po:
            decomposed_entries += nfd(entry.msgstr) != entry.msgstr
            entry.msgstr = nfd(entry.msgstr)
        po.save()
    assert decomposed_entries > 10  # az and ru

    def audit(root: Path) -> dict:
        report = audit_catalogs(root, None, _glossary()).as_dict()
        report["catalogs"] = []
        for concept in report["concepts"]:
            for cell in concept["languages"].values():
                cell["renderings"] = [nfc(r) for r in cell["renderings"]]
                cell["first"] = cell["first"] and nfc(cell["first"])
        return report

    assert audit(decomposed) == audit(composed)
    assert audit(decomposed)["disagreements"] == 0

    def checked(root: Path) -> list[tuple]:
        found = check_catalogs(sorted(root.glob("*/LC_MESSAGES/*.po")), _glossary())
        return [(Path(v.file).parent.parent.name, v.line, v.code, v.message) for v in found]

    assert checked(decomposed) == checked(composed)
    before = {p: p.read_bytes() for p in paths}
    for path in paths:
        apply_to_catalog(path, _glossary())
    assert {p: p.read_bytes() for p in paths} == before  # nothing to rewrite, not a byte moved


def test_a_glossary_saved_decomposed_is_read_composed(tmp_path: Path):
    """A curator's editor that saves NFD: the forms are read composed, found in composed
    and decomposed text alike, and apply inserts them composed, once."""
    path = tmp_path / "nfd.toml"
    path.write_text(
        nfd(
            '[glossary]\nname = "t"\nversion = "1"\nsource = "en"\ntargets = ["az"]\n\n'
            '[[concept]]\nid = "shusha"\nkind = "city"\nnames = ["Shusha", "Shushi"]\n'
            'az.Shusha = { nom = "Şuşa", loc = "Şuşada" }\n'
            'az.Shushi = { nom = "Şuşi", loc = "Şuşidə" }\n'
        ),
        encoding="utf-8",
    )
    glossary = load_glossary(path)
    assert glossary.concept("shusha").forms_of("az", "Shusha").nom == "Şuşa"
    for text in ("Danışıqlar Şuşidə keçirildi.", nfd("Danışıqlar Şuşidə keçirildi.")):
        (result,) = render(glossary, "az", ("Talks in Shusha.", text))
        assert nfc(result.text) == "Danışıqlar Şuşada (Şuşi) keçirildi."
        assert "Şuşada (Şuşi)" in result.text  # inserted composed
        (again,) = render(glossary, "az", ("Talks in Shusha.", result.text))
        assert again.text == result.text and not again.changes


# --- the offset map ------------------------------------------------------------------------------

_LETTERS = "aSsCcGgOoUuIiəıеиЕИ ,Ere\u0327\u0306\u0308\u0307\u0301\u0300ŞşÇçĞğÖöÜüİйёЁЙ한ᄒ\u1161"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=_LETTERS, min_size=1, max_size=30),
    st.data(),
)
def test_a_rewrite_of_the_composed_text_keeps_the_original_outside_it(text, data):
    view = nfc_view(text)
    if view is None:
        assert unicodedata.is_normalized("NFC", text)
        return
    assert view.text == nfc(text)
    start = data.draw(st.integers(0, len(view.text)))
    end = data.draw(st.integers(start, len(view.text)))
    new = data.draw(st.text(alphabet="XYZ (Şə)", max_size=6)) + view.text[start:end]
    rewritten = view.rewrite([(start, end, new)])
    assert nfc(rewritten) == nfc(view.text[:start] + new + view.text[end:])
    begin, finish = view.original_span(start, end)
    assert rewritten.startswith(text[:begin]) and rewritten.endswith(text[finish:])
    assert view.text_span(0, len(text)) == (0, len(view.text))


def test_a_name_placed_by_alignment_lands_where_the_engine_pointed_in_the_text_as_written():
    """The engine's alignment gives offsets in the translation as written (decomposed):
    the renderer reads them in NFC and writes the name back at that place."""
    source = "Talks in Shusha ended."
    text = nfd("Danışıqlar Qwerty şəhərində başa çatdı.")
    where = text.index("Qwerty")

    def locate(start: int, end: int) -> tuple[int, int] | None:
        assert source[start:end] == "Shusha"
        return where, where + len("Qwerty")

    renderer = DocumentRenderer(_glossary(), "az")
    result = renderer.render(source, text, locate)
    assert result.placed_by_alignment == 1
    assert result.text == text[:where] + "Şuşa (Şuşi)" + text[where + len("Qwerty") :]
    (change,) = result.changes
    assert text[change.start : change.end] == "Qwerty"


def test_every_item_of_the_regional_set_decomposed_gets_the_verdicts_of_it_composed():
    """The real-copy development set of bench/regional_bench.py (some 300 items, right and
    wrong), each decomposed: check says the same, apply writes the same words."""
    from bench import regional_bench as bench

    compared = 0
    for language, items in bench.load_set(bench.SET).items():
        for item in items:
            text = nfd(item.text)
            if text == item.text:
                continue  # Armenian, and copy with no letter that decomposes
            compared += 1
            assert _check(language, item.english, text) == _check(
                language, item.english, item.text
            ), item.id
            (composed,) = render(_glossary(), language, (item.english, item.text))
            (result,) = render(_glossary(), language, (item.english, text))
            assert nfc(result.text) == composed.text, item.id
            assert result.problems == composed.problems, item.id
            _kept_outside(text, result)
    assert compared > 100
