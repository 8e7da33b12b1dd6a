"""The annotation workflow's core: store, agreement, pseudonymisation, interchange, export and merge."""
from __future__ import annotations

import json
import sqlite3

import pytest

from corpus.agreement import agreement, cohen_kappa, fleiss_kappa, krippendorff_alpha
from corpus.annotation_store import AnnotationStore, NewItem, read_decision_file
from corpus.interchange import (InterchangeError, read_doccano, read_label_studio, write_doccano,
                                write_label_studio)
from corpus.pseudonymise import Pseudonymiser, Replacement, apply, survivors
from corpus.review_store import StoreError

VID, SEN, TERM = "victim_identification", "sensationalism", "terminology"


def item(text, article="a1", position=0, **kw):
    return NewItem(source="test.md", article=article, position=position, text=text, **kw)


@pytest.fixture
def store(tmp_path):
    s = AnnotationStore(tmp_path / "ann.sqlite3")
    s.add_items([item("First passage about a raid.", position=0, uncertainty=0.2),
                 item("Second passage naming Ana Petrova, 16.", position=1, uncertainty=0.9),
                 item("Third passage on illegal immigrants.", position=2, uncertainty=0.5)])
    yield s
    s.close()


# ---------------------------------------------------------------- store
def test_queue_orders_and_decisions_survive_reopening(store, tmp_path):
    by_doubt = [i.text.split()[0] for i in store.queue("ann")]
    assert by_doubt == ["Second", "Third", "First"]
    assert [i.position for i in store.queue("ann", "article")] == [0, 1, 2]
    shuffled = [i.id for i in store.queue("ann", "random", seed=3)]
    assert shuffled == [i.id for i in store.queue("ann", "random", seed=3)] and sorted(shuffled) == [1, 2, 3]

    second = store.queue("ann")[0]
    store.decide(second.id, "ann", "accept", [VID], [{"start": 22, "end": 33, "label": VID}])
    store.decide(store.queue("ann")[0].id, "ann", "skip")
    assert [i.text.split()[0] for i in store.queue("ann")] == ["First", "Third"]   # skipped goes last
    store.close()
    again = AnnotationStore(tmp_path / "ann.sqlite3")
    decided, total, counts = again.progress("ann")
    assert (decided, total, counts[VID]) == (1, 3, 1)
    assert again.current("ann")[second.id].spans == ({"start": 22, "end": 33, "label": VID},)
    again.close()


def test_undo_restores_the_decision_it_replaced(store):
    first = store.queue("ann", "article")[0]
    store.decide(first.id, "ann", "accept", [SEN])
    store.decide(first.id, "ann", "reject")
    assert store.current("ann")[first.id].action == "reject"
    undone = store.undo("ann")
    assert undone.item_id == first.id and store.current("ann")[first.id].labels == (SEN,)
    store.undo("ann")
    assert first.id not in store.current("ann")
    assert store.undo("ann") is None
    states = [r["state"] for r in store.history()]
    assert states == ["undone", "undone"]     # nothing deleted: the history keeps both


def test_bad_decisions_are_refused_and_change_nothing(store):
    target = store.queue("ann")[0]
    with pytest.raises(ValueError, match="unknown label"):
        store.decide(target.id, "ann", "accept", ["gossip"])
    with pytest.raises(ValueError, match="bad span"):
        store.decide(target.id, "ann", "accept", [VID], [{"start": 5, "end": 500, "label": VID}])
    with pytest.raises(ValueError, match="annotator"):
        store.decide(target.id, "  ", "accept", [VID])
    assert store.history() == []


