"""The article, editable, with every flag highlighted in place.

Highlights are extra selections, not character formats: they never enter the
document, its undo history or the saved draft, and their cursors follow edits
by themselves until the re-check replaces them.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (QColor, QFont, QKeySequence, QPainter, QSyntaxHighlighter, QTextCharFormat, QTextCursor,
                           QTextDocument)
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QTextEdit, QToolTip

from desktop.qtcompat import emit
from desktop.review import Flag
from desktop.style import STATUS_TEXT, draw_label_line, evidence_format, passage_format, style, tint

READING_FONT = "DejaVu Serif"
PAGE_MARGIN = 26          # white margins around the text, like a page


class ArticleView(QPlainTextEdit):
    flagClicked = Signal(object)          # the Flag under a click
    filesDropped = Signal(list)           # local paths dropped on the text
    undoRequested = Signal()
    redoRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setAccessibleName("Article text")
        self.setAccessibleDescription("The article draft; flagged passages are highlighted. Editable.")
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.setTabChangesFocus(True)      # Tab moves on to the next pane; articles rarely need tabs
        self.setCenterOnScroll(False)
        self._flags: list[Flag] = []
        self._current: str | None = None
        self.review_actions: list = []     # QActions shown in the context menu
        self.set_font_size(12)
        self.setPlaceholderText("Open an article (Ctrl+O), a folder (Ctrl+Shift+O), paste one (Ctrl+Shift+V) "
                                "or drop files here.")

    # ------------------------------------------------------------ content
    def set_font_size(self, points: int) -> None:
        font = QFont(READING_FONT)
        font.setStyleHint(QFont.Serif)
        font.setPointSize(points)
        self.setFont(font)
        self.document().setDefaultFont(font)

    def font_size(self) -> int:
        return self.font().pointSize()

    def show_document(self, document: QTextDocument | None) -> None:
        if document is None:
            document = QTextDocument(self)
            document.setDocumentLayout(QPlainTextDocumentLayout(document))
            document.setDocumentMargin(PAGE_MARGIN)
        self._flags, self._current = [], None
        self.setExtraSelections([])
        self.setDocument(document)
        document.setDefaultFont(self.font())
        self.setReadOnly(False)

    def set_flags(self, flags: list[Flag], current: str | None = None) -> None:
        """Highlight the active flags: the passage tinted, the evidence stronger; paintEvent draws
        each label's line pattern under its words (fainter for a judgement of the whole passage)."""
        self._flags, self._current = flags, current
        doc = self.document()
        length = doc.characterCount() - 1
        selections, tinted = [], set()

        def selection(start: int, end: int, fmt) -> QTextEdit.ExtraSelection:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(doc)
            cursor.setPosition(max(0, min(start, length)))
            cursor.setPosition(max(0, min(end, length)), QTextCursor.KeepAnchor)
            sel.cursor, sel.format = cursor, fmt
            return sel

        shown = [f for f in flags if f.active]
        for f in shown:      # one tint per passage (the first label), so overlapping labels stay legible
            if (f.passage_start, f.passage_end) not in tinted:
                tinted.add((f.passage_start, f.passage_end))
                selections.append(selection(f.passage_start, f.passage_end, passage_format(f.shown_label)))
        for f in shown:
            if not f.whole_passage and f.key != current:
                selections.append(selection(f.start, f.end, evidence_format(f.shown_label)))
        for f in shown:      # the selected flag last, on top of everything
            if f.key == current:
                selections.append(selection(f.start, f.end, evidence_format(f.shown_label, current=True)))
        self.setExtraSelections(selections)
        self.viewport().update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        shown = [f for f in self._flags if f.active and f.end > f.start]
        if not shown:
            return
        painter = QPainter(self.viewport())
        offset = self.contentOffset()
        bottom = self.viewport().height()
        block = self.firstVisibleBlock()
        while block.isValid():
            top = self.blockBoundingGeometry(block).translated(offset).top()
            if top > bottom:
                break
            b_start, b_end = block.position(), block.position() + block.length() - 1
            layout = block.layout()
            for f in shown:
                s, e = max(f.start, b_start), min(f.end, b_end)
                if s >= e:
                    continue
                for i in range(layout.lineCount()):
                    line = layout.lineAt(i)
                    ls = b_start + line.textStart()
                    a, b = max(s, ls), min(e, ls + line.textLength())
                    if a < b:
                        x1 = line.cursorToX(a - b_start)[0]
                        x2 = line.cursorToX(b - b_start)[0]
                        y = top + line.y() + line.ascent() + 3
                        draw_label_line(painter, f.shown_label, x1, y, x2 - x1, faint=f.whole_passage)
            block = block.next()
        painter.end()

    def reveal(self, flag: Flag) -> None:
        """Scroll the flag into the middle of the view, cursor at its evidence, without selecting text."""
        cursor = self.textCursor()
        cursor.setPosition(min(flag.start, self.document().characterCount() - 1))
        self.blockSignals(True)
        self.setTextCursor(cursor)
        self.blockSignals(False)
        self.centerCursor()

    def flags_at(self, offset: int) -> list[Flag]:
        inside = [f for f in self._flags if f.active and f.start <= offset < max(f.end, f.start + 1)]
        return inside or [f for f in self._flags if f.active and f.passage_start <= offset < f.passage_end]

    # ------------------------------------------------------------ interaction
    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.ToolTip:
            offset = self.cursorForPosition(event.pos()).position()
            flags = self.flags_at(offset)
            if flags:
                QToolTip.showText(event.globalPos(), tooltip_html(flags), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.LeftButton and not self.textCursor().hasSelection():
            flags = self.flags_at(self.textCursor().position())
            if flags:
                emit(self.flagClicked, flags[0])

    def event(self, event) -> bool:
        # Undo and redo belong to the window's single history (edits and decisions together).
        if event.type() == QEvent.ShortcutOverride and (event.matches(QKeySequence.Undo)
                                                        or event.matches(QKeySequence.Redo)):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.Undo):
            emit(self.undoRequested)
            return
        if event.matches(QKeySequence.Redo):
            emit(self.redoRequested)
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        if not self.textCursor().hasSelection():       # the menu's actions act on the flag under the mouse
            flags = self.flags_at(self.cursorForPosition(event.pos()).position())
            if flags:
                emit(self.flagClicked, flags[0])
        menu = self.createStandardContextMenu(event.pos())
        for action in list(menu.actions()):   # the document's own undo would bypass the shared history
            if action.text().replace("&", "").lower().startswith(("undo", "redo")):
                menu.removeAction(action)
        if self.review_actions:
            first = menu.actions()[0] if menu.actions() else None
            for action in self.review_actions:
                menu.insertAction(first, action)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())

    def canInsertFromMimeData(self, source) -> bool:
        return source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source) -> None:
        paths = [u.toLocalFile() for u in source.urls() if u.isLocalFile()] if source.hasUrls() else []
        if paths:
            emit(self.filesDropped, paths)   # a dropped file opens as an article, it is not pasted in
            return
        super().insertFromMimeData(source)


