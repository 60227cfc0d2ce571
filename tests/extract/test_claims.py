"""Claims read from sentences written for these tests, one family of grammar at a time."""
from __future__ import annotations

import pytest

from kg.extract import EXTRACTOR_FACTORIES, ExtractionConfig, build_extractors, extract_document
from kg.extract.claims import ClaimExtractor
from kg.extract.mentions import MentionExtractor
from kg.records import Document, TextSection, Work

EXTRACTORS = build_extractors(ExtractionConfig())


def _facts(text: str, title: str = "", source: str = "in.txt"):
    work = Work(title=title, sections=(TextSection("abstract", text),) if text else ())
    return extract_document(Document(source, work), EXTRACTORS)


def claims(text: str, title: str = "") -> set[tuple[str, str, str, bool, bool]]:
    """(subject label, direction, object label, negated, hedged) of every evidence."""
    facts = _facts(text, title)
    label = {cid: c.label for cid, c in facts.concepts.items()}
    return {(label[e.subject_id], e.direction, label[e.object_id], e.negated, e.hedged) for e in facts.evidences}


def triples(text: str, title: str = "") -> set[tuple[str, str, str]]:
    return {(s, d, o) for s, d, o, _, _ in claims(text, title)}


def test_registry_runs_mentions_before_claims():
    assert EXTRACTOR_FACTORIES.index(MentionExtractor) < EXTRACTOR_FACTORIES.index(ClaimExtractor)


# ---- coordination -----------------------------------------------------------------------
def test_a_verb_applies_to_every_coordinated_object():
    assert triples("Yoga attenuates anxiety, fatigue, and insomnia.") == {
        ("yoga", "decreases", "anxiety"), ("yoga", "decreases", "fatigue"), ("yoga", "decreases", "insomnia")}


def test_coordinated_verbs_share_the_subject_but_not_the_objects():
    found = triples("Duloxetine has been shown to reduce pain and to lessen anxiety and improve sleep quality and cognition.")
    assert found == {("duloxetine", "decreases", "pain"), ("duloxetine", "decreases", "anxiety"),
                     ("duloxetine", "increases", "sleep quality"), ("duloxetine", "increases", "cognition")}


def test_coordinated_subjects():
    assert triples("Obesity and smoking are linked to chronic pain.") == {
        ("obesity", "associated", "chronic pain"), ("smoking", "associated", "chronic pain")}


def test_a_new_subject_after_and_takes_its_own_verb():
    assert triples("Yoga reduced anxiety and insomnia increased fatigue.") == {
        ("yoga", "decreases", "anxiety"), ("insomnia", "increases", "fatigue")}


# ---- respectively ---------------------------------------------------------------------------
def test_respectively_gives_each_subject_its_own_outcomes():
    found = claims("Pregabalin and tai chi might, respectively, be effective in lowering pain and anxiety, "
                   "and in improving fatigue.")
    assert found == {("pregabalin", "decreases", "pain", False, True),
                     ("pregabalin", "decreases", "anxiety", False, True),
                     ("Tai Ji", "decreases", "fatigue", False, True)}


def test_respectively_at_the_end_pairs_in_order():
    assert triples("Duloxetine and yoga reduced pain and fatigue, respectively.") == {
        ("duloxetine", "decreases", "pain"), ("yoga", "decreases", "fatigue")}


# ---- passive and reversed -------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("Pain is reduced by acupuncture.", ("acupuncture", "decreases", "pain")),
    ("Fatigue was improved with aerobic exercise.", ("aerobic exercise", "decreases", "fatigue")),
    ("Insomnia is caused by anxiety.", ("anxiety", "increases", "insomnia")),
    ("Headache is induced by sleep deprivation.", ("sleep deprivation", "increases", "headache")),
    ("Allodynia results from neuroinflammation.", ("neuroinflammation", "increases", "allodynia")),
    ("Hyperalgesia due to central sensitization is frequent.", ("central sensitization", "increases", "hyperalgesia")),
    ("Stress-induced hyperalgesia was measured.", ("psychological stress", "increases", "hyperalgesia")),
])
def test_passive_and_reversed_phrases_put_the_cause_first(sentence, expected):
    assert triples(sentence) == {expected}


def test_a_consequence_of_is_reversed_and_hedged_by_can():
    assert claims("Chronic fatigue in lupus can be a consequence of insomnia.") == {
        ("insomnia", "increases", "fatigue", False, True)}


def test_a_verb_without_object_states_nothing():
    assert triples("Pain decreased in the yoga group.") == set()


