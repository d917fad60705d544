"""Exchange formats: term lists for DeepL/Google/Amazon, TBX-Basic, and TOML written back.

Every export is parsed back the way its consumer would (csv module, ElementTree) and every
import must produce TOML that the loader accepts.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsloc.base.errors import NewslocError
from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.exchange import convert_to_toml, export_glossary, glossary_to_toml
from newsloc.glossary.exchange.tbx import XML_LANG
from newsloc.glossary.exchange.toml_writer import toml_key, toml_string
from newsloc.glossary.loader import parse_glossary
from newsloc.glossary.model import CaseForms, Glossary

#: The contract's example, plus what the exchange formats must carry: variants, a source, an
#: ambiguous concept with narrower targets, English spellings with a comma and quotes.
SAMPLE_TOML = """\
# Sample glossary for exchange tests: comments must survive a review import.
[glossary]
name = "Test place names"
version = "2026.11"
source = "en"
targets = ["hy", "az", "ru"]

[policy]
contested = "both"            # keep every name
scope = "first"
format = "{primary} ({secondary})"

[[concept]]
id = "stepanakert"
kind = "city"
names = ["Stepanakert", "Khankendi"]          # 2+ names => contested
note = "Armenian name Stepanakert; Azerbaijan's name Khankendi (Xankəndi)."
source = "https://example.org/names"
en.Khankendi = ["Khankandi", "Xankandi"]      # extra English spellings
ru.Stepanakert = { nom = "Степанакерт", gen = "Степанакерта", dat = "Степанакерту", \
acc = "Степанакерт", ins = "Степанакертом", loc = "Степанакерте", variants = ["Стефанакерт"] }
ru.Khankendi = "Ханкенди"                      # a plain string: one form, every case
hy.Stepanakert = { nom = "Ստեփանակերտ", gen = "Ստեփանակերտի", dat = "Ստեփանակերտին", \
abl = "Ստեփանակերտից", ins = "Ստեփանակերտով", loc = "Ստեփանակերտում" }
hy.Khankendi = { nom = "Խանքենդի", gen = "Խանքենդիի", abl = "Խանքենդիից", \
ins = "Խանքենդիով", loc = "Խանքենդիում" }
az.Stepanakert = { nom = "Stepanakert", gen = "Stepanakertin", dat = "Stepanakertə", \
acc = "Stepanakerti", loc = "Stepanakertdə", abl = "Stepanakertdən", \
variants = [{ nom = "Stepanakret", loc = "Stepanakretdə" }, "Stepanakerd"] }
az.Khankendi = { nom = "Xankəndi", gen = "Xankəndinin", dat = "Xankəndiyə", \
acc = "Xankəndini", loc = "Xankəndidə", abl = "Xankəndidən" }

[[concept]]
id = "baku"
kind = "city"
names = ["Baku"]                              # one name => not contested
ru.Baku = "Баку"
hy.Baku = { nom = "Բաքու", gen = "Բաքվի", abl = "Բաքվից", loc = "Բաքվում" }
az.Baku = { nom = "Bakı", gen = "Bakının", dat = "Bakıya", acc = "Bakını", loc = "Bakıda", \
abl = "Bakıdan" }

[[concept]]
id = "georgia"
kind = "country"
names = ["Georgia"]
ambiguous = true
targets = ["ru"]
ru.Georgia = "Грузия"

