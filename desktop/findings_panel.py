"""The findings panel: every flag of the article, filtered and sorted, one decision key away."""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRectF, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QLabel, QListView,
                               QStyle, QStyledItemDelegate, QVBoxLayout, QWidget)

from desktop.qtcompat import emit
from desktop.review import Flag
from desktop.style import SEVERITY_COLOURS, STATUS_MARK, STATUS_TEXT, STYLES, draw_label_line, style, tint
from guidelines.labels import LABELS, SEVERITIES

FLAG_ROLE = Qt.UserRole + 1
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}

# Keys that act on the selected flag while the list has focus (Prodigy-style one-key review).
LIST_KEYS = {Qt.Key_C: "confirm", Qt.Key_D: "dismiss", Qt.Key_Delete: "dismiss", Qt.Key_R: "dismiss_reason",
             Qt.Key_L: "relabel", Qt.Key_A: "allow", Qt.Key_Return: "reveal", Qt.Key_Enter: "reveal"}


def flag_summary(flag: Flag) -> str:
    """What a screen reader says for a row."""
    rule = f"{flag.rule_id} " if flag.rule_id else ""
    score = f", confidence {round(flag.score * 100)} percent" if flag.score is not None else ""
    return (f"{style(flag.shown_label).title}: {rule}{flag.title}. \u201c{flag.evidence[:80]}\u201d. "
            f"{STATUS_TEXT[flag.status]}, {flag.severity} severity{score}")


class FlagModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[Flag] = []

    def set_flags(self, flags: list[Flag]) -> None:
        self.beginResetModel()
        self.items = list(flags)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        flag = self.items[index.row()]
        if role == FLAG_ROLE:
            return flag
        if role in (Qt.DisplayRole, Qt.AccessibleTextRole):
            return flag_summary(flag)
        if role == Qt.ToolTipRole:
            return flag.finding.message if flag.finding is not None else (flag.added.note or "Added by the editor")
        return None


