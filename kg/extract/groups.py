"""Finding the concepts a trigger relates: the subject group before it and the objects after it.

Short gaps, no crossing of other triggers or clause boundaries, coordination ("A, B and C"),
prepositional heads ("pain OF FMS"), asides between commas and compound modifiers
("stress-related", "OA knee joints") decide which concepts belong to a trigger.
"""
from __future__ import annotations

from kg.extract.sentence_view import HYPHENS, Hit, Item, SentenceView

MAX_SUBJECT_GAP = 6  # tokens between a subject and its trigger
MAX_FIRST_OBJECT_GAP = 4  # tokens between a trigger and its first object
MAX_OBJECT_GAP = 5  # tokens between two objects of one trigger
NEAR_DETERMINER = 3  # a determiner this close before a trigger belongs to it ("is A consequence of")


def mediator_tokens(view: SentenceView, begin: int, end: int) -> set[int]:
    """Tokens of "via M" phrases between ``begin`` and ``end``."""
    tokens: set[int] = set()
    for cue in view.cues:
        if "mediator" in cue.kinds and begin <= cue.start < end:
            first = view.first_item(cue.end, 1)
            if first is not None:
                group = view.coordinated_right(first, limit=end)
                tokens.update(range(cue.start, group[-1].end))
    return tokens


def after_adverbs(view: SentenceView, token: int) -> int:
    while token < view.end and view.grammar.is_adverb(view.tokens.lows[token]) and token not in view.item_at:
        token += 1
    return token


def right_items(view: SentenceView, hit: Hit, begin: int, max_gap: int = MAX_OBJECT_GAP) -> list[Item]:
    """The objects after a trigger: items up to the next trigger, stop word or clause end.

    The first object follows closely with no comma before it ("increased glucose, short
    sleep" lists two things); later ones are joined to it."""
    items: list[Item] = []
    last = begin
    t = begin
    while t < hit.limit:
        if not items and t >= hit.end and "coordinator" in view.punct.get(t - 1, frozenset()):
            break
        if not items and "copula" in view.kinds(t):
            break  # "X attributable to Y WERE Z": Z is not the object
        kinds = view.kinds(t)
        if t in view.hit_at:
            break
        if "except" in kinds:
            first = view.first_item(view.cue_at[t].end, 2)
            if first is not None and first.end <= hit.limit:
                hit.excepts = view.coordinated_right(first, limit=hit.limit)
                hit.except_cue = view.cue_at[t].text
                hit.right_end = max(hit.right_end, hit.excepts[-1].end)
            break
        if kinds & {"stop", "mediator"} or (t > begin and "boundary" in view.punct.get(t - 1, frozenset())):
            break
        if t in view.item_at:
            item = view.items[view.item_at[t]]
            if item.start - last > (max_gap if items else min(max_gap, MAX_FIRST_OBJECT_GAP)):
                break
            if not items and complement(view, item.start, hit.end, fronted=False):
                break  # "stress-induced mouse model OF depression": depression hangs off "model"
            if not classified(view, item) and not compound_modifier(view, item) and item.role:
                items.append(item)
            last = item.end
            hit.right_end = max(hit.right_end, item.end)
            t = item.end
            continue
        t += 1
    return items


def compound_modifier(view: SentenceView, item: Item) -> bool:
    """"stress-related", "NADH-ubiquinone oxidoreductase", "OA knee joints": the concept only
    modifies the noun after it (a content word that is no cue, no measure like "levels" and no
    participle like "referred")."""
    tokens = view.tokens
    nxt = item.end
    if nxt < view.end and nxt not in view.item_at and nxt not in view.hit_at and nxt not in view.cue_at \
            and tokens.gap(item.end - 1).strip() == "" and tokens.lows[nxt].isalpha() \
            and not tokens.lows[nxt].endswith("ed") and not view.grammar.is_adverb(tokens.lows[nxt]) \
            and not any(nxt == a[0] for a in view.adjectives):
        return True
    if item.end < view.end and tokens.gap(item.end - 1).strip() in HYPHENS \
            and item.end not in view.item_at and item.end not in view.hit_at:
        return True
    return item.start > view.start and tokens.gap(item.start - 1).strip() in HYPHENS \
        and item.start - 1 not in view.item_at and item.start - 1 not in view.hit_at


def classified(view: SentenceView, item: Item) -> bool:
    """"establishing FMS AS A disorder": the item is named, not affected."""
    return "classifier" in view.kinds(item.end)


