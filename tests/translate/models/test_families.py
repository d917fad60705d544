"""Model families: tiny NLLB-, M2M-100- and MADLAD-400-shaped models built here, no download.

They are packaged and installed from a folder, from a file:// and a loopback HTTP mirror,
translate with the family's language tokens (asserted on what CTranslate2 receives), go
through `newsloc translate` into catalogues whose comment names the model and its licence,
and give alignments the glossary's fallback uses. NLLB's non-commercial licence is refused
unless accepted by name.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import polib
import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.engines.argos import ArgosEngine
from newsloc.translate.errors import UserError
from newsloc.translate.models.families import FAMILIES, family, quality_for
from newsloc.translate.models.family_build import (
    MIRROR_ENV,
    build_family_package,
    install_family,
    package_folder,
)
from newsloc.translate.models.store import installed_models
from tests.support.spy_translator import SpyTranslator
from tests.support.tiny_families import build_tiny_conversion
from tests.translate.models.test_models import package_dirs, serve_directory

runner = CliRunner()
SENTENCES = ["Stepanakert is called Khankendi by Azerbaijan.", "Shusha lies south of it."]
NLLB = FAMILIES["nllb-600m"]
M2M = FAMILIES["m2m100-418m"]
MADLAD = FAMILIES["madlad-3b"]


@pytest.fixture(scope="module")
def conversions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """family name → a tiny CTranslate2 conversion of that family's shape."""
    root = tmp_path_factory.mktemp("conversions")
    return {
        name: build_tiny_conversion(root / name, name, seed=seed)
        for seed, name in enumerate(("nllb-600m", "m2m100-418m", "madlad-3b"), start=11)
    }


@pytest.fixture()
def mirror(tmp_path: Path, conversions: dict[str, Path]) -> Path:
    """A folder laid out as a mirror: FAMILY/model.bin, config.json, vocabulary, tokenizer."""
    root = tmp_path / "mirror"
    for name, folder in conversions.items():
        shutil.copytree(folder, root / name)
    return root


def install(conversions: dict[str, Path], name: str, target: str) -> None:
    build_family_package(
        conversions[name],
        FAMILIES[name],
        "en",
        target,
        install=True,
        accepted_licence="CC-BY-NC-4.0" if FAMILIES[name].non_commercial else None,
    )


# -- language tokens ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "target", "before", "prefix"),
    [
        ("nllb-600m", "hy", "eng_Latn", ["hye_Armn"]),
        ("nllb-600m", "az", "eng_Latn", ["azj_Latn"]),
        ("nllb-600m", "ru", "eng_Latn", ["rus_Cyrl"]),
        ("m2m100-418m", "hy", "__en__", ["__hy__"]),
        ("madlad-3b", "hy", "<2hy>", []),
        ("madlad-3b", "az", "<2az>", []),
    ],
)
def test_each_family_sends_its_language_tokens_and_strips_them(
    conversions: dict[str, Path],
    spy: list[SpyTranslator],
    name: str,
    target: str,
    before: str,
    prefix: list[str],
) -> None:
    install(conversions, name, target)
    engine = ArgosEngine("en", target, with_attention=True)
    translations = engine.translate(SENTENCES)
    ((source, options),) = spy[0].calls
    for tokens, sentence in zip(source, SENTENCES, strict=True):
        assert tokens[0] == before and tokens[-1] == "</s>"
        assert "".join(tokens[1:-1]).replace("▁", " ").strip() == sentence
    assert options["target_prefix"] == ([prefix] * len(SENTENCES) if prefix else None)
    language_tokens = {FAMILIES[name].language_token(code) for code in ("en", "hy", "az", "ru")}
    for sentence, translation in zip(SENTENCES, translations, strict=True):
        assert translation.text
        assert not any(token in translation.text for token in language_tokens)
        assert "</s>" not in translation.text
        alignment = translation.alignment
        assert alignment is not None
        # One column per token of the sentence: the added tokens' attention is left out.
        assert all(len(row) == len(alignment.source_spans) for row in alignment.weights)
        assert len(alignment.weights) == len(alignment.target_spans) > 0
        covered = "".join(sentence[s:e] for s, e in alignment.source_spans)
        assert covered.replace(" ", "") == sentence.replace(" ", "")
        start = sentence.find("Stepanakert")
        if start >= 0:
            span = alignment.target_span(start, start + len("Stepanakert"))
            assert span is not None and 0 <= span[0] < span[1] <= len(translation.text)


def test_the_catalogue_comment_names_the_model_and_its_licence(
    conversions: dict[str, Path],
) -> None:
    install(conversions, "nllb-600m", "hy")
    install(conversions, "madlad-3b", "az")
    assert ArgosEngine("en", "hy").describe() == (
        "argos en→hy 1.0 (NLLB-200 distilled 600M, translate-en_hy-nllb-600m; licence CC-BY-NC-4.0)"
    )
    assert ArgosEngine("en", "az").describe().endswith("; licence Apache-2.0)")


def test_a_package_with_malformed_tokens_is_a_one_line_error(
    conversions: dict[str, Path],
) -> None:
    install(conversions, "m2m100-418m", "ru")
    (folder,) = [m.path for m in installed_models()]
    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    metadata["source_prefix"] = {"not": "a list"}
    (folder / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    with pytest.raises(UserError, match=r"metadata\.json: source_prefix must be a list of tokens"):
        ArgosEngine("en", "ru")


# -- the whole pipeline ---------------------------------------------------------------


def test_translate_writes_catalogues_with_every_family(
    conversions: dict[str, Path], tmp_path: Path, news_article: Path
) -> None:
    install(conversions, "nllb-600m", "hy")
    install(conversions, "m2m100-418m", "az")
    install(conversions, "madlad-3b", "ru")
    glossary = Path(__file__).resolve().parents[2] / "glossary" / "fixtures" / "spec-example.toml"
    out = tmp_path / "loc"
    result = runner.invoke(
        app,
        [
            *("translate", str(news_article), "--to", "hy,az,ru", "--out", str(out)),
            *("--glossary", str(glossary), "--json"),
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    licences = {"hy": "CC-BY-NC-4.0", "az": "MIT", "ru": "Apache-2.0"}
    titles = {"hy": NLLB.title, "az": M2M.title, "ru": MADLAD.title}
    placed = 0
    for lang in report["languages"]:
        code = lang["language"]
        assert lang["untranslated"] == 0 and lang["machine_translated"] > 0
        assert titles[code] in lang["engine"] and licences[code] in lang["engine"]
        po = polib.pofile(str(out / code / "LC_MESSAGES" / f"{news_article.stem}.po"))
        for entry in po:
            assert entry.msgstr.strip() and "fuzzy" in entry.flags
            assert f"licence {licences[code]}" in entry.tcomment
            for token in ("eng_Latn", "__en__", "<2ru>", "</s>", "hye_Armn", "__az__"):
                assert token not in entry.msgstr
        placed += sum("glossary: placed by alignment" in e.tcomment for e in po)
    # Random weights cannot write the names: the glossary placed some by attention.
    assert placed > 0


# -- licences -------------------------------------------------------------------------


def test_nllb_is_refused_without_accepting_its_licence(
    conversions: dict[str, Path], argos_sandbox: Path
) -> None:
    with pytest.raises(UserError) as refused:
        build_family_package(conversions["nllb-600m"], NLLB, "en", "hy", install=True)
    message = str(refused.value)
    assert "CC-BY-NC-4.0" in message and "nothing installed" in message
    assert "non-commercial" in message and "--accept-licence CC-BY-NC-4.0" in message
    assert "\n" not in message
    with pytest.raises(UserError, match="names another licence"):
        build_family_package(
            conversions["nllb-600m"], NLLB, "en", "hy", install=True, accepted_licence="MIT"
        )
    assert package_dirs(argos_sandbox) == []
    build_family_package(
        conversions["nllb-600m"], NLLB, "en", "hy", install=True, accepted_licence="cc-by-nc-4.0"
    )
    assert [m.name for m in installed_models()] == ["translate-en_hy-nllb-600m-1_0"]


def test_permissive_families_need_no_acceptance(conversions: dict[str, Path]) -> None:
    build_family_package(conversions["m2m100-418m"], M2M, "en", "az", install=True)
    build_family_package(conversions["madlad-3b"], MADLAD, "en", "ru", install=True)
    assert len(installed_models()) == 2


def test_install_from_file_of_an_nc_package_needs_acceptance_too(
    conversions: dict[str, Path], tmp_path: Path, argos_sandbox: Path
) -> None:
    archive = tmp_path / "nllb-hy.argosmodel"
    build_family_package(
        conversions["nllb-600m"], NLLB, "en", "hy", out=archive, accepted_licence="CC-BY-NC-4.0"
    )
    refused = runner.invoke(app, ["models", "install", "--from", str(archive)])
    assert refused.exit_code != 0
    assert "CC-BY-NC-4.0" in refused.output and "Traceback" not in refused.output
    assert package_dirs(argos_sandbox) == []
    accepted = runner.invoke(
        app, ["models", "install", "--from", str(archive), "--accept-licence", "CC-BY-NC-4.0"]
    )
    assert accepted.exit_code == 0, accepted.output
    assert [m.pair for m in installed_models()] == ["en→hy"]


# -- installing from a mirror ---------------------------------------------------------


def test_install_from_a_loopback_http_mirror_for_two_languages(
    mirror: Path, spy: list[SpyTranslator]
) -> None:
    with serve_directory(mirror) as base:
        result = runner.invoke(
            app,
            ["models", "install", "az", "hy", "--family", "m2m100-418m", "--mirror", base],
        )
    assert result.exit_code == 0, result.output
    assert "Licence of M2M-100 418M: MIT" in result.output
    assert sorted(m.name for m in installed_models()) == [
        package_folder(M2M, "en", "az", "1.0"),
        package_folder(M2M, "en", "hy", "1.0"),
    ]
    # One copy of the weights on disk for both languages.
    az, hy = sorted(m.path for m in installed_models())
    assert (az / "model" / "model.bin").samefile(hy / "model" / "model.bin")
    ArgosEngine("en", "az").translate(SENTENCES[:1])
    ((source, options),) = spy[0].calls
    assert source[0][0] == "__en__" and options["target_prefix"] == [["__az__"]]


def test_install_from_a_file_mirror_named_by_the_environment(
    mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MIRROR_ENV, mirror.as_uri())
    results = install_family(["ru"], MADLAD)
    assert [r.model.pair for r in results] == ["en→ru"]
    metadata = json.loads((results[0].model.path / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["family"] == "madlad-3b" and metadata["license"] == "Apache-2.0"
    assert metadata["source_prefix"] == ["<2ru>"] and metadata["source_suffix"] == ["</s>"]
    assert metadata["target_prefix"] == ""
    assert metadata["origin"].startswith(mirror.as_uri())


def test_the_mirror_licence_gate_comes_before_any_download(argos_sandbox: Path) -> None:
    result = runner.invoke(
        app,
        ["models", "install", "hy", "--family", "nllb-600m", "--mirror", "http://127.0.0.1:9/"],
    )
    assert result.exit_code != 0
    assert "CC-BY-NC-4.0" in result.output and "cannot reach" not in result.output


def test_install_nllb_with_acceptance_from_the_mirror(mirror: Path) -> None:
    with serve_directory(mirror) as base:
        result = runner.invoke(
            app,
            [
                *("models", "install", "hy", "--family", "nllb-600m", "--mirror", base),
                *("--accept-licence", "CC-BY-NC-4.0"),
            ],
        )
    assert result.exit_code == 0, result.output
    assert "non-commercial" in result.output


def test_a_mirror_serving_another_family_is_refused(mirror: Path, argos_sandbox: Path) -> None:
    shutil.rmtree(mirror / "m2m100-418m")
    shutil.copytree(mirror / "madlad-3b", mirror / "m2m100-418m")
    with pytest.raises(UserError) as refused:
        install_family(["hy"], M2M, mirror=str(mirror))
    assert str(refused.value) == (
        f"{mirror.as_uri()}/m2m100-418m: the model's vocabulary lacks __en__, __hy__: "
        "not a M2M-100 418M conversion"
    )
    assert package_dirs(argos_sandbox) == []


def test_missing_mirror_and_unknown_family_are_one_line_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    no_mirror = runner.invoke(app, ["models", "install", "az", "--family", "m2m100-418m"])
    assert no_mirror.exit_code != 0 and "NEWSLOC_MODEL_MIRROR" in no_mirror.output
    unknown = runner.invoke(app, ["models", "install", "az", "--family", "nllb-54b"])
    assert unknown.exit_code != 0 and "nllb-600m" in unknown.output
    with pytest.raises(UserError, match="no M2M-100 418M language token for 'de'"):
        install_family(["de"], M2M, mirror="file:///nowhere")


def test_a_hugging_face_directory_without_the_extra_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_transformers(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "transformers":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_transformers)
    hf = tmp_path / "m2m100_418M"
    hf.mkdir()
    (hf / "config.json").write_text('{"model_type": "m2m_100"}', encoding="utf-8")
    with pytest.raises(UserError, match=r"newsloc\[transformers\]"):
        build_family_package(hf, M2M, "en", "az")


# -- models list ----------------------------------------------------------------------


def test_models_list_shows_family_licence_and_published_quality(
    conversions: dict[str, Path],
) -> None:
    install(conversions, "nllb-600m", "az")
    install(conversions, "m2m100-418m", "hy")
    result = runner.invoke(app, ["models", "list"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "CC-BY-NC-4.0" in result.output and "MIT" in result.output
    assert "0.840 / 11.0" in result.output  # NLLB en→az, Mozilla's evaluation
    for name in FAMILIES:
        assert name in result.output
    listing = json.loads(runner.invoke(app, ["models", "list", "--json"]).stdout)
    by_pair = {m["pair"]: m for m in listing["installed"]}
    assert by_pair["en→az"]["family"] == "nllb-600m"
    assert by_pair["en→az"]["licence"] == "CC-BY-NC-4.0"
    assert by_pair["en→az"]["published_quality"] == {
        "system": "NLLB",
        "comet": 0.840,
        "bleu": 11.0,
    }
    assert by_pair["en→hy"]["published_quality"] is None  # M2M-100 is not in the evaluation
    families = {f["family"]: f for f in listing["families"]}
    assert families["madlad-3b"]["licence"] == "Apache-2.0"
    assert "mozilla/firefox-translations-models" in listing["quality_source"]
    assert listing["recommended"]["hy"] == {"choice": "nllb-600m", "commercial_use": "m2m100-418m"}
    assert "Recommended: hy nllb-600m (commercial use: m2m100-418m)" in result.output


def test_models_list_names_opus_mt_and_its_published_figure(tmp_path: Path) -> None:
    from newsloc.translate.models.store import build_and_install
    from tests.support.tiny_marian import build_tiny_marian

    build_and_install(build_tiny_marian(tmp_path / "opus"), "en", "hy")
    listing = json.loads(runner.invoke(app, ["models", "list", "--json"]).stdout)
    (entry,) = listing["installed"]
    assert (entry["family"], entry["licence"]) == ("opus-mt", "CC-BY-4.0")
    assert entry["published_quality"] == {"system": "OPUS-MT", "comet": 0.68, "bleu": 7.8}
    assert ArgosEngine("en", "hy").describe().endswith("; licence CC-BY-4.0)")


def test_published_figures_are_the_issue_table() -> None:
    assert quality_for("argos", "az") is not None and quality_for("argos", "az").comet == 0.519
    assert quality_for("opus-mt", "hy").bleu == 7.8  # type: ignore[union-attr]
    assert quality_for("nllb-1.3b", "hy").comet == 0.867  # type: ignore[union-attr]
    assert quality_for("madlad-3b", "hy") is None
    assert family(" NLLB-600M ").name == "nllb-600m"


# -- models build --family ------------------------------------------------------------


def build_command(conversions: dict[str, Path], name: str, *extra: str) -> list[str]:
    return ["models", "build", str(conversions[name]), "--family", name, *extra]


def test_models_build_family_packages_a_conversion_and_gates_nllb(
    conversions: dict[str, Path], tmp_path: Path, argos_sandbox: Path
) -> None:
    out = tmp_path / "m2m-az.argosmodel"
    built = runner.invoke(
        app, build_command(conversions, "m2m100-418m", "--to", "az", "--out", str(out))
    )
    assert built.exit_code == 0, built.output
    assert "Licence of M2M-100 418M: MIT" in built.output and out.is_file()
    assert package_dirs(argos_sandbox) == []  # built, not installed
    refused = runner.invoke(app, build_command(conversions, "nllb-600m", "--to", "hy", "--install"))
    assert refused.exit_code != 0 and "nothing installed" in refused.output
    assert "Traceback" not in refused.output
    accept = ("--accept-licence", "CC-BY-NC-4.0")
    installed = runner.invoke(
        app, build_command(conversions, "nllb-600m", "--to", "hy", "--install", *accept)
    )
    assert installed.exit_code == 0, installed.output
    assert [m.name for m in installed_models()] == ["translate-en_hy-nllb-600m-1_0"]
