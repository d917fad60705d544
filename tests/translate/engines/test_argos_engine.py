"""Tests of the Argos engine, run on genuine tiny Argos packages built by the session."""

from __future__ import annotations

import itertools
import re
import socket
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsloc.translate.engines import argos
from newsloc.translate.engines.argos import ArgosEngine
from newsloc.translate.engines.argos_packages import (
    find_package,
    install_command,
    installed_packages,
    package_name,
    packages_dir,
)
from newsloc.translate.errors import UserError
from tests.support import corpus
from tests.support.spy_translator import SpyTranslator
from tests.support.tiny_argos import build_tiny_package, install_package, train_sentencepiece


def test_installed_tiny_packages_are_found(installed_argos_packages: dict[str, Path]) -> None:
    names = {package_name(pkg) for pkg in installed_packages()}
    assert {"translate-en_hy-1_0", "translate-en_az-1_0", "translate-en_ru-1_0"} <= names
    pkg = find_package("en", "ru")
    assert pkg is not None
    assert Path(pkg.package_path) == installed_argos_packages["ru"]
    assert find_package("en", "de") is None


def test_packages_dir_follows_the_environment_at_call_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "elsewhere"))
    assert packages_dir() == tmp_path / "elsewhere"
    assert installed_packages() == []  # a missing directory means nothing installed
    assert find_package("en", "ru") is None


def test_broken_package_directory_is_a_user_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "translate-en_ru-1_0").mkdir()
    (tmp_path / ".installing").mkdir()  # hidden: an install in progress, skipped
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path))
    with pytest.raises(UserError, match=r"translate-en_ru-1_0: not an Argos package"):
        installed_packages()


def test_install_commands_name_the_way_each_pair_is_installed() -> None:
    assert install_command("en", "ru") == "newsloc models install ru"
    assert install_command("en", "az") == "newsloc models install az"
    assert install_command("en", "hy") == "newsloc models install hy"  # built from OPUS-MT
    assert install_command("ru", "en") == "newsloc models install ru-en"


# -- the engine ------------------------------------------------------------------------


def article_paragraphs_text(article: Path) -> list[str]:
    """The article's paragraphs, each unwrapped onto one line."""
    text = article.read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def article_sentences(article: Path) -> list[str]:
    """The article's sentences, split simply (the engine must not care how)."""
    return [s for p in article_paragraphs_text(article) for s in re.split(r"(?<=[.”])\s+", p)]


@pytest.mark.usefixtures("installed_argos_packages")
@pytest.mark.parametrize("target", ["hy", "az", "ru"])
def test_every_sentence_of_the_article_is_translated(news_article: Path, target: str) -> None:
    sentences = article_sentences(news_article)
    assert len(sentences) > len(article_paragraphs_text(news_article))  # a whole document
    translations = ArgosEngine("en", target).translate(sentences)
    assert len(translations) == len(sentences)
    assert all(t.text.strip() for t in translations)
    assert all("⁇" not in t.text and "▁" not in t.text for t in translations)


@pytest.mark.usefixtures("installed_argos_packages")
def test_the_whole_document_is_one_translate_batch_call(
    news_article: Path, spy: list[SpyTranslator]
) -> None:
    sentences = article_sentences(news_article)
    ArgosEngine("en", "ru", max_batch_tokens=512).translate(sentences)
    calls = [call for s in spy for call in s.calls]
    assert len(calls) == 1
    source, options = calls[0]
    assert len(source) == len(sentences)
    assert options["batch_type"] == "tokens"
    assert options["max_batch_size"] == 512
    assert options["num_hypotheses"] == 1
    assert options["beam_size"] == argos.DEFAULT_BEAM_SIZE
    assert options["max_input_length"] == 0  # CTranslate2 never truncates an input
    longest = max(len(tokens) for tokens in source)
    assert options["max_decoding_length"] == min(256, 2 * longest + 10)


