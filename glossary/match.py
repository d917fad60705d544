"""Finding mentions of glossary names in English source text (glossary-spec.md, section 3).

Every English spelling of every concept is kept in one sorted list, read as a trie
(`_Names`): a small pattern of the spellings' first few characters finds where a name may
start, and from there the list is walked one character at a time, so the longest name
wins; the text is read once, leftmost first, never overlapping. The time is linear in the
text and nearly flat in the size of the glossary, and building the matcher costs one sort:
the single regular expression of every spelling it replaces (`trie_pattern`, whose rules
it keeps exactly) took a second to compile for 20,000 concepts.

Matching is case-sensitive, except that a spelling written entirely in capitals is a
mention too (datelines: `STEPANAKERT, Sept 19 (Reuters) –`, `YEREVAN/BAKU`).

Word boundaries are Unicode-aware: a letter, digit or underscore of any script (or a
combining mark) next to a spelling means it is part of a longer word and not a mention.
Hyphens and apostrophes are boundaries, so `Baku's`, `Baku’s` and `Karabakh-based` mention
Baku and Karabakh, while `Nagorno-Karabakh` is one mention because it is the longer name.
A space inside a spelling matches any run of white space (a line break in a wrapped
paragraph, a no-break space): `Republic of\nAzerbaijan` is still the Republic of Azerbaijan.
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from newsloc.glossary import cache
from newsloc.glossary.model import Glossary
from newsloc.glossary.textnorm import nfc_view

#: Characters that continue a word: `\w` of any script, plus combining accents.
WORD_CHARS = r"\w\u0300-\u036f\u0483-\u0489"
#: After the first character of a spelling: the character before it is not a word character.
_STARTS_WORD = f"(?<![{WORD_CHARS}].)"
#: At the end of a spelling: the next character is not a word character.
_ENDS_WORD = f"(?![{WORD_CHARS}])"
_NEVER = "(?!)"
#: Trie key that marks the end of a trigger (no character of a spelling is NUL).
_TRIGGER = "\x00"
_SPACE_RUN = re.compile(r"\s+")
_WORD_AT = re.compile(f"[{WORD_CHARS}]")
#: How many first characters of the spellings pick the places a name may start from.
_PREFIX = 3


@dataclass(frozen=True)
class Mention:
    """One occurrence of a concept's name in the source.

    `text[start:end]` is `spelling`, except that white space inside it may be any run of
    white space where the spelling has one space, and that a text not in NFC holds it
    decomposed (`Matcher.find`).
    """

    concept_id: str
    name: str
    spelling: str
    start: int
    end: int


#: Between two coordinated names: a comma, `and`, `or` (`Aghdam, Lachin and Kalbajar`).
_COORDINATOR = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
#: A possessor before a name (`Armenia's Basarkechar`), perhaps before a name the glossary
#: does not know, given in parentheses by one it does (`Armenia's Basarkechar (Vardenis)`).
_POSSESSIVE = re.compile(r"['’]s\s+(?:[A-Z][\w-]*\s*\(\s*)?")
#: A name in parentheses right after another (`Basarkechar (Vardenis)`).
_PARENTHESIS = re.compile(r"\s*\(\s*")
_CLOSING = re.compile(r"\s*\)")


def _after_parenthesis(text: str, end: int) -> int:
    """`end`, or past the closing parenthesis right after it."""
    closing = _CLOSING.match(text, end)
    return closing.end() if closing else end


def coordinated_heads(glossary: Glossary) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(name, head noun) -> (concept id, name, spelling) for fixed phrases made of another
    concept's name and a head noun (`Kalbajar district`): in `Aghdam, Lachin and Kalbajar
    districts` each name is a mention of its district (contract 4.9)."""
    spellings = {
        spelling: concept.id for concept in glossary for spelling, _ in concept.english_spellings()
    }
    heads: dict[tuple[str, str], tuple[str, str, str]] = {}
    for concept in glossary:
        for spelling, name in concept.english_spellings():
            head_of, _, head = spelling.rpartition(" ")
            if head_of and head[:1].isalpha() and spellings.get(head_of, concept.id) != concept.id:
                heads.setdefault((head_of, head.lower()), (concept.id, name, spelling))
    return heads


@dataclass(frozen=True)
class MatcherTables:
    """What a `Matcher` knows, as plain data: built from a glossary, or read back from the
    glossary cache (`glossary.cache`) when the same file was matched before."""

    #: (name, head noun) -> (concept id, name, spelling) (`coordinated_heads`)
    heads: dict[tuple[str, str], tuple[str, str, str]]
    #: spelling -> (concept id, canonical name)
    spellings: dict[str, tuple[str, str]]
    #: spelling in capitals -> meaning, for names written in capitals; a spelling that is
    #: itself in capitals keeps its own meaning.
    capitals: dict[str, tuple[str, str]]
    #: the spellings, and the first two capitals of each name in capitals (`Matcher.find`)
    names: _Names
    #: the names in capitals
    capital_names: _Names


