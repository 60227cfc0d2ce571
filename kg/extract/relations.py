"""Relations between the concepts of one sentence, read with a small data-driven grammar.

The sentence is seen as a sequence of concept items, trigger hits (``triggers.tsv``) and cue
words (``cues.tsv``). Each trigger takes its subjects from the nearest concept group before
it (or, for a verb phrase coordinated with the previous one, that phrase's subjects) and its
objects from the concepts after it, up to the next trigger, clause boundary or comparison.
Passive verbs, reversed phrases ("a consequence of"), "respectively", "via", "except with",
hedges, negations and aims are handled on top; see :func:`analyze_sentence`.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.constants import (
    DIRECTION_ASSOCIATED,
    DIRECTION_DECREASES,
    DIRECTION_INCREASES,
    DIRECTION_TREATS,
    ROLE_BIOMARKER,
    ROLE_DISEASE,
    ROLE_MECHANISM,
    ROLE_RISK_FACTOR,
    ROLE_TREATMENT,
)
from kg.extract.grammar import IMPROVES, WORSENS, Trigger
from kg.extract.groups import (
    NEAR_DETERMINER,
    after_adverbs,
    comma_ok,
    left_group,
    mediator_tokens,
    mediators_between,
    right_items,
    sentential_which,
)
from kg.extract.sentence_view import CONDITIONS, Hit, Item, SentenceView

MAX_SYMMETRIC_GAP = 5
NEGATION_WINDOW = 4
CAUSE_ROLES = (ROLE_MECHANISM, ROLE_BIOMARKER, ROLE_RISK_FACTOR)
CHAINING_KINDS = ("verb", "phrase", "noun", "treat")  # hits whose subject a coordinated verb can share
_VIA = "via"


@dataclass(frozen=True)
class Relation:
    """One relation read from a sentence."""

    subject: Item
    direction: str
    object: Item
    negated: bool
    hedge_cue: str
    negation_cue: str
    trigger: str


def analyze_sentence(view: SentenceView) -> list[Relation]:
    """All relations the sentence states, negated or not, hedged or not."""
    relations: list[Relation] = []
    question = any("question" in kinds for kinds in view.punct.values()) or any(
        "question" in c.kinds for c in view.cues)
    clause_hits: dict[int, list[Hit]] = {}
    for hit in view.hits:
        clause_hits.setdefault(view.clause_of(hit.start)[0], []).append(hit)
    for clause_start, hits in clause_hits.items():
        clause_end = view.clause_of(clause_start)[1]
        for hit in hits:
            hit.limit = clause_end
        _respectively(view, hits, clause_start, clause_end)
        _aims(view, hits, clause_start)
        previous: Hit | None = None
        for n, hit in enumerate(hits):
            nxt = hits[n + 1] if n + 1 < len(hits) else None
            if nxt is not None:
                hit.limit = min(hit.limit, nxt.start)
            _analyze_hit(view, hit, previous, clause_start)
            previous = hit
        _respectively_pairs(view, hits, clause_start, clause_end)
        for hit in hits:
            relations.extend(_relations_of(view, hit))
    relations.extend(_adjective_relations(view))
    relations.extend(_cause_frames(view, relations))
    if question:
        relations = [Relation(r.subject, r.direction, r.object, r.negated, r.hedge_cue or "?",
                              r.negation_cue, r.trigger) for r in relations]
    return _finished(relations)


def _respectively(view: SentenceView, hits: list[Hit], clause_start: int, clause_end: int) -> None:
    """"A and B might, respectively, reduce X and improve Y": give each verb group its own subject."""
    cue = next((c for c in view.cues if "respectively" in c.kinds and clause_start <= c.start < clause_end), None)
    if cue is None:
        return
    after = [h for h in hits if h.start > cue.start]
    if not after:
        return
    subjects = left_group(view, after[0].start, clause_start, comma_ok(view, after[0].start, clause_start))
    if len(subjects) < 2 or subjects[-1].end > cue.start:
        return
    splits = _respectively_splits(view, cue.end, clause_end, len(subjects) - 1, after)
    if not splits:
        return
    bounds = [cue.end, *splits, clause_end]
    for g in range(len(subjects)):
        group = [h for h in after if bounds[g] <= h.start < bounds[g + 1]]
        for h in group:
            h.limit = min(h.limit, bounds[g + 1])
        if group:
            group[0].forced_agents = [subjects[g]]


def _respectively_pairs(view: SentenceView, hits: list[Hit], clause_start: int, clause_end: int) -> None:
    """"A and B reduced X and Y, respectively": pair subjects and objects in order."""
    for cue in view.cues:
        if "respectively" not in cue.kinds or not clause_start <= cue.start < clause_end:
            continue
        before = [h for h in hits if h.end <= cue.start]
        if before and before[-1].forced_agents is None and len(before[-1].agents) == len(before[-1].patients) > 1:
            before[-1].pairwise = True


def _respectively_splits(view: SentenceView, begin: int, end: int, count: int, hits: list[Hit]) -> list[int]:
    """The ``count`` coordinators that split the predicate into parallel parts."""
    opening = {view.tokens.lows[t] for t in range(begin, min(begin + 3, end))}
    hit_starts = {h.start for h in hits}
    scored = []
    for t in range(begin, end):
        if t in view.item_at or "coordinator" not in view.kinds(t) or view.tokens.lows[t] not in ("and", "or"):
            continue
        score = 0
        if "coordinator" in view.punct.get(t - 1, frozenset()):
            score += 2
        if t + 1 < end and view.tokens.lows[t + 1] in opening:
            score += 1
        if hit_starts & {t + 1, t + 2}:
            score += 1
        if score >= 2:
            scored.append((score, t))
    best = sorted(scored, key=lambda s: (-s[0], s[1]))[:count]
    return sorted(t for _, t in best) if len(best) == count else []


def _aims(view: SentenceView, hits: list[Hit], clause_start: int) -> None:
    for cue in view.cues:
        if "aim" in cue.kinds and view.clause_of(cue.start)[0] == clause_start:
            target = next((h for h in hits if h.start >= cue.end), None)
            if target is not None:
                target.suppressed = True


def _analyze_hit(view: SentenceView, hit: Hit, previous: Hit | None, clause_start: int) -> None:
    kind = hit.trigger.kind
    hit.right_end = hit.end
    if previous is not None and previous.trigger.kind in CHAINING_KINDS and _chained(view, previous, hit):
        hit.chained = True
        hit.suppressed = hit.suppressed or previous.suppressed
    if kind == "verb":
        _verb_voice(view, hit)
    if kind in ("symmetric", "treat_frame", "cause_frame"):
        if kind == "symmetric":
            _symmetric(view, hit, clause_start)
        elif kind == "treat_frame":
            _treat_frame(view, hit, clause_start)
        _hedge_and_negation(view, hit, previous, clause_start)
        return
    if kind == "population":
        _population(view, hit, previous, clause_start)
        _hedge_and_negation(view, hit, previous, clause_start)
        return
    objects_from = hit.end
    if hit.reversed and kind == "verb":
        objects_from = after_adverbs(view, hit.end) + 1  # skip "by"
    right = right_items(view, hit, objects_from)
    if kind == "treat":
        _treat(view, hit, right, previous, clause_start)
    elif kind == "noun":
        _noun(view, hit, right, previous, clause_start)
    elif kind == "setting":
        first = right[0] if right and right[0].role in CONDITIONS and right[0].start - hit.end <= 2 else None
        hit.patients = [first] if first else []
        hit.agents = left_group(view, hit.start, clause_start)
    else:
        subjects = _subjects(view, hit, previous, clause_start)
        if hit.reversed or hit.trigger.reversed:
            hit.agents, hit.patients = right, subjects
        else:
            hit.agents, hit.patients = subjects, right
    if hit.intransitive:
        hit.agents = []
    _hedge_and_negation(view, hit, previous, clause_start)


def _chained(view: SentenceView, previous: Hit, hit: Hit) -> bool:
    """Whether ``hit`` continues the verb phrase of ``previous`` with the same subject."""
    begin = previous.right_end
    if begin >= hit.start:
        # "effective in reducing": a trigger right after one that took no object
        return begin == hit.start and begin == previous.end
    mediators = mediator_tokens(view, begin, hit.start)
    first = True
    joined = "coordinator" in view.punct.get(begin - 1, frozenset())
    for t in range(begin, hit.start):
        if t in mediators:
            continue
        kinds = view.kinds(t)
        if t in view.item_at or t in view.hit_at:
            return False
        if kinds & {"boundary", "pronoun", "relative"} or "boundary" in view.punct.get(t, frozenset()):
            return False
        if "determiner" in kinds and hit.start - t > NEAR_DETERMINER:
            return False
        if first and kinds & {"coordinator", "connector"}:
            joined = True
        first = False
    return joined


def _verb_voice(view: SentenceView, hit: Hit) -> None:
    """"reduced BY exercise" is passive; "decreased IN the group" has no object; "suffer
    INCREASED pain" uses the participle as an adjective."""
    before = hit.start - 1
    while before >= view.start and view.grammar.is_adverb(view.tokens.lows[before]):
        before -= 1
    if not hit.chained and before >= view.start and view.kinds(before) & {"attributive", "determiner"} \
            and before not in view.hit_at and view.tokens.lows[hit.start].endswith(("ed", "ing")):
        hit.intransitive = True
        return
    nxt = after_adverbs(view, hit.end)
    if nxt >= hit.limit:
        return
    kinds = view.kinds(nxt)
    if "agent" in kinds:
        hit.reversed = True
    elif "intransitive" in kinds or "stop" in kinds:
        hit.intransitive = True


