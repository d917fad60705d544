"""Where GNU gettext may break a quoted string, so newsloc wraps exactly as msgcat does.

msgcat, msgmerge and Poedit (through libgettextpo) wrap a message at 79 columns at the
Unicode line-break opportunities of UAX #14, as implemented by GNU libunistring: after a
space (which stays at the end of the line), after a hyphen, around an em dash, and so on.
A catalogue wrapped any other way is rewritten by the next tool that saves it, and every
reviewer's diff fills with churn. This module computes the same opportunities for the
scripts and punctuation of newsloc's languages (Latin, Cyrillic, Armenian, digits, the
usual quotes and dashes) and ideographs; docs/catalogues.md names the limits.
"""

from __future__ import annotations

import re
import unicodedata
from enum import IntEnum


class LB(IntEnum):
    """Line-break classes of UAX #14, in the order of libunistring's pair table."""

    WJ = 0
    GL = 1
    B2 = 2
    BA = 3
    BB = 4
    HY = 5
    CL = 6
    CP = 7
    EX = 8
    IN = 9
    NS = 10
    OP = 11
    QU = 12
    IS = 13
    NU = 14
    PO = 15
    PR = 16
    SY = 17
    AL = 18
    H2 = 19
    H3 = 20
    ID = 21
    JL = 22
    JV = 23
    JT = 24
    HL = 25
    RI = 26
    # Not in the pair table: handled by the algorithm itself.
    SP = 100
    BK = 101
    CM = 102
    ZW = 103


# D: break allowed; I: only when spaces intervene; P: never (UAX #14 table 7.3).
_D, _I, _P = 0, 1, 2
_ROWS = """
WJ PIIIIIPPPIIIIPIIIPIIIIIIIII
GL PIIIIIPPPIIIIPIIIPIIIIIIIII
B2 PIPIDIPPPDIDIPDDDPDDDDDDDDD
BA PDDIDIPPPDIDIPDDDPDDDDDDDDD
BB PIIIIIPPPIIIIPIIIPIIIIIIIII
HY PDDIDIPPPDIDIPIDDPDDDDDDDDD
CL PIDIDIPPPDPDIPDIIPDDDDDDDDD
CP PIDIDIPPPDPDIPIIIPIDDDDDDID
EX PIDIDIPPPIIDIPDDDPDDDDDDDDD
IN PIDIDIPPPIIDIPDDDPDDDDDDDDD
NS PIDIDIPPPDIDIPDDDPDDDDDDDDD
OP PPPPPPPPPPPPPPPPPPPPPPPPPPP
QU PIIIIIPPPIIPIPIIIPIIIIIIIII
IS PIDIDIPPPDIDIPIDDPDDDDDDDDD
NU PIDIDIPPPIIIIPIIIPIDDDDDDID
PO PIDIDIPPPDIIIPIDDPIDDDDDDID
PR PIDIDIPPPDIIIPIDDPIIIIIIIID
SY PIDIDIPPPDIDIPIDDPDDDDDDDID
AL PIDIDIPPPIIIIPIDDPIDDDDDDID
H2 PIDIDIPPPIIDIPDIDPDDDDDIIDD
H3 PIDIDIPPPIIDIPDIDPDDDDDDIDD
ID PIDIDIPPPIIDIPDIDPDDDDDDDDD
JL PIDIDIPPPIIDIPDIDPDIIDIIDDD
JV PIDIDIPPPIIDIPDIDPDDDDDIIDD
JT PIDIDIPPPIIDIPDIDPDDDDDDIDD
HL PIDIDIPPPIIIIPIDDPIDDDDDDID
RI PIDIDIPPPDIDIPDDDPDDDDDDIDI
"""
_TABLE: list[list[int]] = [
    [{"D": _D, "I": _I, "P": _P}[c] for c in row.split()[1]] for row in _ROWS.split("\n") if row
]
# Unicode 14 (libunistring 1.0, what Debian's gettext uses) since that table was made:
# LB22 never breaks before an ellipsis, LB24 keeps letters with numeric prefixes/postfixes.
for _row in range(len(_TABLE)):
    if _row != LB.OP:
        _TABLE[_row][LB.IN] = _I
for _row in (LB.AL, LB.HL):
    _TABLE[_row][LB.PR] = _TABLE[_row][LB.PO] = _I

