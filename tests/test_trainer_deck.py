"""What trainer mode shows, without Qt: examples from the catalogue and the corpus, a session
resolved into examples and slides, the gallery's filters and the quiz score."""
import pytest

from corpus.schema import read_corpus
from desktop.trainer_deck import (SAMPLES, QuizRound, _Marker, gallery_examples, matches, passage_example,
                                  resolve_session, rule_examples)
from guidelines.catalogue import load_catalogue
from guidelines.sessions import Session, article_item, passage_item, rule_example


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def passages():
    return read_corpus()


def test_a_rules_bad_example_marks_the_words_its_signals_see(catalogue):
    bad, good = rule_examples(catalogue, catalogue.get("VID-01"), _Marker(catalogue))
    assert bad.practice == "bad" and bad.labels == ["victim_identification"]
    (flag,) = bad.flags
    assert [bad.text[a:b] for a, b in flag.marks] == ["Daniela Moraru"]
    assert flag.rewrite == catalogue.get("VID-01").rewrite and flag.sources
    assert good.practice == "good" and good.labels == [] and good.replaces == bad.text
    assert good.complies.rule_id == "VID-01"


def test_a_corpus_passage_shows_its_annotated_words_and_its_neighbours(catalogue, passages):
    by_id = {p.id: p for p in passages}
    group = sorted((p for p in passages if p.article == "b1-a001"), key=lambda p: p.line)
    example, unknown = passage_example(by_id["b1-a001-02"], catalogue, group)
    assert unknown == []
    assert example.practice == "bad"
    assert set(example.labels) == set(by_id["b1-a001-02"].labels)
    vid = next(f for f in example.flags if f.rule_id == "VID-01")
    assert [example.text[a:b] for a, b in vid.marks] == ["Ermira"]
    assert example.before.startswith("SEX SLAVE HELL")       # the headline before it
    assert example.after                                      # and the passage after it
    assert "sexual exploitation" in example.origin


def test_resolving_a_session_reports_what_it_cannot_show(catalogue, passages, tmp_path):
    session = Session("Mixed", [rule_example("VID-01"), rule_example("NOPE-01"), passage_item("b1-a001-01"),
                                passage_item("x-999"), article_item(tmp_path / "gone.md"),
                                article_item(sample="01-house-of-horrors-tabloid.md")])
    deck = resolve_session(session, catalogue, passages, engine=None)
    assert [e.key for e in deck.examples] == ["rule:VID-01:bad", "passage:b1-a001-01"]
    problems = "\n".join(deck.problems)
    assert "item 2 (NOPE-01 bad example): no rule NOPE-01 in the catalogue" in problems
    assert "item 4 (corpus passage x-999): no passage x-999 in the corpus" in problems
    assert "gone.md" in problems and "cannot read" in problems
    assert "item 6" in problems and "the model is not loaded" in problems
    slides = deck.slides()
    assert len(slides) == 1 + len(deck.examples[1].flags)       # one step per flag
    assert [s.flag.rule_id for s in slides[1:]] == [f.rule_id for f in deck.examples[1].flags]


def test_an_article_is_shown_flag_by_flag(catalogue, passages, engine):
    session = Session("Article", [article_item(sample="01-house-of-horrors-tabloid.md")])
    deck = resolve_session(session, engine.catalogue, passages, engine)
    assert deck.problems == []
    analysis = engine.analyze((SAMPLES / "01-house-of-horrors-tabloid.md").read_text(encoding="utf-8"))
    flagged = [p for p in analysis.passages if p.findings]
    assert [e.text for e in deck.examples] == [p.passage.text for p in flagged]
    assert len(deck.slides()) == sum(len({f.rule_id for f in p.findings}) for p in flagged)
    first = deck.examples[0]
    assert first.flags[0].rule_id in engine.catalogue and first.flags[0].rationale


def test_gallery_filters(catalogue, passages):
    examples = gallery_examples(catalogue, passages)
    assert len(examples) == 2 * len(catalogue) + len(passages)
    labour = [e for e in examples if matches(e, exploitation="labour", practice="bad")]
    assert labour and all(e.exploitation == "labour" and e.labels for e in labour)
    good = [e for e in examples if matches(e, practice="good", label="victim_blaming")]
    assert good and all(e.practice == "good" for e in good)
    # good practice for a label: the catalogue rewrites of that label's rules
    assert {e.complies.rule_id for e in good if e.complies} == {r.id for r in catalogue.by_label("victim_blaming")}
    by_rule = [e for e in examples if matches(e, rule="SEN-01")]
    assert by_rule and all("SEN-01" in e.rule_ids for e in by_rule)
    assert any(e.kind == "passage" for e in by_rule) and any(e.kind == "rule_example" for e in by_rule)


def test_quiz_score_per_label_and_round(catalogue):
    vid_bad, vid_good = rule_examples(catalogue, catalogue.get("VID-01"))
    sen_bad, _ = rule_examples(catalogue, catalogue.get("SEN-01"))
    quiz = QuizRound([vid_bad, vid_good, sen_bad, vid_bad])
    quiz.toggle(0, "victim_identification")            # right
    quiz.reveal(0)
    quiz.toggle(0, "sensationalism")                   # locked after the reveal: ignored
    quiz.nothing_wrong(1)                              # right: the rewrite is clean
    quiz.reveal(1)
    quiz.toggle(2, "victim_identification")            # wrong label, and sensationalism missed
    quiz.reveal(2)
    quiz.reveal(3)                                     # revealed without an answer: not scored
    score = quiz.score()
    assert (score["answered"], score["right"], score["questions"]) == (3, 2, 4)
    assert score["per_label"]["victim_identification"] == {"right": 2, "wrong": 1}
    assert score["per_label"]["sensationalism"] == {"right": 2, "wrong": 1}
    assert score["per_label"]["terminology"] == {"right": 3, "wrong": 0}
    assert quiz.verdict(2)["sensationalism"] == "missed"
    assert quiz.verdict(2)["victim_identification"] == "false"
    assert quiz.verdict(3) is None