def _subjects(view: SentenceView, hit: Hit, previous: Hit | None, clause_start: int) -> list[Item]:
    if hit.forced_agents is not None:
        return hit.forced_agents
    if hit.chained and previous is not None:
        if previous.trigger.reversed or previous.reversed:
            return []
        hit.mediators = mediators_between(view, previous.right_end, hit.start)
        return previous.agents
    tokens = view.tokens
    if hit.start > view.start and tokens.gap(hit.start - 1).strip() in ("-", "\u2010", "\u2011"):
        # "stress-induced hyperalgesia": the subject is the word the trigger is glued to
        glued = view.item_at.get(hit.start - 1)
        if glued is None or tokens.lows[hit.start].endswith("ing"):
            return []  # "pain-relieving plaster": pain is what is relieved, by something else
        return [view.items[glued]]
    if hit.trigger.kind == "verb" and tokens.lows[hit.start].endswith("ing"):
        return []  # a participle takes the subject of the verb it continues, handled by chaining
    group = left_group(view, hit.start, clause_start, comma_ok(view, hit.start, clause_start))
    before = hit.start - 1
    while before > clause_start and view.grammar.is_adverb(tokens.lows[before]):
        before -= 1
    listed = bool(group) and ("coordinator" in view.kinds(before) or "coordinator" in view.punct.get(before, frozenset()))
    if group and previous is not None and group[-1] in previous.patients and previous.agents \
            and sentential_which(view, group[-1].end, hit.start):
        # "X reduced pain, which may improve sleep": "which" stands for the whole finding
        hit.chained = True
        return previous.agents
    if group and previous is not None and previous.trigger.kind in CHAINING_KINDS and previous.end <= group[0].start \
            and group[-1].end < hit.start and "coordinator" in view.kinds(group[-1].end) \
            and not any(t in view.hit_at for t in range(previous.end, group[0].start)):
        # "KD can improve A, B and C and decrease D": the list belongs to the first verb,
        # and the second verb shares its subject
        hit.chained = True
        return [] if previous.reversed or previous.trigger.reversed else previous.agents
    if listed:
        return []  # "A, B and increased C": a list, not a verb with a subject
    relative = any("relative" in view.kinds(t) for t in range(group[-1].end, hit.start)) if group else False
    if group and previous is not None and previous.trigger.kind == "verb" and previous.patients \
            and view.tokens.lows[previous.start].endswith("ing") and group[0] is previous.patients[0] \
            and not relative:
        # "an intervention improving sleep may reduce X": sleep is the object of "improving"
        hit.chained = True
        return previous.agents
    if group and previous is not None and group[-1] in previous.patients and not relative:
        # "X reduces Y and Z increases W": Z is this verb's subject, not the previous object
        group = group[-1:]
        previous.patients = [p for p in previous.patients if p not in group]
    if group:
        hit.mediators = mediators_between(view, group[-1].end, hit.start)
        hit.population_subject = any("population" in view.kinds(t) for t in range(group[-1].end, hit.start))
    return group


