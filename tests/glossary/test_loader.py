"""The loader enforces every rule of glossary-spec.md section 2, with one line per problem."""

# ruff: noqa: E501  (the glossary TOML below keeps its inline tables on one line each)

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsloc import glossary
from newsloc.glossary import GlossaryError, load_glossary, parse_glossary
from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH, load_default_glossary

FIXTURES = Path(__file__).parent / "fixtures"
SPEC_EXAMPLE = FIXTURES / "spec-example.toml"

#: A small valid glossary; tests append or substitute lines to break one rule at a time.
HEAD = """\
[glossary]
name = "Test"
version = "1"
targets = ["ru", "az"]
"""

SHUSHA = """\
[[concept]]
id = "shusha"
kind = "city"
names = ["Shusha", "Shushi"]
ru.Shusha = { nom = "Шуша", gen = "Шуши", loc = "Шуше" }
ru.Shushi = "Шуши"
az.Shusha = "Şuşa"
az.Shushi = "Şuşi"
"""

PROBLEM_LINE = re.compile(r"^bad\.toml:(\d+): ([^:]+): .+$")


def problems(text: str) -> list[str]:
    """Every problem the loader reports for `text`, as read from a file `bad.toml`."""
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(text, "bad.toml")
    return caught.value.problems


def only_problem(text: str) -> tuple[int, str, str]:
    """The single problem for `text`: (line, concept id, whole message)."""
    found = problems(text)
    assert len(found) == 1, found
    parsed = PROBLEM_LINE.match(found[0])
    assert parsed is not None, found[0]
    return int(parsed.group(1)), parsed.group(2), found[0]


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


# --- good files ------------------------------------------------------------------------


def test_spec_example_loads_with_every_field() -> None:
    glossary = load_glossary(SPEC_EXAMPLE)
    assert glossary.name == "South Caucasus place names"
    assert glossary.version == "2026.11"
    assert glossary.targets == ("hy", "az", "ru")
    assert glossary.path == SPEC_EXAMPLE
    assert [concept.id for concept in glossary] == ["stepanakert", "baku"]
    stepanakert = glossary.concept("stepanakert")
    assert stepanakert.contested and not glossary.concept("baku").contested
    assert stepanakert.kind == "city"
    assert stepanakert.note.startswith("Armenian name Stepanakert")
    assert stepanakert.en_spellings == {"Khankendi": ("Khankandi", "Xankandi")}
    assert stepanakert.forms_of("ru", "Stepanakert").form("loc") == "Степанакерте"
    # A plain string is one form for every case.
    assert stepanakert.forms_of("ru", "Khankendi").form("loc") == "Ханкенди"
    # A missing case falls back to nom.
    assert stepanakert.forms_of("hy", "Khankendi").form("dat") == "Խանքենդի"
    assert stepanakert.line == line_of(SPEC_EXAMPLE.read_text(), "[[concept]]")
    assert glossary.policy.decorate("Степанакерт", "Ханкенди") == "Степанакерт (Ханкенди)"


def test_cases_are_kept_in_the_languages_case_order() -> None:
    text = HEAD + SHUSHA.replace(
        'ru.Shusha = { nom = "Шуша", gen = "Шуши", loc = "Шуше" }',
        'ru.Shusha = { loc = "Шуше", nom = "Шуша", variants = ["Шушa"], gen = "Шуши" }',
    )
    forms = parse_glossary(text, "good.toml").concept("shusha").forms_of("ru", "Shusha")
    assert list(forms.cases) == ["nom", "gen", "loc"]
    assert [variant.cases for variant in forms.variants] == [{"nom": "Шушa"}]


def test_policy_and_optional_keys_are_read() -> None:
    text = (
        HEAD
        + '[policy]\ncontested = "source"\nscope = "every"\nformat = "{primary} [{secondary}]"\n'
        + SHUSHA
        + 'ambiguous = true\nnote = "Shushi in Armenian."\nsource = "Reuters style guide"\n'
    )
    glossary = parse_glossary(text, "good.toml")
    assert (glossary.policy.contested, glossary.policy.scope) == ("source", "every")
    assert glossary.policy.decorate("a", "b") == "a [b]"
    shusha = glossary.concept("shusha")
    assert shusha.ambiguous and shusha.source == "Reuters style guide"


