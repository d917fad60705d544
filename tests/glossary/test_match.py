"""Mentions in English source text follow glossary-spec.md section 3."""

from __future__ import annotations

import gc
import itertools
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsloc.glossary.loader import load_default_glossary, load_glossary
from newsloc.glossary.match import Matcher, Mention, find_mentions, line_col, line_starts
from newsloc.glossary.model import Concept, Glossary
from tests.conftest import SAMPLE_ARTICLE

SPEC_EXAMPLE = Path(__file__).parent / "fixtures" / "spec-example.toml"


def make_glossary(*concepts: tuple[str, tuple[str, ...], dict[str, tuple[str, ...]]]) -> Glossary:
    """A glossary from (id, names, en spellings) triples; forms do not matter for matching."""
    return Glossary(
        name="test",
        version="1",
        targets=("ru",),
        concepts=tuple(
            Concept(id=concept_id, names=names, en_spellings=extra)
            for concept_id, names, extra in concepts
        ),
    )


CAUCASUS = make_glossary(
    ("stepanakert", ("Stepanakert", "Khankendi"), {"Khankendi": ("Khankandi", "Xankandi")}),
    ("nagorno-karabakh", ("Nagorno-Karabakh",), {"Nagorno-Karabakh": ("Nagorno Karabakh",)}),
    ("karabakh", ("Karabakh",), {}),
    ("armenia", ("Armenia",), {}),
    ("azerbaijan", ("Azerbaijan",), {}),
    ("baku", ("Baku",), {}),
    ("ganja", ("Ganja",), {}),
    ("ganja-gate", ("Ganja Gate",), {}),
    ("upper-karabakh", ("Upper Karabakh",), {}),
    ("karabakh-highlands", ("Karabakh Highlands",), {}),
)


def found(text: str, glossary: Glossary = CAUCASUS) -> list[tuple[str, str]]:
    """(concept id, the text the mention spans) in document order."""
    return [(m.concept_id, text[m.start : m.end]) for m in Matcher(glossary).find(text)]


def test_the_seed_articles_mentions_in_document_order(seed_article: Path) -> None:
    text = seed_article.read_text(encoding="utf-8")
    mentions = Matcher(CAUCASUS).find(text)
    first = [(m.concept_id, m.name) for m in mentions[:5]]
    assert first == [
        ("azerbaijan", "Azerbaijan"),
        ("nagorno-karabakh", "Nagorno-Karabakh"),
        ("stepanakert", "Stepanakert"),
        ("karabakh", "Karabakh"),
        ("stepanakert", "Khankendi"),
    ]
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    # "Azerbaijani" and "Armenian" are other words, not mentions.
    for mention in mentions:
        assert text[mention.end : mention.end + 1] not in ("i", "n")
    baku = [m for m in mentions if m.concept_id == "baku"]
    assert len(baku) == 1 and text[baku[0].end : baku[0].end + 2] == "’s"


def test_the_sample_articles_mentions_in_document_order() -> None:
    article = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    headline = Matcher(load_default_glossary()).find(article.split("\n", 1)[0])
    assert [m.concept_id for m in headline] == ["stepanakert", "lachin"]
    text = article[article.index("YEREVAN/BAKU") :]  # the story, after headline and standfirst
    mentions = Matcher(load_default_glossary()).find(text)
    first = [(m.concept_id, m.name) for m in mentions[:5]]
    assert first == [
        ("yerevan", "Yerevan"),
        ("baku", "Baku"),
        ("armenia", "Armenia"),
        ("azerbaijan", "Azerbaijan"),
        ("stepanakert", "Stepanakert"),
    ]
    # The dateline's capitals are the same places, spelled as the source has them.
    assert [text[m.start : m.end] for m in mentions[:2]] == ["YEREVAN", "BAKU"]
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    # Every mention is whole words; "Armenia’s" is Armenia with the possessive left out.
    for mention in mentions:
        assert not text[mention.end : mention.end + 1].isalnum()
        assert mention.start == 0 or not text[mention.start - 1].isalnum()
    armenia = [m for m in mentions if m.concept_id == "armenia"]
    assert len(armenia) == 2 and text[armenia[1].end : armenia[1].end + 2] == "’s"
    # The longest name wins: the ICRC is one mention, not a "Red Cross" inside it.
    (icrc,) = [m for m in mentions if m.concept_id == "icrc"]
    assert text[icrc.start : icrc.end] == "International Committee of the Red Cross"


