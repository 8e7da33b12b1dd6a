"""Acting on the window as a user does: clicks, keys, dialogs."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QTimer, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.findings_panel import FLAG_ROLE


def rows(window) -> list:
    """The flags the panel shows, top to bottom."""
    return window.panel.visible_flags()


def click_flag(qtbot, window, predicate) -> object:
    """Click the first row of the flag list matching `predicate`; returns its flag."""
    view = window.panel.view
    for row in range(window.panel.proxy.rowCount()):
        index = window.panel.proxy.index(row, 0)
        flag = index.data(FLAG_ROLE)
        if predicate(flag):
            view.scrollTo(index)
            qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())
            assert window.panel.current_flag().key == flag.key
            return flag
    raise AssertionError(f"no flag matches; shown: {[(f.rule_id, f.evidence) for f in rows(window)]}")


def press(qtbot, widget, key, modifier=Qt.NoModifier) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)


def with_dialog(qtbot, act, handle, timeout: int = 5000) -> None:
    """Run `act` (which opens a modal dialog) and let `handle(dialog)` fill it in and close it."""
    seen = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        seen.append(dialog)
        handle(dialog)

    window = QApplication.activeWindow()
    QTimer.singleShot(0, poll)
    act()
    closed = lambda: bool(seen) and (not shiboken6.isValid(seen[0]) or not seen[0].isVisible())  # noqa: E731
    qtbot.waitUntil(closed, timeout=timeout)
    if window is not None:     # the offscreen platform does not hand activation back by itself
        window.activateWindow()
        # Another window (a message box the action opened) may rightly take the focus instead.
        qtbot.waitUntil(lambda: QApplication.activeWindow() is not None and
                        QApplication.activeWindow() is not (seen[0] if shiboken6.isValid(seen[0]) else None),
                        timeout=timeout)


def select_text(window, words: str, occurrence: int = 0) -> tuple[int, int]:
    """Select `words` in the article view, as a drag with the mouse would."""
    text = window.view.toPlainText()
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    cursor = window.view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.KeepAnchor)
    window.view.setTextCursor(cursor)
    window.view.setFocus()
    return start, start + len(words)


def highlighted_spans(window) -> list[str]:
    """The words under each highlight in the article view."""
    return [s.cursor.selectedText() for s in window.view.extraSelections()]
