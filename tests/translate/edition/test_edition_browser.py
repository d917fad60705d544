"""The HTML edition in a real browser: Armenian and Azerbaijani letters render as letters.

A missing glyph is drawn as the same empty box ("tofu") whatever the character, while
real glyphs differ from each other. So the test builds an HTML edition whose paragraphs
are rows of distinct letters, screenshots it in headless Chromium, cuts each row into
glyphs and asserts that every glyph differs from every other one and from a box. A row
of private-use characters, which no font draws, shows that the method does see tofu.
The PNG is read with the standard library (zlib + struct).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import polib
import pytest

from newsloc.translate.edition.build import build_edition
from newsloc.translate.edition.model import EditionFormat

ARMENIAN = "Ա Ճ Ֆ Ք ժ ֆ ղ ռ"
AZERBAIJANI = "ə ğ ı ş Ə Ğ İ Ş"
NO_GLYPHS = "\ue000 \ue001 \ue002 \ue003"  # private use: boxes in every font
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> str:
    found = find_browser()
    if found is None:
        pytest.skip("no Chromium on this machine: run scripts/install-browser.sh (Debian)")
    return found


def screenshot(browser: str, page: Path, png: Path, profile: Path) -> None:
    """Render `page` in headless Chromium, offline, into `png`."""
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--user-data-dir={profile}",
        f"--screenshot={png}",
        "--window-size=900,700",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert png.is_file(), f"Chromium wrote no screenshot (exit {done.returncode}): {done.stderr}"


# ---------------------------------------------------------------- PNG, stdlib only


def read_png_gray(path: Path) -> list[list[int]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG into rows of luminance (0-255)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and color in (2, 6), "unexpected PNG format"
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[list[int]] = []
    previous = bytearray(stride)
    offset = 0
    for _ in range(height):
        filter_type, line = raw[offset], bytearray(raw[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if filter_type == 1:
                line[i] = (line[i] + left) & 0xFF
            elif filter_type == 2:
                line[i] = (line[i] + up) & 0xFF
            elif filter_type == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif filter_type == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else upper_left
                line[i] = (line[i] + predictor) & 0xFF
        previous = line
        rows.append(
            [
                (299 * line[x] + 587 * line[x + 1] + 114 * line[x + 2]) // 1000
                for x in range(0, stride, channels)
            ]
        )
    return rows


# ---------------------------------------------------------------- glyphs from pixels

Bitmap = tuple[tuple[bool, ...], ...]


def ink(gray: list[list[int]]) -> list[list[bool]]:
    return [[value < 150 for value in row] for row in gray]


def runs(flags: list[bool], min_gap: int) -> list[tuple[int, int]]:
    """[start, end) of the stretches that are True, merging gaps shorter than min_gap."""
    found: list[tuple[int, int]] = []
    start, last = None, -min_gap
    for index, flag in enumerate(flags):
        if not flag:
            continue
        if start is not None and index - last > min_gap:
            found.append((start, last + 1))
            start = None
        if start is None:
            start = index
        last = index
    if start is not None:
        found.append((start, last + 1))
    return found


def text_rows(mask: list[list[bool]]) -> list[tuple[int, int]]:
    """Vertical bands holding ink: one per line of text (and rules, borders)."""
    return runs([any(row) for row in mask], min_gap=4)


def glyphs(mask: list[list[bool]], band: tuple[int, int]) -> list[Bitmap]:
    """Each glyph of a text line, cropped to its own ink; glyphs are space-separated."""
    top, bottom = band
    columns = [any(mask[y][x] for y in range(top, bottom)) for x in range(len(mask[0]))]
    cropped: list[Bitmap] = []
    for left, right in runs(columns, min_gap=3):
        rows = [tuple(mask[y][left:right]) for y in range(top, bottom)]
        inked = [i for i, row in enumerate(rows) if any(row)]
        cropped.append(tuple(rows[inked[0] : inked[-1] + 1]))
    return cropped


def look_alike(a: Bitmap, b: Bitmap) -> bool:
    """Same size (±1 px) and at most 5% of pixels differ: what two boxes look like.

    Distinct letters of the same size differ in far more pixels (Ֆ and ֆ, the closest
    pair here, in about 17%); two boxes in none.
    """
    if abs(len(a) - len(b)) > 1 or abs(len(a[0]) - len(b[0])) > 1:
        return False
    height, width = max(len(a), len(b)), max(len(a[0]), len(b[0]))

    def pixel(glyph: Bitmap, y: int, x: int) -> bool:
        return y < len(glyph) and x < len(glyph[0]) and glyph[y][x]

    differing = sum(pixel(a, y, x) != pixel(b, y, x) for y in range(height) for x in range(width))
    return differing <= 0.05 * height * width


# ---------------------------------------------------------------- the test


def sample_catalog(path: Path) -> None:
    """A reviewed Armenian catalogue whose paragraphs are the letter rows."""
    po = polib.POFile(wrapwidth=76)
    po.metadata = {
        "Language": "hy",
        "Content-Type": "text/plain; charset=UTF-8",
        "X-Newsloc-Date": "2023-09-19",
    }
    for line, text in ((1, ARMENIAN), (3, AZERBAIJANI), (5, NO_GLYPHS)):
        po.append(
            polib.POEntry(
                msgid=f"row {line}", msgstr=text, occurrences=[("letters.txt", str(line))]
            )
        )
    path.parent.mkdir(parents=True)
    po.save(str(path))


def test_armenian_and_azerbaijani_letters_render_as_distinct_glyphs(browser: str, tmp_path: Path):
    locales = tmp_path / "locales"
    sample_catalog(locales / "hy" / "LC_MESSAGES" / "letters.po")
    page = build_edition("hy", locales=locales, out=tmp_path, fmt=EditionFormat.HTML).path
    png = tmp_path / "edition.png"

    screenshot(browser, page, png, tmp_path / "profile")

    mask = ink(read_png_gray(png))
    bands = text_rows(mask)
    assert len(bands) >= 3, f"expected the three letter rows on the page, found {bands}"
    armenian, azerbaijani, no_glyphs = (glyphs(mask, band) for band in bands[-3:])

    # The control row: four different code points, four identical boxes.
    assert len(no_glyphs) == 4
    box = no_glyphs[0]
    assert all(look_alike(box, other) for other in no_glyphs[1:]), "tofu not recognised"

    for name, row, letters in (
        ("Armenian", armenian, ARMENIAN.split()),
        ("Azerbaijani", azerbaijani, AZERBAIJANI.split()),
    ):
        assert len(row) == len(letters), f"{name}: {len(row)} glyphs for {len(letters)} letters"
        for index, glyph in enumerate(row):
            assert not look_alike(glyph, box), f"{name} {letters[index]!r} renders as a box"
            for other in range(index + 1, len(row)):
                assert not look_alike(glyph, row[other]), (
                    f"{name} {letters[index]!r} and {letters[other]!r} render alike"
                )
