"""`newsloc quality reference`: BLEU and chrF against references, as sacrebleu publishes them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.quality.reference import score, translate_lines

DATA = Path(__file__).parent / "data"
runner = CliRunner()

#: (language, system file, BLEU Mozilla published for it; see data/README.md)
PUBLISHED = [
    ("hy", "flores-dev.nllb.hy", "16.3"),
    ("az", "flores-dev.argos.az", "5.1"),
    ("ru", "flores-dev.bergamot-base.ru", "31.5"),
]


def _unpack(name: str, folder: Path) -> Path:
    path = folder / name
    path.write_bytes(gzip.decompress((DATA / f"{name}.gz").read_bytes()))
    return path


@pytest.mark.parametrize(("language", "system", "published"), PUBLISHED)
def test_published_flores_bleu_is_reproduced(
    tmp_path: Path, language: str, system: str, published: str
) -> None:
    reference = _unpack(f"flores-dev.{language}", tmp_path)
    hypotheses = _unpack(system, tmp_path)
    # The source is only counted (it must align); the references stand in for it here.
    result = runner.invoke(
        app,
        [
            "quality", "reference", str(reference), str(reference),
            "--to", language, "--hypotheses", str(hypotheses), "--json",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert f"{report['bleu']['score']:.1f}" == published
    assert report["segments"] == 997
    assert report["bleu"]["signature"].startswith("nrefs:1|case:mixed|eff:no|tok:13a")
    assert report["chrf"]["signature"].startswith("nrefs:1|case:mixed|eff:yes|nc:6|nw:0")


def test_identical_output_scores_100_and_a_wrong_one_low() -> None:
    refs = ["Ստեփանակերտը մայրաքաղաքն է։", "Բաքուն մեծ քաղաք է։"]
    assert score(refs, refs, "hy", "same").bleu.score == pytest.approx(100.0)
    poor = score(["Բաքու", "Երևան"], refs, "hy", "poor")
    assert poor.bleu.score < 10 and poor.chrf.score < 40


def test_lines_are_translated_in_batches_and_empty_lines_stay_empty() -> None:
    seen: list[list[str]] = []

    def upper(lines: list[str]) -> list[str]:
        seen.append(lines)
        return [line.upper() for line in lines]

    out = translate_lines(["a", "", "b", "c"], upper, batch=2)
    assert out == ["A", "", "B", "C"]
    assert seen == [["a"], ["b", "c"]]


def test_the_command_translates_with_an_engine_and_saves_what_it_scored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.support.fake_engine import fake_factory

    monkeypatch.setattr(
        "newsloc.translate.engines.registry.engine_factory",
        lambda name, options=None: fake_factory(),
    )
    source = tmp_path / "src.en"
    source.write_text("Baku is big.\nYerevan is old.\n", encoding="utf-8")
    engine_factory = fake_factory()
    engine = engine_factory("ru")
    expected = [t.text for t in engine.translate(["Baku is big.", "Yerevan is old."])]
    reference = tmp_path / "ref.ru"
    reference.write_text("\n".join(expected) + "\n", encoding="utf-8")
    saved = tmp_path / "out.ru"
    result = runner.invoke(
        app,
        ["quality", "reference", str(source), str(reference), "--to", "ru", "--save", str(saved)],
    )
    assert result.exit_code == 0, result.output
    assert saved.read_text(encoding="utf-8").splitlines() == expected
    assert "100.0" in result.stdout
    assert "BLEU: nrefs:1" in result.stdout


def test_misaligned_files_are_refused_naming_both(tmp_path: Path) -> None:
    source = tmp_path / "src.en"
    source.write_text("a\nb\nc\n", encoding="utf-8")
    reference = tmp_path / "ref.hy"
    reference.write_text("ա\nբ\n", encoding="utf-8")
    result = runner.invoke(
        app,
        ["quality", "reference", str(source), str(reference), "--to", "hy",
         "--hypotheses", str(reference)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "not aligned line for line" in result.output
    assert f"{source} has 3" in result.output and f"{reference} has 2" in result.output
    assert "Traceback" not in result.output


def test_a_missing_reference_file_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "src.en"
    source.write_text("a\n", encoding="utf-8")
    result = runner.invoke(
        app,
        ["quality", "reference", str(source), str(tmp_path / "none.hy"), "--to", "hy",
         "--hypotheses", str(source)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "none.hy: no such reference file" in result.output


@pytest.mark.parametrize(
    ("servers", "expected"),
    [
        ([], None),  # none given: the engine falls back on $LIBRETRANSLATE_URL
        (["http://a:5000"], "http://a:5000"),
        (["http://a:5000", "http://b:5000"], "http://a:5000,http://b:5000"),
    ],
)
def test_every_server_given_shares_the_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, servers: list[str], expected: str | None
) -> None:
    from newsloc.translate.engines.registry import EngineOptions
    from tests.support.fake_engine import fake_factory

    asked: list[str | None] = []

    def factory(name: str, options: EngineOptions | None = None) -> object:
        asked.append(options.server if options else "no options")
        return fake_factory()

    monkeypatch.setattr("newsloc.translate.engines.registry.engine_factory", factory)
    source = tmp_path / "src.en"
    source.write_text("Baku is big.\n", encoding="utf-8")
    args = ["quality", "reference", str(source), str(source), "--to", "ru"]
    args += ["--engine", "libretranslate"]
    for server in servers:
        args += ["--server", server]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert asked == [expected]