def test_a_concept_may_narrow_the_targets() -> None:
    text = (
        HEAD + '[[concept]]\nid = "x"\nnames = ["Ganja"]\ntargets = ["ru"]\nru.Ganja = "Гянджа"\n'
    )
    concept = parse_glossary(text, "good.toml").concept("x")
    assert concept.targets == ("ru",)


def test_subtable_style_is_accepted_and_lines_found() -> None:
    text = (
        HEAD
        + '[[concept]]\nid = "ganja"\nnames = ["Ganja"]\n'
        + '[concept.ru]\nGanja = { nom = "Гянджа", abl = "x" }\n'
        + '[concept.az]\nGanja = "Gəncə"\n'
    )
    line, concept_id, message = only_problem(text)
    assert (line, concept_id) == (line_of(text, "abl"), "ganja")
    assert "unknown case 'abl' for ru" in message


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + SHUSHA).encode())
    assert [concept.id for concept in load_glossary(path)] == ["shusha"]


# --- one rule at a time ----------------------------------------------------------------


def test_duplicate_ids_name_the_second_concepts_line() -> None:
    text = HEAD + SHUSHA + '[[concept]]\nid = "shusha"\nnames = ["Susa"]\n'
    text += 'ru.Susa = "Суса"\naz.Susa = "Susa"\n'
    line, concept_id, message = only_problem(text)
    assert concept_id == "shusha"
    assert line == len((HEAD + SHUSHA).splitlines()) + 2  # the second `id =` line
    assert "duplicate id 'shusha' (first at line 5)" in message


@pytest.mark.parametrize(
    ("names_line", "expected"),
    [
        ("names = []", "names is an empty list"),
        ('names = ["Shusha", "Shusha"]', "names lists 'Shusha' twice"),
        ('names = "Shusha"', "names must be a list of strings, not a string"),
        ('names = ["Shusha", ""]', "an item of names is empty"),
        ('names = ["Shusha", " Shushi"]', "has leading or trailing spaces"),
    ],
)
def test_names_must_be_a_list_of_unique_strings(names_line: str, expected: str) -> None:
    text = HEAD + SHUSHA.replace('names = ["Shusha", "Shushi"]', names_line)
    found = problems(text)
    assert any(expected in problem for problem in found), found
    assert all(
        problem.startswith(f"bad.toml:{line_of(text, 'names')}: shusha: ")
        for problem in found
        if expected in problem
    )


def test_missing_names_is_reported_at_the_concept_header() -> None:
    text = HEAD + '[[concept]]\nid = "x"\n'
    line, concept_id, message = only_problem(text)
    assert (line, concept_id) == (line_of(text, "[[concept]]"), "x")
    assert "missing names" in message


def test_missing_id_names_the_concept_by_position() -> None:
    text = (
        HEAD + SHUSHA + '[[concept]]\nnames = ["Ganja"]\nru.Ganja = "Гянджа"\naz.Ganja = "Gəncə"\n'
    )
    line, concept_id, message = only_problem(text)
    assert concept_id == "concept #2"
    assert line == len((HEAD + SHUSHA).splitlines()) + 1
    assert "missing id" in message


@pytest.mark.parametrize(
    ("language", "case"),
    [("ru", "abl"), ("hy", "acc"), ("az", "ins"), ("ru", "Nom"), ("az", "instr")],
)
def test_case_keys_are_those_of_the_language(language: str, case: str) -> None:
    plain = {"ru": "Баку", "hy": "Բաքու", "az": "Bakı"}
    lines = [
        f'{code}.Baku = {{ nom = "{form}", {case} = "x" }}'
        if code == language
        else f'{code}.Baku = "{form}"'
        for code, form in plain.items()
    ]
    text = '[glossary]\ntargets = ["ru", "hy", "az"]\n[[concept]]\nid = "baku"\n'
    text += 'names = ["Baku"]\n' + "\n".join(lines) + "\n"
    line, concept_id, message = only_problem(text)
    assert (line, concept_id) == (line_of(text, f"{language}.Baku"), "baku")
    assert f"unknown case {case!r} for {language}" in message