class FlagFilter(QSortFilterProxyModel):
    """Filter by label, severity and status; sort by position or by score."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label: str | None = None
        self.severity: str | None = None
        self.show_closed = False
        self.by_score = False
        self.sort(0)

    def configure(self, label=None, severity=None, show_closed=None, by_score=None) -> None:
        if label is not None:
            self.label = label or None
        if severity is not None:
            self.severity = severity or None
        if show_closed is not None:
            self.show_closed = show_closed
        if by_score is not None:
            self.by_score = by_score
        self.invalidate()
        self.sort(0)

    def filterAcceptsRow(self, row, parent) -> bool:
        flag: Flag = self.sourceModel().items[row]
        if self.label and flag.shown_label != self.label:
            return False
        if self.severity and flag.severity != self.severity:
            return False
        return self.show_closed or flag.active

    def lessThan(self, left, right) -> bool:
        a: Flag = left.data(FLAG_ROLE)
        b: Flag = right.data(FLAG_ROLE)
        if self.by_score:
            return (-(a.score if a.score is not None else 2.0), a.start) < (-(b.score if b.score is not None else 2.0),
                                                                            b.start)
        return (a.start, a.end, a.rule_id) < (b.start, b.end, b.rule_id)


class FlagDelegate(QStyledItemDelegate):
    """Two lines per flag: label badge, rule and confidence; the evidence words and the status."""
    PAD = 8

    def sizeHint(self, option, index) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(200, fm.height() * 2 + self.PAD * 2 + 6)

    def paint(self, painter: QPainter, option, index) -> None:
        flag: Flag = index.data(FLAG_ROLE)
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        rect = option.rect
        selected = bool(option.state & QStyle.State_Selected)
        painter.fillRect(rect, QColor("#DCE7FB") if selected else QColor("#FFFFFF"))
        if option.state & QStyle.State_HasFocus and selected:
            painter.setPen(QPen(QColor("#2F6FDE"), 1))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.setPen(QColor("#E5E7EB"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        closed = not flag.active
        s = style(flag.shown_label)
        font = QFont(option.font)
        fm = QFontMetrics(font)
        x, y = rect.left() + self.PAD, rect.top() + self.PAD
        line = fm.height()

        # Badge: the label code on its tint, its underline pattern below (readable without colour).
        bold = QFont(font)
        bold.setBold(True)
        bfm = QFontMetrics(bold)
        badge_w = max(bfm.horizontalAdvance("TRM") + 10, bfm.horizontalAdvance(s.code) + 10)
        badge = QRectF(x, y, badge_w, line + 2)
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor("#EEEEEE") if closed else QColor(tint(flag.shown_label, 0.35)))
        painter.drawRoundedRect(badge, 3, 3)
        painter.setFont(bold)
        painter.setPen(QColor("#6B7280") if closed else s.ink().darker(130))
        painter.drawText(badge, Qt.AlignCenter, s.code)
        if not closed:
            draw_label_line(painter, flag.shown_label, badge.left() + 2, badge.bottom() + 5, badge_w - 4)

        text_x = x + badge_w + 10
        width = rect.right() - self.PAD - text_x
        # Line 1: rule and title, confidence on the right.
        score = f"{round(flag.score * 100)}%" if flag.score is not None else ""
        score_w = fm.horizontalAdvance("100%") + 4
        painter.setFont(bold)
        painter.setPen(QColor("#9CA3AF") if closed else QColor("#111827"))
        head = (f"{flag.rule_id}  " if flag.rule_id else "") + flag.title
        painter.drawText(QRectF(text_x, y, width - score_w, line), Qt.AlignLeft | Qt.AlignVCenter,
                         bfm.elidedText(head, Qt.ElideRight, int(width - score_w)))
        painter.setFont(font)
        painter.setPen(QColor("#6B7280"))
        painter.drawText(QRectF(text_x + width - score_w, y, score_w, line), Qt.AlignRight | Qt.AlignVCenter, score)

        # Line 2: the evidence words; status and severity on the right.
        y2 = y + line + 4
        status = f"{STATUS_MARK[flag.status]} {STATUS_TEXT[flag.status]}"
        if flag.status == "relabelled":
            status += f" (was {style(flag.label).code})"
        sev = flag.severity
        right = f"{sev} · {status}"
        right_w = fm.horizontalAdvance(right) + 6
        italic = QFont(font)
        italic.setItalic(True)
        painter.setFont(italic)
        painter.setPen(QColor("#9CA3AF") if closed else QColor("#374151"))
        evidence = " ".join(flag.evidence.split())
        painter.drawText(QRectF(text_x, y2, width - right_w, line), Qt.AlignLeft | Qt.AlignVCenter,
                         QFontMetrics(italic).elidedText(f"\u201c{evidence}\u201d", Qt.ElideRight,
                                                         int(width - right_w)))
        painter.setFont(font)
        painter.setPen(QColor(SEVERITY_COLOURS.get(sev, "#4B5563")) if not closed else QColor("#9CA3AF"))
        painter.drawText(QRectF(text_x + width - right_w, y2, right_w, line), Qt.AlignRight | Qt.AlignVCenter,
                         right)
        painter.restore()


class FlagList(QListView):
    command = Signal(str)

    def keyPressEvent(self, event) -> None:
        name = LIST_KEYS.get(event.key())
        if name and not (event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier)):
            if name == "dismiss" and event.modifiers() & Qt.ShiftModifier:
                name = "dismiss_reason"
            emit(self.command, name)
            return
        if event.key() in (Qt.Key_J, Qt.Key_K) and not event.modifiers():
            row = self.currentIndex().row() + (1 if event.key() == Qt.Key_J else -1)
            if 0 <= row < self.model().rowCount():
                self.setCurrentIndex(self.model().index(row, 0))
            return
        super().keyPressEvent(event)


class FindingsPanel(QWidget):
    flagSelected = Signal(object)        # Flag or None
    command = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = FlagModel(self)
        self.proxy = FlagFilter(self)
        self.proxy.setSourceModel(self.model)

        bar = QWidget(objectName="filterBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 6, 8, 6)
        self.label_box = QComboBox(accessibleName="Filter by label")
        self.label_box.addItem("All labels", "")
        for label in LABELS:
            self.label_box.addItem(f"{STYLES[label].code} · {STYLES[label].title}", label)
        self.severity_box = QComboBox(accessibleName="Filter by severity")
        self.severity_box.addItem("Any severity", "")
        for sev in SEVERITIES:
            self.severity_box.addItem(f"{sev.capitalize()} severity", sev)
        self.sort_box = QComboBox(accessibleName="Sort flags")
        self.sort_box.addItem("By position", False)
        self.sort_box.addItem("By confidence", True)
        self.closed_box = QCheckBox("Show dismissed", accessibleName="Show dismissed and allowed flags")
        for w in (self.label_box, self.severity_box, self.sort_box):
            w.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(8)
        row.addWidget(self.label_box, 2)
        row.addWidget(self.severity_box, 1)
        row.addWidget(self.sort_box, 1)
        bar2 = QHBoxLayout()
        self.count_label = QLabel("", objectName="flagCount")
        bar2.addWidget(self.count_label, 1)
        bar2.addWidget(self.closed_box)

        self.view = FlagList()
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(FlagDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setUniformItemSizes(True)
        self.view.setAccessibleName("Flags")
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.empty = QLabel("", alignment=Qt.AlignCenter, wordWrap=True)
        self.empty.setStyleSheet("color:#6B7280; padding:24px; background:#FFFFFF;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        title = QLabel("Flags", objectName="paneTitle")
        layout.addWidget(title)
        layout.addWidget(bar)
        holder = QWidget(objectName="filterBar")
        holder.setLayout(bar2)
        bar2.setContentsMargins(10, 2, 8, 4)
        layout.addWidget(holder)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self.empty.hide()

        self.label_box.currentIndexChanged.connect(lambda: self._filter(label=self.label_box.currentData()))
        self.severity_box.currentIndexChanged.connect(lambda: self._filter(severity=self.severity_box.currentData()))
        self.sort_box.currentIndexChanged.connect(lambda: self._filter(by_score=self.sort_box.currentData()))
        self.closed_box.toggled.connect(lambda on: self._filter(show_closed=on))
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.command.connect(self.command)
        self.view.doubleClicked.connect(lambda _i: emit(self.command, "reveal"))
        self._status = ""

    # ------------------------------------------------------------ content
    def set_flags(self, flags: list[Flag], keep: str | None = None, status: str = "") -> None:
        """Replace the rows, keeping the selection on the flag with key `keep` if it is still there."""
        self._status = status
        blocker = self.view.selectionModel().blockSignals(True)
        self.model.set_flags(flags)
        self.view.selectionModel().blockSignals(blocker)
        if keep is not None:
            self.select_key(keep, notify=False)
        self._update_counts()

    def select_key(self, key: str | None, notify: bool = True) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(FLAG_ROLE).key == key:
                if not notify:
                    self.view.selectionModel().blockSignals(True)
                self.view.setCurrentIndex(index)
                self.view.selectionModel().blockSignals(False)
                self.view.scrollTo(index)
                return True
        return False

    def current_flag(self) -> Flag | None:
        index = self.view.currentIndex()
        return index.data(FLAG_ROLE) if index.isValid() else None

    def visible_flags(self) -> list[Flag]:
        return [self.proxy.index(r, 0).data(FLAG_ROLE) for r in range(self.proxy.rowCount())]

    def select_next(self, after: Flag | None, step: int = 1) -> Flag | None:
        """Select the flag after (or, with step -1, before) `after`, wrapping round."""
        flags = self.visible_flags()
        if not flags:
            return None
        keys = [f.key for f in flags]
        i = keys.index(after.key) if after is not None and after.key in keys else (-1 if step > 0 else 0)
        chosen = flags[(i + step) % len(flags)]
        self.select_key(chosen.key)
        return chosen

    def keys_after(self, flag: Flag) -> list[str]:
        """Keys of the listed flags after `flag`, wrapping round: where to go once it is decided."""
        keys = [f.key for f in self.visible_flags()]
        if flag.key not in keys:
            return keys
        i = keys.index(flag.key)
        return keys[i + 1:] + keys[:i]

    def select_first_open(self, keys: list[str]) -> None:
        status = {f.key: f.status for f in self.visible_flags()}
        for key in keys:
            if status.get(key) == "open":
                self.select_key(key)
                return
        if self.visible_flags():
            self.select_key(next((k for k in keys if k in status), self.visible_flags()[0].key))

    def set_label_filter(self, label: str) -> None:
        self.label_box.setCurrentIndex(max(0, self.label_box.findData(label)))

    def _filter(self, **kw) -> None:
        current = self.current_flag()
        self.proxy.configure(**kw)
        if current is not None:
            self.select_key(current.key, notify=False)
        self._update_counts()

    def _current_changed(self, current, _previous) -> None:
        emit(self.flagSelected, current.data(FLAG_ROLE) if current.isValid() else None)

    def _update_counts(self) -> None:
        flags = self.model.items
        open_n = sum(1 for f in flags if f.status == "open")
        decided = sum(1 for f in flags if f.status in ("confirmed", "relabelled", "added"))
        closed = sum(1 for f in flags if not f.active)
        self.count_label.setText(f"{open_n} undecided · {decided} confirmed · {closed} dismissed")
        shown = self.proxy.rowCount()
        if shown == 0:
            if self._status:
                text = self._status
            elif flags:
                text = "No flag matches these filters."
            else:
                text = "No flags in this article."
            self.empty.setText(text)
        self.empty.setVisible(shown == 0)
        self.view.setVisible(shown > 0)
