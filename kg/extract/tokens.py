"""Word tokens with offsets, the spelling folding that makes text and vocabulary
comparable, and a token trie for longest-match phrase lookup.

Matching works on tokens, not characters: "tai-chi", "Tai Chi" and "tai chi" are the
same token sequence, "fm" inside "form" is never a token, and plurals fold to one key.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import not_
from pathlib import Path
from typing import Callable, Generic, Sequence, TypeVar

from kg.errors import VocabularyError

TOKEN_RE = re.compile(r"[^\W_]+")
_TOKEN_SPLIT = re.compile(r"([^\W_]+)")  # TOKEN_RE, capturing: split() keeps the tokens
_ASCII_TOKEN_SPLIT = re.compile(r"([A-Za-z0-9]+)")  # the same on ASCII text, and faster
# What may separate two tokens of one multiword phrase: spaces, hyphens, slashes, apostrophes.
_JOINABLE_GAP = re.compile(r"[\s\-\u2010\u2011\u2012\u2013/'\u2019]*")
_END = ""  # trie key of a payload: never a token
_RECENT_SIZE = 64  # tokenized texts remembered by tokenize_shared (a document's sections)
_RECENT: dict[tuple[int, int], tuple[Normalizer, TokenizedText]] = {}
_JOINABLE_CACHE_SIZE = 4096  # distinct gaps remembered; cleared when full

T = TypeVar("T")


@dataclass(frozen=True)
class SpellingRule:
    """One spelling variant: ``kind`` is "char", "prefix" or "token"."""

    kind: str
    source: str
    target: str


MEMO_LIMIT = 1 << 20  # entries a memo keeps: a worker may see millions of distinct tokens


class _Memo(dict[str, T]):
    """A dict that computes (and keeps) the value of a missing key with ``compute``:
    ``map(memo.__getitem__, words)`` then runs in C for every word already seen. It
    starts afresh past ``limit`` entries, so a long build's memory stays bounded."""

    def __init__(self, compute: Callable[[str], T], limit: int = MEMO_LIMIT) -> None:
        super().__init__()
        self._compute = compute
        self._limit = limit

    def __missing__(self, key: str) -> T:
        if len(self) >= self._limit:
            self.clear()
        value = self[key] = self._compute(key)
        return value


class Normalizer:
    """Folds tokens: accents stripped, lower-cased, spelling variants unified (``low``),
    and plural endings removed (``key``). Results are cached per raw token."""

    def __init__(self, rules: Sequence[SpellingRule]) -> None:
        self._chars = {r.source: r.target for r in rules if r.kind == "char"}
        self._tokens = {r.source: r.target for r in rules if r.kind == "token"}
        # longest prefix first so "orthopaed" wins over "paed"
        self._prefixes = sorted(((r.source, r.target) for r in rules if r.kind == "prefix"),
                                key=lambda p: -len(p[0]))
        # one alternation in the same order: the first prefix that matches wins, as in a loop
        self._prefix_re = re.compile("|".join(re.escape(source) for source, _ in self._prefixes) or "(?!)")
        self._prefix_targets: dict[str, str] = {}
        for source, target in self._prefixes:
            self._prefix_targets.setdefault(source, target)
        self._low: _Memo[str] = _Memo(self._fold)
        self._key: _Memo[str] = _Memo(self._unplural)
        self._cased: _Memo[str] = _Memo(self.cased)

    def low(self, raw: str) -> str:
        """The folded, lower-cased form of a raw token."""
        return self._low[raw]

    def lows(self, raws: Sequence[str]) -> list[str]:
        """:meth:`low` of every raw token."""
        return list(map(self._low.__getitem__, raws))

    def _fold(self, raw: str) -> str:
        text = raw
        if not text.isascii():
            for source, target in self._chars.items():
                text = text.replace(source, target)
            text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = text.lower()
        text = self._tokens.get(text, text)
        prefix = self._prefix_re.match(text)
        if prefix is not None:
            text = self._prefix_targets[prefix.group()] + text[prefix.end():]
        return text

    def key(self, raw: str) -> str:
        """The folded form without a plural ending: the key concepts are matched on."""
        return self._key[raw]

    def keys(self, raws: Sequence[str]) -> list[str]:
        """:meth:`key` of every raw token."""
        return list(map(self._key.__getitem__, raws))

    def _unplural(self, raw: str) -> str:
        return singular(self._low[raw])

    def cased(self, raw: str) -> str:
        """The case-preserving form abbreviations are matched on (Greek letters spelled out)."""
        if raw.isascii():
            return raw
        for source, target in self._chars.items():
            raw = raw.replace(source, target)
        return raw

    def cased_all(self, raws: Sequence[str]) -> list[str]:
        """:meth:`cased` of every raw token: only non-ASCII ones change (a few of a text)."""
        cased = list(raws)
        for i in compress(range(len(raws)), map(not_, map(str.isascii, raws))):  # loops in C
            cased[i] = self._cased[raws[i]]
        return cased


