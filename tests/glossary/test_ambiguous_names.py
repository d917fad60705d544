"""Per-name ambiguity (issue 18): `ambiguous = ["Martuni"]` marks one English name.

Only the English *Martuni* is ambiguous (it is also a town in Armenia's Gegharkunik,
contract section 6); a source that says *Khojavend* names the Karabakh town, so the pair is
dual for it: apply writes the second name, check reports its absence as an error. A source
that says *Martuni* is never rewritten and check only warns, as for `ambiguous = true`.
The setting survives every exchange format.
"""

# ruff: noqa: E501  (the glossary TOML below keeps its inline tables on one line each)
from __future__ import annotations

from pathlib import Path

import polib
import pytest

from newsloc.glossary import DEFAULT_GLOSSARY_PATH, load_glossary
from newsloc.glossary.check import ERROR, WARNING, CheckEntry, Checker
from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.exchange import export_glossary
from newsloc.glossary.exchange.importing import convert_to_toml
from newsloc.glossary.exchange.review import export_review, review_context
from newsloc.glossary.exchange.review_import import import_review
from newsloc.glossary.exchange.toml_writer import glossary_to_toml
from newsloc.glossary.loader import parse_glossary
from newsloc.glossary.model import Glossary
from newsloc.glossary.render import DocumentRenderer

TOML = """\
[glossary]
name = "Ambiguity"
version = "1"
targets = ["ru", "hy", "az"]

[[concept]]
id = "martuni"
kind = "town"
names = ["Martuni", "Khojavend"]
ambiguous = ["Martuni"]
en.Khojavend = ["Khojavand"]
ru.Martuni = "Мартуни"
ru.Khojavend = { nom = "Ходжавенд", gen = "Ходжавенда", dat = "Ходжавенду", acc = "Ходжавенд", ins = "Ходжавендом", loc = "Ходжавенде" }
hy.Martuni = { nom = "Մարտունի", gen = "Մարտունիի", dat = "Մարտունիին", abl = "Մարտունիից", ins = "Մարտունիով", loc = "Մարտունիում" }
hy.Khojavend = { nom = "Խոջավենդ", gen = "Խոջավենդի", dat = "Խոջավենդին", abl = "Խոջավենդից", ins = "Խոջավենդով", loc = "Խոջավենդում" }
az.Martuni = { nom = "Martuni", gen = "Martuninin", dat = "Martuniyə", acc = "Martunini", loc = "Martunidə", abl = "Martunidən" }
az.Khojavend = { nom = "Xocavənd", gen = "Xocavəndin", dat = "Xocavəndə", acc = "Xocavəndi", loc = "Xocavənddə", abl = "Xocavənddən" }

[[concept]]
id = "georgia"
kind = "country"
names = ["Georgia"]
ambiguous = true
ru.Georgia = "Грузия"
hy.Georgia = "Վրաստան"
az.Georgia = "Gürcüstan"
"""


@pytest.fixture(scope="module", params=["small", "curated"])
def glossary(request: pytest.FixtureRequest) -> Glossary:
    """The small glossary above, and the curated data, which marks Martuni the same way."""
    if request.param == "small":
        return parse_glossary(TOML, "ambiguity.toml")
    return load_glossary(DEFAULT_GLOSSARY_PATH)


def apply(glossary: Glossary, language: str, source: str, text: str) -> str:
    return DocumentRenderer(glossary, language).render(source, text).text


def check(glossary: Glossary, language: str, source: str, text: str) -> list[tuple[str, str]]:
    violations = Checker(glossary, language).check(CheckEntry(source, text, 1))
    return [(v.code, v.severity) for v in violations if v.concept_id == "martuni"]


#: (language, translation of a source saying Khojavend, what apply writes)
KHOJAVEND = [
    ("ru", "Обстрел в Ходжавенде.", "Обстрел в Ходжавенде (Мартуни)."),
    ("hy", "Հրետակոծություն Խոջավենդում։", "Հրետակոծություն Խոջավենդում (Մարտունի)։"),
    ("az", "Xocavənd şəhəri atəşə tutulub.", "Xocavənd (Martuni) şəhəri atəşə tutulub."),
]