class DraftHighlighter(QSyntaxHighlighter):
    """Markdown headings larger and bold, quoted boxes in grey: easier to read, and like the
    highlights these formats live in the layout only, never in the saved text."""

    def highlightBlock(self, text: str) -> None:
        stripped = text.lstrip()
        if stripped.startswith("#"):
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Bold)
            fmt.setFontPointSize(self.document().defaultFont().pointSizeF() * 1.3)
            self.setFormat(0, len(text), fmt)
        elif stripped.startswith(">"):
            fmt = QTextCharFormat()
            fmt.setForeground(QColor("#374151"))
            fmt.setFontItalic(True)
            self.setFormat(0, len(text), fmt)


def tooltip_html(flags: list[Flag]) -> str:
    parts = []
    for f in flags[:4]:
        s = style(f.shown_label)
        statement = f.finding.explanation.get("statement", "") if f.finding is not None else \
            (f.added.note or "Flag added by the editor") if f.added else ""
        rule = f"{html.escape(f.rule_id)} · " if f.rule_id else ""
        parts.append(
            f"<p style='margin:0 0 6px 0'><span style='background:{tint(f.shown_label, 0.35)};'>"
            f"&nbsp;{s.code}&nbsp;</span> <b>{rule}{html.escape(f.title)}</b> "
            f"<span style='color:#555'>({html.escape(s.title)}, {html.escape(STATUS_TEXT[f.status].lower())})</span><br>"
            f"{html.escape(statement[:320])}</p>")
    if len(flags) > 4:
        parts.append(f"<p>… and {len(flags) - 4} more</p>")
    return "<div style='max-width:420px'>" + "".join(parts) + "</div>"