[[concept]]
id = "nagorno-karabakh"
kind = "region"
names = ["Nagorno-Karabakh"]
en.Nagorno-Karabakh = ["Nagorny Karabakh", "Karabakh, Nagorno"]
ru.Nagorno-Karabakh = { nom = "Нагорный Карабах", gen = "Нагорного Карабаха" }
hy.Nagorno-Karabakh = { nom = "Լեռնային Ղարաբաղ", \
short = ["ԼՂ", { nom = "Արցախ", gen = "Արցախի" }] }
az.Nagorno-Karabakh = 'Dağlıq "Qarabağ"'
"""


def write_sample(directory: Path, name: str = "sample.toml") -> Path:
    path = directory / name
    path.write_text(SAMPLE_TOML, encoding="utf-8")
    return path


@pytest.fixture
def sample(tmp_path: Path) -> Glossary:
    return parse_glossary(SAMPLE_TOML, write_sample(tmp_path))


def without_lines(glossary: Glossary) -> list:
    """Concepts compared by content: the file line is where, not what."""
    return [dataclasses.replace(concept, line=None) for concept in glossary]


def rows(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


# ---------------------------------------------------------------- TSV and CSV export


def test_tsv_is_deepl_entries_one_pair_per_english_spelling(sample: Glossary) -> None:
    text = export_glossary(sample, "tsv", "ru")
    assert rows(text, "\t") == [
        ["Stepanakert", "Степанакерт"],
        ["Khankendi", "Ханкенди"],
        ["Khankandi", "Ханкенди"],
        ["Xankandi", "Ханкенди"],
        ["Baku", "Баку"],
        ["Nagorno-Karabakh", "Нагорный Карабах"],
        ["Nagorny Karabakh", "Нагорный Карабах"],
        ["Karabakh, Nagorno", "Нагорный Карабах"],
    ]
    assert "Georgia" not in text  # ambiguous: a service would rewrite the US state too
    assert text.count("\n") == 8 and "\r" not in text


def test_tsv_needs_one_target_language(sample: Glossary) -> None:
    with pytest.raises(GlossaryError, match="--lang"):
        export_glossary(sample, "tsv")
    with pytest.raises(GlossaryError, match="no target language 'fr'"):
        export_glossary(sample, "tsv", "fr")


def test_csv_has_language_header_and_every_target(sample: Glossary) -> None:
    text = export_glossary(sample, "csv")
    parsed = rows(text, ",")
    assert parsed[0] == ["en", "hy", "az", "ru"]
    assert parsed[1] == ["Stepanakert", "Ստեփանակերտ", "Stepanakert", "Степанакерт"]
    assert ["Karabakh, Nagorno", "Լեռնային Ղարաբաղ", 'Dağlıq "Qarabağ"', "Нагорный Карабах"] in (
        parsed
    )
    assert all(len(row) == 4 for row in parsed)
    assert not text.startswith("\ufeff")
    assert '"Dağlıq ""Qarabağ"""' in text  # standard CSV quoting, as DeepL and Amazon read it


def test_csv_with_one_language_has_two_columns(sample: Glossary) -> None:
    parsed = rows(export_glossary(sample, "csv", "az"), ",")
    assert parsed[0] == ["en", "az"]
    assert ["Khankendi", "Xankəndi"] in parsed
    assert all(len(row) == 2 for row in parsed)


def test_unknown_export_format_is_refused(sample: Glossary) -> None:
    with pytest.raises(GlossaryError, match="unknown export format 'xlsx'"):
        export_glossary(sample, "xlsx")


# ---------------------------------------------------------------- TBX


def test_tbx_is_well_formed_tbx_basic_with_one_entry_per_concept(sample: Glossary) -> None:
    root = ET.fromstring(export_glossary(sample, "tbx"))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert root.get(XML_LANG) == "en"
    assert root.findtext("martifHeader/fileDesc/titleStmt/title") == "Test place names"
    entries = root.findall("text/body/termEntry")
    assert [entry.get("id") for entry in entries] == [
        "stepanakert",
        "baku",
        "georgia",
        "nagorno-karabakh",
    ]
    stepanakert = entries[0]
    assert [ls.get(XML_LANG) for ls in stepanakert.findall("langSet")] == ["en", "hy", "az", "ru"]
    assert stepanakert.findtext("descrip[@type='definition']").startswith("Armenian name")
    assert stepanakert.findtext("admin[@type='source']") == "https://example.org/names"
    for tig in root.iter("tig"):
        assert tig.findtext("term")
        assert tig.findtext("termNote[@type='partOfSpeech']") == "properNoun"


