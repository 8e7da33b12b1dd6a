"""Small widgets: the label legend and the progress area of the status bar."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from desktop.qtcompat import emit
from desktop.style import draw_label_line, style, tint
from desktop.tasks import TaskRunner
from guidelines.labels import LABELS


class Legend(QWidget):
    """Each label's code, colour and underline pattern, wrapped to the width; a click filters by it."""
    labelClicked = Signal(str)
    GAP, PAD = 14, 4

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Label legend")
        self.setToolTip("Highlight colours and underline patterns. Click a label to show only its flags.")
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        self._boxes: list[tuple[QRectF, str]] = []

    def _layout(self, width: int) -> tuple[list[tuple[QRectF, str]], int]:
        fm = QFontMetrics(self._font())
        line = fm.height() + 12          # room for the pattern under each chip
        x, y, boxes = 0.0, 0.0, []
        for label in LABELS:
            s = style(label)
            w = fm.horizontalAdvance(s.code) + 10 + 6 + fm.horizontalAdvance(s.title)
            if x > 0 and x + w > width:
                x, y = 0.0, y + line
            boxes.append((QRectF(x, y, w, line), label))
            x += w + self.GAP
        return boxes, int(y + line)

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        return font

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout(width)[1]

    def sizeHint(self) -> QSize:
        return QSize(600, self.heightForWidth(600))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(200))

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        font = self._font()
        painter.setFont(font)
        fm = QFontMetrics(font)
        self._boxes, _ = self._layout(self.width())
        for rect, label in self._boxes:
            s = style(label)
            code_w = fm.horizontalAdvance(s.code) + 10
            chip = QRectF(rect.left(), rect.top() + 1, code_w, fm.height() + 2)
            painter.setPen(Qt.NoPen)
            painter.setBrush(QColor(tint(label, 0.35)))
            painter.drawRoundedRect(chip, 3, 3)
            painter.setPen(s.ink().darker(130))
            painter.drawText(chip, Qt.AlignCenter, s.code)
            draw_label_line(painter, label, chip.left() + 1, chip.bottom() + 3.5, code_w - 2)
            painter.setPen(QColor("#374151"))
            painter.drawText(QRectF(chip.right() + 6, chip.top(), rect.width() - code_w - 6, chip.height()),
                             Qt.AlignLeft | Qt.AlignVCenter, s.title)
        painter.end()

    def mouseReleaseEvent(self, event) -> None:
        for rect, label in self._boxes:
            if rect.contains(event.position()):
                emit(self.labelClicked, label)
                return

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if self.minimumHeight() != needed:     # rows wrap with the width; never clip the patterns
            self.setMinimumHeight(needed)


class TaskProgress(QWidget):
    """The oldest visible background task: what it does, how far, and a Cancel button."""

    def __init__(self, runner: TaskRunner, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.text = QLabel()
        self.bar = QProgressBar(maximumWidth=200, textVisible=False)
        self.bar.setAccessibleName("Progress")
        self.cancel = QPushButton("Cancel")
        self.cancel.setAccessibleName("Cancel background work")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.cancel.clicked.connect(self._cancel)
        runner.changed.connect(self.refresh)
        self.refresh()

    def _cancel(self) -> None:
        task = self.runner.visible_task()
        if task is not None:
            task.cancel()
            self.text.setText(f"{task.title}: cancelling…")
            self.cancel.setEnabled(False)

    def refresh(self) -> None:
        task = self.runner.visible_task()
        self.setVisible(task is not None)
        if task is None:
            return
        self.cancel.setEnabled(True)
        self.text.setText(f"{task.title}: {task.message}" if task.message else f"{task.title}…")
        if task.fraction <= 0:
            self.bar.setRange(0, 0)          # busy until the first progress report
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(task.fraction * 1000))
