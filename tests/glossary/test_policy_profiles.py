"""Editorial policy profiles and `contested = "source"` (glossary-spec.md, section 2): what
the loader accepts and refuses, how a profile resolves each contested concept, and what the
exchange formats carry."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import polib
import pytest

from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.exchange import export_glossary, export_review, glossary_to_toml
from newsloc.glossary.exchange.tbx import read_tbx
from newsloc.glossary.loader import glossary_or_default, load_default_glossary, parse_glossary
from newsloc.glossary.model import Glossary

HEAD = """\
[glossary]
name = "Desk"
version = "1"
targets = ["hy", "az", "ru"]

[policy]
contested = "both"
scope = "first"
format = "{primary} ({secondary})"
quotes = "verbatim"
"""

CONCEPTS = """
[[concept]]
id = "stepanakert"
names = ["Stepanakert", "Khankendi"]
community = { hy = "Stepanakert", az = "Khankendi" }
ru.Stepanakert = { nom = "Степанакерт", gen = "Степанакерта" }
ru.Khankendi = "Ханкенди"
hy.Stepanakert = { nom = "Ստեփանակերտ", gen = "Ստեփանակերտի" }
hy.Khankendi = "Խանքենդի"
az.Stepanakert = "Stepanakert"
az.Khankendi = { nom = "Xankəndi", loc = "Xankəndidə" }

[[concept]]
id = "aghdam"
names = ["Aghdam", "Akna"]
contested = "source"
ru.Aghdam = "Агдам"
ru.Akna = "Акна"
hy.Aghdam = "Աղդամ"
hy.Akna = "Ակնա"
az.Aghdam = "Ağdam"
az.Akna = "Akna"

[[concept]]
id = "lachin"
names = ["Lachin", "Berdzor"]
ru.Lachin = "Лачин"
ru.Berdzor = "Бердзор"
hy.Lachin = "Լաչին"
hy.Berdzor = "Բերձոր"
az.Lachin = "Laçın"
az.Berdzor = "Berdzor"

[[concept]]
id = "baku"
names = ["Baku"]
ru.Baku = "Баку"
hy.Baku = "Բաքու"
az.Baku = "Bakı"
"""

PROFILES = """
[policy.profile.az-desk]
order = "edition"
both = ["aghdam"]
single = ["lachin"]
scope = "every"