def test_the_longest_name_wins() -> None:
    assert found("in Nagorno-Karabakh today") == [("nagorno-karabakh", "Nagorno-Karabakh")]
    assert found("in Nagorno Karabakh today") == [("nagorno-karabakh", "Nagorno Karabakh")]
    assert found("in Karabakh today") == [("karabakh", "Karabakh")]


def test_overlapping_candidates_leftmost_first_then_longest() -> None:
    # "Upper Karabakh" and "Karabakh Highlands" overlap: the leftmost one wins.
    assert found("the Upper Karabakh Highlands") == [("upper-karabakh", "Upper Karabakh")]
    assert found("the Karabakh Highlands") == [("karabakh-highlands", "Karabakh Highlands")]
    # A longer candidate that ends inside a word gives way to the shorter name.
    assert found("at the Ganja Gates") == [("ganja", "Ganja")]
    assert found("at the Ganja Gate.") == [("ganja-gate", "Ganja Gate")]


def test_possessives_with_both_apostrophes_span_the_name_only() -> None:
    text = "Baku's mayor and Baku’s port"
    mentions = Matcher(CAUCASUS).find(text)
    assert [(m.start, m.end) for m in mentions] == [(0, 4), (17, 21)]
    assert all(m.spelling == "Baku" for m in mentions)


def test_hyphenated_compounds_mention_the_place() -> None:
    # Documented choice: a hyphen ends a word, so "Karabakh-based" is about Karabakh
    # and "Armenia-Azerbaijan" names both countries.
    assert found("Karabakh-based fighters") == [("karabakh", "Karabakh")]
    assert found("the Armenia-Azerbaijan border") == [
        ("armenia", "Armenia"),
        ("azerbaijan", "Azerbaijan"),
    ]


def test_letters_of_any_script_next_to_a_name_mean_no_match() -> None:
    for text in [
        "Bakuы",
        "ыBaku",
        "ԲBaku",
        "BakuԲ",
        "Bakuə",
        "Baku1",
        "2Baku",
        "_Baku",
        "Baku_",
        "Bakuvian",
        "Azerbaijani",
        "Armenians",
        "Baku\u0301",  # a combining accent continues the word
    ]:
        assert found(text) == [], text


def test_punctuation_and_other_scripts_after_a_space_are_boundaries() -> None:
    text = "«Baku», (Baku) Baku. Baku\nБаку Baku—Ganja"
    assert [span for _, span in found(text)] == ["Baku"] * 5 + ["Ganja"]


def test_a_space_in_a_name_matches_any_white_space() -> None:
    text = "Upper\nKarabakh, Upper\u00a0Karabakh and Upper  Karabakh"
    mentions = Matcher(CAUCASUS).find(text)
    assert [(m.spelling, text[m.start : m.end]) for m in mentions] == [
        ("Upper Karabakh", "Upper\nKarabakh"),
        ("Upper Karabakh", "Upper\u00a0Karabakh"),
        ("Upper Karabakh", "Upper  Karabakh"),
    ]
    assert found("UpperKarabakh") == []


def test_matching_is_case_sensitive_except_for_names_in_capitals() -> None:
    assert found("baku Baku bAKU BaKu") == [("baku", "Baku")]
    assert found("karabakh Karabakh-based") == [("karabakh", "Karabakh")]
    # A name written entirely in capitals (a dateline) is a mention (spec section 3).
    assert found("KARABAKH karabakh") == [("karabakh", "KARABAKH")]


def test_datelines_in_capitals_are_mentions_and_count_first() -> None:
    text = "STEPANAKERT, Sept 19 (Reuters) – Shelling was heard in Stepanakert."
    mentions = Matcher(CAUCASUS).find(text)
    assert [(m.concept_id, m.name, text[m.start : m.end]) for m in mentions] == [
        ("stepanakert", "Stepanakert", "STEPANAKERT"),
        ("stepanakert", "Stepanakert", "Stepanakert"),
    ]
    assert found("YEREVAN/BAKU, Oct 5 (Reuters) - Baku said") == [
        ("baku", "BAKU"),
        ("baku", "Baku"),
    ]
    # The longest name wins in capitals too, and English spellings count.
    assert found("NAGORNO-KARABAKH: XANKANDI AND BAKU'S PORT") == [
        ("nagorno-karabakh", "NAGORNO-KARABAKH"),
        ("stepanakert", "XANKANDI"),
        ("baku", "BAKU"),
    ]
    # Capitals glued to other letters are no mention.
    assert found("BAKUVIAN STEPANAKERTS") == []


