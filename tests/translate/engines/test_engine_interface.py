"""Every engine declares what it offers (the `Engine` protocol), so callers ask it rather
than probing with hasattr: progress as batches end, and attention alignments."""

from __future__ import annotations

import pytest

from newsloc.translate.batch import _Answered
from newsloc.translate.engines.interface import Engine, Translation
from newsloc.translate.engines.libretranslate import LibreTranslateEngine


@pytest.mark.usefixtures("installed_argos_packages")
def test_the_argos_engine_reports_progress_and_aligns_when_asked_for_attention() -> None:
    from newsloc.translate.engines.argos import ArgosEngine

    plain = ArgosEngine("en", "ru")
    attending = ArgosEngine("en", "ru", with_attention=True)
    assert isinstance(plain, Engine) and isinstance(attending, Engine)
    assert plain.reports_progress and attending.reports_progress
    assert (plain.aligns, attending.aligns) == (False, True)
    done: list[int] = []
    attending.progress = done.append
    translations = attending.translate(["Shelling was heard.", "Officials gave no figures."])
    assert done and done[-1] == 2
    assert all(t.alignment is not None for t in translations)


def test_libretranslate_reports_progress_and_gives_no_alignment() -> None:
    engine = LibreTranslateEngine("en", "ru", server="http://127.0.0.1:9")
    assert isinstance(engine, Engine)
    assert engine.reports_progress and not engine.aligns and engine.progress is None


class _Quiet:
    """An engine that cannot report progress: the caller's callback is never called."""

    name = "quiet"
    source = "en"
    target = "ru"
    reports_progress = False
    progress = None
    aligns = False

    def describe(self) -> str:
        return "quiet"

    def translate(self, sentences: list[str]) -> list[Translation]:
        return [Translation(s.upper()) for s in sentences]


def test_an_engine_answering_from_a_batch_declares_what_the_engine_under_it_does() -> None:
    quiet = _Quiet()
    answered = _Answered(quiet, {"a": Translation("A!")})
    assert isinstance(answered, Engine)
    assert (answered.reports_progress, answered.aligns) == (False, False)
    assert [t.text for t in answered.translate(["a", "b"])] == ["A!", "B"]