def _treat(view: SentenceView, hit: Hit, right: list[Item], previous: Hit | None, clause_start: int) -> None:
    """"FMS therapy", "therapy for FMS", "effective in FMS": a treatment for a condition."""
    if after_adverbs(view, hit.end) in view.hit_at:
        hit.agents = _treat_agents(view, hit, previous, clause_start, hit.start)
        hit.right_end = hit.end
        return  # "effective in reducing pain": the next verb carries the relation
    before = next((i for i in reversed(view.items) if i.end == hit.start and view.tokens.joins[i.end - 1]), None)
    if before is not None and before.role in CONDITIONS:
        hit.patients = [before]
        hit.agents = _treat_agents(view, hit, previous, clause_start, before.start)
        return
    if view.tokens.lows[hit.end - 1] in ("for", "of", "in", "to", "against", "with", "treat"):
        hit.patients = [i for i in right[:1] if i.role in CONDITIONS or i.symptoms]
        hit.agents = _treat_agents(view, hit, previous, clause_start, hit.start)


def _treat_agents(view: SentenceView, hit: Hit, previous: Hit | None, clause_start: int, token: int) -> list[Item]:
    if hit.forced_agents is not None:
        return hit.forced_agents
    if hit.chained and previous is not None and previous.agents:
        return previous.agents
    group = [i for i in left_group(view, token, clause_start, comma_ok(view, token, clause_start))
             if i.role == ROLE_TREATMENT]
    if group or view.tokens.lows[hit.end - 1] not in ("for", "of", "in", "to", "against", "with", "treat"):
        return group  # a bare "therapy" takes its treatment from right before its condition
    for j in range(token - 1, clause_start - 1, -1):
        other = view.hit_at.get(j)
        if other is not None and other is not hit and other.trigger.kind not in ("treat", "treat_frame") \
                and not other.intransitive:
            return []
        if j in view.item_at and view.items[view.item_at[j]].role == ROLE_TREATMENT:
            return [view.items[view.item_at[j]]]
    return []