#: (language, translation of a source saying Martuni, in the source's name and in the other)
MARTUNI = [
    ("ru", "Обстрел в Мартуни.", "Обстрел в Ходжавенде."),
    ("hy", "Հրետակոծություն Մարտունիում։", "Հրետակոծություն Խոջավենդում։"),
    ("az", "Martunidə atışma.", "Xocavənddə atışma."),
]


def test_the_file_marks_only_martuni(glossary: Glossary) -> None:
    martuni = glossary.concept("martuni")
    assert martuni.ambiguous_names == ("Martuni",)
    assert martuni.is_ambiguous("Martuni") and not martuni.is_ambiguous("Khojavend")
    assert martuni.ambiguous and not martuni.wholly_ambiguous
    assert martuni.dual
    assert glossary.concept("martuni").as_dict()["ambiguous"] == ["Martuni"]


@pytest.mark.parametrize(("language", "text", "written"), KHOJAVEND)
def test_a_source_saying_khojavend_gets_both_names(
    glossary: Glossary, language: str, text: str, written: str
) -> None:
    source = "Shelling in Khojavend." if language != "az" else "The town of Khojavend was shelled."
    assert apply(glossary, language, source, text) == written
    assert check(glossary, language, source, text) == [("NL102", ERROR)]
    assert check(glossary, language, source, written) == []


@pytest.mark.parametrize(("language", "text", "written"), KHOJAVEND)
def test_an_english_spelling_of_khojavend_is_not_ambiguous(
    glossary: Glossary, language: str, text: str, written: str
) -> None:
    source = "Shelling in Khojavand." if language != "az" else "The town of Khojavand was shelled."
    assert apply(glossary, language, source, text) == written


@pytest.mark.parametrize(("language", "own", "other"), MARTUNI)
def test_a_source_saying_martuni_is_never_rewritten_and_only_warned_about(
    glossary: Glossary, language: str, own: str, other: str
) -> None:
    source = "Shelling in Martuni."
    for text in (own, other):
        assert apply(glossary, language, source, text) == text
        found = check(glossary, language, source, text)
        assert found and all(severity == WARNING for _, severity in found)


@pytest.mark.parametrize("language", ["ru", "hy", "az"])
def test_martuni_alone_in_a_segment_does_not_introduce_khojavend(
    glossary: Glossary, language: str
) -> None:
    """A document's first mention that counts is the first unambiguous one."""
    renderer = DocumentRenderer(glossary, language)
    _, own, _ = next(item for item in MARTUNI if item[0] == language)
    renderer.render("Shelling in Martuni.", own)
    _, text, written = next(item for item in KHOJAVEND if item[0] == language)
    source = "Shelling in Khojavend." if language != "az" else "The town of Khojavend was shelled."
    assert renderer.render(source, text).text == written


@pytest.mark.parametrize("language", ["ru", "hy", "az"])
def test_check_agrees_martuni_first_does_not_introduce_khojavend(
    glossary: Glossary, language: str
) -> None:
    checker = Checker(glossary, language)
    _, own, _ = next(item for item in MARTUNI if item[0] == language)
    first = checker.check(CheckEntry("Shelling in Martuni.", own, 1))
    assert first and all(v.severity == WARNING for v in first)
    # A second segment about Martuni alone is not warned about its second name again.
    assert checker.check(CheckEntry("Martuni again.", own, 2)) == []
    _, text, _ = next(item for item in KHOJAVEND if item[0] == language)
    source = "Shelling in Khojavend." if language != "az" else "The town of Khojavend was shelled."
    lacking = checker.check(CheckEntry(source, text, 3))
    assert [(v.code, v.severity) for v in lacking] == [("NL102", ERROR)]


def test_a_source_using_both_names_is_checked_as_usual(glossary: Glossary) -> None:
    source = "Khojavend (Martuni) was shelled."
    assert check(glossary, "az", source, "Xocavənd (Martuni) atəşə tutulub.") == []
    # The translation drops Martuni: the source's unambiguous name makes it an error.
    assert ("NL101", ERROR) in check(glossary, "az", source, "Xocavənd atəşə tutulub.")


