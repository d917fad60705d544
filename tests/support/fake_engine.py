"""A deterministic engine for tests of the catalogue flow (no model needed).

It "translates" by tagging each sentence with the language, and can call a hook before
it answers, so a test can save a catalogue (as a reviewer would) while a run is working.
"""

from __future__ import annotations

from collections.abc import Callable

from newsloc.translate.engines.interface import Translation


class FakeEngine:
    name = "fake"
    source = "en"
    reports_progress = False
    aligns = False

    def __init__(self, language: str, before: Callable[[], None] | None = None):
        self.language = language
        self.target = language
        self.progress: Callable[[int], None] | None = None
        self.before = before
        self.calls = 0

    def describe(self) -> str:
        return f"fake en→{self.language}"

    def translate(self, sentences: list[str]) -> list[Translation]:
        self.calls += 1
        if self.before is not None:
            self.before()
        return [Translation(f"[{self.language}] {text}") for text in sentences]


def fake_factory(before: Callable[[str], None] | None = None) -> Callable[[str], FakeEngine]:
    """An engine factory for `translate_article`; `before(language)` runs mid-translation."""

    def build(language: str) -> FakeEngine:
        hook = (lambda: before(language)) if before is not None else None
        return FakeEngine(language, hook)

    return build