def test_a_table_form_must_have_nom() -> None:
    text = HEAD + SHUSHA.replace('nom = "Шуша", ', "")
    line, concept_id, message = only_problem(text)
    assert (line, concept_id) == (line_of(text, "ru.Shusha"), "shusha")
    assert "ru.Shusha: a table of forms must have nom" in message


def test_variants_must_be_strings_or_case_tables() -> None:
    text = HEAD + SHUSHA.replace('loc = "Шуше" }', 'loc = "Шуше", variants = [1] }')
    line, _, message = only_problem(text)
    assert line == line_of(text, "variants")
    assert "ru.Shusha.variants[1] must be a string or a table of cases, not an integer" in message


def test_every_name_needs_a_form_in_every_target_language() -> None:
    text = HEAD + SHUSHA.replace('az.Shushi = "Şuşi"\n', "")
    line, concept_id, message = only_problem(text)
    assert (line, concept_id) == (line_of(text, "az.Shusha"), "shusha")
    assert "no az form for Shushi" in message


def test_a_language_missing_entirely_is_reported() -> None:
    text = HEAD + SHUSHA.replace('az.Shusha = "Şuşa"\naz.Shushi = "Şuşi"\n', "")
    _, _, message = only_problem(text)
    assert "no az form for Shusha, Shushi" in message


def test_a_concept_cannot_widen_the_targets() -> None:
    text = HEAD + SHUSHA + 'targets = ["ru", "hy"]\n'
    line, concept_id, message = only_problem(text)
    assert (line, concept_id) == (line_of(text, 'targets = ["ru", "hy"]'), "shusha")
    assert "targets hy not among the glossary's targets" in message


def test_forms_for_a_language_outside_the_targets_are_an_error() -> None:
    text = HEAD + SHUSHA + 'hy.Shusha = "Շուշի"\n'
    line, _, message = only_problem(text)
    assert line == line_of(text, "hy.Shusha")
    assert "forms for 'hy', which is not a target language" in message


def test_an_english_spelling_belongs_to_one_concept_only() -> None:
    other = '[[concept]]\nid = "town"\nnames = ["Shushi"]\nru.Shushi = "Шуши"\naz.Shushi = "Şuşi"\n'
    text = HEAD + SHUSHA + other
    line, concept_id, message = only_problem(text)
    assert concept_id == "town"
    assert line == len((HEAD + SHUSHA).splitlines()) + 3
    assert "English spelling 'Shushi' already belongs to concept 'shusha'" in message


def test_an_en_spelling_may_not_repeat_another_concepts_name() -> None:
    other = '[[concept]]\nid = "town"\nnames = ["Susa"]\nen.Susa = ["Shusha"]\n'
    other += 'ru.Susa = "Суса"\naz.Susa = "Susa"\n'
    text = HEAD + SHUSHA + other
    line, concept_id, message = only_problem(text)
    assert (line, concept_id) == (line_of(text, "en.Susa"), "town")
    assert "'Shusha' already belongs to concept 'shusha'" in message


def test_an_en_spelling_cannot_mean_two_names() -> None:
    text = HEAD + SHUSHA + 'en.Shusha = ["Susa"]\nen.Shushi = ["Susa"]\n'
    line, _, message = only_problem(text)
    assert line == line_of(text, "en.Shushi")
    assert "'Susa' cannot mean both 'Shusha' and 'Shushi'" in message


def test_en_must_refer_to_one_of_the_names() -> None:
    text = HEAD + SHUSHA + 'en.Shush = ["Susa"]\n'
    line, concept_id, message = only_problem(text)
    assert (line, concept_id) == (line_of(text, "en.Shush"), "shusha")
    assert "en.Shush: 'Shush' is not one of its names (Shusha, Shushi)" in message


