"""Editing with background re-check, exports, settings, and cancelling long work."""
from __future__ import annotations

import json
import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog

from desktop_helpers import click_flag, highlighted_spans, press, rows, select_text, with_dialog


def _evidence_matches_text(window) -> bool:
    text = window.view.toPlainText()
    return all(text[f.start:f.end] == f.evidence for f in window.current_article().flags)


def test_edit_the_draft_and_it_is_rechecked(make_window, qtbot, bad_article, tmp_path):
    store_path = tmp_path / "edits.sqlite3"
    window = make_window(files=[bad_article], store_path=store_path)
    assert any(f.rule_id == "DEH-02" for f in rows(window))
    checked = []
    window.checked_signal.connect(checked.append)

    # Replace "illegal immigrants" by typing over the selection.
    select_text(window, "illegal immigrants")
    qtbot.keyClicks(window.view, "migrants")
    assert "Four migrants were found" in window.view.toPlainText()
    qtbot.waitUntil(lambda: bool(checked) and window.current_article().up_to_date, timeout=20_000)
    assert not any(f.rule_id == "DEH-02" for f in rows(window))          # the fixed passage is clean now
    assert "illegal immigrants" not in highlighted_spans(window)
    assert any(f.rule_id == "VID-01" for f in rows(window))               # the others are still there
    assert _evidence_matches_text(window)

    # Type a new lurid sentence at the end: it is flagged after the pause.
    cursor = window.view.textCursor()
    cursor.movePosition(QTextCursor.End)
    window.view.setTextCursor(cursor)
    checked.clear()
    qtbot.keyClick(window.view, Qt.Key_Return)
    qtbot.keyClicks(window.view, "The evil monsters ran a house of horrors.")
    qtbot.waitUntil(lambda: bool(checked) and window.current_article().up_to_date, timeout=20_000)
    assert any(f.label == "sensationalism" and "ran a house of horrors" in f.passage_text for f in rows(window))
    assert _evidence_matches_text(window)
    assert "saved" in window.meta_label.text()

    # Undo the typing with Ctrl+Z: the sentence goes, and so does its flag.
    while "house of horrors" in window.view.toPlainText():
        press(qtbot, window.view, Qt.Key_Z, Qt.ControlModifier)
    assert "Four migrants were found" in window.view.toPlainText()       # the earlier edit stays
    qtbot.waitUntil(lambda: window.current_article().up_to_date and not any(
        "house of horrors" in f.passage_text for f in rows(window)), timeout=20_000)

    # The draft (not the file) holds the edit, and a restart shows it.
    window.close()
    assert "illegal immigrants" in bad_article.read_text()
    again = make_window(store_path=store_path)
    assert "Four migrants were found" in again.view.toPlainText()


def test_typing_is_not_blocked_by_checking(make_window, qtbot, tmp_path):
    """Stale results never land: keep typing while checks run; the final flags match the final text."""
    article = tmp_path / "long.md"
    article.write_text("# Report\n\n" + "\n\n".join(
        f"Paragraph {i}: police said the victims were found in a house of horrors in town {i}." for i in range(200)),
        encoding="utf-8")
    window = make_window(files=[article])
    cursor = window.view.textCursor()
    cursor.setPosition(len("# Report\n\n"))
    window.view.setTextCursor(cursor)
    for n in range(6):
        qtbot.keyClicks(window.view, f"Sex slaves {n}. ")
        qtbot.wait(150)       # shorter than the pause: some checks start and are superseded
    qtbot.waitUntil(window.settled, timeout=30_000)
    assert window.current_article().up_to_date
    assert _evidence_matches_text(window)
    assert any(f.evidence.lower() == "sex slaves" for f in rows(window))