# --- exchange formats --------------------------------------------------------------------


def small() -> Glossary:
    return parse_glossary(TOML, "ambiguity.toml")


def test_toml_writer_writes_the_list_and_true() -> None:
    text = glossary_to_toml(small())
    assert 'ambiguous = ["Martuni"]' in text
    assert "ambiguous = true" in text
    again = parse_glossary(text, "again.toml")
    assert again.concept("martuni").ambiguous_names == ("Martuni",)
    assert again.concept("georgia").wholly_ambiguous


def test_tbx_round_trip_keeps_which_names_are_ambiguous(tmp_path: Path) -> None:
    tbx = export_glossary(small(), "tbx")
    assert "<note>ambiguous: Martuni</note>" in tbx
    assert "<note>ambiguous: true</note>" in tbx
    path = tmp_path / "ambiguity.tbx"
    path.write_text(tbx, encoding="utf-8")
    imported, toml_text = convert_to_toml(path)
    assert imported.concept("martuni").ambiguous_names == ("Martuni",)
    assert imported.concept("georgia").ambiguous_names == ("Georgia",)
    assert 'ambiguous = ["Martuni"]' in toml_text


def test_a_tbx_note_naming_an_unknown_name_is_a_one_line_problem(tmp_path: Path) -> None:
    tbx = export_glossary(small(), "tbx").replace("ambiguous: Martuni", "ambiguous: Martunii")
    path = tmp_path / "bad.tbx"
    path.write_text(tbx, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        convert_to_toml(path)
    assert str(caught.value).splitlines() == [
        f"{path}: concept martuni: ambiguous note names 'Martunii', not one of its names "
        "(Martuni, Khojavend)"
    ]


def test_csv_term_lists_leave_out_only_the_ambiguous_names(tmp_path: Path) -> None:
    csv_text = export_glossary(small(), "csv")
    rows = [line.split(",")[0] for line in csv_text.splitlines()[1:]]
    assert rows == ["Khojavend", "Khojavand"]  # no Martuni, no Georgia
    tsv = export_glossary(small(), "tsv", "az")
    assert tsv == "Khojavend\tXocavənd\nKhojavand\tXocavənd\n"
    path = tmp_path / "terms.csv"
    path.write_text(csv_text, encoding="utf-8")
    imported, _ = convert_to_toml(path)
    # What a term list carries comes back: Khojavend, never the ambiguous Martuni.
    assert [c.names for c in imported] == [("Khojavend",)]
    assert not imported.concepts[0].ambiguous


def test_review_catalogue_says_which_name_is_ambiguous() -> None:
    catalogue = polib.pofile(export_review(small(), "ru"))
    comments = {entry.msgctxt: entry.comment for entry in catalogue}
    assert (
        "ambiguous: the English name also means something else; never rewritten"
        in comments[review_context("martuni", "Martuni")].splitlines()
    )
    assert any(
        line.startswith("ambiguous: only Martuni")
        and "a source that says Khojavend is rewritten as usual" in line
        for line in comments[review_context("martuni", "Khojavend")].splitlines()
    )


def test_importing_a_review_keeps_the_list(tmp_path: Path) -> None:
    glossary_path = tmp_path / "ambiguity.toml"
    glossary_path.write_text(TOML, encoding="utf-8")
    catalogue = polib.pofile(export_review(parse_glossary(TOML, str(glossary_path)), "ru"))
    for entry in catalogue:
        if entry.msgctxt == review_context("martuni", "Martuni"):
            entry.msgstr = "Мартуны"
    po_path = tmp_path / "review.po"
    catalogue.save(str(po_path))
    assert import_review(po_path, glossary_path).written
    text = glossary_path.read_text(encoding="utf-8")
    assert 'ru.Martuni = "Мартуны"' in text and 'ambiguous = ["Martuni"]' in text
    reloaded = load_glossary(glossary_path)
    assert reloaded.concept("martuni").ambiguous_names == ("Martuni",)
