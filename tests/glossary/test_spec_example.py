"""The contract's example glossary, kept as a fixture so the suite runs on a bare clone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsloc.glossary import load_glossary
from tests.conftest import SHARED

FIXTURE = Path(__file__).parent / "fixtures" / "spec-example.toml"
SPEC = SHARED / "glossary-spec.md"


def test_the_fixture_is_the_contracts_example_word_for_word() -> None:
    if not SPEC.exists():
        pytest.skip("needs the glossary contract ../shared/glossary-spec.md (CI has it)")
    example = re.search(r"```toml\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.S)
    assert example, "the contract lost its example"
    assert FIXTURE.read_text(encoding="utf-8").strip() == example.group(1).strip()


def test_the_example_loads() -> None:
    glossary = load_glossary(FIXTURE)
    assert [concept.id for concept in glossary.concepts] == ["stepanakert", "baku"]