def test_every_spelling_in_capitals_is_a_mention_of_its_concept() -> None:
    for concept in CAUCASUS:
        for spelling, _ in concept.english_spellings():
            capitals = spelling.upper()
            assert found(f"({capitals}) and {capitals}'S") == [
                (concept.id, capitals),
                (concept.id, capitals),
            ], spelling


def test_english_spellings_report_their_name() -> None:
    (mention,) = Matcher(CAUCASUS).find("the city of Xankandi")
    assert mention == Mention("stepanakert", "Khankendi", "Xankandi", 12, 20)


def test_ambiguous_concepts_are_still_matched() -> None:
    glossary = Glossary(
        name="t",
        version="1",
        targets=("ru",),
        concepts=(Concept(id="georgia", names=("Georgia",), ambiguous_names=("Georgia",)),),
    )
    assert found("Tbilisi, Georgia", glossary) == [("georgia", "Georgia")]


def test_an_empty_glossary_finds_nothing() -> None:
    assert found("Baku", make_glossary()) == []


def test_loaded_glossaries_match_their_spellings() -> None:
    glossary = load_glossary(SPEC_EXAMPLE)
    text = "From Baku to Khankandi, formerly Stepanakert."
    assert [(m.concept_id, m.name) for m in find_mentions(glossary, text)] == [
        ("baku", "Baku"),
        ("stepanakert", "Khankendi"),
        ("stepanakert", "Stepanakert"),
    ]


def test_find_mentions_never_reuses_another_glossarys_matcher() -> None:
    results = []
    for name in ("Shusha", "Shushi", "Lachin"):
        glossary = make_glossary(("x", (name,), {}))
        results.append([m.spelling for m in find_mentions(glossary, "Shusha Shushi Lachin")])
        del glossary
        gc.collect()  # lets a new glossary take the old one's id()
    assert results == [["Shusha"], ["Shushi"], ["Lachin"]]


def test_find_mentions_agrees_with_a_fresh_matcher() -> None:
    text = "Baku and Nagorno-Karabakh and Baku again"
    assert find_mentions(CAUCASUS, text) == Matcher(CAUCASUS).find(text)
    assert find_mentions(CAUCASUS, text) == Matcher(CAUCASUS).find(text)


def test_line_and_column_of_an_offset() -> None:
    text = "one\ntwo Baku\r\nthree Baku"
    starts = line_starts(text)
    positions = [line_col(starts, m.start) for m in Matcher(CAUCASUS).find(text)]
    assert positions == [(2, 5), (3, 7)]


# --- property: the matcher agrees with a slow, obviously correct reference ----------------

_WORD_CHAR = re.compile(r"[\w\u0300-\u036f\u0483-\u0489]")


def reference_mentions(glossary: Glossary, text: str) -> list[tuple[int, int, str]]:
    """Leftmost-longest whole-word matching: at each word start, try every spelling."""
    spellings = [s for concept in glossary for s, _ in concept.english_spellings()]
    patterns = [(s, re.compile(re.escape(s).replace(r"\ ", r"\s+"))) for s in spellings]
    result = []
    position = 0
    while position < len(text):
        candidates = []
        if position == 0 or not _WORD_CHAR.match(text[position - 1]):
            for spelling, pattern in patterns:
                match = pattern.match(text, position)
                if match and not _WORD_CHAR.match(text[match.end() : match.end() + 1] or " "):
                    candidates.append((match.end(), spelling))
        if candidates:
            end, spelling = max(candidates)
            result.append((position, end, spelling))
            position = end
        else:
            position += 1
    return result


PIECES = [spelling for concept in CAUCASUS for spelling, _ in concept.english_spellings()] + [
    " ",
    "-",
    "'s",
    "’s",
    ".",
    "\n",
    "\u00a0",
    "ы",
    "Ա",
    "ə",
    "x",
    "1",
    "_",
    "Upper",
    "Karab",
    "Gate",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_mentions_never_overlap_and_agree_with_the_reference(text: str) -> None:
    matcher = Matcher(CAUCASUS)
    mentions = matcher.find(text)
    for before, after in itertools.pairwise(mentions):
        assert before.end <= after.start
    for mention in mentions:
        assert re.sub(r"\s+", " ", text[mention.start : mention.end]) == mention.spelling
        assert matcher.spellings[mention.spelling] == (mention.concept_id, mention.name)
    assert [(m.start, m.end, m.spelling) for m in mentions] == reference_mentions(CAUCASUS, text)