def test_language_forms_must_refer_to_one_of_the_names() -> None:
    text = HEAD + SHUSHA + 'ru."Shushа" = "Шушa"\n'  # a Cyrillic а in the key
    line, _, message = only_problem(text)
    assert line == line_of(text, 'ru."Shushа" = "Шушa"')
    assert "is not one of its names (Shusha, Shushi)" in message


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ('contested = "all"', "contested must be one of both, source, not 'all'"),
        ('scope = "once"', "scope must be one of first, every, not 'once'"),
        ('format = "{primary}"', "must contain {primary} and {secondary}"),
        ('format = "{primary} ({other})"', "uses 'other'"),
        ('format = "{primary} ({secondary}"', None),
        ('format = "{primary} {secondary} }"', "not a valid format string"),
        ('format = "{primary} {secondary:q}"', "cannot be applied"),
        ('format = "{{{primary}}} {secondary}"', None),
        ("format = 3", "format must be a string, not an integer"),
        (
            'contsted = "both"',
            "unknown key 'contsted' (allowed: contested, scope, format, quotes, order, select, "
            "ignore, profile)",
        ),
        ('quotes = "keep"', "quotes must be one of verbatim, render, not 'keep'"),
        ('quotes = "render"', None),
        ('order = "armenian"', "order must be one of source, edition, not 'armenian'"),
        ('select = "missing-name"', "select must be a list of strings, not a string"),
        ('ignore = ["variant", "near miss"]', "ignore: 'near miss' is not a check code"),
        ('ignore = ["variant"]', None),
    ],
)
def test_policy_values_are_validated(policy: str, expected: str | None) -> None:
    text = HEAD + f"[policy]\n{policy}\n" + SHUSHA
    if expected is None:
        assert parse_glossary(text, "good.toml").policy.format
        return
    line, subject, message = only_problem(text)
    assert (line, subject) == (line_of(text, policy), "[policy]")
    assert expected in message


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ('ambiguous = "yes"', "ambiguous must be true, false or a list of the concept's names"),
        ('ambiguous = ["Shushy"]', "ambiguous: 'Shushy' is not one of its names (Shusha, Shushi)"),
        ("ambiguous = []", "ambiguous is an empty list"),
        ('ambiguous = ["Shushi", "Shushi"]', "ambiguous lists 'Shushi' twice"),
        ("ambiguous = [3]", "an item of ambiguous must be a string"),
        ("kind = 3", "kind must be a string, not an integer"),
        ('note = ""', "note is empty"),
        ("source = []", "source must be a string, not a list"),
        ('nmaes = ["Shusha"]', "unknown key 'nmaes' (allowed: id, names, kind"),
        ('id2 = "x"', "unknown key 'id2'"),
        ("en = 3", "en must be a table"),
    ],
)
def test_concept_keys_are_validated(extra: str, expected: str) -> None:
    text = HEAD + SHUSHA.replace('kind = "city"\n', "") + extra + "\n"
    line, concept_id, message = only_problem(text)
    assert (line, concept_id) == (line_of(text, extra), "shusha")
    assert expected in message


@pytest.mark.parametrize(
    ("setting", "ambiguous_names", "wholly"),
    [
        ("ambiguous = true", ("Shusha", "Shushi"), True),
        ("ambiguous = false", (), False),
        ('ambiguous = ["Shushi"]', ("Shushi",), False),
        ('ambiguous = ["Shushi", "Shusha"]', ("Shusha", "Shushi"), True),
    ],
)
def test_ambiguous_takes_true_false_or_a_list_of_names(
    setting: str, ambiguous_names: tuple[str, ...], wholly: bool
) -> None:
    """`ambiguous = true` still means every name; a list names the ambiguous ones only."""
    shusha = parse_glossary(HEAD + SHUSHA + setting + "\n", "good.toml").concept("shusha")
    assert shusha.ambiguous_names == ambiguous_names
    assert shusha.wholly_ambiguous is wholly
    assert shusha.is_ambiguous("Shushi") is bool(ambiguous_names)
    assert shusha.is_ambiguous("Shusha") is wholly