[policy.profile.neutral]
contested = "source"
quotes = "render"
select = ["missing-name", "missing-secondary"]
ignore = ["variant"]
format = "{primary} [{secondary}]"
"""


def load(text: str, name: str = "desk.toml") -> Glossary:
    return parse_glossary(text, name)


def problems(text: str) -> list[str]:
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(text, "bad.toml")
    return str(caught.value).splitlines()


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def settings(glossary: Glossary) -> dict[str, str | None]:
    return {c.id: c.contested_setting for c in glossary}


@pytest.fixture
def desk() -> Glossary:
    return load(HEAD + PROFILES + CONCEPTS)


# ------------------------------------------------------------------ loading


def test_a_concepts_own_setting_and_the_policy_resolve_every_contested_concept(desk: Glossary):
    assert settings(desk) == {
        "stepanakert": "both",
        "aghdam": "source",
        "lachin": "both",
        "baku": None,
    }
    assert desk.concept("stepanakert").dual and not desk.concept("aghdam").dual
    assert desk.concept("aghdam").contested  # two names still: Akna is recognised
    assert desk.policy.quotes == "verbatim" and desk.policy.profile is None


def test_a_policy_of_source_makes_every_concept_without_its_own_setting_single():
    text = (HEAD + CONCEPTS).replace('contested = "both"', 'contested = "source"', 1)
    text = text.replace(
        'names = ["Lachin", "Berdzor"]', 'names = ["Lachin", "Berdzor"]\ncontested = "both"'
    )
    glossary = load(text)
    assert settings(glossary) == {
        "stepanakert": "source",
        "aghdam": "source",
        "lachin": "both",
        "baku": None,
    }


def test_profiles_are_read_in_file_order_with_only_the_keys_they_set(desk: Glossary):
    az_desk, neutral = desk.profiles
    assert az_desk.name == "az-desk" and az_desk.overrides() == {
        "scope": "every",
        "order": "edition",
    }
    assert (az_desk.both, az_desk.single) == (("aghdam",), ("lachin",))
    assert neutral.overrides() == {
        "contested": "source",
        "format": "{primary} [{secondary}]",
        "quotes": "render",
        "select": ("missing-name", "missing-secondary"),
        "ignore": ("variant",),
    }
    assert az_desk.line == line_of(HEAD + PROFILES + CONCEPTS, "[policy.profile.az-desk]")


# ------------------------------------------------------------------ with_profile


def test_a_profile_puts_its_keys_over_the_policy_and_its_lists_over_the_concepts(desk: Glossary):
    az = desk.with_profile("az-desk")
    assert (az.policy.profile, az.policy.order, az.policy.scope) == ("az-desk", "edition", "every")
    assert az.policy.format == desk.policy.format  # not set by the profile: [policy]'s
    # both/single override the concept's own setting (aghdam: "source" in the file).
    assert settings(az) == {
        "stepanakert": "both",
        "aghdam": "both",
        "lachin": "source",
        "baku": None,
    }
    assert az.concept("aghdam").dual and not az.concept("lachin").dual


def test_a_profiles_contested_yields_to_a_concepts_own_setting(desk: Glossary):
    text = (HEAD + PROFILES + CONCEPTS).replace(
        'names = ["Lachin", "Berdzor"]', 'names = ["Lachin", "Berdzor"]\ncontested = "both"'
    )
    neutral = load(text).with_profile("neutral")
    assert settings(neutral) == {
        "stepanakert": "source",
        "aghdam": "source",
        "lachin": "both",  # its own setting outranks the profile's policy
        "baku": None,
    }
    assert neutral.policy.select == ("missing-name", "missing-secondary")


def test_profiles_do_not_stack_and_none_goes_back_to_the_file(desk: Glossary):
    az = desk.with_profile("az-desk")
    neutral = az.with_profile("neutral")
    assert neutral.policy.order == "source"  # az-desk's order is gone
    assert settings(neutral)["aghdam"] == "source"
    back = neutral.with_profile(None)
    assert back.policy == desk.policy and back.concepts == desk.concepts
    assert back.house_policy == desk.policy and az.house_policy == desk.policy


def test_an_unknown_profile_is_one_line_listing_the_profiles(desk: Glossary):
    with pytest.raises(GlossaryError) as caught:
        desk.with_profile("az_desk")
    assert (
        str(caught.value) == "desk.toml: no policy profile 'az_desk' (profiles: az-desk, neutral)"
    )
    plain = load(HEAD + CONCEPTS)
    with pytest.raises(GlossaryError, match=r"no policy profile 'x' \(it has no"):
        plain.with_profile("x")


def test_glossary_or_default_applies_a_profile(tmp_path: Path):
    path = tmp_path / "desk.toml"
    path.write_text(HEAD + PROFILES + CONCEPTS, encoding="utf-8")
    assert not glossary_or_default(path, profile="az-desk").concept("lachin").dual
    with pytest.raises(GlossaryError, match="no policy profile 'desk'"):
        glossary_or_default(None, profile="desk")


def test_as_dict_gives_the_setting_in_effect_and_the_files_own():
    glossary = load(HEAD + PROFILES + CONCEPTS).with_profile("az-desk")
    aghdam = glossary.concept("aghdam").as_dict()
    assert (aghdam["contested_setting"], aghdam["contested_own"]) == ("both", "source")
    assert glossary.concept("baku").as_dict()["contested_setting"] is None


def test_community_says_which_name_each_editions_community_uses(desk: Glossary):
    stepanakert = desk.concept("stepanakert")
    assert stepanakert.community_name("az") == "Khankendi"
    assert stepanakert.community_name("hy") == "Stepanakert"
    assert stepanakert.community_name("ru") is None  # Russian keeps the source's order
    assert desk.concept("lachin").community == {}


# ------------------------------------------------------------------ refused


@pytest.mark.parametrize(
    ("profile", "needle", "expected"),
    [
        (
            'both = ["stepanakrt"]',
            "both =",
            "[policy.profile.desk]: both: unknown concept id 'stepanakrt'; did you mean "
            "'stepanakert'?",
        ),
        (
            'single = ["baku"]',
            "single =",
            "[policy.profile.desk]: single: 'baku' has one name; only a contested concept can "
            "be kept dual or reduced to the source's name",
        ),
        ('odrer = "edition"', "odrer", "[policy.profile.desk]: unknown key 'odrer'"),
        (
            'order = "azerbaijani"',
            "order =",
            "[policy.profile.desk]: order must be one of source, edition, not 'azerbaijani'",
        ),
        (
            'both = ["lachin"]\nsingle = ["lachin"]',
            "single =",
            "[policy.profile.desk]: lachin listed in both and in single",
        ),
        ('both = "lachin"', "both =", "both must be a list of strings, not a string"),
        ('select = ["a b"]', "select =", "select: 'a b' is not a check code"),
        ('format = "{primary}"', '"{primary}"', "must contain {primary} and {secondary}"),
    ],
)
def test_a_bad_profile_names_the_file_the_profile_and_the_line(profile, needle, expected):
    text = HEAD + f"\n[policy.profile.desk]\n{profile}\n" + CONCEPTS
    (message,) = problems(text)
    assert message.startswith(f"bad.toml:{line_of(text, needle)}: ")
    assert expected in message


def test_a_profile_name_must_be_a_bare_key():
    text = HEAD + '\n[policy.profile."az desk"]\nscope = "every"\n' + CONCEPTS
    (message,) = problems(text)
    assert "profile name 'az desk': use letters, digits, '-' and '_' only" in message


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('contested = "neutral"', "contested must be one of both, source, not 'neutral'"),
        ("contested = true", "contested must be one of both, source, not True"),
    ],
)
def test_a_bad_concept_setting_is_refused(setting, expected):
    text = HEAD + CONCEPTS.replace('contested = "source"', setting)
    (message,) = problems(text)
    assert message.startswith(f"bad.toml:{line_of(text, setting)}: aghdam: ")
    assert expected in message


@pytest.mark.parametrize(
    ("community", "expected"),
    [
        ('community = { hy = "Stepanakrt" }', "community.hy: 'Stepanakrt' is not one of its names"),
        ('community = { fr = "Stepanakert" }', "community.fr: not a target language (hy, az, ru)"),
        ('community = "hy"', "community must be a table of language = name, not a string"),
    ],
)
def test_a_bad_community_is_refused(community, expected):
    text = HEAD + CONCEPTS.replace(
        'community = { hy = "Stepanakert", az = "Khankendi" }', community
    )
    (message,) = problems(text)
    assert message.startswith(f"bad.toml:{line_of(text, community)}: stepanakert: ")
    assert expected in message


def test_contested_on_a_concept_with_one_name_is_refused():
    text = HEAD + CONCEPTS.replace('names = ["Baku"]', 'names = ["Baku"]\ncontested = "both"')
    (message,) = problems(text)
    assert "baku: contested applies to a concept with two or more names" in message


def test_nothing_is_half_loaded_when_only_a_profile_is_wrong(tmp_path: Path):
    path = tmp_path / "desk.toml"
    path.write_text(HEAD + '\n[policy.profile.desk]\nsingle = ["nowhere"]\n' + CONCEPTS, "utf-8")
    with pytest.raises(GlossaryError, match="unknown concept id 'nowhere'"):
        glossary_or_default(path)


# ------------------------------------------------------------------ exchange


def without_lines(glossary: Glossary) -> tuple:
    concepts = [dataclasses.replace(c, line=None) for c in glossary]
    profiles = [dataclasses.replace(p, line=None) for p in glossary.profiles]
    return concepts, profiles, glossary.policy


def test_toml_writer_keeps_settings_and_profiles(desk: Glossary):
    text = glossary_to_toml(desk)
    assert 'contested = "source"' in text and "[policy.profile.az-desk]" in text
    assert without_lines(parse_glossary(text)) == without_lines(desk)


def test_toml_writer_writes_the_files_policy_under_a_profile(desk: Glossary):
    text = glossary_to_toml(desk.with_profile("neutral"))
    again = parse_glossary(text)
    assert again.policy == desk.policy  # [policy] as the file has it, the profile apart
    assert without_lines(again.with_profile("neutral")) == without_lines(
        desk.with_profile("neutral")
    )


def test_tbx_round_trip_keeps_settings_and_profiles(desk: Glossary, tmp_path: Path):
    tbx = export_glossary(desk, "tbx")
    assert "<note>contested: source</note>" in tbx
    assert "<note>community: hy=Stepanakert; az=Khankendi</note>" in tbx
    assert "<p>policy.profile.az-desk.single: lachin</p>" in tbx
    assert "newsloc writes the source's name only and recognises the other" in tbx
    imported = read_tbx(tbx, tmp_path / "desk.tbx", "1")
    again = parse_glossary(glossary_to_toml(imported))
    assert without_lines(again) == without_lines(desk)


def test_review_catalogue_shows_the_setting(desk: Glossary):
    po = polib.pofile(export_review(desk, "ru"))
    comments = {entry.msgctxt: entry.comment for entry in po}
    assert "only the source's name is written, the other is recognised" in comments["aghdam|Akna"]
    assert "contested setting (this concept's own): source" in comments["aghdam|Akna"]
    assert "both names are kept" in comments["stepanakert|Stepanakert"]
    assert (
        "name each community uses: hy: Stepanakert; az: Khankendi"
        in comments["stepanakert|Khankendi"]
    )
    under_profile = polib.pofile(export_review(desk.with_profile("az-desk"), "ru"))
    lachin = next(e for e in under_profile if e.msgctxt == "lachin|Lachin")
    assert "only the source's name is written" in lachin.comment


def test_term_lists_carry_no_setting(desk: Glossary):
    """A term list maps each English name to its own rendering, whatever the setting."""
    rows = export_glossary(desk, "tsv", "ru").splitlines()
    assert "Akna\tАкна" in rows and "Aghdam\tАгдам" in rows
    assert not re.search("source|both", export_glossary(desk, "csv"))


# ------------------------------------------------------------------ the curated glossary


def test_the_curated_glossary_has_no_profiles_and_resolves_every_contested_concept():
    glossary = load_default_glossary()
    assert glossary.policy.quotes == "verbatim"
    assert all(c.contested_setting in ("both", "source") for c in glossary if c.contested)


def test_the_curated_glossary_names_each_communitys_name_for_order_edition():
    """Every contested concept whose names belong to the two communities says which is
    which, so `order = "edition"` can put the edition's community's name first."""
    glossary = load_default_glossary()
    assert glossary.concept("stepanakert").community == {"hy": "Stepanakert", "az": "Khankendi"}
    assert glossary.concept("shusha").community == {"hy": "Shushi", "az": "Shusha"}
    without = {c.id for c in glossary if c.contested and not c.community}
    assert without == {"lachin-corridor"}  # both communities' governments say Lachin corridor
