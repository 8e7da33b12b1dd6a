"""From an annotated article to the corpus and a retrained model: export, merge, retrain, roll back."""
from __future__ import annotations

import shutil

import pytest

from classifier.active import article_items, corpus_items
from classifier.cli import main
from corpus.annotation_export import plan_export, propose_replacements, write_export
from corpus.annotation_store import AnnotationStore
from corpus.schema import BUNDLED_DATA, corpus_files, read_corpus, read_jsonl

ARTICLE = """# Nightmare in Dolna Breza: sex slave freed

Police rescued Ana Petrova, 16, from the village of Dolna Breza on Monday after evil monsters forced her into prostitution.

Ana Petrova had been promised a job as a waitress at Sunny Valley Farm.

Four illegal immigrants were found in the same flat above a bakery.

Inspector Mara Velic of the regional police said the investigation continues.
"""


@pytest.fixture
def annotated(engine, tmp_path):
    store = AnnotationStore(tmp_path / "ann.sqlite3")
    store.add_items(article_items(engine, ARTICLE, str(tmp_path / "nightmare.md")))
    for item in store.queue("Ana", "article"):
        store.decide(item.id, "Ana", "accept" if item.suggested else "reject", item.suggested)
    yield store
    store.close()


def test_queue_items_carry_context_suggestions_and_rules(engine, annotated):
    items = annotated.ordered("article")
    assert items[1].before == items[0].text and items[1].after == items[2].text
    flagged = next(i for i in items if "Ana Petrova, 16" in i.text)
    assert "victim_identification" in flagged.suggested and flagged.scores["victim_identification"] > 0
    for label in flagged.suggested:
        assert all(engine.catalogue.get(r).label == label for r in flagged.rules[label])
    assert max(i.uncertainty for i in items) <= 1.0
    review = corpus_items(engine, read_corpus()[:5])
    assert review[0].suggested == read_corpus()[0].labels and review[1].before == review[0].text


def test_export_is_pseudonymised_valid_and_merges_once(engine, annotated, tmp_path, capsys):
    proposals = propose_replacements(annotated)
    plan = plan_export(annotated, engine.catalogue, read_corpus(), proposals)
    assert plan.problems == [] and len(plan.passages) == 5
    text = " ".join(p.text for p in plan.passages)
    for original in ("Ana", "Petrova", "Dolna Breza", "Sunny Valley"):
        assert original not in text
    assert "[Name 1]" in text and "Mara Velic" in text
    for p in plan.passages:
        assert all(0 <= s["start"] < s["end"] <= len(p.text) for s in p.spans)
    export = tmp_path / "ana-2026.jsonl"
    assert write_export(plan, export) == 5
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(corpus_files()[0], folder)

    assert main(["corpus", "merge", str(export), "--into", str(folder)]) == 0
    assert len(read_jsonl(folder / "ana-2026.jsonl")) == 5
    assert main(["corpus", "validate", str(folder)]) == 0
    capsys.readouterr()
    assert main(["corpus", "merge", str(export), "--into", str(folder)]) == 2    # already there
    out = capsys.readouterr()
    assert "already exists" in out.out and "duplicate" in out.out and "the corpus was not changed" in out.err


def test_merge_refuses_a_bad_file_with_its_line(tmp_path, capsys):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(corpus_files()[0], folder)
    bad = tmp_path / "bad.jsonl"
    good = read_jsonl(corpus_files()[1])[0].to_json()
    bad.write_text("\n".join([
        __import__("json").dumps({**good, "id": "ann-x-01", "article": "ann-x", "text": "A wholly new sentence "
                                  "about forced labour on farms.", "rules": ["XXX-99"], "labels": ["terminology"]}),
    ]) + "\n", encoding="utf-8")
    assert main(["corpus", "merge", str(bad), "--into", str(folder)]) == 2
    out = capsys.readouterr().out
    assert f"{bad}:1: rule: ann-x-01: unknown rule id XXX-99" in out
    assert sorted(p.name for p in folder.iterdir()) == [corpus_files()[0].name]
    bad.write_text('{"id": "x"\n', encoding="utf-8")
    assert main(["corpus", "merge", str(bad), "--into", str(folder)]) == 2
    assert f"{bad}:1: not valid JSON" in capsys.readouterr().err


def test_retrain_measures_on_one_split_and_rolls_back(engine, tmp_path):
    from classifier.model import file_sha256, load_model, save_model
    from classifier.retrain import can_roll_back, held_out, retrain, roll_back, split

    corpus = read_corpus()
    articles = sorted({p.article for p in corpus})
    small = [p for p in corpus if p.article in set(articles[::8])]       # an eighth of the articles: quick
    base, added = small[: len(small) * 2 // 3], small[len(small) * 2 // 3:]
    assert split(base)[1] and all(held_out(p.article) for p in split(base)[1])
    model = tmp_path / "model.joblib"
    save_model(engine.bundle, model)
    original = file_sha256(model)
    seen = []
    result = retrain(base, added, engine.catalogue, model, progress=lambda f, m: seen.append(f), folds=3)
    assert result.before["_passages"] == result.after["_passages"] > 0      # the same held-out passages
    assert {"f1", "precision", "recall"} <= set(result.before["victim_identification"])
    assert seen[-1] == 1.0 and seen == sorted(seen)
    retrained = file_sha256(model)
    assert retrained != original and load_model(model).meta["retrained_with_annotations"] == len(added)
    assert can_roll_back(model)
    roll_back(model)
    assert file_sha256(model) == original
    load_model(model)                                    # still trusted: loaded without --trust-model
    roll_back(model)                                     # and the rollback itself can be undone
    assert file_sha256(model) == retrained


def test_a_cancelled_retrain_leaves_the_model_alone(engine, tmp_path):
    from classifier.model import file_sha256, save_model
    from classifier.retrain import retrain

    model = tmp_path / "model.joblib"
    save_model(engine.bundle, model)
    before = file_sha256(model)
    corpus = read_corpus()
    with pytest.raises(KeyboardInterrupt):
        retrain(corpus[:300], corpus[300:400], engine.catalogue, model, cancelled=lambda: True)
    assert file_sha256(model) == before
    assert not (tmp_path / "model.previous.joblib").exists()


def test_rollback_refuses_an_untrusted_previous_file(engine, tmp_path):
    from classifier.model import UntrustedModelError, save_model
    from classifier.retrain import roll_back

    model = tmp_path / "model.joblib"
    save_model(engine.bundle, model)
    (tmp_path / "model.previous.joblib").write_bytes(b"not a model I wrote")
    before = model.read_bytes()
    with pytest.raises(UntrustedModelError):
        roll_back(model)
    assert model.read_bytes() == before