@pytest.mark.parametrize(
    ("targets", "expected"),
    [
        ('["RU"]', "RU not a BCP 47 primary language subtag"),
        ('["ru-RU"]', "ru-RU not a BCP 47"),
        ('["russian"]', "russian not a BCP 47"),
        ('["ru", "en"]', "lists the source language 'en'"),
        ("[]", "targets is an empty list"),
    ],
)
def test_languages_are_bcp47_primary_subtags(targets: str, expected: str) -> None:
    text = f"[glossary]\ntargets = {targets}\n"
    line, subject, message = only_problem(text)
    assert (line, subject) == (2, "[glossary]")
    assert expected in message


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('[glossary]\nname = "x"\n', "missing targets"),
        ('[glossary]\ntargets = ["ru"]\nversion = 2026.11\n', 'quote it: version = "2026.11"'),
        ('[glossary]\ntargets = ["ru"]\nsource = "de"\n', "source must be 'en'"),
        ('[glossary]\ntargets = ["ru"]\nlang = "ru"\n', "unknown key 'lang'"),
    ],
)
def test_glossary_table_is_validated(head: str, expected: str) -> None:
    _, subject, message = only_problem(head)
    assert subject == "[glossary]"
    assert expected in message


def test_missing_glossary_table_and_unknown_top_level_keys() -> None:
    assert problems('[glosary]\ntargets = ["ru"]\n') == [
        "bad.toml:1: [glossary]: missing [glossary] table; is [glosary] meant to be it?"
    ]
    assert problems('[glossary]\ntargets = ["ru"]\n[polcy]\nscope = "first"\n') == [
        "bad.toml:3: glossary file: unknown top-level key 'polcy' (allowed: [glossary], "
        "[policy], [[concept]])",
    ]
    assert problems("") == [
        "bad.toml: [glossary]: missing [glossary] table (it must list the targets)"
    ]


# A broken [glossary] table used to be followed by one bogus problem per concept (`id must
# be a table of name = forms, not a string`): the cause is one line, and nothing else is.
DEFAULT_TEXT = DEFAULT_GLOSSARY_PATH.read_text(encoding="utf-8")
TARGETS_LINE = 'targets = ["hy", "az", "ru"]\n'


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        ("targets = []\n", "[glossary]: targets is an empty list"),
        ('targets = "ru"\n', "[glossary]: targets must be a list of strings, not a string"),
        ('targets = ["hy", "az", "xx"]\n', "targets: xx not a language CLDR knows"),
        ('targets = ["hy", "az", "Russian"]\n', "Russian not a BCP 47 primary language"),
        ("", "[glossary]: missing targets"),
    ],
)
def test_unusable_targets_are_one_line_without_a_cascade(replacement: str, expected: str) -> None:
    assert DEFAULT_TEXT.count(TARGETS_LINE) == 1
    found = problems(DEFAULT_TEXT.replace(TARGETS_LINE, replacement))
    assert len(found) == 1, found[:3]
    assert expected in found[0]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("[glosary]\n", "missing [glossary] table; is [glosary] meant to be it?"),
        ("", "missing [glossary] table: name, version, source, targets are at the top level"),
    ],
)
def test_a_missing_glossary_header_is_one_line(header: str, expected: str) -> None:
    found = problems(DEFAULT_TEXT.replace("[glossary]\n", header, 1))
    assert len(found) == 1, found[:3]
    assert expected in found[0]
    assert found[0].startswith(f"bad.toml:{line_of(DEFAULT_TEXT, '[glossary]')}: ")


@pytest.mark.parametrize("opening", ["[", "{a = "])
def test_toml_nested_thousands_deep_is_one_line(opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    text = HEAD + "x = " + opening * 3000 + closing * 3000 + "\n"
    assert problems(text) == ["bad.toml: not a glossary: arrays or tables nested too deeply"]


def test_problems_are_listed_in_line_order() -> None:
    text = HEAD + '[[concept]]\nid = "x"\nnmaes = ["A"]\n'
    found = problems(text)
    assert [PROBLEM_LINE.match(problem).group(1) for problem in found] == ["5", "7"]


@pytest.mark.parametrize("bad", ["Shu  shi", "Shu\\tshi", "Shu\\nshi"])
def test_names_are_spaced_once_on_one_line(bad: str) -> None:
    text = HEAD + SHUSHA.replace('"Shusha", "Shushi"', f'"Shusha", "{bad}"')
    found = problems(text)
    assert f"bad.toml:{line_of(text, 'names')}: shusha: " in found[0]
    assert "has a tab, line break or double space inside" in found[0]


def test_a_note_may_span_lines() -> None:
    text = HEAD + SHUSHA + 'note = """Shushi in Armenian.\n\nShusha in Azerbaijani."""\n'
    assert "\n\n" in parse_glossary(text, "good.toml").concept("shusha").note


def test_lines_inside_strings_are_not_taken_for_keys() -> None:
    note = 'note = """Three quotes: \'\'\'\nru.Shusha = { nom = "fake" }\n"""\n'
    text = HEAD + SHUSHA.replace("kind = ", note + "source = \"'''\"\nkind = ").replace(
        'nom = "Шуша", ', ""
    )
    line, _, message = only_problem(text)
    assert line == line_of(text, "ru.Shusha = { gen")
    assert "a table of forms must have nom" in message


def test_empty_forms_are_errors() -> None:
    text = HEAD + SHUSHA.replace('ru.Shushi = "Шуши"', 'ru.Shushi = ""')
    line, _, message = only_problem(text)
    assert line == line_of(text, "ru.Shushi")
    assert "ru.Shushi is empty" in message


def test_every_problem_is_reported_and_nothing_is_half_loaded() -> None:
    text = (
        HEAD
        + SHUSHA.replace('kind = "city"', "kind = 1")
        + '[[concept]]\nid = "ganja"\nnames = ["Ganja"]\nru.Ganja = { gen = "Гянджи" }\n'
        + '[[concept]]\nid = "ok"\nnames = ["Quba"]\nru.Quba = "Куба"\naz.Quba = "Quba"\n'
    )
    found = problems(text)
    assert len(found) == 3, found
    assert all(PROBLEM_LINE.match(problem) for problem in found), found
    assert [PROBLEM_LINE.match(problem).group(2) for problem in found] == [
        "shusha",
        "ganja",
        "ganja",
    ]


# --- unusable files --------------------------------------------------------------------


def test_toml_syntax_errors_give_tomllibs_line() -> None:
    text = HEAD + SHUSHA + "note = [1,,]\n" + SHUSHA
    (problem,) = problems(text)
    assert problem.startswith(f"bad.toml:{len((HEAD + SHUSHA).splitlines()) + 1}: not valid TOML: ")


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError) as caught:
        load_glossary(tmp_path / "nope.toml")
    assert caught.value.problems == [f"{tmp_path / 'nope.toml'}: no such glossary file"]


def test_a_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes((HEAD + SHUSHA.replace("Şuşa", "Suşa")).encode("utf-8")[:-5] + b"\xe9\n")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    (problem,) = caught.value.problems
    assert problem.startswith(f"{path}: not UTF-8 text")


def test_a_directory_is_not_a_glossary(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="is a directory"):
        load_glossary(tmp_path)


def test_the_default_glossary_ships_in_the_package_and_loads() -> None:
    assert DEFAULT_GLOSSARY_PATH.relative_to(Path(glossary.__file__).parent) == Path(
        "data/south-caucasus.toml"
    )
    default = load_default_glossary()
    assert default.path == DEFAULT_GLOSSARY_PATH
    assert default.concept("stepanakert").names == ("Stepanakert", "Khankendi")


def test_a_toml_error_at_the_end_names_the_last_line() -> None:
    text = HEAD + SHUSHA + "names = ["
    (problem,) = problems(text)
    assert problem.startswith(f"bad.toml:{len(text.splitlines())}: not valid TOML: ")


# --- property: whatever a valid file says comes back unchanged ---------------------------

NAME = st.from_regex(r"[A-ZŞÖ][a-zəışçğ]{1,7}([ -][A-Z][a-zə']{1,7})?", fullmatch=True)
FORM = st.text(
    alphabet=st.sampled_from("абвгдежШКӘəşԱբգդ'\"\\-.()#="), min_size=1, max_size=8
).filter(lambda form: form.strip() == form and "  " not in form)


