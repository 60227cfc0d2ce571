"""The claim grammar as data: trigger phrases (``kg/vocab/triggers.tsv``), cue words
(``cues.tsv``) and causal adjectives (``adjectives.tsv``), compiled into token tries."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Mapping

from kg.constants import DIRECTIONS
from kg.errors import VocabularyError
from kg.extract.tokens import Normalizer, PhraseTrie, read_table, tokenize
from kg.extract.vocabulary import VOCAB_DIR, load_normalizer

TRIGGERS_FILE = VOCAB_DIR / "triggers.tsv"
CUES_FILE = VOCAB_DIR / "cues.tsv"
ADJECTIVES_FILE = VOCAB_DIR / "adjectives.tsv"

IMPROVES = "improves"  # resolved with the object's valence
WORSENS = "worsens"
TRIGGER_DIRECTIONS = (*DIRECTIONS, IMPROVES, WORSENS)
TRIGGER_KINDS = ("verb", "phrase", "noun", "symmetric", "treat", "treat_frame", "cause_frame", "setting")
TRIGGER_FLAGS = ("reversed", "negated")
CUE_KINDS = (
    "hedge", "hedge_frame", "question", "negation", "neutral", "boundary", "coordinator", "except",
    "respectively", "mediator", "aim", "pronoun", "relative", "determiner", "population",
    "population_link", "setting", "agent", "intransitive", "stop", "copula", "disease_anaphor", "symptoms",
    "connector", "classifier", "pair_split", "attributive", "transparent", "preposition", "auxiliary",
)
GAP_CACHE_SIZE = 4096  # distinct gaps whose punctuation kinds are remembered
# Words ending in -ly that are not adverbs, so never skipped inside a trigger phrase.
_NOT_ADVERBS = frozenset({"only", "early", "family", "apply", "supply", "reply", "rely", "italy", "july",
                          "assembly", "anomaly", "ally", "belly", "rally", "elderly", "friendly"})


@dataclass(frozen=True)
class Trigger:
    """A phrase that carries a relation, as listed in the triggers file."""

    phrase: str
    direction: str  # one of TRIGGER_DIRECTIONS
    kind: str  # one of TRIGGER_KINDS
    reversed: bool = False
    negated: bool = False


@dataclass(frozen=True)
class Grammar:
    """Compiled grammar: tries over folded lower-case tokens."""

    normalizer: Normalizer
    triggers: PhraseTrie[Trigger]
    cues: PhraseTrie[frozenset[str]]
    punctuation: Mapping[str, frozenset[str]]  # single punctuation marks -> cue kinds
    adjectives: PhraseTrie[str]  # adjective -> concept id it produces
    _gap_kinds: dict[str, frozenset[str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def first_words(self) -> frozenset[str]:
        """Every word a trigger, cue or adjective starts with."""
        return frozenset().union(*(trie.first_words() for trie in (self.triggers, self.cues, self.adjectives)))

    def gap_kinds(self, gap: str) -> frozenset[str]:
        """The cue kinds of the punctuation marks in ``gap`` (the text between two tokens)."""
        kinds = self._gap_kinds.get(gap)
        if kinds is None:
            if len(self._gap_kinds) >= GAP_CACHE_SIZE:
                self._gap_kinds.clear()
            punctuation = self.punctuation
            kinds = frozenset().union(*(punctuation.get(c, frozenset()) for c in set(gap)))
            self._gap_kinds[gap] = kinds
        return kinds

    @staticmethod
    def is_adverb(word: str) -> bool:
        """Whether ``word`` (folded) may be skipped inside a multiword trigger."""
        return len(word) > 4 and word.endswith("ly") and word not in _NOT_ADVERBS


@lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    """The shipped grammar files, compiled once."""
    normalizer = load_normalizer()
    triggers: PhraseTrie[Trigger] = PhraseTrie()
    for form, trigger in read_triggers(TRIGGERS_FILE):
        triggers.add(tokenize(form, normalizer).lows, trigger)
    cues: PhraseTrie[frozenset[str]] = PhraseTrie()
    punctuation: dict[str, frozenset[str]] = {}
    for phrase, kind in read_cues(CUES_FILE):
        words = tokenize(phrase, normalizer).lows
        if not words:
            punctuation[phrase] = punctuation.get(phrase, frozenset()) | {kind}
        else:
            cues.add(words, (cues.get(words) or frozenset()) | {kind})
    adjectives: PhraseTrie[str] = PhraseTrie()
    for line_no, cells in read_table(ADJECTIVES_FILE, ("adjective", "concept")):
        if not cells[0] or not cells[1]:
            raise VocabularyError(f"{ADJECTIVES_FILE}:{line_no}: expected an adjective and a concept id")
        adjectives.add(tokenize(cells[0], normalizer).lows, cells[1])
    return Grammar(normalizer, triggers, cues, punctuation, adjectives)


def read_triggers(path: Path) -> list[tuple[str, Trigger]]:
    """Every surface form of every trigger row, with its trigger."""
    forms: list[tuple[str, Trigger]] = []
    for line_no, (phrase, direction, kind, flags) in read_table(path, ("phrase", "direction", "kind", "flags")):
        where = f"{path}:{line_no}"
        if not phrase:
            raise VocabularyError(f"{where}: empty phrase")
        if direction not in TRIGGER_DIRECTIONS:
            raise VocabularyError(f"{where}: direction {direction!r} is not one of {', '.join(TRIGGER_DIRECTIONS)}")
        if kind not in TRIGGER_KINDS:
            raise VocabularyError(f"{where}: kind {kind!r} is not one of {', '.join(TRIGGER_KINDS)}")
        flag_set = {f.strip() for f in flags.split(",") if f.strip()}
        unknown = flag_set - set(TRIGGER_FLAGS)
        if unknown:
            raise VocabularyError(f"{where}: unknown flag(s) {', '.join(sorted(unknown))}")
        alternatives = [p.strip() for p in phrase.split("|") if p.strip()]
        trigger = Trigger(alternatives[0], direction, kind, "reversed" in flag_set, "negated" in flag_set)
        if kind == "verb" and len(alternatives) == 1:
            alternatives = inflections(alternatives[0])
        forms.extend((form, trigger) for form in alternatives)
    return forms


def read_cues(path: Path) -> list[tuple[str, str]]:
    """(phrase, kind) rows of the cue file."""
    rows = []
    for line_no, (phrase, kind) in read_table(path, ("phrase", "kind")):
        if not phrase or kind not in CUE_KINDS:
            raise VocabularyError(f"{path}:{line_no}: expected a phrase and a kind from {', '.join(CUE_KINDS)}")
        rows.append((phrase, kind))
    return rows


def inflections(phrase: str) -> list[str]:
    """A verb phrase in its base, -s, -ed and -ing forms (first word inflected)."""
    verb, _, rest = phrase.partition(" ")
    tail = f" {rest}" if rest else ""
    consonant_y = verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou"
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        third = verb + "es"
    elif consonant_y:
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    if verb.endswith("e"):
        past = verb + "d"
    elif consonant_y:
        past = verb[:-1] + "ied"
    else:
        past = verb + "ed"
    if verb.endswith("ie"):
        gerund = verb[:-2] + "ying"
    elif verb.endswith("e") and not verb.endswith("ee"):
        gerund = verb[:-1] + "ing"
    else:
        gerund = verb + "ing"
    return [f"{form}{tail}" for form in dict.fromkeys((verb, third, past, gerund))]
