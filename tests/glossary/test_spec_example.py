"""The contract's example glossary, kept as a fixture so the suite runs on a bare clone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsloc.glossary import load_glossary
from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH
from tests.conftest import SHARED

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE = FIXTURES / "spec-example.toml"
#: The contract's second example: a policy profile (section 2, "Editorial policy profiles").
PROFILE_FIXTURE = FIXTURES / "spec-profile.toml"
SPEC = SHARED / "glossary-spec.md"


def test_the_fixtures_are_the_contracts_examples_word_for_word() -> None:
    if not SPEC.exists():
        pytest.skip("needs the glossary contract ../shared/glossary-spec.md (CI has it)")
    examples = re.findall(r"```toml\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.S)
    assert len(examples) == 2, "the contract's examples changed: a glossary and a profile"
    assert FIXTURE.read_text(encoding="utf-8").strip() == examples[0].strip()
    assert PROFILE_FIXTURE.read_text(encoding="utf-8").strip() == examples[1].strip()


def test_the_example_loads() -> None:
    glossary = load_glossary(FIXTURE)
    assert [concept.id for concept in glossary.concepts] == ["stepanakert", "baku"]
    assert glossary.policy.quotes == "verbatim"
    assert glossary.concept("stepanakert").dual


def test_the_profile_example_loads_with_the_curated_glossary(tmp_path: Path) -> None:
    """The profile names curated concepts, so it is read appended to the curated file."""
    path = tmp_path / "desk.toml"
    text = DEFAULT_GLOSSARY_PATH.read_text(encoding="utf-8")
    path.write_text(text + "\n" + PROFILE_FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    desk = load_glossary(path).with_profile("az-desk")
    assert (desk.policy.order, desk.policy.scope) == ("edition", "every")
    assert desk.concept("stepanakert").dual and desk.concept("shusha").dual
    assert not desk.concept("lachin").dual and not desk.concept("kalbajar").dual