@st.composite
def concept_specs(draw: st.DrawFn) -> list[dict]:
    """Concepts as plain data: unique names across concepts, forms per ru/hy."""
    names = draw(st.lists(NAME, min_size=1, max_size=8, unique=True))
    sizes = draw(st.lists(st.integers(1, 2), min_size=1, max_size=len(names)))
    specs, taken = [], 0
    for index, size in enumerate(sizes):
        own = names[taken : taken + size]
        taken += size
        if not own:
            break
        forms = {}
        for language in ("ru", "hy"):
            for name in own:
                cases = draw(st.sampled_from([("nom",), ("nom", "gen"), ("nom", "loc", "abl")]))
                allowed = [case for case in cases if case != "abl" or language == "hy"]
                forms[(language, name)] = (
                    {case: draw(FORM) for case in allowed},
                    tuple(draw(st.lists(FORM, max_size=2, unique=True))),
                )
        specs.append({"id": f"c{index}", "names": own, "forms": forms})
    return specs


def to_toml(specs: list[dict]) -> str:
    quote = lambda text: json.dumps(text, ensure_ascii=False)  # noqa: E731
    lines = ['[glossary]\ntargets = ["ru", "hy"]\n']
    for spec in specs:
        lines.append(f'[[concept]]\nid = "{spec["id"]}"\n')
        lines.append(f"names = [{', '.join(map(quote, spec['names']))}]\n")
        for (language, name), (cases, variants) in spec["forms"].items():
            items = [f"{case} = {quote(form)}" for case, form in cases.items()]
            if variants:
                items.append(f"variants = [{', '.join(map(quote, variants))}]")
            lines.append(f"{language}.{quote(name)} = {{ {', '.join(items)} }}\n")
    return "".join(lines)


@settings(max_examples=60, deadline=None)
@given(concept_specs())
def test_a_valid_file_round_trips_into_the_model(specs: list[dict]) -> None:
    text = to_toml(specs)
    loaded = parse_glossary(text, "round.toml")
    headers = [n for n, line in enumerate(text.splitlines(), 1) if line == "[[concept]]"]
    assert [concept.id for concept in loaded] == [spec["id"] for spec in specs]
    for concept, spec, header in zip(loaded, specs, headers, strict=True):
        assert concept.names == tuple(spec["names"])
        assert concept.line == header
        for (language, name), (cases, variants) in spec["forms"].items():
            forms = concept.forms_of(language, name)
            assert forms.cases == cases
            assert tuple(variant.nom for variant in forms.variants) == variants


# --- variants and short forms as full spellings (section 2) ---------------------------------

#: A concept whose names carry declined variants and short forms in all three languages.
SPELLINGS = """\
[glossary]
name = "Spellings"
version = "1"
targets = ["ru", "hy", "az"]

[[concept]]
id = "martakert"
names = ["Martakert"]
ru.Martakert = { nom = "Мартакерт", gen = "Мартакерта", loc = "Мартакерте", variants = [{ nom = "Мардакерт", gen = "Мардакерта", loc = "Мардакерте" }, "Мартакерд"] }
hy.Martakert = { nom = "Մարտակերտ", gen = "Մարտակերտի", variants = [{ nom = "Մարտակերտը", loc = "Մարտակերտում" }] }
az.Martakert = { nom = "Martakert", loc = "Martakertdə", variants = [{ nom = "Ağdərə", gen = "Ağdərənin", loc = "Ağdərədə" }] }

[[concept]]
id = "eu"
names = ["European Union"]
ru."European Union" = { nom = "Европейский союз", gen = "Европейского союза", short = ["ЕС", { nom = "Евросоюз", gen = "Евросоюза", loc = "Евросоюзе" }] }
hy."European Union" = { nom = "Եվրոպական միություն", short = ["ԵՄ"] }
az."European Union" = { nom = "Avropa İttifaqı", short = "Aİ" }
"""


