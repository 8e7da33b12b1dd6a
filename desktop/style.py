"""How labels look: a colour-blind-safe palette (Okabe and Ito) and, because colour
alone is not enough, a distinct line pattern and a short code per label."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QTextCharFormat

from desktop.palette import CODES, COLOURS, tint_hex
from guidelines.labels import LABEL_TITLES, LABELS

@dataclass(frozen=True)
class LabelStyle:
    label: str
    code: str            # shown in badges and reports, so a label is readable without colour
    colour: str

    @property
    def title(self) -> str:
        return LABEL_TITLES.get(self.label, self.label)

    def qcolor(self, alpha: int = 255) -> QColor:
        c = QColor(self.colour)
        c.setAlpha(alpha)
        return c

    def ink(self) -> QColor:
        """A darker shade for lines and text on white (the light hues are too faint as lines)."""
        return QColor(self.colour).darker(135)


# Line patterns under flagged words, one per label (see draw_label_line).
PATTERNS = {"victim_identification": "solid", "sensationalism": "wave", "victim_blaming": "dashes",
            "terminology": "dots", "stereotyping": "dash-dot", "presumption_of_innocence": "double"}
DASHES = {"dashes": [3.0, 2.0], "dots": [0.01, 2.0], "dash-dot": [4.0, 1.5, 1.0, 1.5]}   # in pen widths
STYLES: dict[str, LabelStyle] = {label: LabelStyle(label, CODES[label], COLOURS[label]) for label in LABELS}
assert set(STYLES) == set(LABELS), "every label needs a style"

SEVERITY_COLOURS = {"high": "#B3261E", "medium": "#8A5A00", "low": "#4A5A6A"}
STATUS_TEXT = {"open": "Open", "confirmed": "Confirmed", "relabelled": "Relabelled", "added": "Added by editor",
               "dismissed": "Dismissed", "allowed": "Allowed (allow-list)"}
STATUS_MARK = {"open": "●", "confirmed": "✔", "relabelled": "✎", "added": "+", "dismissed": "✕", "allowed": "○"}


def style(label: str) -> LabelStyle:
    return STYLES.get(label) or LabelStyle(label, label[:3].upper(), "#777777")


def tint(label: str, strength: float) -> str:
    """The label colour blended into white, as #rrggbb (rich text and reports know no alpha)."""
    return tint_hex(style(label).colour, strength)


def passage_format(label: str) -> QTextCharFormat:
    """A light tint for a flagged passage. Opaque tints, so overlaps never blend into mud."""
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(tint(label, 0.16)))
    return fmt


def evidence_format(label: str, current: bool = False) -> QTextCharFormat:
    """The exact words: a stronger tint (the view draws the label's line under them); stronger
    still when selected."""
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(tint(label, 0.62 if current else 0.36)))
    if current:
        fmt.setForeground(QColor("#000000"))
    return fmt


def draw_label_line(painter: QPainter, label: str, x: float, y: float, width: float, faint: bool = False) -> None:
    """The label's line pattern from x to x + width at height y: under highlighted words, in the
    legend and in badges. Drawn by hand, 2 px thick, so the six patterns stay apart at any size
    (Qt's own underline styles are 1 px and dash-dot-dot looks like dots)."""
    s = style(label)
    ink = s.ink()
    if faint:
        ink.setAlpha(140)
    pen = QPen(ink, 2.0 if not faint else 1.5)
    pen.setCapStyle(Qt.FlatCap)
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setBrush(Qt.NoBrush)
    pattern = PATTERNS.get(label, "solid")
    if pattern == "wave":
        path = QPainterPath(QPointF(x, y))
        px, up = x, True
        while px < x + width:
            step = min(4.0, x + width - px)
            path.quadTo(QPointF(px + step / 2, y + (-2.2 if up else 2.2)), QPointF(px + step, y))
            px += step
            up = not up
        painter.setPen(pen)
        painter.drawPath(path)
    elif pattern == "double":
        pen.setWidthF(1.2)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, y - 1.3), QPointF(x + width, y - 1.3))
        painter.drawLine(QPointF(x, y + 1.7), QPointF(x + width, y + 1.7))
    else:
        if pattern != "solid":
            pen.setDashPattern(DASHES[pattern])
        if pattern == "dots":
            pen.setCapStyle(Qt.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, y), QPointF(x + width, y))
    painter.restore()


def apply_palette(app) -> None:
    """A calm light theme (Fusion), the same on every desktop, with enough contrast for long reading."""
    app.setStyle("Fusion")
    pal = QPalette()
    pal.setColor(QPalette.Window, QColor("#F3F4F6"))
    pal.setColor(QPalette.WindowText, QColor("#1F2328"))
    pal.setColor(QPalette.Base, QColor("#FFFFFF"))
    pal.setColor(QPalette.AlternateBase, QColor("#F7F8FA"))
    pal.setColor(QPalette.Text, QColor("#1F2328"))
    pal.setColor(QPalette.Button, QColor("#F7F8FA"))
    pal.setColor(QPalette.ButtonText, QColor("#1F2328"))
    pal.setColor(QPalette.Highlight, QColor("#2F6FDE"))
    pal.setColor(QPalette.HighlightedText, QColor("#FFFFFF"))
    pal.setColor(QPalette.ToolTipBase, QColor("#FFFFFF"))
    pal.setColor(QPalette.ToolTipText, QColor("#1F2328"))
    pal.setColor(QPalette.PlaceholderText, QColor("#6B7280"))
    pal.setColor(QPalette.Link, QColor("#1D4ED8"))
    app.setPalette(pal)
    app.setStyleSheet(STYLESHEET)


STYLESHEET = """
QToolBar { border: none; spacing: 4px; padding: 3px 6px; background: #FFFFFF;
           border-bottom: 1px solid #D9DCE1; }
QToolBar QToolButton { padding: 4px 8px; border-radius: 4px; }
QToolBar QToolButton:hover { background: #E8EEF9; }
QToolBar QToolButton:focus { border: 1px solid #2F6FDE; }
QSplitter::handle { background: #D9DCE1; }
QSplitter::handle:horizontal { width: 1px; }
QSplitter::handle:vertical { height: 1px; }
QListView, QTextBrowser, QPlainTextEdit { border: none; }
QListView:focus, QTextBrowser:focus, QPlainTextEdit:focus { border: 1px solid #9DB7EA; }
QLabel#paneTitle { font-weight: bold; color: #4B5563; padding: 6px 8px 2px 8px; }
QLabel#articleTitle { font-size: 15pt; font-weight: bold; color: #111827; }
QLabel#articleMeta { color: #4B5563; }
QWidget#articleHeader, QWidget#filterBar { background: #FFFFFF; border-bottom: 1px solid #E5E7EB; }
QPushButton { padding: 4px 10px; border: 1px solid #C5CAD3; border-radius: 4px; background: #FFFFFF; }
QPushButton:hover { background: #EEF2FA; }
QPushButton:focus { border: 1px solid #2F6FDE; }
QPushButton:disabled { color: #9CA3AF; }
QPushButton#confirmButton { background: #E7F4EA; border-color: #7FB98B; }
QPushButton#dismissButton { background: #FBEAEA; border-color: #D99494; }
QStatusBar { background: #FFFFFF; border-top: 1px solid #D9DCE1; }
QStatusBar QLabel { padding: 0 6px; }
"""