class Matcher:
    """Finds every mention of a glossary's names in a text, in one pass."""

    def __init__(self, glossary: Glossary, tables: MatcherTables | None = None):
        """The matcher of `glossary`; `tables` are its contents when already built from the
        same glossary file (`matcher_for` keeps them in the cache)."""
        self.glossary = glossary
        if tables is None:
            # Python's cycle collector would walk the build's hundreds of thousands of small
            # containers again and again (issue 21: 5,000 to 10,000 concepts cost 3.6x).
            with cache.quiet_gc():
                tables = _build(glossary)
        self.tables = tables
        self.heads = tables.heads
        self.spellings = tables.spellings
        self.capitals = tables.capitals
        self._names = tables.names
        self._capital_names = tables.capital_names
        plural = sorted({f"{head}s" for _, head in self.heads}, key=len, reverse=True)
        alternatives = "|".join(map(re.escape, plural))
        self._plural_head = re.compile(rf"\s+({alternatives})\b", re.IGNORECASE) if plural else None
        #: The head first, then a dash or colon right before the names.
        self._leading_head = (
            re.compile(rf"\b({alternatives})\b[^.;:()–—]{{0,60}}(?:\s[-–—]|:)\s*$", re.IGNORECASE)
            if plural
            else None
        )
        #: Triggers that are also whole spellings (`US`): only for them does a match need a
        #: second look (a word character after it means the trigger, not the spelling).
        self._ambiguous_triggers = self._names.triggers & self.spellings.keys()
        #: the last text read and its mentions (a checker and its renderer read each
        #: source in turn)
        self._last: tuple[str, list[Mention]] = ("", [])

    def find(self, text: str) -> list[Mention]:
        """Mentions in document order: leftmost first, longest name at each place.

        A text not in NFC (`Türkiye` with a decomposed `ü`) is read in NFC, and each
        mention's `start`/`end` index the text as written (`glossary.textnorm`)."""
        last, found = self._last
        if text != last or not text:
            view = nfc_view(text)
            found = self._find(text) if view is None else view.moved(self._find(view.text))
            self._last = (text, found)
        return list(found)

    def _find(self, text: str) -> list[Mention]:
        spellings = self.spellings
        mentions = []
        skip = 0  # the end of the last name in capitals: a trigger inside it is no mention
        for start, end in self._names.finditer(text):
            if start < skip:
                continue
            spelling = text[start:end]
            if spelling not in spellings:  # white space other than single spaces inside
                spelling = _SPACE_RUN.sub(" ", spelling)
            if spelling not in spellings or (
                spelling in self._ambiguous_triggers and _WORD_AT.match(text, end)
            ):
                capitals = self._capitals(text, start)
                if capitals is not None:
                    mentions.append(capitals)
                    skip = capitals.end
                continue
            concept_id, name = spellings[spelling]
            mentions.append(Mention(concept_id, name, spelling, start, end))
        return self._coordinated(text, mentions) if self._plural_head else mentions

    def _coordinated(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Names coordinated with a plural head noun become mentions of the fixed phrases
        (`Aghdam, Lachin and Kalbajar districts`, or the head first: `three districts -
        Aghdam, Kalbajar and Lachin -`): `Aghdam district`, …"""
        assert self._plural_head is not None and self._leading_head is not None
        result = list(mentions)
        # A group is a list of items joined by coordinators; a possessor before an item
        # (`Armenia's Basarkechar`) is no item, and a name in parentheses right after an
        # item (`Basarkechar (Vardenis)`) is the same item.
        groups: list[tuple[list[int], int]] = []  # (mention indexes, items)
        for i, mention in enumerate(mentions):
            previous = mentions[i - 1] if i else None
            gap = (previous.end, mention.start) if previous is not None else None
            if gap is not None and _POSSESSIVE.fullmatch(text, *gap):
                groups[-1][0][-1] = i  # the possessor gives way to what it possesses
            elif gap is not None and _PARENTHESIS.fullmatch(text, *gap):
                groups[-1][0].append(i)
            elif gap is not None and _COORDINATOR.fullmatch(text, *gap):
                members, items = groups[-1]
                groups[-1] = ([*members, i], items + 1)
            else:
                groups.append(([i], 1))
        for group, items in groups:
            if items < 2:
                continue  # one name before a plural (`Ganja Gates`) is another name
            first, last = mentions[group[0]], mentions[group[-1]]
            head = self._plural_head.match(text, _after_parenthesis(text, last.end))
            if head is None:
                head = self._leading_head.search(text, max(0, first.start - 80), first.start)
            if head is None:
                continue
            noun = head.group(1).lower()[:-1]
            for j in group:
                found = self.heads.get((mentions[j].spelling, noun))
                if found is not None:
                    concept_id, name, spelling = found
                    result[j] = Mention(
                        concept_id, name, spelling, mentions[j].start, mentions[j].end
                    )
        return result

    def _capitals(self, text: str, start: int) -> Mention | None:
        """The name in capitals that starts at `start`, if one does."""
        end = self._capital_names.match(text, start)
        if end is None:
            return None
        spelling = _SPACE_RUN.sub(" ", text[start:end])
        concept_id, name = self.capitals[spelling]
        return Mention(concept_id, name, spelling, start, end)


def _build(glossary: Glossary) -> MatcherTables:
    spellings: dict[str, tuple[str, str]] = {}
    for concept in glossary:
        for spelling, name in concept.english_spellings():
            spelling = _SPACE_RUN.sub(" ", spelling.strip())
            if spelling:
                spellings.setdefault(spelling, (concept.id, name))
    capitals = {
        spelling.upper(): meaning
        for spelling, meaning in spellings.items()
        if spelling.upper() not in spellings
    }
    # The first two capitals of each such name end a branch of the main trie with no
    # end-of-word test: a word that starts like a name in capitals stops there, and only
    # then are the names in capitals tried. The main trie keeps its speed.
    triggers = {spelling[:2] for spelling in capitals if len(spelling) > 1}
    return MatcherTables(
        heads=coordinated_heads(glossary),
        spellings=spellings,
        capitals=capitals,
        names=_Names(spellings, triggers),
        capital_names=_Names(capitals),
    )


class _Names:
    """Spellings found in a text exactly as the one regular expression `trie_pattern`
    makes of them would find them (`finditer`, `match`), without compiling it.

    The spellings (and triggers: a spelling's start that matches with no end test) are
    kept sorted, so those that share a prefix are one run of the list, found by
    bisection. A small pattern of their first `_PREFIX` characters (one alternation, a
    few hundred or thousand branches) finds where a name may start; from there the list
    is walked one character of the text at a time (a run of white space reads as the
    spelling's one space), noting each spelling passed whose end is the end of a word
    and each trigger passed. The last one noted is the match: the trie's regular
    expression tries a node's continuations before its end, so the longest wins.
    """

    def __init__(self, spellings: Iterable[str], triggers: Iterable[str] = ()):
        self.whole = frozenset(spellings)
        self.triggers = frozenset(triggers)
        self.keys = sorted(self.whole | self.triggers)
        self._start = self._start_pattern()

    def _start_pattern(self) -> re.Pattern[str] | None:
        prefixes = {key[:_PREFIX] for key in self.keys}
        return re.compile(trie_pattern(prefixes, end="")) if prefixes else None

    def __getstate__(self) -> tuple[frozenset[str], frozenset[str], list[str]]:
        return self.whole, self.triggers, self.keys  # the pattern is compiled anew

    def __setstate__(self, state: tuple[frozenset[str], frozenset[str], list[str]]) -> None:
        self.whole, self.triggers, self.keys = state
        self._start = self._start_pattern()

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each name, leftmost first, never overlapping."""
        if self._start is None:
            return
        position = 0
        while True:
            found = self._start.search(text, position)
            if found is None:
                return
            start = found.start()
            end = self._walk(text, start)
            if end is None:
                position = start + 1
            else:
                yield start, end
                position = end

    def match(self, text: str, start: int) -> int | None:
        """Where the name that starts at `start` ends, or None."""
        if self._start is None or not self._start.match(text, start):
            return None
        return self._walk(text, start)

    def _walk(self, text: str, start: int) -> int | None:
        keys, whole, triggers = self.keys, self.whole, self.triggers
        count = len(keys)
        low = 0  # keys[low:] that start with `prefix` are those it leads to
        prefix = ""
        position = start
        end = None
        while True:
            key = keys[low]
            if len(key) == len(prefix) and prefix:  # the prefix itself is a key
                if (key in whole and not _WORD_AT.match(text, position)) or key in triggers:
                    end = position
                low += 1
                if low == count or not keys[low].startswith(prefix):
                    return end
                key = keys[low]
            if position == len(text):
                return end
            if (low + 1 == count or not keys[low + 1].startswith(prefix)) and " " not in key:
                # One key left, with no space: the rest of it, or nothing.
                rest = key[len(prefix) :]
                if not text.startswith(rest, position):
                    return end
                prefix, position = key, position + len(rest)
                continue
            space = _SPACE_RUN.match(text, position)
            if space is not None:
                prefix += " "
                step = space.end() - position
            else:
                prefix += text[position]
                step = 1
            low = bisect.bisect_left(keys, prefix, low)
            if low == count or not keys[low].startswith(prefix):
                return end
            position += step


_matchers: dict[int, tuple[weakref.ref[Glossary], Matcher]] = {}


def find_mentions(glossary: Glossary, text: str) -> list[Mention]:
    """`Matcher(glossary).find(text)`, building the matcher once per glossary object."""
    return matcher_for(glossary).find(text)


def matcher_for(glossary: Glossary) -> Matcher:
    """The glossary's `Matcher`, built once per glossary object; a glossary loaded from a
    file has the matcher's tables kept in the cache (`glossary.cache`), keyed by the
    file's content, so the next command reads them back instead of building them.

    Glossaries are not hashable (they hold dicts), so the cache is keyed by `id()` and
    each entry is dropped when its glossary is garbage-collected, before the id can be
    reused by another glossary.
    """
    key = id(glossary)
    cached = _matchers.get(key)
    if cached is not None and cached[0]() is glossary:
        return cached[1]
    content = cache.key_of(glossary)
    stored = cache.derived_key(content, "source matcher") if content else None
    tables = cache.load(stored, MatcherTables) if stored else None
    matcher = Matcher(glossary, tables)  # type: ignore[arg-type]
    if stored and tables is None:
        cache.store(stored, matcher.tables)
    _matchers[key] = (weakref.ref(glossary, partial(_forget, _matchers, key)), matcher)
    return matcher


def _forget(cache: dict[int, tuple[weakref.ref[Glossary], Matcher]], key: int, ref: object) -> None:
    """Weakref callback; gets the cache as an argument so it also works at interpreter exit."""
    entry = cache.get(key)
    if entry is not None and entry[0] is ref:
        del cache[key]


@dataclass(frozen=True)
class LocatedMention:
    """A mention with 1-based line and column of its first and last character."""

    mention: Mention
    line: int
    column: int
    end_line: int
    end_column: int

    def as_dict(self) -> dict[str, object]:
        """JSON-ready (`glossary find --json`); `end_column` is inclusive."""
        mention = self.mention
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": mention.start,
            "end": mention.end,
            "concept": mention.concept_id,
            "name": mention.name,
            "spelling": mention.spelling,
        }


def locate_mentions(glossary: Glossary, text: str) -> list[LocatedMention]:
    """Mentions in `text` with their line:column spans, for people reading a report."""
    starts = line_starts(text)
    located = []
    for mention in find_mentions(glossary, text):
        line, column = line_col(starts, mention.start)
        end_line, end_column = line_col(starts, mention.end - 1)
        located.append(LocatedMention(mention, line, column, end_line, end_column))
    return located


def line_starts(text: str) -> list[int]:
    """Offsets where each line of `text` starts, for `line_col`."""
    return [0] + [found.end() for found in re.finditer(r"\r\n|\n|\r", text)]


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of `offset`, given `line_starts(text)`."""
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def _literal(char: str) -> str:
    """A spelling's character as a pattern: a space matches any run of white space."""
    return r"\s+" if char == " " else re.escape(char)


def trie_pattern(
    spellings: Iterable[str],
    char: Callable[[str], str] = _literal,
    end: str = _ENDS_WORD,
    triggers: Iterable[str] = (),
) -> str:
    """One regex for all spellings: a trie with continuations before the end of a word.

    `char` turns one character into its pattern (target matching folds ё/е this way);
    `end` is what must follow a whole spelling; a `triggers` string matches with no end
    test at all. The check that a spelling starts a word comes after its first character,
    so most positions fail on one character test.
    """
    root: dict[str, dict] = {}
    for marker, keys in (("", spellings), (_TRIGGER, triggers)):
        for spelling in keys:
            node = root
            for character in spelling:
                node = node.setdefault(character, {})
            node[marker] = {}
    if not root:
        return _NEVER
    return _node_pattern(root, char, end, first=True)


def _node_pattern(
    node: dict[str, dict], char: Callable[[str], str], end: str, first: bool = False
) -> str:
    branches = []
    for key in sorted(key for key in node if key and key != _TRIGGER):
        head = char(key) + (_STARTS_WORD if first else "")
        branches.append(head + _node_pattern(node[key], char, end))
    if "" in node:
        branches.append(end)
    if _TRIGGER in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