def test_variants_may_be_case_tables_or_plain_strings_in_every_language() -> None:
    glossary = parse_glossary(SPELLINGS, "spellings.toml")
    martakert = glossary.concept("martakert")
    ru = martakert.forms_of("ru", "Martakert")
    assert [v.cases for v in ru.variants] == [
        {"nom": "Мардакерт", "gen": "Мардакерта", "loc": "Мардакерте"},
        {"nom": "Мартакерд"},
    ]
    assert ru.variants[0].form("loc") == "Мардакерте"
    assert ru.variants[1].one_form and ru.variants[1].form("gen") == "Мартакерд"
    hy = martakert.forms_of("hy", "Martakert")
    assert hy.variants[0].form("loc") == "Մարտակերտում"
    az = martakert.forms_of("az", "Martakert")
    assert az.variants[0].form("gen") == "Ağdərənin"
    # A case the variant does not list falls back to its own nominative.
    assert az.variants[0].form("abl") == "Ağdərə"


def test_short_forms_are_read_in_every_language() -> None:
    eu = parse_glossary(SPELLINGS, "spellings.toml").concept("eu")
    ru = eu.forms_of("ru", "European Union")
    assert [s.to_value() for s in ru.short] == [
        "ЕС",
        {"nom": "Евросоюз", "gen": "Евросоюза", "loc": "Евросоюзе"},
    ]
    assert [s.nom for s in eu.forms_of("hy", "European Union").short] == ["ԵՄ"]
    # A single short form may stand alone, like a single variant.
    assert [s.nom for s in eu.forms_of("az", "European Union").short] == ["Aİ"]
    shown = eu.as_dict()["forms"]
    assert shown["ru"]["European Union"]["short"][0] == "ЕС"
    assert shown["az"]["European Union"]["variants"] == []


@pytest.mark.parametrize(
    ("language", "broken", "expected"),
    [
        (
            "ru",
            '{ nom = "Мардакерт", gen = "Мардакерта", loc = "Мардакерте" }',
            '{ gen = "Мардакерта", loc = "Мардакерте" }',
        ),
        ("hy", '{ nom = "Մարտակերտը", loc = "Մարտակերտում" }', '{ loc = "Մարտակերտում" }'),
        ("az", '{ nom = "Ağdərə", gen = "Ağdərənin", loc = "Ağdərədə" }', '{ gen = "Ağdərənin" }'),
    ],
)
def test_a_variant_table_without_nom_is_one_clear_problem(language, broken, expected) -> None:
    text = SPELLINGS.replace(broken, expected)
    line, concept_id, message = only_problem(text)
    assert (line, concept_id) == (line_of(text, f"{language}.Martakert"), "martakert")
    assert message.endswith(f"{language}.Martakert.variants[1]: a table of forms must have nom")


@pytest.mark.parametrize(
    ("language", "short", "bad_short", "problem"),
    [
        ("ru", '"ЕС", { nom', '"ЕС", { abl = "Евросоюза", nom', "unknown case 'abl' for ru"),
        ("hy", 'short = ["ԵՄ"]', 'short = ["ԵՄ", "ԵՄ"]', "lists 'ԵՄ' twice"),
        ("az", 'short = "Aİ"', "short = [1]", "[1] must be a string or a table of cases"),
    ],
)
def test_bad_short_forms_name_file_concept_and_line(language, short, bad_short, problem) -> None:
    text = SPELLINGS.replace(short, bad_short)
    line, concept_id, message = only_problem(text)
    assert (line, concept_id) == (line_of(text, f'{language}."European Union"'), "eu")
    assert f'{language}."European Union"'.replace('"', "") + ".short" in message
    assert problem in message


def test_a_spelling_both_replaced_and_kept_is_one_clear_problem() -> None:
    """A variant is replaced by the name, a short name never rewritten: a spelling listed
    as both would have apply rewrite a short name a reviewer chose (`Минобороны Армении`
    became `Министерства обороны Армении`)."""
    text = SPELLINGS.replace('short = ["ЕС", {', 'variants = ["Евросоюз"], short = ["ЕС", {')
    line, concept_id, message = only_problem(text)
    assert (line, concept_id) == (line_of(text, "ru.\"European Union\""), "eu")
    assert message.endswith(
        "ru.European Union: 'Евросоюз' is both a variant (replaced by the name) and a short "
        "name (never rewritten); keep it in one of the two lists"
    )