# ---- valence ---------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("Tai chi improves fatigue.", ("Tai Ji", "decreases", "fatigue")),
    ("Tai chi improves sleep quality.", ("Tai Ji", "increases", "sleep quality")),
    ("Opioids worsen sleep quality.", ("opioids", "decreases", "sleep quality")),
    ("Opioids worsen hyperalgesia.", ("opioids", "increases", "hyperalgesia")),
    ("Yoga led to an improvement in quality of life.", ("yoga", "increases", "quality of life")),
])
def test_improve_and_worsen_follow_the_object_valence(sentence, expected):
    assert triples(sentence) == {expected}


def test_improving_a_neutral_thing_says_nothing():
    assert triples("Yoga improves cortisol.") == set()


# ---- hedging --------------------------------------------------------------------------------
def test_hedge_cues():
    assert claims("Mindfulness may reduce anxiety.") == {("mindfulness", "decreases", "anxiety", False, True)}
    assert claims("These results suggest that yoga decreases pain.") == {("yoga", "decreases", "pain", False, True)}
    assert claims("Yoga decreased pain.") == {("yoga", "decreases", "pain", False, False)}


def test_a_hedge_after_the_claim_does_not_hedge_it():
    found = claims("Exercise reduced pain, which may improve sleep quality.")
    assert found == {("exercise", "decreases", "pain", False, False),
                     ("exercise", "increases", "sleep quality", False, True)}


def test_which_without_comma_refers_to_the_concept_before_it():
    assert ("insomnia", "increases", "fatigue") in triples("Yoga reduced insomnia which increases fatigue.")


def test_hedge_cue_word_is_recorded():
    facts = _facts("Massage could relieve stiffness.")
    assert [(e.hedged, e.hedge_cue) for e in facts.evidences] == [(True, "could")]


# ---- negation -------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected, cue", [
    ("Amitriptyline did not reduce fatigue.", ("amitriptyline", "decreases", "fatigue"), "did not"),
    ("Gabapentin failed to improve sleep quality.", ("gabapentin", "increases", "sleep quality"), "failed to"),
    ("Obesity was not associated with anxiety.", ("obesity", "associated", "anxiety"), "was not"),
    ("There was no significant correlation between cortisol and pain.", ("cortisol", "associated", "pain"),
     "no significant"),
    ("Serotonin is unrelated to fatigue.", ("serotonin", "associated", "fatigue"), "unrelated to"),
])
def test_negated_claims_keep_their_cue(sentence, expected, cue):
    facts = _facts(sentence)
    label = {cid: c.label for cid, c in facts.concepts.items()}
    assert [(label[e.subject_id], e.direction, label[e.object_id], e.negated, e.negation_cue)
            for e in facts.evidences] == [(*expected, True, cue)]


def test_not_only_is_no_negation():
    assert claims("Yoga not only reduced pain.") == {("yoga", "decreases", "pain", False, False)}


# ---- except ---------------------------------------------------------------------------------
def test_except_with_flips_the_claim_for_the_exception():
    found = claims("Antidepressants produced no reduction in cortisol levels except with sertraline.")
    assert found == {("antidepressants", "decreases", "cortisol", True, False),
                     ("sertraline", "decreases", "cortisol", False, False)}


def test_a_title_with_an_implicit_subject_and_an_exception():
    found = claims("", title="Comparing Antiepileptics in Migraine Care, Showing No Decrease in Substance P "
                              "Except with Gabapentin")
    assert ("anticonvulsants", "decreases", "substance P", True, False) in found
    assert ("gabapentin", "decreases", "substance P", False, False) in found
    assert ("anticonvulsants", "decreases", "substance P", False, False) not in found


def test_except_for_an_object():
    found = claims("Milnacipran reduced pain and fatigue but not depression.")
    assert found == {("milnacipran", "decreases", "pain", False, False),
                     ("milnacipran", "decreases", "fatigue", False, False),
                     ("milnacipran", "decreases", "depression", True, False)}


# ---- treats ---------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("Milnacipran is an effective treatment for fibromyalgia.", ("milnacipran", "treats", "fibromyalgia")),
    ("Efficacy of pregabalin in a cohort of women with fibromyalgia.", ("pregabalin", "treats", "fibromyalgia")),
    ("Hydrotherapy should be regarded as a first-line option for FM therapy.", ("hydrotherapy", "treats", "fibromyalgia")),
    ("Amitriptyline alleviates migraine.", ("amitriptyline", "treats", "migraine")),
    ("Benefits of duloxetine in patients with osteoarthritis: a randomized trial.",
     ("duloxetine", "treats", "osteoarthritis")),
])
def test_treatment_patterns(sentence, expected):
    assert expected in triples(sentence)


