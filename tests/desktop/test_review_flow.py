"""The editor's review workflow, driven through the window as a user would."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QToolTip

from desktop_helpers import click_flag, highlighted_spans, press, rows, select_text, with_dialog


def test_first_start_opens_the_samples_checked(make_window):
    window = make_window()          # empty review store, no files given
    titles = [window.articles[a].title for a in window.article_list.ids()]
    assert len(titles) >= 4
    assert any("NIGHTMARE" in t for t in titles)
    summaries = [window.article_list.summary(a) for a in window.article_list.ids()]
    assert any("Victim identification" in s for s in summaries)       # a bad-practice sample
    assert any(s.endswith("no flags") for s in summaries)              # a good-practice sample
    assert all(window.articles[a].up_to_date for a in window.article_list.ids())


def test_open_a_file_and_see_the_flags(make_window, qtbot, bad_article, monkeypatch):
    window = make_window(files=[])
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(bad_article)], ""))
    press(qtbot, window, Qt.Key_O, Qt.ControlModifier)
    qtbot.waitUntil(lambda: window.current_article() is not None and window.current_article().up_to_date,
                    timeout=20_000)
    assert "Nightmare in Dolna Breza" in window.title_label.text()
    shown = rows(window)
    assert {"VID-01", "DEH-02"} <= {f.rule_id for f in shown}
    name = next(f for f in shown if f.rule_id == "VID-01")
    assert name.evidence == "Ana Petrova"
    assert "Ana Petrova" in highlighted_spans(window)                  # marked in the text
    assert "illegal immigrants" in highlighted_spans(window)
    assert f"{len([f for f in shown if f.active])} flags to act on" in window.meta_label.text()
    assert "Victim identification" in window.article_list.summary(window.current_id)
    # Selecting a flag shows its rule, why, advice, confidence and sources.
    click_flag(qtbot, window, lambda f: f.rule_id == "DEH-02")
    detail = window.detail.browser.toPlainText()
    for heading in ("THE RULE", "WHY IT MATTERS", "HOW TO WRITE IT", "CONFIDENCE", "SOURCES"):
        assert heading in detail
    assert window.view.textCursor().position() == window.view.toPlainText().index("illegal immigrants")
    # Hovering a highlight shows the rule.
    view = window.view
    cursor = view.textCursor()
    cursor.setPosition(view.toPlainText().index("immigrants"))
    pos = view.cursorRect(cursor).center() + QPoint(2, 0)
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.ToolTip, pos, view.viewport().mapToGlobal(pos)))
    assert "DEH-02" in QToolTip.text()
    assert str(bad_article.resolve()) in window.settings.recent_files


def test_confirm_and_dismiss_with_keys_survive_a_restart(make_window, qtbot, bad_article, tmp_path):
    store_path = tmp_path / "shared.sqlite3"
    window = make_window(files=[bad_article], store_path=store_path)
    before = sum(window.current_article().counts().values())
    confirmed = click_flag(qtbot, window, lambda f: f.rule_id == "DEH-02")
    press(qtbot, window.panel.view, Qt.Key_C)
    assert next(f for f in window.current_article().flags if f.key == confirmed.key).status == "confirmed"
    assert window.panel.current_flag().key != confirmed.key          # moved on to the next open flag

    dismissed = click_flag(qtbot, window, lambda f: f.rule_id == "VID-01")
    marks = highlighted_spans(window).count("Ana Petrova")       # other rules may mark the same words
    press(qtbot, window.panel.view, Qt.Key_D)
    assert dismissed.key not in [f.key for f in rows(window)]          # hidden once dismissed
    assert sum(window.current_article().counts().values()) == before - 1
    window.panel.closed_box.setChecked(True)
    assert dismissed.key in [f.key for f in rows(window)]
    assert highlighted_spans(window).count("Ana Petrova") == marks - 1
    assert "1 confirmed · 1 dismissed" in window.panel.count_label.text()

    window.close()
    again = make_window(store_path=store_path)                       # restart: same store, no files
    assert again.current_article().source == str(bad_article.resolve())
    status = {f.key: f.status for f in again.current_article().flags}
    assert status[confirmed.key] == "confirmed"
    assert status[dismissed.key] == "dismissed"
    assert "1 confirmed" in again.panel.count_label.text()


def test_dismiss_with_reason_undo_and_redo(make_window, qtbot, bad_article):
    window = make_window(files=[bad_article])
    flag = click_flag(qtbot, window, lambda f: f.rule_id == "VID-01")

    def fill(dialog):
        dialog.reason.setCurrentText("Named with her consent, in her interest")
        dialog.accept()

    with_dialog(qtbot, lambda: press(qtbot, window.panel.view, Qt.Key_R), fill)
    decision = window.store.decisions(window.current_id)[flag.key]
    assert decision.decision == "dismissed" and decision.reason == "Named with her consent, in her interest"
    assert decision.annotator == "Test Editor"
    press(qtbot, window.view, Qt.Key_Z, Qt.ControlModifier)          # undo from the text pane too
    assert flag.key not in window.store.decisions(window.current_id)
    assert next(f for f in window.current_article().flags if f.key == flag.key).status == "open"
    press(qtbot, window.panel.view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.store.decisions(window.current_id)[flag.key].reason.startswith("Named with")
    history = [r for r in window.store.decision_history() if r["finding_key"] == flag.key]
    assert len(history) == 2 and {r["state"] for r in history} == {"undone", "current"}   # kept for annotators


def test_change_label(make_window, qtbot, bad_article):
    window = make_window(files=[bad_article])
    flag = click_flag(qtbot, window, lambda f: f.rule_id == "DEH-02")

    def choose(dialog):
        item = next(dialog.labels.item(i) for i in range(dialog.labels.count())
                    if dialog.labels.item(i).data(Qt.UserRole) == "stereotyping")
        dialog.labels.setCurrentItem(item)
        dialog.accept()

    with_dialog(qtbot, lambda: press(qtbot, window.panel.view, Qt.Key_L), choose)
    changed = next(f for f in window.current_article().flags if f.key == flag.key)
    assert changed.status == "relabelled" and changed.shown_label == "stereotyping"
    assert "Stereotyping" in window.article_list.summary(window.current_id)
    assert "Label changed from Terminology to Stereotyping" in window.detail.browser.toPlainText()


def test_add_a_missed_flag(make_window, qtbot, bad_article, tmp_path):
    store_path = tmp_path / "added.sqlite3"
    window = make_window(files=[bad_article], store_path=store_path)
    start, end = select_text(window, "above a bakery")

    def choose(dialog):
        item = next(dialog.labels.item(i) for i in range(dialog.labels.count())
                    if dialog.labels.item(i).data(Qt.UserRole) == "victim_identification")
        dialog.labels.setCurrentItem(item)
        dialog.note.setText("the bakery identifies the flat")
        dialog.accept()

    with_dialog(qtbot, lambda: press(qtbot, window.view, Qt.Key_M, Qt.ControlModifier), choose)
    added = window.panel.current_flag()
    assert added.status == "added" and added.evidence == "above a bakery"
    assert (added.start, added.end) == (start, end)
    assert "above a bakery" in highlighted_spans(window)
    [stored] = window.store.added_flags(window.current_id)
    assert stored.label == "victim_identification" and stored.note == "the bakery identifies the flat"
    window.close()
    again = make_window(store_path=store_path)
    assert any(f.status == "added" and f.evidence == "above a bakery" for f in again.current_article().flags)


def test_allow_list_suppresses_a_flag_everywhere(make_window, qtbot, bad_article, tmp_path):
    second = tmp_path / "second.md"
    second.write_text("# Court hears case\n\nPolice rescued Ana Petrova, 16, from a flat in Dolna Breza.\n",
                      encoding="utf-8")
    window = make_window(files=[bad_article, second])
    click_flag(qtbot, window, lambda f: f.rule_id == "VID-01" and f.evidence == "Ana Petrova")
    with_dialog(qtbot, lambda: press(qtbot, window.panel.view, Qt.Key_A), lambda d: d.accept())
    assert [t.term for t in window.store.allow_list()] == ["Ana Petrova"]
    for art in window.articles.values():
        assert not any(f.active and f.evidence == "Ana Petrova" for f in art.flags)
        assert any(f.status == "allowed" for f in art.flags)
    window.undo_group.undo()
    assert window.store.allow_list() == []
    assert any(f.active and f.evidence == "Ana Petrova" for f in window.current_article().flags)


def test_paste_and_drop_open_articles(make_window, qtbot, bad_article):
    window = make_window(files=[bad_article])
    QApplication.clipboard().setText("# Pasted\n\nThe sex slaves were freed from a house of horrors.\n")
    press(qtbot, window, Qt.Key_V, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: window.current_article().title == "Pasted" and window.current_article().up_to_date,
                    timeout=20_000)
    assert any(f.label == "sensationalism" for f in rows(window))
    window.view.filesDropped.emit([str(bad_article)])                   # dropped again: no duplicate
    qtbot.waitUntil(window.settled, timeout=20_000)
    assert len(window.article_list.ids()) == 2


def test_unreadable_file_gives_a_clear_message(make_window, qtbot, tmp_path):
    window = make_window(files=[])
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip archive")
    window.open_paths([broken])
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=10_000)
    assert "not a readable .docx file" in window.last_error[1]
    assert all(window.articles[a].source != str(broken) for a in window.article_list.ids())


def test_keyboard_only_review(make_window, qtbot, bad_article):
    """Everything reachable from the keyboard: panes by Alt+number and Tab, flags by F8, decisions by chords."""
    window = make_window(files=[bad_article])
    press(qtbot, window, Qt.Key_3, Qt.AltModifier)
    assert window.panel.view.hasFocus()
    press(qtbot, window, Qt.Key_2, Qt.AltModifier)
    assert window.view.hasFocus()
    qtbot.keyClick(window.view, Qt.Key_Tab)                   # Tab leaves the text for the filters
    assert QApplication.focusWidget() is window.panel.label_box

    press(qtbot, window.view, Qt.Key_F8)
    first = window.panel.current_flag()
    press(qtbot, window.view, Qt.Key_F8)
    second = window.panel.current_flag()
    assert first is not None and second is not None and first.key != second.key
    press(qtbot, window.view, Qt.Key_F8, Qt.ShiftModifier)
    assert window.panel.current_flag().key == first.key

    press(qtbot, window.view, Qt.Key_Return, Qt.ControlModifier)       # confirm, focus in the text
    assert window.store.decisions(window.current_id)[first.key].decision == "confirmed"
    current = window.panel.current_flag()
    press(qtbot, window.view, Qt.Key_D, Qt.ControlModifier)            # dismiss the next one
    assert window.store.decisions(window.current_id)[current.key].decision == "dismissed"

    size = window.view.font_size()
    press(qtbot, window.view, Qt.Key_Equal, Qt.ControlModifier)
    assert window.view.font_size() == size + 1 and window.settings.font_size == size + 1

    window.fill_recent_menu()
    assert str(bad_article.resolve()) in [a.text() for a in window.recent_menu.actions()]


def test_filter_and_sort_the_flags(make_window, qtbot, bad_article):
    window = make_window(files=[bad_article])
    panel = window.panel
    everything = rows(window)
    assert [f.start for f in everything] == sorted(f.start for f in everything)          # by position
    panel.label_box.setCurrentIndex(panel.label_box.findData("victim_identification"))
    assert rows(window) and all(f.shown_label == "victim_identification" for f in rows(window))
    panel.label_box.setCurrentIndex(0)
    panel.severity_box.setCurrentIndex(panel.severity_box.findData("high"))
    assert rows(window) and all(f.severity == "high" for f in rows(window))
    panel.severity_box.setCurrentIndex(0)
    panel.sort_box.setCurrentIndex(panel.sort_box.findData(True))
    scores = [f.score for f in rows(window)]
    assert scores == sorted(scores, reverse=True) and len(scores) == len(everything)
    # A click on a legend entry filters by that label; a second click shows all again.
    window.legend.labelClicked.emit("terminology")
    assert all(f.shown_label == "terminology" for f in rows(window))
    window.legend.labelClicked.emit("terminology")
    assert len(rows(window)) == len(everything)
