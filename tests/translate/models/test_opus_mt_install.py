"""`models install hy az ru`: Armenian built from an OPUS-MT release zip served over loopback.

The release server is stood in for by NEWSLOC_OPUS_MT_MIRROR pointing at a loopback HTTP
folder laid out like it (eng-hye/opus-2020-06-16.zip), holding a genuine tiny Marian model.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.engines.argos import ArgosEngine
from newsloc.translate.errors import UserError
from newsloc.translate.models.index import AvailableModel, local_index_path
from newsloc.translate.models.opus_mt import RELEASES, release_url
from newsloc.translate.models.store import install_from_index, installed_models
from tests.support.tiny_marian import build_tiny_marian_zip
from tests.translate.models.test_models import (
    serve_directory,
    write_mirror,
)

RELEASE = RELEASES[("en", "hy")]


@pytest.fixture(scope="module")
def marian_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_marian_zip(tmp_path_factory.mktemp("opus") / "opus-2020-06-16.zip")


def opus_mirror(root: Path, release_zip: Path) -> Path:
    target = root / RELEASE.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(release_zip.read_bytes())
    return target


def test_the_release_is_the_one_the_model_card_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSLOC_OPUS_MT_MIRROR")
    assert release_url(RELEASE) == (
        "https://object.pouta.csc.fi/Tatoeba-MT-models/eng-hye/opus-2020-06-16.zip"
    )
    assert RELEASE.model_card == "https://huggingface.co/Helsinki-NLP/opus-mt-en-hy"
    monkeypatch.setenv("NEWSLOC_OPUS_MT_MIRROR", "file:///srv/opus/")
    assert release_url(RELEASE) == "file:///srv/opus/eng-hye/opus-2020-06-16.zip"
    monkeypatch.setenv("NEWSLOC_OPUS_MT_MIRROR", "http://m.example/x.zip")
    assert release_url(RELEASE) == "http://m.example/x.zip"


def test_hy_az_ru_install_in_one_command(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tiny_argosmodels: dict[str, Path],
    marian_zip: Path,
) -> None:
    mirror = tmp_path / "mirror"
    opus = tmp_path / "opus"
    opus_mirror(opus, marian_zip)
    downloads: list[str] = []
    builds: list[str] = []

    def on_download(model: AvailableModel):
        downloads.append(model.links[0])
        return None

    with serve_directory(mirror) as index_base, serve_directory(opus) as opus_base:
        write_mirror(
            mirror,
            index_base,
            {("en", "az"): tiny_argosmodels["az"], ("en", "ru"): tiny_argosmodels["ru"]},
        )
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_base)
        monkeypatch.setenv("NEWSLOC_OPUS_MT_MIRROR", opus_base)
        results = install_from_index(
            ["hy", "az", "ru"], on_download=on_download, on_build=lambda r: builds.append(r.name)
        )
    assert [r.model.pair for r in results] == ["en→hy", "en→az", "en→ru"]
    assert downloads[0] == opus_base + "eng-hye/opus-2020-06-16.zip"
    assert builds == ["OPUS-MT eng-hye opus-2020-06-16"]
    assert [m.pair for m in installed_models()] == ["en→az", "en→hy", "en→ru"]
    hy = results[0].model.path
    metadata = json.loads((hy / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["license"] == "CC-BY-4.0"  # from the release's LICENSE
    assert opus_base + "eng-hye/opus-2020-06-16.zip" in metadata["origin"]
    assert RELEASE.model_card in metadata["origin"]
    assert "CC-BY-4.0" in (hy / "README.md").read_text(encoding="utf-8")
    (translation,) = ArgosEngine("en", "hy").translate(["Shelling was heard in Stepanakert."])
    assert translation.text  # the converted model really translates
    assert local_index_path().exists()


def test_armenian_installs_even_without_an_argos_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marian_zip: Path
) -> None:
    opus_mirror(tmp_path / "opus", marian_zip)
    monkeypatch.setenv("NEWSLOC_OPUS_MT_MIRROR", (tmp_path / "opus").as_uri())
    (result,) = install_from_index(["hy"])  # ARGOS_PACKAGE_INDEX cannot be reached
    assert result.model.pair == "en→hy"
    assert not local_index_path().exists()


def _rezipped(source: Path, out: Path, drop: str) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for member in old.infolist():
            if member.filename != drop:
                new.writestr(member, old.read(member))
    return out


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        ("decoder.yml", "expected one decoder.yml"),
        ("target.spm", "no target.spm"),
        ("opus.spm-spm.vocab.yml", "no a .vocab.yml"),
    ],
)
def test_a_release_zip_missing_a_file_installs_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    marian_zip: Path,
    argos_sandbox: Path,
    drop: str,
    message: str,
) -> None:
    broken = _rezipped(marian_zip, tmp_path / "broken.zip", drop)
    monkeypatch.setenv("NEWSLOC_OPUS_MT_MIRROR", broken.as_uri())
    with pytest.raises(UserError) as caught:
        install_from_index(["hy"])
    assert str(caught.value).startswith(f"{broken.as_uri()}: not an OPUS-MT release")
    assert message in str(caught.value)
    assert not argos_sandbox.exists()  # not even the packages folder


def test_models_install_hy_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marian_zip: Path
) -> None:
    opus_mirror(tmp_path / "opus", marian_zip)
    with serve_directory(tmp_path / "opus") as opus_base:
        monkeypatch.setenv("NEWSLOC_OPUS_MT_MIRROR", opus_base)
        result = CliRunner().invoke(app, ["models", "install", "hy"])
    assert result.exit_code == 0, result.output
    assert "Installed en→hy 1.0" in result.stdout
    listed = CliRunner().invoke(app, ["models", "list", "--json"])
    assert [m["pair"] for m in json.loads(listed.stdout)["installed"]] == ["en→hy"]


def test_offline_install_reports_each_language_and_keeps_going(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marian_zip: Path
) -> None:
    """The index is unreachable (loopback, nothing listening); the OPUS-MT copy is not:
    Armenian installs, az and ru each say why not, and the hint names what works offline."""
    opus_mirror(tmp_path / "opus", marian_zip)
    monkeypatch.setenv("NEWSLOC_OPUS_MT_MIRROR", (tmp_path / "opus").as_uri())
    result = CliRunner().invoke(app, ["models", "install", "hy", "az", "ru"])
    assert result.exit_code == 3, result.output  # partial: some installed
    assert "Installed en→hy 1.0" in result.stdout
    errors = result.stderr.splitlines()
    assert errors[0].startswith(
        "newsloc: error: en→az (from the Argos package index): not installed: cannot reach"
    )
    assert errors[1].startswith("newsloc: error: en→ru (from the Argos package index)")
    (hint,) = errors[2:]
    for way in (
        "newsloc models install --from FILE.argosmodel",
        "ARGOS_PACKAGE_INDEX=file:///",
        "NEWSLOC_OPUS_MT_MIRROR=file:///",
        "newsloc models build OPUS_MT_DIR --to hy --install",
    ):
        assert way in hint
    assert [m.pair for m in installed_models()] == ["en→hy"]