def test_reducing_symptoms_treats_the_disease_of_the_paper():
    found = claims("Interventions like yoga and CBT may help reduce symptoms.", title="Fibromyalgia care")
    assert found == {("yoga", "treats", "fibromyalgia", False, True),
                     ("cognitive behavioral therapy", "treats", "fibromyalgia", False, True)}


def test_treats_needs_a_treatment_and_a_condition():
    assert triples("Stress is an effective treatment for boredom and cortisol therapy for pain.") == set()


# ---- associated -----------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("Depression is linked to fibromyalgia.", ("depression", "associated", "fibromyalgia")),
    ("Cortisol levels were associated with pain.", ("cortisol", "associated", "pain")),
    ("Coexistence of migraine and irritable bowel syndrome.", ("migraine", "associated", "irritable bowel syndrome")),
    ("Concomitant depression in patients with rheumatoid arthritis.", ("depression", "associated", "rheumatoid arthritis")),
    ("Chronic fatigue syndrome is characterized by fatigue.", ("chronic fatigue syndrome", "associated", "fatigue")),
    ("Anxiety interacts reciprocally with insomnia.", ("anxiety", "associated", "insomnia")),
    ("Association of smoking with low back pain.", ("smoking", "associated", "low back pain")),
])
def test_association_patterns(sentence, expected):
    assert triples(sentence) == {expected}


def test_mere_use_in_a_population_is_an_association():
    assert triples("Opioid use among persons with HIV.") == {("opioids", "associated", "HIV infections")}


def test_a_group_difference_in_patients_is_an_association_not_a_cause():
    assert triples("Fibromyalgia patients had increased levels of interleukin-6.") == {
        ("fibromyalgia", "associated", "interleukin-6")}


def test_cooccurrence_without_a_trigger_is_no_claim():
    assert triples("Pain, fatigue and depression were measured in fibromyalgia.") == set()


def test_etiology_frame_relates_mechanisms_to_the_disease():
    found = claims("Regarding the pathogenesis of this disease, central sensitization and neuroinflammation "
                   "might be involved.", title="Fibromyalgia")
    assert ("central sensitization", "associated", "fibromyalgia", False, True) in found
    assert ("neuroinflammation", "associated", "fibromyalgia", False, True) in found


# ---- via, adjectives, aims ----------------------------------------------------------------
def test_via_splits_a_chain_of_causes():
    assert triples("Anxiety acts peripherally, via sympathetic activation, to worsen myalgia.") == {
        ("anxiety", "increases", "sympathetic activation"), ("sympathetic activation", "increases", "myalgia")}


def test_causal_adjectives():
    assert triples("Obesity is stressful.") == {("obesity", "increases", "psychological stress")}
    assert triples("They described painful neuroinflammation.") == {("neuroinflammation", "increases", "pain")}


def test_aims_and_questions_are_not_findings():
    assert triples("We investigated whether exercise reduces pain.") == set()
    assert triples("To evaluate the efficacy of duloxetine in fibromyalgia.") == {
        ("duloxetine", "treats", "fibromyalgia")}
    assert claims("Does yoga reduce pain?") == {("yoga", "decreases", "pain", False, True)}


# ---- evidence records ---------------------------------------------------------------------
def test_evidence_points_back_to_its_sentence():
    text = "Pain is common. Yoga reduced pain in women with fibromyalgia."
    facts = _facts(text, title="Yoga study", source="dir/input.xml")
    evidence = next(e for e in facts.evidences if e.direction == "decreases")
    assert text[evidence.start:evidence.end] == evidence.sentence == "Yoga reduced pain in women with fibromyalgia."
    assert (evidence.source_file, evidence.work_index, evidence.section_index, evidence.section) == (
        "dir/input.xml", 0, 1, "abstract")
    assert (evidence.subject_text, evidence.object_text, evidence.trigger) == ("Yoga", "pain", "reduced")
    assert ("yoga", "treats", "fibromyalgia") in triples(text)
    for e in facts.evidences:
        assert e.subject_id in facts.concepts and e.object_id in facts.concepts


def test_claims_come_from_every_work_of_the_document():
    doc = Document("in.txt", Work(title="Yoga reduces pain."),
                   references=(Work(title="Obesity is linked to fibromyalgia."),))
    facts = extract_document(doc, EXTRACTORS)
    assert sorted((e.work_index, e.section, e.direction) for e in facts.evidences) == [
        (0, "title", "decreases"), (1, "title", "associated")]


def test_extraction_is_deterministic():
    text = "Stress acts via autonomic dysregulation to aggravate pain, and exercise may relieve stiffness."
    assert _facts(text).evidences == _facts(text).evidences