def singular(word: str) -> str:
    """A crude singular: applied to vocabulary and text alike, so it only has to be consistent."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def load_spelling(path: Path) -> list[SpellingRule]:
    """Read a spelling-variant table (columns kind, from, to)."""
    rules: list[SpellingRule] = []
    for line_no, cells in read_table(path, ("kind", "from", "to")):
        kind, source, target = cells[0], cells[1], cells[2]
        if kind not in ("char", "prefix", "token") or not source or not target:
            raise VocabularyError(f"{path}:{line_no}: expected kind char|prefix|token, from and to")
        if kind == "prefix" and len(source) == 1:
            kind = "char"
        rules.append(SpellingRule(kind, source if kind == "char" else source.lower(), target))
    return rules


def read_table(path: Path, required: Sequence[str]) -> list[tuple[int, list[str]]]:
    """Rows of a tab-separated data file as (line number, cells in ``required`` order).

    Lines starting with '#' and blank lines are skipped; the first other line is the header,
    which must name every column in ``required`` (more columns are allowed)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabularyError(f"{path}: cannot read: {exc}") from exc
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for line_no, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = [c.lower() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise VocabularyError(f"{path}:{line_no}: header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise VocabularyError(f"{path}:{line_no}: {len(cells)} cells but {len(header)} columns")
        cells += [""] * (len(header) - len(cells))
        rows.append((line_no, [cells[header.index(c)] for c in required]))
    if header is None:
        raise VocabularyError(f"{path}: no header line")
    return rows


class TokenizedText:
    """A text cut into word tokens: parallel lists indexed by token number.

    ``starts``, ``ends`` and ``lows`` are worked out when first read: finding mentions needs
    only ``raws``, ``keys`` and ``joins``, and most texts mention nothing."""

    __slots__ = ("text", "raws", "keys", "joins", "_parts", "_normalizer", "_starts", "_ends", "_lows")

    def __init__(self, text: str, parts: list[str], raws: list[str], keys: list[str], joins: list[bool],
                 normalizer: Normalizer) -> None:
        self.text = text
        self.raws = raws
        self.keys = keys
        self.joins = joins  # only a joinable gap before the next token
        self._parts = parts  # gap, token, gap, ..., token, gap: what the offsets are summed from
        self._normalizer = normalizer
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        self._lows: list[str] | None = None

    @property
    def starts(self) -> list[int]:
        """The character offset of each token."""
        if self._starts is None:
            self._offsets()
        return self._starts  # type: ignore[return-value]

    @property
    def ends(self) -> list[int]:
        """The character offset after each token."""
        if self._ends is None:
            self._offsets()
        return self._ends  # type: ignore[return-value]

    @property
    def lows(self) -> list[str]:
        """The folded, lower-cased form of each token."""
        if self._lows is None:
            self._lows = self._normalizer.lows(self.raws)
        return self._lows

    def _offsets(self) -> None:
        offsets = list(accumulate(map(len, self._parts)))  # running sums of part lengths
        self._starts = offsets[0:-1:2]
        self._ends = offsets[1::2]

    def __len__(self) -> int:
        return len(self.raws)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TokenizedText):
            return NotImplemented
        return (self.text, self.starts, self.ends, self.raws, self.lows, self.keys, self.joins) == \
            (other.text, other.starts, other.ends, other.raws, other.lows, other.keys, other.joins)

    __hash__ = None  # type: ignore[assignment]

    def gap(self, i: int) -> str:
        """The text between token ``i`` and token ``i + 1`` (or the text end)."""
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.text[self.ends[i]:end]

    def index_at(self, offset: int) -> int:
        """The number of the token starting at or before character ``offset``."""
        return bisect_right(self.starts, offset) - 1

    def span_text(self, first: int, last: int) -> str:
        """The text from token ``first`` up to and including token ``last - 1``."""
        return self.text[self.starts[first]:self.ends[last - 1]]


def tokenize(text: str, normalizer: Normalizer) -> TokenizedText:
    """Cut ``text`` into tokens with their folded forms.

    One ``re.split`` yields tokens and the gaps between them; offsets are running sums of
    their lengths (see :class:`TokenizedText`), and folded forms and joinable gaps come from
    per-string caches."""
    parts = (_ASCII_TOKEN_SPLIT if text.isascii() else _TOKEN_SPLIT).split(text)  # gap, token, ..., token, gap
    raws = parts[1::2]
    return TokenizedText(text, parts, raws, normalizer.keys(raws), _joins(parts[2:-1:2]), normalizer)


def tokenize_shared(text: str, normalizer: Normalizer) -> TokenizedText:
    """:func:`tokenize`, remembering the texts tokenized last (claims re-read the sections
    mentions just read). The result is shared: callers must not modify it."""
    # Keyed by identity: the same section text is the same string object, and hashing a
    # long text costs more than a lookup. The entry holds the text, so its id stays unique.
    key = (id(normalizer), id(text))
    entry = _RECENT.get(key)
    if entry is not None and entry[0] is normalizer and entry[1].text is text:
        return entry[1]
    if len(_RECENT) >= _RECENT_SIZE:
        del _RECENT[next(iter(_RECENT))]  # the oldest
    tokens = tokenize(text, normalizer)
    _RECENT[key] = (normalizer, tokens)
    return tokens


def _joins(gaps: list[str]) -> list[bool]:
    """Whether each gap between two tokens may sit inside a phrase; False after the last token."""
    if len(_JOINABLE) > _JOINABLE_CACHE_SIZE:
        _JOINABLE.clear()
    joins = list(map(_JOINABLE.__getitem__, gaps))
    joins.append(False)
    return joins


def _joinable(gap: str) -> bool:
    return _JOINABLE_GAP.fullmatch(gap) is not None


_JOINABLE: _Memo[bool] = _Memo(_joinable)  # gap between two tokens -> whether it is joinable


@dataclass(frozen=True)
class TrieMatch(Generic[T]):
    """A phrase found by :meth:`PhraseTrie.longest`: tokens ``start`` to ``end`` (exclusive)."""

    start: int
    end: int
    payload: T


class PhraseTrie(Generic[T]):
    """Token sequences mapped to payloads; finds the longest phrase starting at a token."""

    def __init__(self) -> None:
        self._root: dict = {}
        self.max_len = 0

    def add(self, tokens: Sequence[str], payload: T) -> None:
        """Map the token sequence ``tokens`` to ``payload`` (replacing an earlier payload)."""
        node = self._root
        for token in tokens:
            node = node.setdefault(token, {})
        node[_END] = payload
        self.max_len = max(self.max_len, len(tokens))

    def get(self, tokens: Sequence[str]) -> T | None:
        """The payload of exactly ``tokens``, or None."""
        node = self._root
        for token in tokens:
            node = node.get(token)
            if node is None:
                return None
        return node.get(_END)

    def __contains__(self, tokens: Sequence[str]) -> bool:
        node = self._root
        for token in tokens:
            node = node.get(token)
            if node is None:
                return False
        return _END in node

    def starts_with(self, token: str) -> bool:
        """Whether any phrase starts with ``token``."""
        return token in self._root

    def first_words(self) -> frozenset[str]:
        """Every word some phrase starts with."""
        return frozenset(self._root)

    def starts(self, words: Sequence[str], begin: int = 0, end: int | None = None) -> list[int]:
        """The indices from ``begin`` to ``end`` (exclusive) of the words some phrase starts with."""
        stop = len(words) if end is None else end
        window = words if begin == 0 and stop == len(words) else words[begin:stop]
        return list(compress(range(begin, stop), map(self._root.__contains__, window)))  # a loop in C

    def longest(self, words: Sequence[str], i: int, joins: Sequence[bool] | None = None,
                skippable: Callable[[str], bool] | None = None, limit: int | None = None) -> TrieMatch[T] | None:
        """The longest phrase starting at ``words[i]``.

        ``joins[j]`` says whether word ``j`` may be followed by the next word inside a phrase;
        ``skippable`` words (adverbs) may sit inside a phrase without being part of it;
        ``limit`` is the index the phrase must end before."""
        node = self._root.get(words[i])
        if node is None:
            return None
        stop = len(words) if limit is None else limit
        best_end = -1  # the end of the longest phrase so far, and its payload
        best_payload = None
        j = i
        while True:
            if _END in node:
                best_end, best_payload = j + 1, node[_END]
            if joins is not None and not joins[j]:
                break
            nxt = j + 1
            if nxt >= stop:
                break
            child = node.get(words[nxt])
            while child is None and skippable is not None and skippable(words[nxt]) and nxt + 1 < stop:
                nxt += 1
                child = node.get(words[nxt])
            if child is None:
                break
            node, j = child, nxt
        return TrieMatch(i, best_end, best_payload) if best_end >= 0 else None