def test_export_html_pdf_and_json(make_window, qtbot, bad_article, tmp_path, monkeypatch):
    window = make_window(files=[bad_article])
    dismissed = click_flag(qtbot, window, lambda f: f.rule_id == "VID-01")
    with_dialog(qtbot, lambda: press(qtbot, window.panel.view, Qt.Key_R),
                lambda d: (d.reason.setCurrentText("Consent on record"), d.accept()))
    click_flag(qtbot, window, lambda f: f.rule_id == "DEH-02")
    press(qtbot, window.panel.view, Qt.Key_C)

    outputs = {}
    for name, chosen in (("report.html", "HTML report (*.html)"), ("report", "PDF report (*.pdf)"),
                         ("report.json", "")):
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, c=chosen, **k: (str(t), c))
        press(qtbot, window, Qt.Key_E, Qt.ControlModifier)
        expected = target if target.suffix else target.with_suffix(".pdf")
        qtbot.waitUntil(lambda e=expected: e.exists() and window.settled(), timeout=20_000)
        outputs[expected.suffix] = expected

    html = outputs[".html"].read_text(encoding="utf-8")
    assert "Guideline review: Nightmare in Dolna Breza" in html
    assert "DEH-02" in html and "Confirmed" in html
    assert "Consent on record" in html and "Dismissed" in html
    assert "How to write it" in html and "Sources" in html

    pdf = outputs[".pdf"].read_bytes()
    assert pdf.startswith(b"%PDF") and b"/Type /Page" in pdf and len(pdf) > 5000

    data = json.loads(outputs[".json"].read_text(encoding="utf-8"))
    assert data["schema"] == "thb-review.report/1"
    assert data["annotator"] == "Test Editor"
    by_status = {f["rule_id"]: f for f in data["flags"] if f["status"] in ("confirmed", "dismissed")}
    assert by_status["DEH-02"]["status"] == "confirmed"
    assert by_status["VID-01"]["decision"]["reason"] == "Consent on record"
    assert data["article"]["text"] == window.view.toPlainText()
    assert all(data["article"]["text"][f["start"]:f["end"]] == f["evidence"] for f in data["flags"])
    assert not list(tmp_path.glob(".*.part"))             # no temporary files left behind


def test_settings_change_labels_and_sensitivity(make_window, qtbot, engine, tmp_path):
    article = tmp_path / "mixed.md"
    article.write_text("# Farm raid\n\n" + "\n\n".join([
        "Dozens of illegal workers were discovered living in filthy caravans on a farm.",
        "The gangmaster who enslaved them was arrested at the gate.",
        "Children as young as eight are being made to beg for long hours at the station.",
        "She had agreed to go, so she must have known what she was getting into.",
        "Thousands of slaves are hidden in plain sight across the county, the report claims.",
        "The men were paid little and lived in poor conditions, the inspector said.",
    ]), encoding="utf-8")
    window = make_window(files=[article])

    def count(label):
        return sum(1 for f in window.current_article().flags if f.active and f.label == label)

    # Ask the engine which label this text has within reach of a +0.3 sensitivity.
    text = window.view.toPlainText()

    def flags_for(label, shift):
        engine.sensitivity = {label: shift}
        try:
            return sum(1 for f in engine.analyze(text).findings if f.label == label)
        finally:
            engine.sensitivity = {}

    label = next(l for l in sorted(engine.active_labels) if flags_for(l, 0.3) > flags_for(l, 0.0))
    before = count(label)

    def more_sensitive(dialog):
        dialog.sliders[label].setValue(30)
        dialog.accept()

    with_dialog(qtbot, lambda: press(qtbot, window, Qt.Key_Comma, Qt.ControlModifier), more_sensitive)
    qtbot.waitUntil(lambda: window.settled() and window.current_article().up_to_date, timeout=20_000)
    assert window.settings.sensitivity[label] == 0.3
    assert count(label) > before

    # Switching a label off removes its flags; the settings file remembers it.
    assert count("terminology") > 0
    with_dialog(qtbot, window.act_settings.trigger,
                lambda d: (d.active["terminology"].setChecked(False), d.accept()))
    qtbot.waitUntil(lambda: window.settled() and window.current_article().up_to_date, timeout=20_000)
    assert count("terminology") == 0
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert saved["disabled_labels"] == ["terminology"] and saved["sensitivity"][label] == 0.3


