"""The HTML edition in a real browser: Armenian and Azerbaijani letters render as letters.

A missing glyph is drawn as the same empty box ("tofu") whatever the character, while
real glyphs differ from each other. So the test builds an HTML edition whose paragraphs
are rows of distinct letters, screenshots it in headless Chromium, cuts each row into
glyphs and asserts that every glyph differs from every other one and from a box. A row
of private-use characters, which no font draws, shows that the method does see tofu.
The PNG is read with the standard library (zlib + struct).

The second test builds the three editions of the sample article at once and checks, in
the DOM Chromium parsed and in the screenshot it drew, that the banner, the untranslated
label and the links to the other languages are there in the edition's language and are
drawn as text, not boxes.
"""

from __future__ import annotations

import operator
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import polib
import pytest

from newsloc.translate.edition.build import EditionOptions, build_edition
from newsloc.translate.edition.content import EditionFormat
from newsloc.translate.edition.linked import build_editions
from tests.conftest import REPO

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


def _headless(browser: str, profile: Path) -> list[str]:
    return [
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
    ]


def screenshot(browser: str, page: Path, png: Path, profile: Path, size: str = "900,700") -> None:
    """Render `page` in headless Chromium, offline, into `png`."""
    command = [
        *_headless(browser, profile),
        f"--screenshot={png}",
        f"--window-size={size}",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert png.is_file(), f"Chromium wrote no screenshot (exit {done.returncode}): {done.stderr}"


def screenshot_and_dom(browser: str, page: Path, png: Path, profile: Path, size: str) -> str:
    """Screenshot `page` into `png` and return its DOM as Chromium parsed it (one launch)."""
    command = [
        *_headless(browser, profile),
        f"--screenshot={png}",
        f"--window-size={size}",
        "--dump-dom",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert png.is_file(), f"Chromium wrote no screenshot (exit {done.returncode}): {done.stderr}"
    assert "<html" in done.stdout, done.stderr
    return done.stdout


# ---------------------------------------------------------------- PNG, stdlib only

#: (a + b) mod 256 for a, b in 0..255, as a lookup.
_WRAP = list(range(256)) * 2


def read_png_gray(path: Path) -> list[list[int]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG into rows of luminance (0-255)."""
    return [
        [(299 * r + 587 * g + 114 * b) // 1000 for r, g, b in row] for row in read_png_rgb(path)
    ]


def read_png_rgb(path: Path) -> list[list[tuple[int, int, int]]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG into rows of (r, g, b)."""
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
    rows: list[list[tuple[int, int, int]]] = []
    previous = bytearray(stride)
    offset = 0
    for _ in range(height):
        filter_type, line = raw[offset], bytearray(raw[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        if filter_type == 2:  # "up", most rows of a screenshot: done at C speed
            line = bytearray(map(_WRAP.__getitem__, map(operator.add, line, previous)))
            filter_type = 0
        for i in range(stride if filter_type else 0):
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
        rows.append([(line[x], line[x + 1], line[x + 2]) for x in range(0, stride, channels)])
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


# ---------------------------------------------------------------- the three sample editions

#: Background colours of the banner (#fff3cd) and of the untranslated block (#f1f0ec).
BANNER_RGB = (255, 243, 205)
UNTRANSLATED_RGB = (241, 240, 236)

WORDS = {
    "hy": {
        "banner": "Չստուգված մեքենայական թարգմանություն. խմբագիրը դեռ չի ստուգել 9 "
        "պարբերությունից 1-ը։",
        "label": "Դեռ թարգմանված չէ. անգլերեն բնօրինակ",
        "others": "Այս հոդվածն այլ լեզուներով.",
        "links": ["անգլերեն (բնօրինակ)", "ադրբեջաներեն", "ռուսերեն"],
        "name": "հայերեն",
    },
    "az": {
        "banner": "Yoxlanılmamış maşın tərcüməsi: 9 abzasdan 1 abzas hələ redaktor tərəfindən "
        "yoxlanılmayıb.",
        "label": "Hələ tərcümə olunmayıb: ingilis dilində orijinal",
        "others": "Bu məqalə digər dillərdə:",
        "links": ["ingilis dili (orijinal)", "erməni dili", "rus dili"],
        "name": "azərbaycan dili",
    },
    "ru": {
        "banner": "Непроверенный машинный перевод. Не проверено редактором абзацев: 1 из 9.",
        "label": "Ещё не переведено: оригинал на английском",
        "others": "Эта статья на других языках:",
        "links": ["английский (оригинал)", "азербайджанский", "армянский"],
        "name": "русский",
    },
}


def sample_editions(tmp_path: Path) -> list[Path]:
    """The sample article in hy, az and ru, each with one machine-translated paragraph
    (line 19) and one left untranslated (line 27); neither names a contested place."""
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    for language in WORDS:
        path = locales / language / "LC_MESSAGES" / "sample-article.po"
        po = polib.pofile(str(path), wrapwidth=76)
        for entry in po:
            if entry.occurrences[0][1] == "19":
                entry.flags.append("fuzzy")
            if entry.occurrences[0][1] == "27":
                entry.msgstr = ""
        po.save()
    built = build_editions(
        list(WORDS),
        EditionOptions(
            locales=locales, fmt=EditionFormat.HTML, out=tmp_path / "out", allow_fuzzy=True
        ),
    )
    return [result.path for result in built.editions]


def bands_of_colour(pixels: list[list[tuple[int, int, int]]], colour: tuple[int, int, int]):
    """Vertical bands where a row has a long run of `colour` (a coloured block)."""
    flags = [sum(1 for p in row if p == colour) > 200 for row in pixels]
    return runs(flags, min_gap=12)  # a dense line of text may hide the colour for a row


def distinct_shapes(mask: list[list[bool]], band: tuple[int, int]) -> int:
    """How many different pieces of ink a band holds, pieces split at empty columns.

    Letters give many shapes; a line of tofu gives one box over and over.
    """
    top, bottom = band
    columns = [any(mask[y][x] for y in range(top, bottom)) for x in range(len(mask[0]))]
    shapes: list[Bitmap] = []
    for left, right in runs(columns, min_gap=1):
        rows = [tuple(mask[y][left:right]) for y in range(top, bottom)]
        inked = [i for i, row in enumerate(rows) if any(row)]
        piece = tuple(rows[inked[0] : inked[-1] + 1])
        if not any(look_alike(piece, known) for known in shapes):
            shapes.append(piece)
    return len(shapes)


def test_three_sample_editions_speak_their_language_in_chromium(browser: str, tmp_path: Path):
    for page in sample_editions(tmp_path):
        language = page.suffixes[-2].lstrip(".")
        words = WORDS[language]

        # What Chromium parsed: the document's language and every word newsloc added.
        png = tmp_path / f"edition-{language}.png"
        dom = screenshot_and_dom(browser, page, png, tmp_path / f"profile-{language}", "900,1500")
        assert f'<html lang="{language}">' in dom
        for text in (words["banner"], words["label"], words["others"], *words["links"]):
            assert text in dom, f"{language}: {text!r} not in the rendered page"
        assert f'<span class="language">{words["name"]}</span>' in dom
        assert "Unreviewed" not in dom and "Not yet translated" not in dom

        # What Chromium drew: a banner and an untranslated block, their words as letters.
        pixels = read_png_rgb(png)
        mask = ink([[(299 * r + 587 * g + 114 * b) // 1000 for r, g, b in row] for row in pixels])
        (banner,) = bands_of_colour(pixels, BANNER_RGB)
        blocks = bands_of_colour(pixels, UNTRANSLATED_RGB)
        assert len(blocks) == 1, f"{language}: untranslated block not found"
        banner_lines = text_rows([row for row in mask[banner[0] : banner[1]]])
        assert banner_lines, f"{language}: the banner has no text"
        for top, bottom in banner_lines:
            line = (banner[0] + top, banner[0] + bottom)
            assert distinct_shapes(mask, line) >= 12, f"{language}: banner drawn as boxes?"


# ---------------------------------------------------------------- headlines (issue 22)

HEADLINES = {
    "hy": "Ինժեներները կստուգեն Ստեփանակերտը Լաչինին կապող ճանապարհը",
    "az": "Mühəndislər Xankəndi ilə Laçını birləşdirən yolu yoxlayacaq",
    "ru": "Инженеры осмотрят дорогу между Степанакертом и Лачином",
}


def test_the_headline_is_the_pages_title_and_h1_in_every_language(browser: str, tmp_path: Path):
    """The Markdown sample article's headline, translated, is each edition's <title> and
    <h1> as Chromium parsed the page, and it is drawn as letters, not boxes."""
    from click.testing import CliRunner

    from newsloc.translate.cli import app

    locales = tmp_path / "loc"
    article = REPO / "examples" / "sample-article.md"
    runner = CliRunner()
    result = runner.invoke(
        app, ["translate", str(article), "--engine", "none", "--out", str(locales)]
    )
    assert result.exit_code == 0, result.output
    for language, headline in HEADLINES.items():
        path = locales / language / "LC_MESSAGES" / "sample-article.po"
        po = polib.pofile(str(path))
        (entry,) = [e for e in po if e.msgctxt == "headline"]
        entry.msgstr = headline
        po.save(str(path))
    out = tmp_path / "html"
    result = runner.invoke(
        app,
        ["edition", "build", "--all", "--locales", str(locales), "--format", "html",
         "--out", str(out), "--min-reviewed", "0", "--allow-unreviewed-names"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for language, headline in HEADLINES.items():
        page = out / f"sample-article.{language}.html"
        png = tmp_path / f"headline-{language}.png"
        dom = screenshot_and_dom(browser, page, png, tmp_path / f"hl-{language}", "900,400")
        assert f"<title>{headline}</title>" in dom
        assert f'<h1 class="headline">{headline}</h1>' in dom
        mask = ink(read_png_gray(png))
        # The first band of text taller than a rule: the headline's first line.
        rows = [(top, bottom) for top, bottom in text_rows(mask) if bottom - top >= 12]
        assert rows, f"{language}: nothing drawn"
        assert distinct_shapes(mask, rows[0]) >= 12, f"{language}: headline drawn as boxes?"
