"""Hostile or broken packages and indexes: one line each, nothing installed, nothing lost."""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import subprocess
import sys
import threading
import warnings
import zipfile
from pathlib import Path

import pytest

from newsloc.translate.errors import UserError
from newsloc.translate.models.store import install_file, install_from_index, installed_models
from tests.translate.models.test_models import (
    package_dirs,
    serve_directory,
    write_mirror,
)

TOP = "translate-en_ru-1_0"


def members_of(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as zipped:
        return {m.filename: zipped.read(m) for m in zipped.infolist()}


def write_zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we want
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zipped:
            for name, data in members:
                zipped.writestr(name, data)
    return path


def with_metadata(source: Path, out: Path, top: str = TOP, **changes: str) -> Path:
    """A copy of the ru package under folder `top`, its metadata changed."""
    members = members_of(source)
    metadata = json.loads(members[f"{TOP}/metadata.json"])
    metadata.update(changes)
    members[f"{TOP}/metadata.json"] = json.dumps(metadata).encode()
    return write_zip(out, [(name.replace(TOP, top, 1), data) for name, data in members.items()])


def test_metadata_contradicting_its_folder_never_deletes_the_installed_model(
    tiny_argosmodels: dict[str, Path], tmp_path: Path
) -> None:
    (ru,) = [install_file(tiny_argosmodels["ru"]).model]
    before = (ru.path / "model" / "model.bin").read_bytes()
    liar = with_metadata(tiny_argosmodels["ru"], tmp_path / "liar.argosmodel", to_code="hy")
    with pytest.raises(UserError, match="says en→hy but the package folder"):
        install_file(liar)
    assert [(m.pair, m.name) for m in installed_models()] == [("en→ru", TOP)]
    assert (ru.path / "model" / "model.bin").read_bytes() == before


def test_a_package_never_replaces_a_folder_holding_another_pair(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, argos_sandbox: Path
) -> None:
    install_file(with_metadata(tiny_argosmodels["ru"], tmp_path / "a.argosmodel", top="shared"))
    other = with_metadata(
        tiny_argosmodels["ru"], tmp_path / "b.argosmodel", top="shared", to_code="hy"
    )
    with pytest.raises(UserError, match="shared holds en→ru, and the package to install is en→hy"):
        install_file(other)
    assert [m.pair for m in installed_models()] == ["en→ru"]


@pytest.mark.parametrize("code", ["../../evil", "xx", "EN", "r"])
def test_a_to_code_that_is_no_language_is_refused(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, argos_sandbox: Path, code: str
) -> None:
    bad = with_metadata(tiny_argosmodels["ru"], tmp_path / "bad.argosmodel", top="p", to_code=code)
    with pytest.raises(UserError, match=f"to_code {code!r} is not a language code"):
        install_file(bad)
    assert package_dirs(argos_sandbox) == []


def test_two_metadata_members_are_refused(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, argos_sandbox: Path
) -> None:
    members = list(members_of(tiny_argosmodels["ru"]).items())
    members.append((f"{TOP}/metadata.json", json.dumps({"to_code": "hy"}).encode()))
    bad = write_zip(tmp_path / "twice.argosmodel", members)
    with pytest.raises(UserError, match=r"metadata\.json' appears twice"):
        install_file(bad)
    assert package_dirs(argos_sandbox) == []


def _patch_method(archive: Path, member: str, method: int, flags: int = 0) -> Path:
    """Rewrite a member's compression method (and flags) in both of its zip headers."""
    data = bytearray(archive.read_bytes())
    encoded = member.encode()
    for signature, method_at, name_at in ((b"PK\x03\x04", 8, 30), (b"PK\x01\x02", 10, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_at : start + name_at + len(encoded)] == encoded:
                data[start + method_at : start + method_at + 2] = method.to_bytes(2, "little")
                flag = int.from_bytes(data[start + method_at - 2 : start + method_at], "little")
                data[start + method_at - 2 : start + method_at] = (flag | flags).to_bytes(
                    2, "little"
                )
            start += 4
    archive.write_bytes(bytes(data))
    return archive


@pytest.mark.parametrize(
    ("method", "flags", "message"),
    [
        (99, 0, "uses compression method 99, which newsloc cannot read"),
        (8, 1, "is encrypted"),
    ],
)
def test_encrypted_or_unreadable_members_are_one_line_from_file_and_index(
    tiny_argosmodels: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argos_sandbox: Path,
    method: int,
    flags: int,
    message: str,
) -> None:
    bad = tmp_path / "mirror" / "translate-en_ru-1_0.argosmodel"
    bad.parent.mkdir()
    bad.write_bytes(tiny_argosmodels["ru"].read_bytes())
    _patch_method(bad, f"{TOP}/model/model.bin", method, flags)
    with pytest.raises(UserError, match=message):
        install_file(bad)
    mirror = tmp_path / "served"
    with serve_directory(mirror) as base:
        write_mirror(mirror, base, {("en", "ru"): bad})
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
        with pytest.raises(UserError) as caught:
            install_from_index(["ru"])
    assert str(caught.value).startswith(f"{base}{bad.name}: ")  # the URL, not a scratch path
    assert message in str(caught.value)
    assert package_dirs(argos_sandbox) == []


def test_a_zip_bomb_is_refused_before_unpacking(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, argos_sandbox: Path
) -> None:
    members = list(members_of(tiny_argosmodels["ru"]).items())
    members.append((f"{TOP}/padding.bin", bytes(16 * 1024 * 1024)))
    bomb = write_zip(tmp_path / "bomb.argosmodel", members)
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(UserError, match="refused as a zip bomb"):
        install_file(bomb)
    assert package_dirs(argos_sandbox) == []


def _index(root: Path, entries: object) -> str:
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.json").write_text(
        entries if isinstance(entries, str) else json.dumps(entries), encoding="utf-8"
    )
    return root.as_uri() + "/"


def test_an_index_nested_too_deeply_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", _index(tmp_path / "idx", "[" * 200_000))
    with pytest.raises(UserError, match="JSON nested too deeply"):
        install_from_index(["ru"])


def test_a_string_of_links_is_refused_not_read_letter_by_letter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = {"from_code": "en", "to_code": "ru", "package_version": "1.0", "links": "http://x/"}
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", _index(tmp_path / "idx", [entry]))
    with pytest.raises(UserError, match=r"\(en→ru\): links must be a list of URLs, not str"):
        install_from_index(["ru"])


@pytest.mark.parametrize(
    ("announce", "message"),
    [
        ({"sha256": "0" * 64}, "does not have the SHA-256 the index promises"),
        ({"size": 1000}, "the index promises 1000"),
    ],
)
def test_a_download_is_checked_against_what_the_index_announces(
    tiny_argosmodels: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argos_sandbox: Path,
    announce: dict,
    message: str,
) -> None:
    mirror = tmp_path / "mirror"
    with serve_directory(mirror) as base:
        write_mirror(mirror, base, {("en", "ru"): tiny_argosmodels["ru"]})
        entries = json.loads((mirror / "index.json").read_text())
        entries[0].update(announce)
        (mirror / "index.json").write_text(json.dumps(entries))
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
        with pytest.raises(UserError, match=message):
            install_from_index(["ru"])
        entries[0]["sha256"] = hashlib.sha256(tiny_argosmodels["ru"].read_bytes()).hexdigest()
        entries[0].pop("size", None)
        (mirror / "index.json").write_text(json.dumps(entries))
        (result,) = install_from_index(["ru"])  # the right hash installs
    assert result.model.pair == "en→ru"


class _NoLengthHandler(http.server.BaseHTTPRequestHandler):
    """Streams 300 kB without saying how much (no Content-Length), as some servers do."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        for _ in range(30):
            self.wfile.write(os.urandom(10_000))

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


def test_a_download_bigger_than_allowed_is_stopped_as_it_arrives(tmp_path: Path) -> None:
    from newsloc.translate.models.fetch import FetchError, download_file

    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(300_000))
    with pytest.raises(FetchError, match="would be 300000 bytes, more than newsloc accepts"):
        download_file(big.as_uri(), tmp_path / "a.bin", "a model", max_bytes=100_000)
    assert not (tmp_path / "a.bin").exists()  # refused on the announced length
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NoLengthHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    received: list[int] = []
    try:
        with pytest.raises(FetchError, match="larger than the 100000 bytes newsloc accepts"):
            download_file(
                f"http://127.0.0.1:{server.server_address[1]}/model",
                tmp_path / "b.bin",
                "a model",
                lambda done, total: received.append(done),
                max_bytes=100_000,
            )
    finally:
        server.shutdown()
        server.server_close()
    assert max(received) <= 100_000
    assert (tmp_path / "b.bin").stat().st_size <= 100_000


def test_a_failed_install_creates_no_argos_folders(tmp_path: Path) -> None:
    """In a fresh process (Argos creates its folders when first imported)."""
    env = {
        **os.environ,
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "ARGOS_PACKAGES_DIR": str(tmp_path / "packages"),
        "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
        "NEWSLOC_OPUS_MT_MIRROR": "http://127.0.0.1:9/",
    }
    for args in (["install", "ru"], ["install", "hy"], ["install", "--from", "nothing.zip"]):
        run = subprocess.run(
            [
                sys.executable,
                "-c",
                "from newsloc.translate.cli import main; main()",
                "models",
                *args,
            ],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert run.returncode == 2, run.stderr
        # One error line (per language), then at most a hint at what works offline.
        lines = run.stderr.strip().splitlines()
        assert lines[0].startswith("newsloc: error: "), run.stderr
        assert all(line.startswith("newsloc: hint: ") for line in lines[1:]), run.stderr
        assert len(lines) <= 2, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []
