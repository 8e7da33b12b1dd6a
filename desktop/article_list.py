"""The open articles, each with its open flags counted per label."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QStyle, QStyledItemDelegate

from desktop.qtcompat import emit
from desktop.style import style, tint
from guidelines.labels import LABELS

ID_ROLE = Qt.UserRole + 1
INFO_ROLE = Qt.UserRole + 2      # dict: title, where, counts, state


def source_caption(source: str) -> str:
    if source.startswith("pasted:"):
        return "pasted text"
    return Path(source).name


class ArticleDelegate(QStyledItemDelegate):
    PAD = 8

    def sizeHint(self, option, index) -> QSize:
        return QSize(180, QFontMetrics(option.font).height() * 3 + self.PAD * 2 + 6)

    def paint(self, painter: QPainter, option, index) -> None:
        info = index.data(INFO_ROLE) or {}
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        rect = option.rect
        selected = bool(option.state & QStyle.State_Selected)
        painter.fillRect(rect, QColor("#DCE7FB") if selected else QColor("#FFFFFF"))
        if selected:
            painter.fillRect(rect.left(), rect.top(), 3, rect.height(), QColor("#2F6FDE"))
        painter.setPen(QColor("#E5E7EB"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        font = QFont(option.font)
        fm = QFontMetrics(font)
        bold = QFont(font)
        bold.setBold(True)
        x, y = rect.left() + self.PAD + 4, rect.top() + self.PAD
        width = rect.width() - 2 * self.PAD - 4
        line = fm.height()
        painter.setFont(bold)
        painter.setPen(QColor("#111827"))
        painter.drawText(QRectF(x, y, width, line), Qt.AlignLeft | Qt.AlignVCenter,
                         QFontMetrics(bold).elidedText(info.get("title", ""), Qt.ElideRight, width))
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        painter.setFont(small)
        painter.setPen(QColor("#6B7280"))
        where = info.get("where", "")
        if info.get("edited"):
            where += " · edited"
        painter.drawText(QRectF(x, y + line + 1, width, line), Qt.AlignLeft | Qt.AlignVCenter,
                         QFontMetrics(small).elidedText(where, Qt.ElideMiddle, width))

        # Badges: one per label with flags to act on, code and count; the state otherwise.
        y3 = y + 2 * line + 4
        counts: dict = info.get("counts") or {}
        state = info.get("state", "")
        if state:
            painter.setPen(QColor("#6B7280"))
            painter.drawText(QRectF(x, y3, width, line), Qt.AlignLeft | Qt.AlignVCenter, state)
        elif not any(counts.values()):
            painter.setPen(QColor("#166534"))
            painter.drawText(QRectF(x, y3, width, line), Qt.AlignLeft | Qt.AlignVCenter, "✔ no flags")
        else:
            sfm = QFontMetrics(small)
            bx = x
            for label in LABELS:
                n = counts.get(label, 0)
                if not n:
                    continue
                text = f"{style(label).code} {n}"
                w = sfm.horizontalAdvance(text) + 10
                if bx + w > x + width:
                    break
                box = QRectF(bx, y3, w, line)
                painter.setPen(QPen(style(label).ink(), 1))
                painter.setBrush(QColor(tint(label, 0.3)))
                painter.drawRoundedRect(box, 3, 3)
                painter.setPen(QColor("#111827"))
                painter.drawText(box, Qt.AlignCenter, text)
                bx += w + 4
        painter.restore()


class ArticleList(QListWidget):
    articleChosen = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Open articles")
        self.setItemDelegate(ArticleDelegate(self))
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setUniformItemSizes(True)
        self.currentItemChanged.connect(lambda item, _prev: item and emit(self.articleChosen, item.data(ID_ROLE)))

    def _item(self, article_id: int) -> QListWidgetItem | None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(ID_ROLE) == article_id:
                return item
        return None

    def ids(self) -> list[int]:
        return [self.item(r).data(ID_ROLE) for r in range(self.count())]

    def upsert(self, article_id: int, title: str, source: str, counts: dict, state: str = "",
               edited: bool = False) -> None:
        item = self._item(article_id)
        if item is None:
            item = QListWidgetItem()
            item.setData(ID_ROLE, article_id)
            self.addItem(item)
        total = sum(counts.values())
        item.setData(INFO_ROLE, {"title": title, "where": source_caption(source), "counts": counts,
                                 "state": state, "edited": edited})
        # What a screen reader announces, and what a test can read.
        summary = state or (f"{total} flag{'s' if total != 1 else ''}: " +
                            ", ".join(f"{style(l).title} {n}" for l, n in counts.items() if n) if total
                            else "no flags")
        item.setData(Qt.DisplayRole, f"{title} — {summary}")
        item.setToolTip(source)

    def remove(self, article_id: int) -> None:
        item = self._item(article_id)
        if item is not None:
            self.takeItem(self.row(item))

    def select(self, article_id: int) -> None:
        item = self._item(article_id)
        if item is not None and self.currentItem() is not item:
            self.setCurrentItem(item)

    def summary(self, article_id: int) -> str:
        item = self._item(article_id)
        return item.data(Qt.DisplayRole) if item else ""