def _noun(view: SentenceView, hit: Hit, right: list[Item], previous: Hit | None, clause_start: int) -> None:
    """"reduction in pain (with exercise)", "pain relief": the subject comes from context."""
    if view.tokens.lows[hit.end - 1] in ("in", "of", "from", "on"):
        hit.patients = right
    else:
        before = next((i for i in reversed(view.items) if i.end == hit.start and view.tokens.joins[i.end - 1]), None)
        hit.patients = [before] if before is not None else []
    if not hit.patients:
        return
    end = max(hit.patients[-1].end, hit.end)
    if end < hit.limit and "agent" in view.kinds(end):
        first = view.first_item(end + 1, 2)
        if first is not None:
            hit.agents = view.coordinated_right(first, limit=hit.limit)
            hit.right_end = max(hit.right_end, hit.agents[-1].end)
            return
    if hit.forced_agents is not None:
        hit.agents = hit.forced_agents
    elif hit.chained and previous is not None and previous.agents:
        hit.agents = previous.agents
    else:
        hit.agents = [i for i in view.items if clause_start <= i.start < hit.start and i.role == ROLE_TREATMENT
                      and i not in hit.patients]


def _symmetric(view: SentenceView, hit: Hit, clause_start: int) -> None:
    """"correlation between X and Y", "coexistence of X and Y"."""
    items = right_items(view, hit, hit.end, MAX_SYMMETRIC_GAP)
    if not items:
        return
    if any("pair_split" in view.kinds(t) for t in range(hit.end, items[0].start)):
        return  # "associations of <something else> with X and Y"
    split = next((t for t in range(items[0].end, items[-1].start) if "pair_split" in view.kinds(t)
                  and t not in view.item_at), None)
    if split is None:
        left = left_group(view, hit.start, clause_start)
        if len(items) == 1 and left:
            hit.agents, hit.patients = left, items
        elif len(items) > 1:
            hit.agents, hit.patients = items[:1], items[1:]
        return
    hit.agents = [i for i in items if i.end <= split]
    hit.patients = [i for i in items if i.start > split]
    if not hit.patients or hit.patients[0].start - split > 3:
        hit.agents, hit.patients = [], []  # "effect of X on <something> in Y": Y is not the other side


