"""The concept vocabulary: shipped data files under ``kg/vocab/`` plus user files.

A user file (``kg build --vocab FILE``) has the format of ``kg/vocab/concepts.tsv``; a row
whose id is already known replaces that concept, a new id adds one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

from kg.constants import CONCEPT_ROLES
from kg.errors import VocabularyError
from kg.extract.tokens import Normalizer, PhraseTrie, load_spelling, read_table, tokenize
from kg.records import Concept

VOCAB_DIR = Path(__file__).resolve().parents[1] / "vocab"
CONCEPTS_FILE = VOCAB_DIR / "concepts.tsv"
SPELLING_FILE = VOCAB_DIR / "spelling.tsv"
STOP_PHRASES_FILE = VOCAB_DIR / "stop_phrases.tsv"

CONCEPT_COLUMNS = ("id", "label", "role", "category", "valence", "synonyms", "abbreviations")
_ID = re.compile(r"^(?:MESH:[CD]\d{6,9}|MONDO:\d{7}|HP:\d{7}|KG:[a-z0-9_]+)$")
_CATEGORY = re.compile(r"^biolink:[A-Z][A-Za-z]+$")
# A synonym written like an abbreviation (no lower-case letter, short) is matched case-sensitively.
_LOOKS_ABBREVIATED = re.compile(r"^[^a-z]{2,8}$")


@dataclass(frozen=True)
class Vocabulary:
    """Concepts by id and the tries that find their mentions.

    ``phrases`` maps folded, singular token keys to a concept id (``None`` for a stop phrase);
    ``cased`` maps case-preserved abbreviation tokens to a concept id."""

    concepts: Mapping[str, Concept]
    normalizer: Normalizer
    phrases: PhraseTrie[str | None]
    cased: PhraseTrie[str]
    files: tuple[str, ...] = field(default=())

    def concept(self, concept_id: str) -> Concept:
        """The concept with ``concept_id`` (KeyError when unknown)."""
        return self.concepts[concept_id]


def load_vocabulary(extra_files: Sequence[str] = ()) -> Vocabulary:
    """The shipped vocabulary plus ``extra_files`` (same format), cached per argument."""
    return _load_vocabulary(tuple(str(f) for f in extra_files))


@lru_cache(maxsize=8)
def _load_vocabulary(extra_files: tuple[str, ...]) -> Vocabulary:
    normalizer = load_normalizer()
    concepts: dict[str, Concept] = {}
    origin: dict[str, str] = {}  # concept id -> "file:line", for error messages
    for path in (CONCEPTS_FILE, *map(Path, extra_files)):
        for line_no, concept in read_concepts(path):
            concepts[concept.id] = concept
            origin[concept.id] = f"{path}:{line_no}"
    phrases: PhraseTrie[str | None] = PhraseTrie()
    cased: PhraseTrie[str] = PhraseTrie()
    owner: dict[tuple[str, ...], str] = {}
    for concept in concepts.values():
        for phrase in (concept.label, *concept.synonyms):
            keys = tuple(tokenize(phrase, normalizer).keys)
            if not keys:
                continue
            if len(keys) == 1 and len(keys[0]) <= 2:
                raise VocabularyError(f"{origin[concept.id]}: synonym {phrase!r} is too short to match "
                                      "case-insensitively; list it as an abbreviation")
            previous = owner.get(keys)
            if previous and previous != concept.id and _same_file(origin[previous], origin[concept.id]):
                raise VocabularyError(f"{origin[concept.id]}: synonym {phrase!r} already names {previous}")
            owner[keys] = concept.id
        for abbreviation in concept.abbreviations:
            tokens = [normalizer.cased(m) for m in tokenize(abbreviation, normalizer).raws]
            if tokens:
                cased.add(tokens, concept.id)
                if tokens[-1][-1:].isupper():
                    cased.add([*tokens[:-1], tokens[-1] + "s"], concept.id)  # "NSAIDs"
    # A later file overrides an earlier one, so owners are added in file order above.
    for keys, concept_id in owner.items():
        phrases.add(keys, concept_id)
    for phrase in read_stop_phrases(STOP_PHRASES_FILE):
        keys = tuple(tokenize(phrase, normalizer).keys)
        if keys and keys not in owner:
            phrases.add(keys, None)
    return Vocabulary(concepts, normalizer, phrases, cased, (str(CONCEPTS_FILE), *extra_files))


def _same_file(a: str, b: str) -> bool:
    return a.rsplit(":", 1)[0] == b.rsplit(":", 1)[0]


@lru_cache(maxsize=1)
def load_normalizer() -> Normalizer:
    """The token folder built from the shipped spelling-variant table."""
    return Normalizer(load_spelling(SPELLING_FILE))


def read_concepts(path: Path) -> list[tuple[int, Concept]]:
    """Parse one concept file into (line number, concept) pairs."""
    if not path.is_file():
        raise VocabularyError(f"{path}: vocabulary file not found")
    result: list[tuple[int, Concept]] = []
    seen: set[str] = set()
    for line_no, cells in read_table(path, CONCEPT_COLUMNS):
        concept_id, label, role, category, valence_text, synonyms, abbreviations = cells
        where = f"{path}:{line_no}"
        if not _ID.match(concept_id):
            raise VocabularyError(f"{where}: bad concept id {concept_id!r} (MESH:D..., MONDO:..., HP:... or KG:snake_case)")
        if concept_id in seen:
            raise VocabularyError(f"{where}: concept {concept_id} listed twice")
        seen.add(concept_id)
        if not label:
            raise VocabularyError(f"{where}: concept {concept_id} has no label")
        if role not in CONCEPT_ROLES:
            raise VocabularyError(f"{where}: role {role!r} is not one of {', '.join(CONCEPT_ROLES)}")
        if not _CATEGORY.match(category):
            raise VocabularyError(f"{where}: category {category!r} is not a Biolink CURIE like biolink:Disease")
        if valence_text not in ("-1", "0", "1", "+1"):
            raise VocabularyError(f"{where}: valence {valence_text!r} is not -1, 0 or 1")
        names = [s.strip() for s in synonyms.split("|") if s.strip()]
        shorts = [s.strip() for s in abbreviations.split("|") if s.strip()]
        shorts += [s for s in names if _LOOKS_ABBREVIATED.match(s) and any(c.isalpha() for c in s)]
        names = [s for s in names if s not in shorts]
        result.append((line_no, Concept(
            id=concept_id,
            label=label,
            role=role,
            category=category,
            synonyms=tuple(dict.fromkeys(names)),
            abbreviations=tuple(dict.fromkeys(shorts)),
            valence=int(valence_text),
        )))
    return result


def read_stop_phrases(path: Path) -> list[str]:
    """Phrases that block concept mentions (one per row, column ``phrase``)."""
    return [cells[0] for _, cells in read_table(path, ("phrase",)) if cells[0]]