def test_tbx_marks_base_forms_cases_and_variants(sample: Glossary) -> None:
    root = ET.fromstring(export_glossary(sample, "tbx"))
    entry = root.find("text/body/termEntry[@id='stepanakert']")
    ru = next(ls for ls in entry.findall("langSet") if ls.get(XML_LANG) == "ru")
    tigs = {tig.findtext("term"): tig for tig in ru.findall("tig")}
    base = tigs["Степанакерт"]
    assert base.findtext("termNote[@type='administrativeStatus']") == "preferredTerm-admn-sts"
    notes = [note.text for note in base.findall("note")]
    assert "cases: nom acc" in notes  # one spelling, two cases: one term, not two
    assert any(note.startswith("contested: also called Ханкенди (Khankendi)") for note in notes)
    assert tigs["Степанакерта"].findtext("termNote[@type='administrativeStatus']") == (
        "admittedTerm-admn-sts"
    )
    variant = tigs["Стефанакерт"]
    assert variant.findtext("termNote[@type='termType']") == "variant"
    assert variant.findtext("termNote[@type='administrativeStatus']") == "deprecatedTerm-admn-sts"
    # A declined variant and a declined short form: one term per spelling, numbered.
    az = next(ls for ls in entry.findall("langSet") if ls.get(XML_LANG) == "az")
    az_tigs = {tig.findtext("term"): tig for tig in az.findall("tig")}
    assert [n.text for n in az_tigs["Stepanakretdə"].findall("note")][1:] == [
        "variant: 1",
        "cases: loc",
    ]
    karabakh = root.find("text/body/termEntry[@id='nagorno-karabakh']")
    hy = next(ls for ls in karabakh.findall("langSet") if ls.get(XML_LANG) == "hy")
    short = {tig.findtext("term"): tig for tig in hy.findall("tig")}["Արցախի"]
    assert short.findtext("termNote[@type='termType']") == "shortForm"
    assert [n.text for n in short.findall("note")][1:] == ["short: 2", "cases: gen"]


def test_toml_to_tbx_to_toml_keeps_everything(sample: Glossary, tmp_path: Path) -> None:
    tbx = tmp_path / "sample.tbx"
    tbx.write_text(export_glossary(sample, "tbx"), encoding="utf-8")
    back, text = convert_to_toml(tbx)
    assert without_lines(back) == without_lines(sample)  # names, cases, variants, notes…
    assert (back.name, back.version, back.targets, back.policy) == (
        sample.name,
        sample.version,
        sample.targets,
        sample.policy,
    )
    assert 'ru.Khankendi = "Ханкенди"' in text  # one form stays a plain string
    assert "ambiguous = true" in text


def test_tbx_from_another_tool_imports_with_first_terms_as_names(tmp_path: Path) -> None:
    """TBX v3 from a CAT tool: no newsloc notes, a namespace, a language missing for one entry."""
    tbx = tmp_path / "cat.tbx"
    tbx.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader><fileDesc><sourceDesc><p>From a CAT tool</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en">
        <termSec><term>Yerevan</term></termSec>
        <termSec><term>Erevan</term></termSec>
      </langSec>
      <langSec xml:lang="ru">
        <termSec><term>Ереван</term></termSec>
        <termSec><term>Эривань</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="hy"><termSec><term>Երևան</term></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="c3">
      <langSec xml:lang="en"><termSec><term>United States</term></termSec></langSec>
      <langSec xml:lang="ru">
        <termSec><term>Соединенные Штаты</term></termSec>
        <termSec><term>США</term><termNote type="termType">abbreviation</termNote></termSec>
      </langSec>
      <langSec xml:lang="hy">
        <termSec><term>Միացյալ Նահանգներ</term></termSec>
        <termSec><term>ԱՄՆ</term><termNote type="termType">acronym</termNote></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <langSec xml:lang="en"><termSec><term>Tbilisi</term></termSec></langSec>
      <langSec xml:lang="ru"><termSec><term>Тбилиси</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