def test_a_foreign_file_is_refused_untouched(tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE t (x)")
    before = other.read_bytes()
    with pytest.raises(StoreError, match="not a thb-review annotation store"):
        AnnotationStore(other)
    assert other.read_bytes() == before


def test_exchange_between_annotators(store, tmp_path):
    a, b, c = store.queue("x", "article")
    store.decide(a.id, "Ana", "accept", [SEN])
    store.decide(b.id, "Ana", "accept", [VID])
    path = tmp_path / "ana.jsonl"
    assert store.export_decisions(path, "Ana") == 2
    records = read_decision_file(path)
    other = AnnotationStore(tmp_path / "bo.sqlite3")
    assert other.import_records(records, str(path)) == (2, 2)
    assert other.import_records(records, str(path)) == (0, 0)      # importing twice adds nothing
    assert {d.labels for d in other.all_current()} == {(SEN,), (VID,)}
    other.close()
    path.write_text('{"format": "thb-review.annotations", "text": "x", "annotator": "A", "action": "accept", '
                    '"labels": ["gossip"]}\n', encoding="utf-8")
    with pytest.raises(Exception, match=r"ana.jsonl:1: unknown label"):
        read_decision_file(path)


# ---------------------------------------------------------------- agreement
def test_cohen_kappa_against_a_hand_computed_case_and_sklearn():
    from sklearn.metrics import cohen_kappa_score

    a = [1, 1, 0, 0, 1, 0, 1, 0, 1, 1]
    b = [1, 0, 0, 0, 1, 0, 1, 1, 1, 1]
    # p_o = 8/10, p_e = .6*.6 + .4*.4 = .52, kappa = (.8 - .52) / (1 - .52)
    assert cohen_kappa(a, b) == pytest.approx(0.28 / 0.48)
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))
    c = [0, 1, 1, 0, 0, 0, 1, 1, 0, 1]
    assert cohen_kappa(a, c) == pytest.approx(cohen_kappa_score(a, c))
    assert cohen_kappa([0, 0, 0], [0, 0, 0]) is None      # no variation: undefined, not 1.0


def test_fleiss_and_krippendorff_against_a_hand_computed_case():
    ratings = [[1, 1, 1], [0, 0, 0], [1, 1, 0], [0, 0, 1]]
    # P_i = 1, 1, 1/3, 1/3 -> mean 2/3; p_yes = 6/12 -> P_e = .5; kappa = (2/3 - 1/2) / (1/2)
    assert fleiss_kappa(ratings) == pytest.approx(1 / 3)
    # coincidences o00 = o11 = 4, o01 = o10 = 2, n0 = n1 = 6: alpha = 1 - 11 * 4 / 72
    assert krippendorff_alpha(ratings) == pytest.approx(1 - 44 / 72)
    # a missing rating simply leaves a unit shorter; a unit with one value pairs with nothing
    # (o11 = o00 = 2, o01 = o10 = 1, n0 = n1 = 3: alpha = 1 - 5 * 2 / 18)
    assert krippendorff_alpha([[1, 1], [0, 0], [1, 0], [1]]) == pytest.approx(1 - 5 * 2 / 18)


def test_agreement_per_label_and_the_disagreements(store):
    ids = [i.id for i in store.queue("x", "article")]
    for annotator, labels in (("A", [[SEN], [VID], []]), ("B", [[SEN], [VID, SEN], []])):
        for item_id, chosen in zip(ids, labels):
            store.decide(item_id, annotator, "accept" if chosen else "reject", chosen)
    report = agreement(store.all_current())
    figures = {x.label: x for x in report.per_label}
    assert figures[VID].cohen == pytest.approx(1.0)
    assert figures[VID].percent == 1.0 and figures[SEN].percent == pytest.approx(2 / 3)
    # sensationalism: A = 1,0,0; B = 1,1,0 -> p_o = 2/3, p_e = 1/3*2/3 + 2/3*1/3 = 4/9
    assert figures[SEN].cohen == pytest.approx((2 / 3 - 4 / 9) / (1 - 4 / 9))
    assert [d.item_id for d in report.disagreements] == [ids[1]]
    assert store.unresolved()[0].id == ids[1]
    store.decide(ids[1], "A", "accept", [VID, SEN], settles=True)
    assert store.unresolved() == [] and len(store.resolved()) == 3
    assert agreement(store.all_current()).disagreements[0].settled == (VID, SEN)
    assert store.current("A")[ids[1]].labels == (VID,)       # A's own rating still counts for agreement


# ---------------------------------------------------------------- pseudonymisation
PASSAGES = [
    ("Police rescued Ana Petrova, 16, from the village of Dolna Breza on Monday.", "body"),
    ("Ana told reporters she had worked at Sunny Valley Farm near 12 Mill Lane.", "body"),
    ("Inspector Mara Velic said the investigation continues.", "body"),
    ("ANA PETROVA SPEAKS: the girl from Dolna Breza", "headline"),
]