_ASCII = {
    " ": LB.SP,
    "!": LB.EX,
    '"': LB.QU,
    "'": LB.QU,
    "$": LB.PR,
    "%": LB.PO,
    "(": LB.OP,
    ")": LB.CP,
    "+": LB.PR,
    ",": LB.IS,
    "-": LB.HY,
    ".": LB.IS,
    "/": LB.SY,
    ":": LB.IS,
    ";": LB.IS,
    "?": LB.EX,
    "[": LB.OP,
    "\\": LB.PR,
    "]": LB.CP,
    "{": LB.OP,
    "|": LB.BA,
    "}": LB.CL,
}
_SPECIAL = {
    "\u0085": LB.BK,
    "\u00a0": LB.GL,
    "\u00a2": LB.PO,
    "\u00a3": LB.PR,
    "\u00a5": LB.PR,
    "\u00ab": LB.QU,
    "\u00ad": LB.BA,
    "\u00b0": LB.PO,
    "\u00b1": LB.PR,
    "\u00b4": LB.BB,
    "\u00bb": LB.QU,
    "\u00bf": LB.OP,
    "\u00a1": LB.OP,
    "\u0589": LB.IS,  # Armenian full stop
    "\u058a": LB.BA,  # Armenian hyphen
    "\u2007": LB.GL,
    "\u200b": LB.ZW,
    "\u2010": LB.BA,
    "\u2011": LB.GL,
    "\u2012": LB.BA,
    "\u2013": LB.BA,
    "\u2014": LB.B2,
    "\u2018": LB.QU,
    "\u2019": LB.QU,
    "\u201a": LB.OP,
    "\u201b": LB.QU,
    "\u201c": LB.QU,
    "\u201d": LB.QU,
    "\u201e": LB.OP,
    "\u201f": LB.QU,
    "\u2024": LB.IN,
    "\u2025": LB.IN,
    "\u2026": LB.IN,
    "\u2028": LB.BK,
    "\u2029": LB.BK,
    "\u202f": LB.GL,
    "\u2030": LB.PO,
    "\u2032": LB.PO,
    "\u2033": LB.PO,
    "\u2039": LB.QU,
    "\u203a": LB.QU,
    "\u2060": LB.WJ,
    "\u20ac": LB.PR,
    "\u2116": LB.PR,
    "\ufeff": LB.WJ,
}


def line_break_class(char: str) -> LB:
    """The UAX #14 class of one character (the subset newsloc's text uses, else AL)."""
    if char in _ASCII:
        return _ASCII[char]
    if char in _SPECIAL:
        return _SPECIAL[char]
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return LB.BK if char in "\n\x0b\x0c\r" else LB.CM
    category = unicodedata.category(char)
    if category[0] == "M" or (category == "Cf" and code in (0x200C, 0x200D)):
        return LB.CM
    if category == "Nd":
        return LB.NU
    if unicodedata.east_asian_width(char) in ("W", "F"):
        if category == "Ps":
            return LB.OP
        if category == "Pe":
            return LB.CL
        return LB.ID
    if category == "Zs":
        return LB.BA
    if category == "Ps":
        return LB.OP
    if category == "Pe":
        return LB.CL
    if category in ("Pi", "Pf"):
        return LB.QU
    if category == "Pd":
        return LB.BA
    return LB.AL