""",
        encoding="utf-8",
    )
    glossary, _ = convert_to_toml(tbx, version="1")
    assert glossary.targets == ("ru", "hy")
    yerevan = glossary.concept("c1")
    assert yerevan.names == ("Yerevan",)
    assert yerevan.en_spellings == {"Yerevan": ("Erevan",)}
    assert yerevan.forms_of("ru", "Yerevan").nom == "Ереван"
    assert yerevan.forms_of("ru", "Yerevan").variants == (CaseForms({"nom": "Эривань"}),)
    assert glossary.concept("c2").targets == ("ru",)  # no Armenian term: narrower targets
    # Abbreviations and acronyms are short forms: the name, never rewritten.
    states = glossary.concept("c3")
    assert states.forms_of("ru", "United States").short == (CaseForms({"nom": "США"}),)
    assert states.forms_of("hy", "United States").short == (CaseForms({"nom": "ԱՄՆ"}),)
    assert states.forms_of("ru", "United States").variants == ()


def test_broken_tbx_is_one_line_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tbx"
    bad.write_text("<martif><text><body><termEntry></body></text></martif>", encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        convert_to_toml(bad)
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].startswith(f"{bad}: not well-formed XML")


# ---------------------------------------------------------------- TSV and CSV import


def test_csv_round_trip_groups_spellings_and_splits_contested_names(
    sample: Glossary, tmp_path: Path
) -> None:
    exported = tmp_path / "terms.csv"
    exported.write_text(export_glossary(sample, "csv"), encoding="utf-8")
    glossary, text = convert_to_toml(exported, version="2026.12")
    parse_glossary(text)  # loads as a glossary file
    assert glossary.targets == ("hy", "az", "ru")
    assert [concept.names for concept in glossary] == [
        ("Stepanakert",),
        ("Khankendi",),
        ("Baku",),
        ("Nagorno-Karabakh",),
    ]
    khankendi = glossary.concept("khankendi")
    assert khankendi.en_spellings == {"Khankendi": ("Khankandi", "Xankandi")}
    assert khankendi.forms_of("az", "Khankendi").nom == "Xankəndi"
    karabakh = glossary.concept("nagorno-karabakh")
    assert karabakh.en_spellings["Nagorno-Karabakh"] == ("Nagorny Karabakh", "Karabakh, Nagorno")
    assert karabakh.forms_of("az", "Nagorno-Karabakh").nom == 'Dağlıq "Qarabağ"'
    assert glossary.version == "2026.12"


def test_tsv_import_needs_language_when_there_is_no_header(tmp_path: Path) -> None:
    terms = tmp_path / "deepl.tsv"
    terms.write_text("Stepanakert\tСтепанакерт\nShusha\tШуша\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="--lang"):
        convert_to_toml(terms)
    glossary, _ = convert_to_toml(terms, language="ru")
    assert glossary.targets == ("ru",)
    assert glossary.concept("shusha").forms_of("ru", "Shusha").nom == "Шуша"


def test_google_csv_with_bom_and_description_column(tmp_path: Path) -> None:
    terms = tmp_path / "google.csv"
    terms.write_text(
        "\ufeffen,ru,pos,description\nLachin,Лачин,noun,Town on the Lachin corridor\n",
        encoding="utf-8",
    )
    glossary, _ = convert_to_toml(terms)
    assert glossary.targets == ("ru",)
    assert glossary.concept("lachin").note == "Town on the Lachin corridor"


def test_csv_import_reports_every_bad_row_with_its_line(tmp_path: Path) -> None:
    terms = tmp_path / "bad.csv"
    terms.write_text("en,ru\nBaku,Баку\nBaku,Баку\nShusha\n,Ереван\nAkna,\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        convert_to_toml(terms)
    assert caught.value.problems == [
        f"{terms}:3: 'Baku' already stands on line 2",
        f"{terms}:4: expected 2 columns, found 1",
        f"{terms}:5: the English term is empty",
        f"{terms}:6: 'Akna' has no target term",
    ]


def test_import_refuses_unknown_extension_and_non_utf8(tmp_path: Path) -> None:
    odd = tmp_path / "terms.xlsx"
    odd.write_bytes(b"x")
    with pytest.raises(GlossaryError, match="cannot tell the format"):
        convert_to_toml(odd)
    latin = tmp_path / "terms.csv"
    latin.write_bytes("en,az\nBaku,Bakı\n".encode("cp1254"))  # Excel on Turkish Windows
    with pytest.raises(NewslocError, match="not UTF-8"):
        convert_to_toml(latin)


# ---------------------------------------------------------------- TOML writer


def test_written_toml_reloads_to_the_same_glossary(sample: Glossary) -> None:
    again = parse_glossary(glossary_to_toml(sample))
    assert without_lines(again) == without_lines(sample)
    assert again.policy == sample.policy


@given(st.text(max_size=40))
def test_toml_strings_and_keys_survive_any_text(text: str) -> None:
    document = f"{toml_key(text or 'k')} = {toml_string(text)}\n"
    assert tomllib.loads(document) == {text or "k": text}