def test_no_original_name_survives_and_placeholders_are_consistent():
    proposals = Pseudonymiser().propose(PASSAGES)
    by_original = {r.original: r for r in proposals}
    assert by_original["Ana Petrova"].replacement == "[Name 1]"
    assert by_original["Ana"].replacement == "[Name 1]"          # the first name alone is the same person
    assert "Mara Velic" not in by_original                        # an official is named in her role
    out = [apply(text, proposals)[0] for text, _ in PASSAGES]
    joined = " ".join(out)
    for original in ("Ana", "Petrova", "Dolna Breza", "Sunny Valley", "Mill Lane"):
        assert original.lower() not in joined.lower(), (original, out)
    assert survivors(out, proposals) == []
    assert "[village]" in out[0] and "[Name 1]" in out[3] and "16" in out[0]      # ages are kept
    assert "Mara Velic" in out[2]


def test_the_annotator_edits_and_adds_replacements_and_spans_move_with_the_text():
    text = "Ana Petrova, 16, was sold in Dolna Breza."
    spans = [{"start": 0, "end": 11, "label": VID}, {"start": 21, "end": 25, "label": SEN},
             {"start": 29, "end": 40, "label": VID}]
    edits = [Replacement("Ana Petrova", "[Girl A]", "name"), Replacement("Dolna Breza", "[village]", "small place"),
             Replacement("sold", "[kept]", "name", keep=False)]
    out, moved = apply(text, edits, spans)
    assert out == "[Girl A], 16, was sold in [village]."
    assert [out[s["start"]:s["end"]] for s in moved] == ["[Girl A]", "sold", "[village]"]


# ---------------------------------------------------------------- interchange
RECORDS = [
    {"text": "Sex slave hell in Luton flat", "annotator": "Ana", "action": "accept", "labels": [VID, SEN],
     "spans": [{"start": 0, "end": 14, "label": SEN}, {"start": 18, "end": 28, "label": VID}], "scope": "headline"},
    {"text": "Sex slave hell in Luton flat", "annotator": "Bo", "action": "accept", "labels": [SEN], "spans": [],
     "scope": "headline"},
    {"text": "The court adjourned the case.", "annotator": "Ana", "action": "reject", "labels": [], "spans": []},
    {"text": "Illegal immigrants were found.", "annotator": "Bo", "action": "skip", "labels": [], "spans": []},
]


def _essence(records):
    return [(r["text"], r["annotator"], r["action"], r["labels"], r["spans"]) for r in records]


@pytest.mark.parametrize("write, read", [(write_doccano, read_doccano), (write_label_studio, read_label_studio)])
def test_round_trips_through_other_tools(tmp_path, write, read):
    path = tmp_path / "out.json"
    write(RECORDS, path)
    back = read(path)
    expected = _essence(RECORDS)
    if read is read_doccano:
        assert _essence(back) == expected
    else:   # Label Studio groups by passage
        assert sorted(_essence(back)) == sorted(expected)
    assert back[0]["scope"] == "headline"


def test_reads_doccano_sequence_labelling_shapes_and_names_bad_lines(tmp_path):
    path = tmp_path / "doccano.jsonl"
    path.write_text(json.dumps({"text": "Sex slave hell", "label": [[0, 14, SEN]]}) + "\n"
                    + json.dumps({"text": "Luton flat", "entities": [{"start_offset": 0, "end_offset": 5,
                                                                          "label": VID}], "user": "Cy"}) + "\n",
                    encoding="utf-8")
    records = read_doccano(path, annotator="Bo")
    assert [(r["annotator"], r["labels"], r["spans"][0]["end"]) for r in records] == [("Bo", [SEN], 14),
                                                                                        ("Cy", [VID], 5)]
    path.write_text(json.dumps({"text": "x", "label": [[0, 9, SEN]]}) + "\n", encoding="utf-8")
    with pytest.raises(InterchangeError, match=r"doccano.jsonl:1: span 0-9"):
        read_doccano(path, annotator="Bo")
    path.write_text(json.dumps({"text": "x", "label": ["gossip"]}) + "\n", encoding="utf-8")
    with pytest.raises(InterchangeError, match=r"unknown label\(s\) gossip"):
        read_doccano(path, annotator="Bo")
