"""A stand-in between the Argos engine and its CTranslate2 Translator that records every
`translate_batch` call, so a test can assert the tokens the model really received."""

from __future__ import annotations

from typing import Any

import pytest

from newsloc.translate.engines import argos


class SpyTranslator:
    """Stands between the engine and its Translator, recording every translate_batch call."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls: list[tuple[list[list[str]], dict[str, Any]]] = []

    def translate_batch(self, source: list[list[str]], **kwargs: Any) -> Any:
        self.calls.append((source, kwargs))
        return self.real.translate_batch(source, **kwargs)


@pytest.fixture()
def spy(monkeypatch: pytest.MonkeyPatch) -> list[SpyTranslator]:
    """Every Translator the engine asks for, wrapped in a SpyTranslator."""
    spies: list[SpyTranslator] = []
    real_shared = argos.shared_translator

    def spying(*args: Any) -> SpyTranslator:
        spies.append(SpyTranslator(real_shared(*args)))
        return spies[-1]

    monkeypatch.setattr(argos, "shared_translator", spying)
    return spies