@pytest.mark.usefixtures("installed_argos_packages")
def test_translation_is_deterministic_across_runs_and_engines(
    news_article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentences = article_sentences(news_article)
    engine = ArgosEngine("en", "hy")
    first = [t.text for t in engine.translate(sentences)]
    assert [t.text for t in engine.translate(sentences)] == first
    monkeypatch.setattr(argos, "_translators", {})  # a fresh CTranslate2 model, as a new process
    assert [t.text for t in ArgosEngine("en", "hy").translate(sentences)] == first
    # One sentence alone comes out as it does inside the document's batch.
    assert ArgosEngine("en", "hy").translate([sentences[3]])[0].text == first[3]


@pytest.mark.usefixtures("installed_argos_packages")
def test_one_translator_per_model_and_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(argos, "_translators", {})
    loads: list[str] = []
    real = argos.ctranslate2.Translator

    def counting(path: str, **kwargs: Any) -> Any:
        loads.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(argos.ctranslate2, "Translator", counting)
    for _ in range(3):
        ArgosEngine("en", "az").translate(["One sentence."])
    ArgosEngine("en", "az", threads=1).translate(["One sentence."])
    assert len(loads) == 2


@pytest.mark.usefixtures("installed_argos_packages")
def test_empty_sentences_need_no_model() -> None:
    engine = ArgosEngine("en", "ru")
    assert engine.translate([]) == []
    translations = engine.translate(["", "  ", "Baku."])
    assert [t.text for t in translations][:2] == ["", ""]
    assert translations[2].text


@pytest.mark.usefixtures("installed_argos_packages")
def test_progress_reaches_every_sentence(news_article: Path) -> None:
    sentences = [*article_sentences(news_article), ""]
    seen: list[int] = []
    with_progress = ArgosEngine("en", "ru", progress=seen.append, max_batch_tokens=64)
    texts = [t.text for t in with_progress.translate(sentences)]
    assert seen[-1] == len(sentences)
    assert seen == sorted(seen)
    assert seen[0] == 1  # the empty sentence is done before any batch
    assert texts == [t.text for t in ArgosEngine("en", "ru").translate(sentences)]


@pytest.mark.usefixtures("installed_argos_packages")
def test_describe_names_pair_version_and_package() -> None:
    assert ArgosEngine("en", "ru").describe() == (
        "argos en→ru 1.0 (translate-en_ru; licence not stated in the package)"
    )
    assert ArgosEngine("en", "ru").name == "argos"


def test_target_prefix_is_sent_and_stripped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spy: list[SpyTranslator]
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    archive = build_tiny_package(tmp_path, "en", "de", seed=7, target_prefix="__de__")
    install_package(archive, tmp_path / "packages")
    sentences = ["Stepanakert is called Khankendi by Azerbaijan.", "Shusha lies south."]
    translations = ArgosEngine("en", "de", with_attention=True).translate(sentences)
    ((_source, options),) = spy[0].calls
    assert options["target_prefix"] == [["__de__"], ["__de__"]]
    for translation in translations:
        assert translation.text
        assert "__de__" not in translation.text
        assert translation.alignment is not None
        assert len(translation.alignment.weights) == len(translation.alignment.target_spans)


@pytest.mark.usefixtures("installed_argos_packages")
def test_an_overlong_sentence_is_split_and_every_part_translated(
    news_article: Path, spy: list[SpyTranslator]
) -> None:
    sentences = article_sentences(news_article)
    long = ", and ".join(s.rstrip(".") for s in sentences[:6]) + "."
    engine = ArgosEngine("en", "ru", max_sentence_tokens=40, with_attention=True)
    assert len(engine._tokenizer.encode(long, with_spans=False)[0]) > 3 * 40
    translations = engine.translate(["Baku is calm.", long])
    ((source, _options),) = spy[0].calls
    assert len(source) >= 4  # the short sentence plus at least three parts of the long one
    assert all(len(tokens) <= 40 for tokens in source)
    parts = source[1:]
    words = "".join("".join(tokens) for tokens in parts).replace("▁", "")
    assert words == long.replace(" ", "")  # nothing of the sentence was dropped
    # Each part is translated and the sentence's translation is all of them, in order.
    alone = ArgosEngine("en", "ru").translate(
        [engine._tokenizer._processor.decode_pieces(tokens) for tokens in parts]
    )
    assert all(t.text for t in alone)
    assert translations[1].text == " ".join(t.text for t in alone)
    alignment = translations[1].alignment
    assert alignment is not None
    assert alignment.source_spans[-1][1] == len(long)
    assert len(alignment.source_spans) == sum(len(tokens) for tokens in parts)


@pytest.mark.usefixtures("installed_argos_packages")
def test_attention_alignment_spans_lie_within_the_strings(news_article: Path) -> None:
    sentences = article_sentences(news_article)
    translations = ArgosEngine("en", "hy", with_attention=True).translate(sentences)
    for sentence, translation in zip(sentences, translations, strict=True):
        alignment = translation.alignment
        assert alignment is not None
        assert len(alignment.weights) == len(alignment.target_spans) > 0
        assert all(len(row) == len(alignment.source_spans) for row in alignment.weights)
        assert all(abs(sum(row) - 1.0) < 0.05 for row in alignment.weights)  # softmax rows
        assert all(0 <= s <= e <= len(sentence) for s, e in alignment.source_spans)
        assert all(0 <= s <= e <= len(translation.text) for s, e in alignment.target_spans)
        # Source tokens cover the sentence's words; target tokens cover the translation.
        covered = "".join(sentence[s:e] for s, e in alignment.source_spans)
        assert covered.replace(" ", "") == sentence.replace(" ", "")
        rebuilt = "".join(translation.text[s:e] for s, e in alignment.target_spans)
        assert rebuilt.replace(" ", "") == translation.text.replace(" ", "")
    index = next(i for i, sentence in enumerate(sentences) if "Stepanakert" in sentence)
    name = sentences[index].index("Stepanakert")
    span = translations[index].alignment.target_span(name, name + len("Stepanakert"))
    assert span is not None and 0 <= span[0] < span[1] <= len(translations[index].text)


@pytest.mark.parametrize(
    ("target", "command"),
    [
        ("ru", "newsloc models install ru"),
        ("az", "newsloc models install az"),
        ("hy", "newsloc models install hy"),
    ],
)
def test_a_missing_pair_names_the_exact_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, command: str
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "empty"))
    with pytest.raises(UserError) as raised:
        ArgosEngine("en", target)
    message = str(raised.value)
    assert f"en→{target}" in message
    assert f"install one with: {command} (offline: " in message  # and what works offline
    assert "newsloc models install --from FILE.argosmodel" in message
    assert "\n" not in message