def _treat_frame(view: SentenceView, hit: Hit, clause_start: int) -> None:
    """"efficacy of T in patients with D": T treats D; otherwise "effect of X on Y" relates X and Y."""
    first = view.first_item(hit.end, 4, through_treat=True)
    if first is None:
        return
    clause_end = view.clause_of(hit.start)[1]
    if first.role != ROLE_TREATMENT and first.start - hit.end > 1:
        return  # "effect of <something else> on X": not a relation of two concepts
    if first.role == ROLE_TREATMENT:
        hit.agents = view.coordinated_right(first, (ROLE_TREATMENT,), clause_end)
        hit.patients = [i for i in view.items if hit.agents[-1].end <= i.start < clause_end
                        and (i.role in CONDITIONS or i.symptoms)]
        hit.right_end = max([hit.end, *(i.end for i in hit.patients)])
    else:
        hit.trigger = Trigger(hit.trigger.phrase, DIRECTION_ASSOCIATED, "symmetric")
        _symmetric(view, hit, clause_start)


def _population(view: SentenceView, hit: Hit, previous: Hit | None, clause_start: int) -> None:
    """"X in patients with D": X is associated with D, or treats it when X is a treatment."""
    hit.patients = hit.conditions
    hit.right_end = hit.end
    subjects = left_group(view, hit.start, clause_start)
    if previous is not None and previous.trigger.kind not in CHAINING_KINDS \
            and set(subjects) & set(previous.patients + previous.agents):
        return  # "correlation between X and Y in FM patients": the setting of that relation
    if previous is not None and subjects and set(subjects) <= set(previous.patients):
        # "T reduced pain in FM patients": T was studied to treat FM
        treatments = [a for a in previous.agents if a.role == ROLE_TREATMENT]
        hit.agents = treatments
        hit.trigger = Trigger(hit.trigger.phrase, DIRECTION_TREATS, "population")
        hit.chained = True
        return
    hit.agents = subjects


