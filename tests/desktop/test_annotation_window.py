"""Annotation mode, driven as an annotator drives it: by keyboard."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QInputDialog

from corpus.annotation_store import AnnotationStore
from tests.desktop.conftest import BAD_ARTICLE
from tests.desktop.desktop_helpers import with_dialog

VID, SEN, VB, TERM = "victim_identification", "sensationalism", "victim_blaming", "terminology"


@pytest.fixture
def annotate(qtbot, engine, tmp_path):
    from desktop.annotate_window import AnnotationWindow
    from desktop.settings import Settings

    made = []

    def make(name="Ana", confirmed=True, order="article"):
        store = AnnotationStore(tmp_path / f"annotations-{len(made)}.sqlite3")
        window = AnnotationWindow(store, Settings(annotator=name, annotator_confirmed=confirmed), lambda: engine,
                                  settings_file=tmp_path / "settings.json", model_file=tmp_path / "model.joblib")
        made.append(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        window.set_order(order)
        window.add_texts([(str(tmp_path / "nightmare.md"), BAD_ARTICLE)])
        qtbot.waitUntil(lambda: window.settled() and window.store.count() > 0, timeout=60_000)
        return window

    yield make
    for window in made:
        window.close()
        window.store.close()


def key(qtbot, window, k, modifier=Qt.NoModifier):
    qtbot.keyClick(window.view, k, modifier)


def test_a_labelling_session_by_keyboard(qtbot, annotate):
    w = annotate()
    first = w.current_item()
    assert first.position == 0 and first.text.startswith("Nightmare in Dolna Breza")
    assert set(first.suggested) == {l for l, b in w.toggles.items() if b.isChecked()}    # suggestion pre-filled
    assert first.after and first.after in w.view.toPlainText()                           # context shown
    key(qtbot, w, Qt.Key_N)                                    # next and previous without deciding
    assert w.current_item().position == 1 and first.text in w.view.toPlainText()
    key(qtbot, w, Qt.Key_P)
    assert w.current_item().id == first.id and w.store.current("Ana") == {}

    for label in list(w.checked):          # clear the suggestion, then choose by number keys
        key(qtbot, w, str(list(w.toggles).index(label) + 1))
    key(qtbot, w, Qt.Key_2)
    key(qtbot, w, Qt.Key_1)
    key(qtbot, w, Qt.Key_1)                # toggled twice: off again
    assert w.checked == {SEN}
    key(qtbot, w, Qt.Key_Return)
    decision = w.store.current("Ana")[first.id]
    assert (decision.action, decision.labels, decision.annotator) == ("accept", (SEN,), "Ana")
    assert w.bar.value() == 1 and w.count_chips[SEN].text() == "SEN 1"

    second = w.current_item()
    key(qtbot, w, Qt.Key_R)
    assert w.store.current("Ana")[second.id].action == "reject"
    third = w.current_item()
    key(qtbot, w, Qt.Key_S)
    assert w.store.current("Ana")[third.id].action == "skip" and w.items[-1].id == third.id
    key(qtbot, w, Qt.Key_Z, Qt.ControlModifier)               # undo the skip: back on that passage
    assert w.current_item().id == third.id and third.id not in w.store.current("Ana")

    # Mark the words that carry the problem: select them, Ctrl+ the label's number.
    text = w.current_item().text
    words = "illegal immigrants" if "illegal immigrants" in text else text.split()[0]
    start = w.passage_start + text.index(words)
    cursor = w.view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.KeepAnchor)
    w.view.setTextCursor(cursor)
    key(qtbot, w, Qt.Key_4, Qt.ControlModifier)
    assert TERM in w.checked and len(w.view.extraSelections()) == 1
    key(qtbot, w, Qt.Key_Enter)
    saved = w.store.current("Ana")[third.id]
    span = saved.spans[0]
    assert text[span["start"]:span["end"]] == words and span["label"] == TERM

    decided, total, _ = w.store.progress("Ana")
    assert decided == 3 and w.bar.maximum() == total and w.bar.value() == 3


def test_the_name_is_asked_once_and_kept(qtbot, annotate, tmp_path):
    from desktop.settings import load_settings

    w = annotate(name="login-name", confirmed=False)

    def fill(dialog):
        dialog.setTextValue("Bo Annotator")
        dialog.accept()

    with_dialog(qtbot, lambda: key(qtbot, w, Qt.Key_R), fill)
    assert w.store.annotators() == ["Bo Annotator"]
    saved, _ = load_settings(tmp_path / "settings.json")
    assert saved.annotator == "Bo Annotator" and saved.annotator_confirmed
    key(qtbot, w, Qt.Key_R)                              # no second question
    assert QApplication.activeModalWidget() is None
    assert len(w.store.current("Bo Annotator")) == 2


def test_agreement_is_shown_and_a_disagreement_settled_with_one_key(qtbot, annotate, tmp_path):
    from desktop.annotate_team import AgreementDialog, import_decisions

    w = annotate()
    items = w.store.ordered("article")
    for item in items[:4]:
        w.store.decide(item.id, "Ana", "accept", [SEN])
    other = AnnotationStore(tmp_path / "bo.sqlite3")
    other.import_records([{"text": i.text, "annotator": "Bo", "action": "accept",
                           "labels": [SEN] if n < 3 else [VID], "spans": []} for n, i in enumerate(items[:4])], "x")
    path = tmp_path / "bo.jsonl"
    other.export_decisions(path)
    other.close()
    import_decisions(w, str(path))
    assert w.store.annotators() == ["Ana", "Bo"]

    dialog = AgreementDialog(w)
    dialog.show()
    sen = dialog.table.item(1, 2).text(), dialog.table.item(1, 3).text()
    assert dialog.table.item(1, 0).text().endswith("Sensationalism")
    # Ana said SEN to all four, Bo to three: p_o = .75 = p_e, so kappa is 0 (agreement no better than chance)
    assert sen == ("75%", "0.00")
    assert dialog.table.item(2, 3).text() == "n/a"       # nobody used victim blaming: undefined, not 1.0
    assert "Cohen" in dialog.table.horizontalHeaderItem(3).text()
    assert len(dialog.report.disagreements) == 1
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    qtbot.keyClick(dialog.list, Qt.Key_2)                  # take Bo's labels
    settled = [d for d in w.store.all_current() if d.settles]
    assert len(settled) == 1 and settled[0].labels == (VID,) and settled[0].annotator == "Ana"
    assert dialog.list.item(0).text().startswith("✔")
    dialog.close()


def test_export_shows_each_replacement_and_no_original_name_survives(qtbot, annotate, tmp_path):
    from corpus.schema import read_jsonl
    from desktop.annotate_export import ExportDialog

    w = annotate()
    for item in w.store.ordered("article"):
        w.store.decide(item.id, "Ana", "accept" if item.suggested else "reject", item.suggested)
    dialog = ExportDialog(w, w.engine_getter())
    dialog.show()
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=30_000)
    originals = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert "Ana Petrova" in originals and "Inspector Mara Velic" not in originals
    row = originals.index("Ana Petrova")
    dialog.table.item(row, 2).setText("[Girl A]")          # the annotator corrects a replacement
    assert "[Girl A]" in dialog.preview.toPlainText()
    dialog.new_original.setText("bakery")
    dialog.new_replacement.setText("[shop]")
    dialog.add_from_fields()
    out = tmp_path / "export.jsonl"
    dialog.export_to(str(out))
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=60_000)
    passages = read_jsonl(out)
    text = "\n".join(p.text for p in passages)
    for original in ("Ana", "Petrova", "Dolna Breza", "bakery"):
        assert original not in text
    assert "[Girl A]" in text and "[shop]" in text and all(p.annotator == "Ana" for p in passages)


def test_retrain_shows_figures_before_and_after_and_rolls_back(qtbot, annotate, engine, tmp_path):
    from classifier.model import file_sha256, save_model
    from corpus.schema import read_corpus
    from desktop.annotate_retrain import RetrainDialog

    w = annotate()
    for item in w.store.ordered("article"):
        w.store.decide(item.id, "Ana", "accept" if item.suggested else "reject", item.suggested)
    save_model(engine.bundle, w.model_file)
    original = file_sha256(w.model_file)
    corpus = read_corpus()
    small = [p for p in corpus if p.article in sorted({q.article for q in corpus})[::8]]
    dialog = RetrainDialog(w, engine, corpus_loader=lambda: small, folds=3)
    dialog.show()
    assert not dialog.rollback_button.isEnabled()          # nothing to roll back to yet
    changed = []
    w.modelChanged.connect(changed.append)
    dialog.start_button.click()
    assert dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=120_000)
    assert dialog.table.item(0, 1).text() and dialog.table.item(len(dialog.result.before) - 4, 0)
    assert "held-out" in dialog.figures_note.text() and changed
    assert file_sha256(w.model_file) != original
    assert dialog.rollback_button.isEnabled()
    dialog.rollback_button.click()
    qtbot.waitUntil(lambda: len(changed) == 2, timeout=30_000)
    assert file_sha256(w.model_file) == original
    dialog.close()


def test_a_retrain_can_be_cancelled(qtbot, annotate, engine, tmp_path):
    from classifier.model import file_sha256, save_model
    from desktop.annotate_retrain import RetrainDialog

    w = annotate()
    item = w.store.ordered("article")[0]
    w.store.decide(item.id, "Ana", "accept", [SEN])
    save_model(engine.bundle, w.model_file)
    before = file_sha256(w.model_file)
    dialog = RetrainDialog(w, engine)
    dialog.show()
    dialog.start_button.click()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=60_000)
    assert "cancelled" in dialog.message.text() and file_sha256(w.model_file) == before
    dialog.close()


def test_f9_opens_annotation_mode_on_the_open_articles(qtbot, make_window, bad_article, tmp_path, monkeypatch):
    from classifier import paths

    from desktop.settings import Settings

    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path)
    window = make_window([bad_article], settings=Settings(annotator="Ana", annotator_confirmed=True))
    qtbot.keyClick(window.view, Qt.Key_F9)
    annotate = window.annotation_window
    assert annotate.isVisible() and annotate.annotator == "Ana"
    annotate.action_add_open()
    qtbot.waitUntil(lambda: annotate.settled() and annotate.store.count() > 0, timeout=60_000)
    assert annotate.store.count() == len([i for i in annotate.store.items()]) >= 4
    assert annotate.store.path.parent == tmp_path
    annotate.close()
