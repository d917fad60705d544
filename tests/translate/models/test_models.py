"""Argos model management, through the library functions the CLI calls.

Every test gets its own packages directory, Argos data and cache directories, and an index
address nothing listens on; mirrors are served from 127.0.0.1 (or file://) by the tests.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsloc.translate.errors import UserError
from newsloc.translate.models.archive import validate_argosmodel
from newsloc.translate.models.convert import TARGET_SPM, UNKNOWN_LICENCE, build_package
from newsloc.translate.models.fetch import Progress
from newsloc.translate.models.index import AvailableModel, index_url, local_index_path
from newsloc.translate.models.listing import list_models
from newsloc.translate.models.pairs import parse_pair
from newsloc.translate.models.store import (
    build_and_install,
    install_file,
    install_from_index,
    installed_models,
    remove,
)
from tests.support.tiny_argos import build_tiny_package
from tests.support.tiny_marian import build_tiny_marian
from tests.translate.models.conftest import UNREACHABLE_INDEX


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean."""


@contextlib.contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve `root` over HTTP on 127.0.0.1; yields the base URL ("http://127.0.0.1:PORT/")."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def write_mirror(root: Path, base_url: str, packages: dict[tuple[str, str], Path]) -> Path:
    """An Argos-style mirror: index.json listing each package, the packages beside it."""
    root.mkdir(parents=True, exist_ok=True)
    entries = []
    for (source, target), archive in packages.items():
        shutil.copyfile(archive, root / archive.name)
        entries.append(
            {
                "package_version": "1.0",
                "argos_version": "1.0",
                "from_code": source,
                "from_name": source,
                "to_code": target,
                "to_name": target,
                "type": "translate",
                "links": [base_url + archive.name],
            }
        )
    (root / "index.json").write_text(json.dumps(entries), encoding="utf-8")
    return root


def package_dirs(root: Path) -> list[str]:
    """Everything in the packages directory, hidden scratch directories included."""
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def rezip(source: Path, out: Path, rename: dict[str, str | None]) -> Path:
    """A copy of an archive with members renamed (or dropped, for None)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for member in old.infolist():
            name = rename.get(member.filename, member.filename)
            if name is not None:
                new.writestr(name, old.read(member))
    return out


# -- pairs and the index address --------------------------------------------------------


@pytest.mark.parametrize("text", ["en-ru", "en_ru", "ru", " EN→RU "])
def test_pairs_are_read_the_way_users_type_them(text: str) -> None:
    assert parse_pair(text) == ("en", "ru")


@pytest.mark.parametrize("text", ["russian", "en-ru-az", "ru-ru", "", "e1"])
def test_a_malformed_pair_is_one_line_naming_it(text: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_pair(text)
    assert repr(text) in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        ("http://mirror.example/argos", "http://mirror.example/argos/index.json"),
        ("http://mirror.example/argos/", "http://mirror.example/argos/index.json"),
        ("file:///srv/argos/custom.json", "file:///srv/argos/custom.json"),
    ],
)
def test_index_url_is_read_from_the_environment_at_call_time(
    monkeypatch: pytest.MonkeyPatch, configured: str, expected: str
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", configured)
    assert index_url() == expected


# -- installing a file ------------------------------------------------------------------


def test_listing_with_nothing_installed_and_no_index_copy() -> None:
    listing = list_models()
    assert listing.installed == []
    assert listing.available is None
    assert listing.index_problem is None
    assert listing.as_dict()["index"]["url"] == UNREACHABLE_INDEX + "index.json"


def test_install_from_file_makes_the_model_listed(
    tiny_argosmodels: dict[str, Path], argos_sandbox: Path
) -> None:
    result = install_file(tiny_argosmodels["ru"])
    assert result.replaced == ()
    assert result.model.path == argos_sandbox / "translate-en_ru-1_0"
    assert (result.model.path / "model" / "model.bin").is_file()
    (model,) = installed_models()
    assert (model.pair, model.version, model.name) == ("en→ru", "1.0", "translate-en_ru-1_0")
    assert model.size == sum(f.stat().st_size for f in model.path.rglob("*") if f.is_file())
    assert package_dirs(argos_sandbox) == ["translate-en_ru-1_0"]  # no scratch left behind


def test_installing_a_newer_version_replaces_the_old_one(
    tmp_path: Path, argos_sandbox: Path
) -> None:
    old = build_tiny_package(tmp_path / "v1", "en", "ru", seed=3, package_version="1.0")
    new = build_tiny_package(tmp_path / "v2", "en", "ru", seed=4, package_version="1.1")
    install_file(old)
    result = install_file(new)
    assert result.replaced == ("1.0",)
    assert [(m.pair, m.version) for m in installed_models()] == [("en→ru", "1.1")]
    assert package_dirs(argos_sandbox) == ["translate-en_ru-1_1"]


def test_reinstalling_the_same_version_swaps_in_the_new_files(
    tmp_path: Path, argos_sandbox: Path
) -> None:
    first = build_tiny_package(tmp_path / "a", "en", "ru", seed=3)
    second = build_tiny_package(tmp_path / "b", "en", "ru", seed=5)
    install_file(first)
    result = install_file(second)
    assert result.replaced == ("1.0",)
    installed = argos_sandbox / "translate-en_ru-1_0" / "model" / "model.bin"
    with zipfile.ZipFile(second) as archive:
        assert installed.read_bytes() == archive.read("translate-en_ru-1_0/model/model.bin")
    assert package_dirs(argos_sandbox) == ["translate-en_ru-1_0"]


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _corrupt_model_bin(source: Path, out: Path) -> Path:
    """Flip bytes inside the compressed model.bin: the zip still opens, its CRC fails."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo("translate-en_ru-1_0/model/model.bin")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 100, start + 200):
        data[offset] ^= 0xFF
    out.write_bytes(bytes(data))
    return out


@pytest.mark.parametrize(
    ("make_bad", "message"),
    [
        (lambda src, out: _written(out, b"not a zip at all"), "not a zip archive"),
        (lambda src, out: _written(out, src.read_bytes()[:4000]), "not a zip archive"),
        (_corrupt_model_bin, "damaged zip archive"),
        (
            lambda src, out: rezip(src, out, {"translate-en_ru-1_0/metadata.json": None}),
            "no translate-en_ru-1_0/metadata.json",
        ),
        (
            lambda src, out: rezip(src, out, {"translate-en_ru-1_0/model/model.bin": None}),
            "no translate-en_ru-1_0/model/model.bin",
        ),
        (
            lambda src, out: rezip(src, out, {"translate-en_ru-1_0/sentencepiece.model": None}),
            "no translate-en_ru-1_0/sentencepiece.model or bpe.model",
        ),
        (
            lambda src, out: rezip(src, out, {"translate-en_ru-1_0/README.md": "README.md"}),
            "lies outside a package directory",
        ),
        (
            lambda src, out: rezip(
                src, out, {"translate-en_ru-1_0/README.md": "other-dir/README.md"}
            ),
            "expected one top-level directory",
        ),
    ],
    ids=[
        "foreign",
        "truncated",
        "crc",
        "no-metadata",
        "no-model",
        "no-tokenizer",
        "loose-file",
        "two-tops",
    ],
)
def test_a_corrupt_or_foreign_file_installs_nothing(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, argos_sandbox: Path, make_bad, message: str
) -> None:
    bad = make_bad(tiny_argosmodels["ru"], tmp_path / "bad.argosmodel")
    with pytest.raises(UserError) as caught:
        install_file(bad)
    assert str(caught.value).startswith(f"{bad}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert package_dirs(argos_sandbox) == []
    assert installed_models() == []


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        (b"{not json", "metadata.json is not valid JSON"),
        (b"[1, 2]", "metadata.json is not a JSON object"),
        (json.dumps({"from_code": "en", "package_version": "1.0"}).encode(), "has no to_code"),
    ],
)
def test_bad_metadata_is_refused_before_extracting(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, argos_sandbox: Path, metadata, message
) -> None:
    bad = rezip(tiny_argosmodels["ru"], tmp_path / "bad.argosmodel", {})
    with zipfile.ZipFile(bad) as archive:
        members = {m.filename: archive.read(m) for m in archive.infolist()}
    members["translate-en_ru-1_0/metadata.json"] = metadata
    with zipfile.ZipFile(bad, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(UserError, match=message):
        install_file(bad)
    assert package_dirs(argos_sandbox) == []


@pytest.mark.parametrize(
    "evil_name",
    ["translate-en_ru-1_0/../../escaped.txt", "/tmp/newsloc-escaped.txt", "C:/escaped.txt"],
)
def test_zip_slip_archives_are_refused_and_nothing_is_written(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, argos_sandbox: Path, evil_name: str
) -> None:
    evil = rezip(tiny_argosmodels["ru"], tmp_path / "evil.argosmodel", {})
    with zipfile.ZipFile(evil, "a") as archive:
        archive.writestr(evil_name, "gotcha")
    with pytest.raises(UserError, match="unsafe archive"):
        install_file(evil)
    assert package_dirs(argos_sandbox) == []
    assert not (tmp_path / "escaped.txt").exists()
    assert not Path("/tmp/newsloc-escaped.txt").exists()


# -- removing ---------------------------------------------------------------------------


@pytest.mark.parametrize("pair", ["ru", "en_ru", "en-ru"])
def test_remove_accepts_every_way_of_naming_the_pair(
    tiny_argosmodels: dict[str, Path], argos_sandbox: Path, pair: str
) -> None:
    install_file(tiny_argosmodels["ru"])
    install_file(tiny_argosmodels["az"])
    (removed,) = remove(pair)
    assert removed.pair == "en→ru"
    assert [m.pair for m in installed_models()] == ["en→az"]
    assert package_dirs(argos_sandbox) == ["translate-en_az-1_0"]


def test_removing_an_uninstalled_pair_names_it_and_what_is_installed(
    tiny_argosmodels: dict[str, Path],
) -> None:
    install_file(tiny_argosmodels["az"])
    with pytest.raises(UserError, match=r"no en→hy model is installed .*\(installed: en→az\)"):
        remove("hy")
    assert [m.pair for m in installed_models()] == ["en→az"]


# -- installing from an index -----------------------------------------------------------


def test_install_from_a_loopback_http_mirror(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mirror = tmp_path / "mirror"
    with serve_directory(mirror) as base_url:
        write_mirror(mirror, base_url, {("en", "ru"): tiny_argosmodels["ru"]})
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base_url)
        seen: list[tuple[int, int | None]] = []

        def on_download(model: AvailableModel) -> Progress:
            return lambda received, total: seen.append((received, total))

        (result,) = install_from_index(["ru"], on_download=on_download)
    assert result.model.pair == "en→ru"
    size = tiny_argosmodels["ru"].stat().st_size
    assert seen[-1] == (size, size)  # the progress callback saw the whole download
    assert [m.pair for m in installed_models()] == ["en→ru"]
    assert json.loads(local_index_path().read_text())[0]["to_code"] == "ru"  # copy kept
    assert list((tmp_path / "cache").rglob("*.argosmodel")) == []  # download cleaned up


def test_install_from_a_file_url_mirror(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mirror = tmp_path / "shared-drive"
    write_mirror(mirror, mirror.as_uri() + "/", {("en", "az"): tiny_argosmodels["az"]})
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", mirror.as_uri())
    (result,) = install_from_index(["az"])
    assert result.model.pair == "en→az"


def test_no_network_is_one_line_naming_the_index_url() -> None:
    with pytest.raises(UserError) as caught:
        install_from_index(["ru"])
    message = str(caught.value)
    assert message.startswith(
        f"cannot reach the Argos package index at {UNREACHABLE_INDEX}index.json"
    )
    assert "\n" not in message
    assert installed_models() == []


def test_a_language_the_index_lacks_names_the_build_command_and_installs_nothing(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mirror = tmp_path / "mirror"
    write_mirror(mirror, mirror.as_uri() + "/", {("en", "ru"): tiny_argosmodels["ru"]})
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", mirror.as_uri() + "/")
    with pytest.raises(UserError) as caught:
        install_from_index(["ru", "de"])  # no Argos package, no OPUS-MT release newsloc knows
    message = str(caught.value)
    assert "has no en→de package" in message
    assert "newsloc models build OPUS_MT_DIR --from en --to de --install" in message
    assert installed_models() == []  # ru was available, but a failed request installs nothing


def test_a_mirror_serving_the_wrong_pair_installs_nothing(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mirror = tmp_path / "mirror"
    write_mirror(mirror, mirror.as_uri() + "/", {("en", "ru"): tiny_argosmodels["az"]})
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", mirror.as_uri() + "/")
    with pytest.raises(UserError, match="the index promises en→ru but the package is en→az"):
        install_from_index(["ru"])
    assert installed_models() == []


def test_a_broken_download_link_is_one_line_naming_it(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mirror = tmp_path / "mirror"
    with serve_directory(mirror) as base_url:
        write_mirror(mirror, base_url, {("en", "ru"): tiny_argosmodels["ru"]})
        (mirror / tiny_argosmodels["ru"].name).unlink()
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base_url)
        with pytest.raises(UserError) as caught:
            install_from_index(["ru"])
    assert str(caught.value) == (
        f"cannot reach the en→ru model at {base_url}{tiny_argosmodels['ru'].name}: "
        "HTTP 404 File not found"
    )


# -- listing with an index --------------------------------------------------------------


def test_listing_marks_which_available_models_are_installed(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mirror = tmp_path / "mirror"
    write_mirror(
        mirror,
        mirror.as_uri() + "/",
        {("en", "ru"): tiny_argosmodels["ru"], ("en", "az"): tiny_argosmodels["az"]},
    )
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", mirror.as_uri() + "/")
    install_file(tiny_argosmodels["ru"])
    listing = list_models(refresh=True)
    assert listing.index_problem is None
    marks = {
        (m.source, m.target): listing.installed_version(m.source, m.target)
        for m in listing.available or []
    }
    assert marks == {("en", "az"): None, ("en", "ru"): "1.0"}
    # Later, offline: the local copy still answers, and the failed refresh is explained.
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", UNREACHABLE_INDEX)
    offline = list_models(refresh=True)
    assert [m.target for m in offline.available or []] == ["az", "ru"]
    assert offline.index_problem is not None
    assert offline.index_problem.startswith("cannot reach the Argos package index at")


def test_a_corrupt_local_index_copy_is_reported_not_a_traceback() -> None:
    local_index_path().parent.mkdir(parents=True, exist_ok=True)
    local_index_path().write_text("<html>captive portal</html>", encoding="utf-8")
    listing = list_models()
    assert listing.available is None
    assert listing.index_problem is not None
    assert f"{local_index_path()}: not an Argos package index" in listing.index_problem


# -- building from OPUS-MT --------------------------------------------------------------


def test_build_converts_opus_mt_into_a_package_that_installs_and_translates(
    tmp_path: Path,
) -> None:
    from newsloc.translate.engines.argos import ArgosEngine

    marian = build_tiny_marian(tmp_path / "opus-mt-en-hy")
    out = tmp_path / "en_hy.argosmodel"
    result = build_package(marian, "en", "hy", out=out)
    assert result.archive == out
    info = validate_argosmodel(out)
    assert (info.top, info.source, info.target, info.version) == (
        "translate-en_hy-1_0",
        "en",
        "hy",
        "1.0",
    )
    assert info.metadata["license"] == "CC-BY-4.0"  # read from the directory's LICENSE
    assert info.metadata["origin"].startswith("OPUS-MT model opus-2020-01-01.zip")
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        assert (
            archive.read(f"{info.top}/sentencepiece.model") == (marian / "source.spm").read_bytes()
        )
        assert archive.read(f"{info.top}/{TARGET_SPM}") == (marian / "target.spm").read_bytes()
        readme = archive.read(f"{info.top}/README.md").decode()
    assert f"{info.top}/model/config.json" in names
    assert "CC-BY-4.0" in readme and "The original model's README" in readme

    install_file(out)
    engine = ArgosEngine("en", "hy")
    (translation,) = engine.translate(["Heavy shelling was heard in Stepanakert."])
    # Decoded with target.spm: the random model's output is Armenian letters, not pieces.
    assert any("\u0531" <= ch <= "\u058f" for ch in translation.text)
    assert "▁" not in translation.text


def test_build_with_install_keeps_no_file_unless_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marian = build_tiny_marian(tmp_path / "marian")
    monkeypatch.chdir(tmp_path)
    result, installed = build_and_install(marian, "en", "hy", licence="CC-BY-4.0", origin="test")
    assert result.archive is None
    assert installed.model.pair == "en→hy"
    assert list(tmp_path.glob("*.argosmodel")) == []
    assert result.metadata["origin"] == "test"


@pytest.mark.parametrize(
    "line",
    [
        "* download: [opus-2019-12-18.zip](https://example.org/en-hy/opus-2019-12-18.zip)",
        "* download original weights: [opus-2019-12-18.zip](https://example.org/en-hy/opus-2019-12-18.zip)",
    ],
)
def test_build_records_the_readmes_download_link_as_origin(tmp_path: Path, line: str) -> None:
    marian = build_tiny_marian(tmp_path / "marian")
    (marian / "README.md").write_text(f"# opus-2019-12-18.zip\n\n* dataset: opus\n{line}\n")
    result = build_package(marian, "en", "hy", out=tmp_path / "x.argosmodel")
    assert result.metadata["origin"] == "https://example.org/en-hy/opus-2019-12-18.zip"


def test_build_without_a_stated_licence_says_so(tmp_path: Path) -> None:
    marian = build_tiny_marian(tmp_path / "marian")
    (marian / "LICENSE").unlink()
    result = build_package(marian, "en", "hy", out=tmp_path / "x.argosmodel")
    assert not result.licence_known
    assert result.metadata["license"] == UNKNOWN_LICENCE
    overridden = build_package(marian, "en", "hy", out=tmp_path / "y.argosmodel", licence="MIT")
    assert overridden.licence_known and overridden.metadata["license"] == "MIT"


@pytest.mark.parametrize("missing", ["target.spm", "source.spm", "decoder.yml", "npz", "vocab"])
def test_build_names_the_missing_file_and_writes_nothing(tmp_path: Path, missing: str) -> None:
    marian = build_tiny_marian(tmp_path / "marian")
    victim = {
        "npz": next(marian.glob("*.npz")).name,
        "vocab": next(marian.glob("*.vocab.yml")).name,
    }.get(missing, missing)
    (marian / victim).unlink()
    out = tmp_path / "x.argosmodel"
    with pytest.raises(UserError) as caught:
        build_package(marian, "en", "hy", out=out)
    assert str(caught.value).startswith(f"{marian}: ")
    assert victim in str(caught.value)
    assert not out.exists()


def test_build_refuses_an_unknown_quantization(tmp_path: Path) -> None:
    marian = build_tiny_marian(tmp_path / "marian")
    with pytest.raises(UserError, match="--quantization int3: not one of int8"):
        build_package(marian, "en", "hy", out=tmp_path / "x.argosmodel", quantization="int3")


def test_build_reports_a_model_ctranslate2_cannot_convert(tmp_path: Path) -> None:
    marian = build_tiny_marian(tmp_path / "marian")
    npz = next(marian.glob("*.npz"))
    npz.write_bytes(b"not numpy")
    with pytest.raises(UserError, match="CTranslate2 cannot convert this model"):
        build_package(marian, "en", "hy", out=tmp_path / "x.argosmodel")