def _hedge_and_negation(view: SentenceView, hit: Hit, previous: Hit | None, clause_start: int) -> None:
    modal_from = clause_start
    if previous is not None and not hit.chained and view.clause_of(previous.start)[0] == clause_start:
        modal_from = max(clause_start, previous.right_end)
    hedge = ""
    for cue in view.cues:
        if cue.start >= hit.start:
            break
        if cue.start >= clause_start and ("hedge_frame" in cue.kinds or ("hedge" in cue.kinds and cue.start >= modal_from)):
            hedge = cue.text
    if not hedge and hit.forced_agents is not None:
        hedge = _first_hedge_of_group(view, hit, clause_start)
    if not hedge and hit.chained and previous is not None:
        hedge = previous.hedge
    hit.hedge = hedge
    negation = ""
    start = max(hit.start - NEGATION_WINDOW, clause_start)
    if hit.agents and not hit.reversed and hit.agents[-1].end <= hit.start:
        start = max(start, hit.agents[-1].end)
    elif hit.patients and hit.patients[-1].end <= hit.start:
        start = max(start, hit.patients[-1].end)
    for t in range(start, hit.start):
        if t in view.item_at or (t in view.hit_at and view.hit_at[t] is not hit):
            negation = ""
            continue
        if "negation" in view.kinds(t):
            negation = view.cue_at[t].text
    subject_side = hit.patients if (hit.reversed or hit.trigger.reversed) else hit.agents
    if not negation and subject_side and subject_side[0].start < hit.start:
        for t in range(max(subject_side[0].start - 3, clause_start), subject_side[0].start):
            if "negation" in view.kinds(t) and t not in view.item_at:
                negation = view.cue_at[t].text  # "None of the X were associated with Y"
    first_object = min([i.start for i in (hit.patients + hit.agents) if i.start >= hit.end], default=hit.end)
    for t in range(hit.end, first_object):
        if "negation" in view.kinds(t):
            negation = view.cue_at[t].text
    if not negation and hit.chained and previous is not None and previous.negation:
        connector = view.tokens.lows[previous.right_end] if previous.right_end < hit.start else ""
        if connector in ("or", "nor"):
            negation = previous.negation
    if hit.trigger.negated and not negation:
        negation = hit.text
    hit.negation = negation


def _first_hedge_of_group(view: SentenceView, hit: Hit, clause_start: int) -> str:
    """"A and B might, respectively, ...": the hedge before "respectively" covers every group."""
    respectively = next((c for c in view.cues if "respectively" in c.kinds and c.start < hit.start), None)
    if respectively is None:
        return ""
    for cue in reversed(view.cues):
        if clause_start <= cue.start < respectively.end and cue.kinds & {"hedge", "hedge_frame"}:
            return cue.text
    return ""


# ---- relations ---------------------------------------------------------------------------


def _relations_of(view: SentenceView, hit: Hit) -> list[Relation]:
    if hit.intransitive or not hit.agents or not (hit.patients or hit.excepts):
        return []
    direction = hit.trigger.direction
    if hit.population_subject and direction != DIRECTION_TREATS:
        direction = DIRECTION_ASSOCIATED
    negated = bool(hit.negation)
    out: list[Relation] = []
    pairs = list(zip(hit.agents, hit.patients, strict=True)) if hit.pairwise else None
    treat_context = any(h.trigger.kind in ("treat", "treat_frame") for h in view.hits)
    for agent in hit.agents:
        if hit.trigger.kind == "population":
            # a treatment studied in a population treats its condition; mere use is an association
            treats = agent.role == ROLE_TREATMENT and (treat_context or direction == DIRECTION_TREATS)
            direction = DIRECTION_TREATS if treats else DIRECTION_ASSOCIATED
        sources = [agent]
        if hit.mediators:
            sources = hit.mediators
            for mediator in hit.mediators:
                out.append(Relation(agent, DIRECTION_INCREASES, mediator, False, hit.hedge, "", _VIA))
        for source in sources:
            for patient in hit.patients:
                if pairs is None or (agent, patient) in pairs:
                    out.append(Relation(source, direction, patient, negated, hit.hedge, hit.negation, hit.text))
    for exception in hit.excepts:
        flipped = not negated
        cue = hit.except_cue if flipped else ""
        if exception.role == ROLE_TREATMENT or any(exception.role == a.role for a in hit.agents):
            for patient in hit.patients:
                out.append(Relation(exception, direction, patient, flipped, hit.hedge, cue, hit.text))
        else:
            for agent in hit.agents:
                out.append(Relation(agent, direction, exception, flipped, hit.hedge, cue, hit.text))
    if hit.suppressed:
        out = [r for r in out if _resolved_direction(r) == DIRECTION_TREATS]
    return out