def test_cancel_first_run_training(make_window, qtbot, bad_article, tmp_path):
    """Training a model is long work: the progress bar shows it, Cancel stops it, the window stays usable."""
    from classifier.engine import load_engine

    def train_from_scratch(rule_packs, progress, notify):
        return load_engine(rule_packs, model_file=tmp_path / "fresh-model.joblib", progress=progress, notify=notify)

    window = make_window(files=[bad_article], engine_source=train_from_scratch, wait=False)
    qtbot.waitUntil(lambda: window.progress.isVisible() and window.runner.visible_task() is not None, timeout=10_000)
    assert "Preparing the model" in window.progress.text.text()
    qtbot.waitUntil(lambda: "training" in window.progress.text.text(), timeout=20_000)
    started = time.monotonic()
    qtbot.mouseClick(window.progress.cancel, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.engine_state == "cancelled", timeout=30_000)
    assert time.monotonic() - started < 25
    assert not window.progress.isVisible()
    assert "cancelled" in window.model_label.text()
    assert "Not checked" in window.article_list.summary(window.current_id)
    assert not (tmp_path / "fresh-model.joblib").exists()
    # Still usable: the text can be edited and saved.
    qtbot.keyClicks(window.view, "Edited ")
    qtbot.waitUntil(lambda: not window.edit_timer.isActive(), timeout=5000)
    assert window.store.article(window.current_id).text.startswith("Edited ")


def test_cancel_loading_a_folder(make_window, qtbot, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    page = "<p>The case was heard in the town court on <b>Monday</b>.</p>" * 2000   # slow to parse
    for i in range(150):
        (folder / f"article-{i:03}.html").write_text(f"<html><body><h1>Story {i}</h1>{page}</body></html>",
                                                     encoding="utf-8")
    window = make_window(files=[])
    messages = []
    window.runner.message.connect(messages.append)
    window.open_paths([folder])
    qtbot.waitUntil(lambda: len(window.article_list.ids()) >= 1, timeout=10_000)
    assert window.progress.text.text().startswith("Opening folder many")    # the oldest job is shown
    qtbot.mouseClick(window.progress.cancel, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Opening folder many: cancelled" in messages, timeout=10_000)
    assert messages == ["Opening folder many: cancelled"], messages
    opened = len(window.article_list.ids())
    qtbot.waitUntil(window.settled, timeout=60_000)
    assert len(window.article_list.ids()) == opened and 1 <= opened < 150
    assert all(window.articles[a].up_to_date for a in window.article_list.ids())     # what was read is checked


def test_a_bad_rule_pack_is_reported_and_checking_goes_on(make_window, qtbot, bad_article, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QPushButton

    from classifier.engine import load_engine

    def real_loader(rule_packs, progress, notify):
        return load_engine(rule_packs, progress=progress, notify=notify)

    window = make_window(files=[bad_article], engine_source=real_loader)
    flags_before = [f.key for f in rows(window)]
    missing = tmp_path / "no-such-pack"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(missing))

    def add_pack(dialog):
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "Add folder…").click()
        dialog.accept()

    with_dialog(qtbot, window.act_settings.trigger, add_pack)
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=20_000)
    assert "no such rule file or folder" in window.last_error[1]
    assert "previous rules" in window.last_error[1]
    assert window.settings.rule_packs == [str(missing)]
    assert [f.key for f in rows(window)] == flags_before          # still checked, nothing lost
    assert window.engine_state == "ready"


def test_an_export_that_cannot_be_written_says_so(make_window, qtbot, bad_article, tmp_path):
    window = make_window(files=[bad_article])
    for name in ("report.html", "report.pdf"):
        window.last_error = None
        window.export_report(tmp_path / "missing-folder" / name, name.split(".")[1])
        qtbot.waitUntil(lambda: window.last_error is not None, timeout=30_000)
        assert window.last_error[0] == "The report was not saved"
        assert "missing-folder" in window.last_error[1]
    assert not (tmp_path / "missing-folder").exists()
