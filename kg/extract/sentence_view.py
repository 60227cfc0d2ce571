"""One sentence as the claim grammar sees it: concept items, trigger hits and cue words,
indexed by token, with its clauses, anaphors ("this disease", "symptoms") and population
settings ("in patients with FM") resolved."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import compress
from typing import Mapping, Sequence

from kg.constants import DIRECTION_ASSOCIATED, ROLE_DISEASE, ROLE_SYMPTOM
from kg.extract.grammar import Grammar, Trigger
from kg.extract.tokens import TokenizedText
from kg.records import Concept

CONDITIONS = (ROLE_DISEASE, ROLE_SYMPTOM)
POPULATION = Trigger("in patients with", DIRECTION_ASSOCIATED, "population")
HYPHENS = ("-", "\u2010", "\u2011")


@dataclass(frozen=True)
class Item:
    """A concept in the sentence: a mention, or a stand-in for the paper's disease."""

    concept_id: str
    role: str
    valence: int
    start: int  # token indices into the section's tokens
    end: int
    text: str
    symptoms: bool = False  # "symptoms (of D)": reducing them treats D


@dataclass(frozen=True)
class Cue:
    """A cue word or phrase at tokens ``start`` to ``end``."""

    start: int
    end: int
    kinds: frozenset[str]
    text: str


@dataclass
class Hit:
    """A trigger found in the sentence and what the analysis decided about it."""

    trigger: Trigger
    start: int
    end: int
    text: str
    conditions: list[Item] = field(default_factory=list)  # population hits: the disease
    agents: list[Item] = field(default_factory=list)
    patients: list[Item] = field(default_factory=list)
    excepts: list[Item] = field(default_factory=list)
    except_cue: str = ""
    mediators: list[Item] = field(default_factory=list)
    right_end: int = 0  # token after the last thing this hit took on its right
    limit: int = 0  # objects are looked for before this token
    forced_agents: list[Item] | None = None  # "respectively": this hit's own subject
    chained: bool = False
    pairwise: bool = False  # "A and B reduced X and Y, respectively": A-X, B-Y
    population_subject: bool = False  # "FM patients had increased X": an association, not a cause
    reversed: bool = False
    intransitive: bool = False
    suppressed: bool = False
    hedge: str = ""
    negation: str = ""