def test_a_corrupt_model_is_a_user_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    package = install_package(build_tiny_package(tmp_path, "en", "ru"), tmp_path / "packages")
    (package / "model" / "model.bin").write_bytes(b"not a model")
    with pytest.raises(UserError, match=r"model: cannot load the CTranslate2 model"):
        ArgosEngine("en", "ru").translate(["Baku."])


def test_a_separate_target_sentencepiece_model_is_used_for_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Packages built from OPUS-MT carry the target side's own SentencePiece model."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    package = install_package(build_tiny_package(tmp_path, "en", "ru"), tmp_path / "packages")
    target_model = package / "target_sentencepiece.model"
    target_model.write_bytes(b"not a model")
    with pytest.raises(UserError, match=r"target_sentencepiece.model: not a SentencePiece model"):
        ArgosEngine("en", "ru")
    target_model.write_bytes(train_sentencepiece(corpus.RUSSIAN, 200, []))
    sentences = ["Stepanakert is called Khankendi by Azerbaijan.", "Shusha lies south."]
    translations = ArgosEngine("en", "ru", with_attention=True).translate(sentences)
    for translation in translations:
        assert translation.text and "⁇" not in translation.text
        alignment = translation.alignment
        assert alignment is not None
        rebuilt = "".join(translation.text[s:e] for s, e in alignment.target_spans)
        assert rebuilt.replace(" ", "") == translation.text.replace(" ", "")


def test_the_network_is_blocked_for_every_test() -> None:
    with pytest.raises(OSError, match="may not use the network"):
        socket.create_connection(("203.0.113.7", 443), timeout=1)
    from argostranslate import settings

    assert settings.remote_package_index.startswith("http://127.0.0.1:9/")


# -- splitting over-long sentences -------------------------------------------------------


def word_count(text: str) -> int:
    return len(text.split())


def test_long_sentences_are_cut_at_clause_punctuation_first() -> None:
    text = "one two three four five six, seven eight nine ten eleven twelve"
    parts = [text[s:e] for s, e in argos._split_long(text, word_count, 8)]
    assert parts == ["one two three four five six,", "seven eight nine ten eleven twelve"]


def test_a_long_word_is_cut_inside_when_nothing_else_can_be() -> None:
    text = "x" * 50
    parts = [text[s:e] for s, e in argos._split_long(text, len, 16)]
    assert "".join(parts) == text
    assert all(0 < len(part) <= 16 for part in parts)


@given(st.text(alphabet=st.sampled_from("ab ,;–“”\n"), max_size=200), st.integers(1, 12))
def test_splitting_keeps_every_character_but_whitespace(text: str, limit: int) -> None:
    spans = argos._split_long(text, word_count, limit)
    parts = [text[s:e] for s, e in spans]
    assert "".join("".join(parts).split()) == "".join(text.split())
    assert all(part and part == part.strip() for part in parts)
    assert all(word_count(part) <= limit for part in parts)
    assert all(end <= start for (_, end), (start, _) in itertools.pairwise(spans))