def _adjective_relations(view: SentenceView) -> list[Relation]:
    """"painful ischemia": ischemia increases pain; "X is stressful": X increases stress."""
    out: list[Relation] = []
    for start, end, concept_id in view.adjectives:
        concept = view.concepts.get(concept_id)
        if concept is None:
            continue
        text = view.tokens.span_text(start, end)
        target = Item(concept_id, concept.role, concept.valence, start, end, text)
        nxt = next((i for i in view.items if i.start >= end), None)
        if nxt is not None and nxt.start == end and view.tokens.joins[end - 1]:
            out.append(Relation(nxt, DIRECTION_INCREASES, target, False, "", "", text))
            continue
        j = start - 1
        while j >= view.start and view.grammar.is_adverb(view.tokens.lows[j]):
            j -= 1
        if j >= view.start and "copula" in view.kinds(j):
            clause_start = view.clause_of(start)[0]
            for subject in left_group(view, view.cue_at[j].start, clause_start, allow_comma=True):
                out.append(Relation(subject, DIRECTION_INCREASES, target, False, "", "", text))
    return out


def _cause_frames(view: SentenceView, found: list[Relation]) -> list[Relation]:
    """"the etiology of D ... X": mechanisms, biomarkers and risk factors of the sentence relate to D."""
    out: list[Relation] = []
    for hit in view.hits:
        if hit.trigger.kind != "cause_frame":
            continue
        disease = view.first_item(hit.end, 3)
        if disease is None or disease.role not in CONDITIONS:
            continue
        linked = {r.subject.concept_id for r in found if r.object.concept_id == disease.concept_id} | {
            r.object.concept_id for r in found if r.subject.concept_id == disease.concept_id}
        for item in view.items:
            if item.role in CAUSE_ROLES and item.concept_id != disease.concept_id and item.concept_id not in linked:
                linked.add(item.concept_id)
                out.append(Relation(item, DIRECTION_ASSOCIATED, disease, False, _clause_hedge(view, item), "",
                                    hit.text))
    return out


def _clause_hedge(view: SentenceView, item: Item) -> str:
    start, end = view.clause_of(item.start)
    return next((c.text for c in view.cues if start <= c.start < end and c.kinds & {"hedge", "hedge_frame"}), "")


def _resolved_direction(relation: Relation) -> str:
    return resolve_direction(relation.direction, relation.subject, relation.object) or ""


def resolve_direction(direction: str, subject: Item, obj: Item) -> str | None:
    """The final direction of a relation, or None when it cannot be stated.

    "improves"/"worsens" take the object's valence; a treatment that decreases a disease
    (or its symptoms) treats it; "treats" needs a treatment and a condition."""
    if direction in (IMPROVES, WORSENS):
        if obj.valence == 0:
            return None
        better = (direction == IMPROVES) == (obj.valence > 0)
        direction = DIRECTION_INCREASES if better else DIRECTION_DECREASES
    if direction == DIRECTION_DECREASES and subject.role == ROLE_TREATMENT and (obj.role == ROLE_DISEASE or obj.symptoms):
        return DIRECTION_TREATS
    if direction == DIRECTION_TREATS:
        if subject.role != ROLE_TREATMENT or not (obj.role in CONDITIONS or obj.symptoms):
            return None
        if obj.valence > 0:  # "effects of exercise on memory": a good thing is not treated
            return DIRECTION_ASSOCIATED
    return direction


def _finished(relations: list[Relation]) -> list[Relation]:
    seen: set[tuple[str, str, str, bool]] = set()
    out: list[Relation] = []
    for r in relations:
        direction = resolve_direction(r.direction, r.subject, r.object)
        if direction is None or r.subject.concept_id == r.object.concept_id:
            continue
        key = (r.subject.concept_id, direction, r.object.concept_id, r.negated)
        if key in seen:
            continue
        seen.add(key)
        out.append(Relation(r.subject, direction, r.object, r.negated, r.hedge_cue, r.negation_cue, r.trigger))
    return out