def column_width(char: str) -> int:
    """Columns a character takes on a terminal, as libunistring's uc_width says."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0  # control characters are ignored
    category = unicodedata.category(char)
    if category in ("Mn", "Me") or (category == "Cf" and code != 0x00AD):
        return 0
    if code in (0x2028, 0x2029) or 0x1160 <= code <= 0x11FF:
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    return 1


_PROPERTIES: dict[str, tuple[int, int]] = {}
_SP, _BK, _CM, _ZW, _ID = int(LB.SP), int(LB.BK), int(LB.CM), int(LB.ZW), int(LB.ID)
_TABLE_ROWS = [list(row) for row in _TABLE]


def _properties(char: str) -> tuple[int, int]:
    """(line-break class, column width) of a character, computed once per character."""
    found = _PROPERTIES.get(char)
    if found is None:
        found = _PROPERTIES[char] = (int(line_break_class(char)), column_width(char))
    return found


def break_opportunities(
    text: str, prohibited: set[int], classes: list[int] | None = None
) -> list[bool]:
    """possible[i]: may a line break go before text[i]? `prohibited` are positions the
    caller forbids (inside an escape sequence). Mandatory breaks (U+2028) come back as
    False; `wrap_positions` resets the column there, as libunistring does."""
    possible = [False] * len(text)
    last = _BK
    seen_space: int | None = None
    seen_space2: int | None = None
    table = _TABLE_ROWS
    if classes is None:
        classes = [_properties(char)[0] for char in text]
    for i, cls in enumerate(classes):
        if cls == _BK:
            last, seen_space, seen_space2 = _BK, None, None
            continue
        target = i
        if cls == _SP:
            seen_space2, seen_space = seen_space, i
            continue
        if cls == _ZW:
            last, seen_space, seen_space2 = _ZW, None, None
            continue
        if cls == _CM:
            if last == _ZW:
                possible[i] = True
                last = _ID
                continue
            if seen_space is None:
                continue
            target, seen_space, seen_space2 = seen_space, seen_space2, None
            cls = _ID
        if last == _BK:
            allowed = False
        elif last == _ZW:
            allowed = True
        else:
            rule = table[last][cls]
            allowed = rule == _D or (rule == _I and seen_space is not None)
        possible[target] = allowed
        last, seen_space, seen_space2 = cls, None, None
    for i in prohibited:
        possible[i] = False
    return possible


def _reference_wrap(text: str, width: int, start_column: int, prohibited: set[int]) -> list[int]:
    """The algorithm character by character, for any text (the fast path's reference)."""
    properties = [_properties(char) for char in text]
    possible = break_opportunities(text, prohibited, [cls for cls, _ in properties])
    breaks: list[int] = []
    last_break: int | None = None
    column = start_column
    piece = 0
    for i, (cls, char_width) in enumerate(properties):
        mandatory = cls == _BK
        if (possible[i] or mandatory) and last_break is not None and column + piece > width:
            breaks.append(last_break)
            column = 0
        if mandatory:
            last_break, column, piece = None, 0, 0
            continue
        if possible[i]:
            last_break = i
            column += piece
            piece = 0
        piece += char_width
    if last_break is not None and column + piece > width:
        breaks.append(last_break)
    return breaks


_PLAIN = (int(LB.AL), int(LB.NU))  # no pair of these ever breaks without a space
_COMPLEX = "\uffff"  # the code of a character only the reference path wraps
_SPACE = chr(_SP)
_NOT_PLAIN = re.compile("[^" + "".join(chr(cls) for cls in _PLAIN) + "]")


class _Codes(dict[int, str]):
    """`str.translate` table from a character to chr(its class), or `_COMPLEX` when it
    is not one column wide or is a mandatory break, combining mark or ZWSP; each
    character is classified once, the first time a text holds it."""

    def __missing__(self, code: int) -> str:
        cls, char_width = _properties(chr(code))
        simple = char_width == 1 and cls not in (_BK, _CM, _ZW)
        found = self[code] = chr(cls) if simple else _COMPLEX
        return found


_CODES = _Codes()


def _opportunity(codes: str, i: int, prohibited: set[int]) -> bool:
    """May a line break go before codes[i]? The pair rule between the last non-space
    before i and codes[i], as `break_opportunities` decides it for a simple text."""
    cls = ord(codes[i])
    if cls == _SP or i in prohibited:
        return False
    before = i - 1
    while before >= 0 and codes[before] == _SPACE:
        before -= 1
    if before < 0:
        return False  # nothing but spaces before: the start of the text (LB2)
    rule = _TABLE_ROWS[ord(codes[before])][cls]
    return rule == _D or (rule == _I and before < i - 1)


def _next_opportunity(codes: str, low: int, prohibited: set[int]) -> int | None:
    """The first opportunity at or after `low`. Two letters or digits never break
    without a space between them, so only the places next to anything else are tried."""
    end = len(codes)
    tried = low - 1
    for match in _NOT_PLAIN.finditer(codes, max(low - 1, 0)):
        for i in (match.start(), match.start() + 1):
            if tried < i < end:
                tried = i
                if _opportunity(codes, i, prohibited):
                    return i
    return None


def _greedy(codes: str, width: int, column: int, prohibited: set[int]) -> list[int]:
    """Breaks of a simple text, finding opportunities only near each line's end: the
    last one that fits, or else the first one after (a word longer than the line)."""
    breaks: list[int] = []
    start, end = 0, len(codes)
    while True:
        limit = start + width - column  # the last position that still fits
        if end <= limit:
            return breaks
        found = None
        for i in range(limit, start, -1):
            if _opportunity(codes, i, prohibited):
                found = i
                break
        if found is None:
            found = _next_opportunity(codes, max(limit, start) + 1, prohibited)
            if found is None:
                return breaks
        breaks.append(found)
        start, column = found, 0


def wrap_positions(text: str, width: int, start_column: int, prohibited: set[int]) -> list[int]:
    """Positions where a line is broken: greedy, at the last opportunity that fits,
    like libunistring's u8_width_linebreaks."""
    codes = text.translate(_CODES)
    if _COMPLEX in codes:
        return _reference_wrap(text, width, start_column, prohibited)
    if start_column + len(text) <= width:
        return []  # every character is one column wide and it all fits
    return _greedy(codes, width, start_column, prohibited)