class SentenceView:
    """The items, hits and cues of one sentence, indexed by token."""

    def __init__(self, tokens: TokenizedText, start: int, end: int, items: Sequence[Item],
                 grammar: Grammar, concepts: Mapping[str, Concept], main_disease: Item | None) -> None:
        self.tokens, self.start, self.end, self.grammar = tokens, start, end, grammar
        self.concepts = concepts
        self.hit_at: dict[int, Hit] = {}
        self.items: list[Item] = []
        self.hits: list[Hit] = []
        self.cues: list[Cue] = []
        self.adjectives: list[tuple[int, int, str]] = []  # (start, end, concept id)
        self.cue_at: dict[int, Cue] = {}  # token -> cue covering it
        self.punct: dict[int, frozenset[str]] = {}  # token -> kinds of punctuation after it
        self._scan(sorted(items, key=lambda i: i.start))
        self._resolve_anaphors(main_disease)
        self.item_at: dict[int, int] = {}
        for n, item in enumerate(self.items):
            for t in range(item.start, item.end):
                self.item_at[t] = n
        self._find_populations()
        self.hits.sort(key=lambda h: h.start)
        self.hit_at: dict[int, Hit] = {t: h for h in self.hits for t in range(h.start, h.end)}
        self.clause_starts = self._clauses()

    # ---- scanning -------------------------------------------------------------------
    def _scan(self, items: list[Item]) -> None:
        tokens, grammar = self.tokens, self.grammar
        lows = tokens.lows
        item_starts = {i.start: i for i in items}
        next_item = sorted(item_starts)
        starts_some = map(grammar.first_words.__contains__, lows[self.start:self.end])
        candidates = set(compress(range(self.start, self.end), starts_some))  # a loop in C
        i = self.start  # the first token not yet taken
        for t in sorted(candidates.union(item_starts)):
            if t < i or t >= self.end:
                continue
            i = self._scan_at(t, item_starts, next_item)
        self._scan_punctuation()

    def _scan_at(self, i: int, item_starts: dict[int, Item], next_item: list[int]) -> int:
        """Take the item, trigger, cue or adjective at token ``i``; the token after it."""
        tokens, grammar, lows = self.tokens, self.grammar, self.tokens.lows
        if i in item_starts:
            item = item_starts[i]
            if not self._duplicate_in_parentheses(item):
                self.items.append(item)
            return max(item.end, i + 1)
        k = bisect_right(next_item, i)
        limit = min(next_item[k] if k < len(next_item) else self.end, self.end)
        word = lows[i]
        match = grammar.triggers.longest(lows, i, None, grammar.is_adverb, limit) \
            if grammar.triggers.starts_with(word) else None
        if match is not None:
            self.hits.append(Hit(match.payload, i, match.end, tokens.span_text(i, match.end)))
            return match.end
        match_cue = grammar.cues.longest(lows, i, None, None, limit) if grammar.cues.starts_with(word) else None
        if match_cue is not None:
            cue = Cue(i, match_cue.end, match_cue.payload, tokens.span_text(i, match_cue.end))
            self.cues.append(cue)
            for t in range(i, match_cue.end):
                self.cue_at[t] = cue
            return match_cue.end
        adjective = grammar.adjectives.longest(lows, i, None, None, limit) \
            if grammar.adjectives.starts_with(word) else None
        if adjective is not None:
            self.adjectives.append((i, adjective.end, adjective.payload))
            return adjective.end
        return i + 1

    def _scan_punctuation(self) -> None:
        """The cue kinds of the punctuation after each token (and the one before the sentence)."""
        tokens, gap_kinds = self.tokens, self.grammar.gap_kinds
        text, starts, ends = tokens.text, tokens.starts, tokens.ends
        count = len(starts)
        for t in range(max(self.start - 1, 0), self.end):
            if t >= count:
                continue
            gap = text[ends[t]:starts[t + 1]] if t + 1 < count else text[ends[t]:]
            kinds = gap_kinds(gap)
            if kinds:
                self.punct[t] = kinds

    def _duplicate_in_parentheses(self, item: Item) -> bool:
        """"fibromyalgia syndrome (FMS)": the abbreviation repeats the concept before it."""
        if not self.items:
            return False
        previous = self.items[-1]
        gap = self.tokens.text[self.tokens.ends[previous.end - 1]:self.tokens.starts[item.start]]
        return previous.concept_id == item.concept_id and gap.strip() == "("

    def _resolve_anaphors(self, main_disease: Item | None) -> None:
        """Turn "this disease" and "symptoms" cues into items."""
        extra: list[Item] = []
        for cue in self.cues:
            if "disease_anaphor" in cue.kinds and main_disease is not None:
                extra.append(_stand_in(main_disease, cue.start, cue.end, cue.text, symptoms=False))
            elif "symptoms" in cue.kinds:
                before = next((i for i in self.items if i.end == cue.start and self.tokens.joins[i.end - 1]), None)
                after = self._item_starting(cue.end + 1) if cue.end < self.end and self.tokens.lows[cue.end] == "of" else None
                if before is not None:  # "FM symptoms", "depression symptoms"
                    self.items.remove(before)
                    extra.append(_stand_in(before, before.start, cue.end, self.tokens.span_text(before.start, cue.end),
                                           symptoms=before.role == ROLE_DISEASE))
                elif after is not None:  # "symptoms of depression"
                    self.items.remove(after)
                    extra.append(_stand_in(after, cue.start, after.end, self.tokens.span_text(cue.start, after.end),
                                           symptoms=after.role == ROLE_DISEASE))
                elif main_disease is not None:
                    extra.append(_stand_in(main_disease, cue.start, cue.end, cue.text, symptoms=True))
        if extra:
            self.items = sorted([*self.items, *extra], key=lambda i: i.start)
            covered = {t for i in extra for t in range(i.start, i.end)}
            self.cues = [c for c in self.cues if c.start not in covered]
            self.cue_at = {t: c for c in self.cues for t in range(c.start, c.end)}

    def _item_starting(self, token: int) -> Item | None:
        return next((i for i in self.items if i.start == token), None)

    def _find_populations(self) -> None:
        """"in FM patients", "among women with FM": a setting a finding is placed in."""
        for cue in list(self.cues):
            if "population" not in cue.kinds:
                continue
            conditions: list[Item] = []
            anchor = cue.start
            linked = self.cue_at.get(cue.end)
            if linked is not None and "population_link" in linked.kinds:
                first = self.first_item(linked.end, 2)
                denied = first is not None and any("negation" in self.kinds(t) for t in range(linked.end, first.start))
                if first is not None and first.role in CONDITIONS and first.valence <= 0 and not denied:
                    conditions = self.coordinated_right(first, CONDITIONS)
                    end = conditions[-1].end
            if not conditions:
                before = next((i for i in reversed(self.items) if i.end <= cue.start), None)
                if before is not None and before.role in CONDITIONS and before.valence <= 0 \
                        and cue.start - before.end <= 2 \
                        and all(self.tokens.joins[t] for t in range(before.end - 1, cue.start)) \
                        and not any(t in self.item_at or t in self.cue_at for t in range(before.end, cue.start)):
                    conditions, anchor, end = [before], before.start, cue.end
            if not conditions:
                continue
            for s in range(anchor - 1, max(anchor - 6, self.start - 1), -1):
                if s in self.item_at or any(h.start <= s < h.end for h in self.hits):
                    break
                setting = self.cue_at.get(s)
                if setting is not None and "setting" in setting.kinds:
                    self.hits.append(Hit(POPULATION, s, end, self.tokens.span_text(s, end), conditions=conditions))
                    break

    def _clauses(self) -> list[int]:
        starts = {self.start}
        for cue in self.cues:
            if "boundary" in cue.kinds:
                starts.add(cue.start)
        for t, kinds in self.punct.items():
            if "boundary" in kinds and t + 1 < self.end:
                starts.add(t + 1)
        return sorted(starts)

    # ---- helpers ---------------------------------------------------------------------
    def clause_of(self, token: int) -> tuple[int, int]:
        """The (start, end) tokens of the clause holding ``token``."""
        k = bisect_right(self.clause_starts, token) - 1
        start = self.clause_starts[max(k, 0)]
        end = self.clause_starts[k + 1] if k + 1 < len(self.clause_starts) else self.end
        return start, end

    def kinds(self, token: int) -> frozenset[str]:
        cue = self.cue_at.get(token)
        return cue.kinds if cue is not None else frozenset()

    def first_item(self, token: int, within: int, through_treat: bool = False) -> Item | None:
        """The first item among the ``within + 1`` tokens from ``token``, unless a trigger comes first."""
        for t in range(token, min(token + within + 1, self.end)):
            if t in self.item_at:
                return self.items[self.item_at[t]]
            hit = self.hit_at.get(t)
            if hit is not None and not (through_treat and hit.trigger.kind == "treat"):
                return None
        return None

    def coordinated_right(self, first: Item, roles: Sequence[str] | None = None, limit: int | None = None) -> list[Item]:
        """``first`` and the items joined to it by "and", "or" and commas."""
        group = [first]
        stop = self.end if limit is None else limit
        while True:
            last = group[-1]
            nxt = next((i for i in self.items if i.start >= last.end), None)
            if nxt is None or nxt.end > stop or not self.is_coordination(last.end, nxt.start):
                return group
            if roles is not None and nxt.role not in roles:
                return group
            group.append(nxt)

    def is_coordination(self, begin: int, end: int) -> bool:
        """Whether tokens ``begin`` to ``end`` (between two items) only join list items."""
        if end - begin > 3:
            return False
        after_first = self.punct.get(begin - 1, frozenset())
        if "boundary" in after_first:
            return False
        joined = "coordinator" in after_first  # a comma right after the first item
        for t in range(begin, end):
            kinds = self.kinds(t)
            if t in self.hit_at or t in self.item_at or not (kinds & {"coordinator", "determiner"}):
                return False
            if "boundary" in self.punct.get(t, frozenset()):
                return False
            joined = joined or "coordinator" in kinds
        return joined


def _stand_in(item: Item, start: int, end: int, text: str, symptoms: bool) -> Item:
    return Item(item.concept_id, item.role, item.valence, start, end, text, symptoms)


# ---- the analysis ---------------------------------------------------------------------------