def left_group(view: SentenceView, token: int, clause_start: int, allow_comma: bool = False) -> list[Item]:
    """The concept group just before ``token``: its head and the items coordinated with it.

    The gap to ``token`` is short, holds no other trigger, no pronoun subject, no new noun
    phrase, no open parenthesis and (unless ``allow_comma``) no comma."""
    j = token - 1
    if allow_comma and j >= clause_start and "," in view.tokens.gap(j):
        # "FMS pain, with or without a regional pain condition, is stressful": skip the aside
        for k in range(j - 1, clause_start - 1, -1):
            if k in view.hit_at:
                break
            if "," in view.tokens.gap(k):
                if k in view.item_at:
                    aside = left_group(view, k + 1, clause_start)
                    if aside:
                        return aside
                break
    relative = pronoun = False
    gap = 0
    mediators = mediator_tokens(view, clause_start, token)
    text = view.tokens.text
    content_seen = False  # a word that is no cue: "these PATIENTS" makes "these" a determiner
    depth = 0  # parentheses closed (walking left) and not yet opened
    while j >= clause_start:
        between = text[view.tokens.ends[j]:view.tokens.starts[j + 1]] if j + 1 < len(view.tokens) else ""
        in_mediator = j in mediators or j + 1 in mediators
        depth += between.count(")") - between.count("(")
        if depth < 0 or (not in_mediator and j + 1 < token and "," in between and not allow_comma):
            return []  # the trigger sits inside parentheses, or a comma separates it
        if j in view.item_at and j not in mediators:
            break
        hit = view.hit_at.get(j)
        if hit is not None and not hit.intransitive:
            return []
        kinds = view.kinds(j)
        if "relative" in kinds:
            relative = True
            if j - 1 not in view.item_at:
                return []  # "the factors that cause X": the antecedent is no concept
        elif "pronoun" in kinds and not content_seen:
            pronoun = True
        if not kinds and j not in mediators and not view.grammar.is_adverb(view.tokens.lows[j]):
            content_seen = True
        if "determiner" in kinds and token - j > NEAR_DETERMINER:
            return []
        if j not in mediators:
            gap += 1
        j -= 1
    else:
        return []
    if gap > MAX_SUBJECT_GAP or (pronoun and not relative):
        return []
    head = view.items[view.item_at[j]]
    if compound_modifier(view, head):
        return []
    before = next((i for i in reversed(view.items) if i.end <= head.start), None)
    if before is not None and before.end == head.start - 1 and before.start >= clause_start \
            and view.tokens.lows[before.end] in ("of", "in", "on", "among", "for") and not view.punct.get(before.end - 1):
        head = before  # "pain OF FMS can be...": the head noun is pain
    group = [head]
    while True:
        prior = next((i for i in reversed(view.items) if i.end <= group[0].start), None)
        if prior is None or prior.start < clause_start or not view.is_coordination(prior.end, group[0].start):
            break
        group.insert(0, prior)
    if complement(view, group[0].start, clause_start):
        return []
    return group


def comma_ok(view: SentenceView, token: int, clause_start: int) -> bool:
    """A comma may separate a subject from a verb introduced by is/may/which/not ("X, ..., is")."""
    before = token - 1
    while before > clause_start and view.grammar.is_adverb(view.tokens.lows[before]):
        before -= 1
    return bool(view.kinds(before) & {"copula", "hedge", "relative", "negation", "respectively"})


def complement(view: SentenceView, start: int, clause_start: int, fronted: bool = True) -> bool:
    """"the effects of discrimination ON depression may...": the concept hangs off another noun."""
    before = start - 1
    if before < clause_start or "preposition" not in view.kinds(before) or before in view.hit_at:
        return False
    if before == clause_start and fronted:
        return True  # "In MDD, six targets were associated with...": a fronted setting
    head = before - 1
    if head < clause_start or head in view.item_at or head in view.hit_at:
        return False
    return "transparent" not in view.kinds(head) and "preposition" not in view.kinds(head)


def sentential_which(view: SentenceView, begin: int, end: int) -> bool:
    """A relative pronoun right after a comma: it refers to the clause before it."""
    for t in range(begin, end):
        if "relative" in view.kinds(t):
            return "coordinator" in view.punct.get(t - 1, frozenset())
    return False


def mediators_between(view: SentenceView, begin: int, end: int) -> list[Item]:
    tokens = mediator_tokens(view, begin, end)
    return [i for i in view.items if i.start in tokens]
