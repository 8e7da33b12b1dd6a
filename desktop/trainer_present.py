"""Full-screen views for a room: the presentation (one flag per step) and the quiz.

Large type that scales with the window (28 pt body at 1920x1080, shrunk only as far as a long
slide needs to fit), black on white, and every label spelled out or coded next to its
colour. Keys work with a presenter remote, which sends Page Up/Down (some send arrows).
"""
from __future__ import annotations

import html

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QTextDocument
from PySide6.QtWidgets import QWidget

from desktop.palette import label_code
from desktop.qtcompat import emit
from desktop.trainer_deck import Deck, Example, QuizRound, Slide, short_cite
from desktop.trainer_handout import all_marks, marked_html
from guidelines.labels import LABEL_TITLES, LABELS

BODY_PT_AT_1080 = 28
INK, MUTED, PAPER = "#111111", "#374151", "#FFFFFF"
BAD_BADGE, GOOD_BADGE = "#9B1C1C", "#14532D"      # white text on these: contrast above 7:1
NEXT_KEYS = (Qt.Key_Right, Qt.Key_Down, Qt.Key_PageDown, Qt.Key_Space)
PREVIOUS_KEYS = (Qt.Key_Left, Qt.Key_Up, Qt.Key_PageUp, Qt.Key_Backspace)
# Short slides grow up to 140 % to fill the screen; long ones may shrink to 65 % of the body size.
FIT_STEPS = [1.4 - 0.05 * i for i in range(16)]


def _h(text) -> str:
    return html.escape(str(text or ""))


def body_px(width: int, height: int, zoom: float = 1.0) -> float:
    """The body size in pixels: 28 pt (at 96 dpi) on a 1920x1080 screen, in proportion otherwise."""
    return BODY_PT_AT_1080 * 96 / 72 * min(width / 1920, height / 1080) * zoom


def badge(practice: str, px: float) -> str:
    colour, text = (BAD_BADGE, "✕ BAD PRACTICE") if practice == "bad" else (GOOD_BADGE, "✔ GOOD PRACTICE")
    return (f"<span style='background-color:{colour}; color:#FFFFFF; font-weight:bold; font-size:{px:.0f}px;'>"
            f"&nbsp;{text}&nbsp;</span>")


def caption(text: str, px: float) -> str:
    return (f"<p style='margin:0; color:{MUTED}; font-weight:bold; font-size:{px * 0.66:.0f}px;'>"
            f"{_h(text).upper()}</p>")


def passage_block(example: Example, marks, px: float) -> str:
    """The passage at body size between its neighbours (smaller, grey, italic)."""
    before = (f"<span style='color:{MUTED}; font-style:italic; font-size:{px * 0.75:.0f}px;'>"
              f"{_h(example.before)}</span><br>" if example.before else "")
    after = (f"<br><span style='color:{MUTED}; font-style:italic; font-size:{px * 0.75:.0f}px;'>"
             f"{_h(example.after)}</span>" if example.after else "")
    code = f"font-size:{px * 0.6:.0f}px; font-weight:bold; color:{INK};"
    return (f"<p style='margin:0; font-size:{px:.0f}px;'>{before}"
            f"{marked_html(example.text, marks, 0.5, code)}{after}</p>")


def slide_html(slide: Slide, px: float) -> str:
    """One step: the rule on top, the original beside the compliant rewrite, why it matters and the source."""
    e, flag = slide.example, slide.flag
    head = (f"<p style='margin:0 0 {px * 0.3:.0f}px 0; font-size:{px * 0.7:.0f}px; color:{MUTED};'>"
            f"{badge(e.practice, px * 0.7)}&nbsp;&nbsp;{_h(e.origin)}"
            + (f" · flag {slide.flag_number} of {len(e.flags)}" if flag is not None and len(e.flags) > 1 else "")
            + "</p>")
    rule = flag if flag is not None else e.complies
    if rule is not None:
        code = f"[{label_code(rule.label)}] " if flag is not None else "Follows "
        title = (f"<p style='margin:0 0 {px * 0.35:.0f}px 0; font-size:{px * 1.18:.0f}px; font-weight:bold;'>"
                 f"{_h(code)}{_h(rule.rule_id + ' · ' if rule.rule_id else '')}{_h(rule.title)}"
                 f"<span style='font-weight:normal; color:{MUTED}; font-size:{px * 0.7:.0f}px;'>"
                 f"&nbsp;&nbsp;{_h(rule.label_title)}</span></p>")
    else:
        title = (f"<p style='margin:0 0 {px * 0.35:.0f}px 0; font-size:{px * 1.18:.0f}px; font-weight:bold;'>"
                 "No guideline flags in this passage</p>")

    if flag is not None:
        whole = "" if flag.marks else " · the passage as a whole"
        left = caption("Original" + whole, px) + passage_block(e, all_marks(e, flag), px)
        right_title = "Compliant rewrite" if e.kind == "rule_example" else f"Compliant example ({rule.rule_id})"
        right_text = flag.rewrite or "The catalogue gives no rewrite for this rule."
    else:
        left = caption("Good practice", px) + passage_block(e, [], px)
        right_title, right_text = ("Instead of", e.replaces) if e.replaces else ("", "")
    right = ""
    if right_text:
        colour = "#F0FDF4" if flag is not None else "#FEF2F2"
        right = (caption(right_title, px) + f"<p style='margin:0; font-size:{px:.0f}px; background-color:{colour};'>"
                 f"{_h(right_text)}</p>")
    columns = (f"<table width='100%' cellspacing='0' cellpadding='0'><tr>"
               f"<td width='55%' valign='top' style='padding-right:{px:.0f}px;'>{left}</td>"
               f"<td width='45%' valign='top'>{right}</td></tr></table>")
    lower = ""
    if rule is not None and rule.rationale:
        lower += (f"<p style='margin:{px * 0.6:.0f}px 0 0 0; font-size:{px * 0.3:.0f}px;'>&nbsp;</p>"
                  + caption("Why it matters", px)
                  + f"<p style='margin:0; font-size:{px * 0.9:.0f}px;'>{_h(rule.rationale)}</p>")
    if rule is not None and rule.sources:
        more = len(rule.sources) - 1
        lower += (f"<p style='margin:{px * 0.45:.0f}px 0 0 0; font-size:{px * 0.75:.0f}px; color:{MUTED};'>"
                  f"<b>Source:</b> {_h(short_cite(rule.sources[0]))}"
                  + (f" (and {more} more in the handout)" if more > 0 else "") + "</p>")
    return (f"<div style='color:{INK}; font-family:\"DejaVu Sans\";'>{head}{title}{columns}{lower}</div>")


class Stage(QWidget):
    """Draws one rich-text page as large as fits, with a position indicator; Esc leaves."""
    left = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("thb-review — presentation")
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAutoFillBackground(True)
        self.zoom = 1.0
        self.doc = QTextDocument(self)
        self.doc.setDocumentMargin(0)
        self.fitted_px = 0.0
        self.blank = False

    # subclasses: the page's HTML at a body size, and the indicator text
    def page_html(self, px: float) -> str:
        raise NotImplementedError

    def indicator(self) -> str:
        return ""

    def margins(self) -> tuple[float, float]:
        return max(24.0, self.width() * 0.035), max(18.0, self.height() * 0.04)

    def layout_page(self) -> None:
        """Lay the page out at the body size, or smaller until it fits the screen."""
        mx, my = self.margins()
        width, height = self.width() - 2 * mx, self.height() - 2 * my - body_px(self.width(), self.height()) * 0.8
        base = body_px(self.width(), self.height(), self.zoom)
        for step in FIT_STEPS:
            px = base * step
            self.doc.setDefaultFont(QFont("DejaVu Sans", -1))
            self.doc.setHtml(self.page_html(px))
            self.doc.setTextWidth(width)
            if self.doc.size().height() <= height:
                break
        self.fitted_px = px
        self.update()

    def shown_text(self) -> str:
        """What the room sees, as plain text (tests and screen readers)."""
        return self.doc.toPlainText() + "\n" + self.indicator()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.layout_page()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        if self.blank:
            painter.fillRect(self.rect(), QColor("#000000"))
            painter.end()
            return
        painter.fillRect(self.rect(), QColor(PAPER))
        mx, my = self.margins()
        painter.translate(mx, my)
        self.doc.drawContents(painter, QRectF(0, 0, self.width() - 2 * mx, self.height() - 2 * my))
        painter.resetTransform()
        text = self.indicator()
        if text:
            font = QFont("DejaVu Sans")
            font.setPixelSize(max(12, round(body_px(self.width(), self.height()) * 0.8)))
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor(INK))
            painter.drawText(QRectF(mx, 0, self.width() - 2 * mx, self.height() - my * 0.5),
                             Qt.AlignRight | Qt.AlignBottom, text)
        painter.end()

    def start(self, full_screen: bool = True, screen=None) -> None:
        """Show on `screen` (the projector, when the trainer's laptop has one attached)."""
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen() if full_screen else self.show()
        self.activateWindow()
        self.setFocus()
        self.layout_page()

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key_Escape:
            self.close()
        elif self.blank:                  # as in slide software: any key brings the page back, nothing more
            self.blank = False
            self.update()
        elif key in (Qt.Key_B, Qt.Key_Period) and not mods & Qt.ControlModifier:
            self.blank = True             # a black screen while the room talks (presenter remotes send B or .)
            self.update()
        elif mods & Qt.ControlModifier and key in (Qt.Key_Plus, Qt.Key_Equal):
            self.zoom = min(1.6, self.zoom + 0.1)
            self.layout_page()
        elif mods & Qt.ControlModifier and key == Qt.Key_Minus:
            self.zoom = max(0.6, self.zoom - 0.1)
            self.layout_page()
        elif key == Qt.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        elif not self.handle_key(key):
            super().keyPressEvent(event)

    def handle_key(self, key) -> bool:
        return False

    def closeEvent(self, event) -> None:
        emit(self.left)
        super().closeEvent(event)


class PresentationView(Stage):
    """Steps through a deck's flags: Right/Down/Page Down/Space next, Left/Up/Page Up back, Home/End."""

    def __init__(self, deck: Deck, parent=None):
        super().__init__(parent)
        self.deck = deck
        self.slides = deck.slides()
        self.index = 0
        self.setWindowTitle(f"{deck.title} — presentation")

    def current(self) -> Slide | None:
        return self.slides[self.index] if self.slides else None

    def go(self, index: int) -> None:
        if self.slides:
            self.index = max(0, min(len(self.slides) - 1, index))
            self.layout_page()

    def handle_key(self, key) -> bool:
        if key in NEXT_KEYS:
            self.go(self.index + 1)
        elif key in PREVIOUS_KEYS:
            self.go(self.index - 1)
        elif key == Qt.Key_Home:
            self.go(0)
        elif key == Qt.Key_End:
            self.go(len(self.slides) - 1)
        else:
            return False
        return True

    def indicator(self) -> str:
        return f"{self.index + 1} / {len(self.slides)}" if self.slides else ""

    def page_html(self, px: float) -> str:
        slide = self.current()
        if slide is None:
            return f"<p style='font-size:{px:.0f}px;'>This session has nothing to show yet.</p>"
        return slide_html(slide, px)


VERDICT_WORDS = {"hit": ("✔", "found"), "missed": ("✕", "missed"), "false": ("✕", "not here"),
                 "clear": ("", "")}


class QuizView(Stage):
    """Show a passage without flags; the room chooses labels (keys 1-6, 0 for nothing wrong);
    Enter or Space reveals the flags and the rule; a summary of the round closes it."""

    def __init__(self, deck: Deck, parent=None):
        super().__init__(parent)
        self.deck = deck
        self.rounds: list[QuizRound] = [QuizRound(list(deck.examples))]
        self.index = 0                      # len(questions): the round's summary
        self.setWindowTitle(f"{deck.title} — quiz")

    @property
    def round(self) -> QuizRound:
        return self.rounds[-1]

    @property
    def at_summary(self) -> bool:
        return self.index >= len(self.round.questions)

    def new_round(self) -> None:
        self.rounds.append(QuizRound(list(self.deck.examples), number=len(self.rounds) + 1))
        self.index = 0
        self.layout_page()

    def advance(self) -> None:
        """Reveal the question on screen; if it is revealed already, go on (a remote has one button)."""
        if self.at_summary:
            return
        if self.index not in self.round.revealed:
            self.round.reveal(self.index)
        else:
            self.index += 1
        self.layout_page()

    def handle_key(self, key) -> bool:
        if key in NEXT_KEYS or key in (Qt.Key_Return, Qt.Key_Enter):
            self.advance()
        elif key in PREVIOUS_KEYS:
            self.index = max(0, self.index - 1)
        elif key == Qt.Key_Home:
            self.index = 0
        elif key == Qt.Key_End:
            self.index = len(self.round.questions)
        elif Qt.Key_1 <= key <= Qt.Key_6 and not self.at_summary:
            self.round.toggle(self.index, LABELS[key - Qt.Key_1])
        elif key == Qt.Key_0 and not self.at_summary:
            self.round.nothing_wrong(self.index)
        elif key == Qt.Key_N and self.at_summary:
            self.new_round()
        else:
            return False
        self.layout_page()
        return True

    def indicator(self) -> str:
        n = len(self.round.questions)
        return "Summary" if self.at_summary else f"{self.index + 1} / {n}"

    def page_html(self, px: float) -> str:
        if not self.round.questions:
            return f"<p style='font-size:{px:.0f}px;'>This session has nothing to ask yet.</p>"
        if self.at_summary:
            return self.summary_html(px)
        return self.question_html(px)

    def question_html(self, px: float) -> str:
        q = self.round.questions[self.index]
        shown = self.index in self.round.revealed
        chosen = self.round.answers.get(self.index)
        head = (f"<p style='margin:0 0 {px * 0.3:.0f}px 0; font-size:{px * 0.62:.0f}px; color:{MUTED};'>"
                f"<b>QUIZ · ROUND {self.round.number}</b>"
                # where it comes from can give the answer away ("Catalogue example for VID-01")
                + (f" · {_h(q.origin)}" if shown else "") + "</p>")
        ask = "The answer" if shown else "What is wrong here?"
        parts = [head, f"<p style='margin:0 0 {px * 0.3:.0f}px 0; font-size:{px * 1.18:.0f}px; font-weight:bold;'>"
                       f"{ask}{'&nbsp;&nbsp;' + badge(q.practice, px * 0.7) if shown else ''}</p>",
                 passage_block(q, all_marks(q) if shown else [], px)]
        verdict = self.round.verdict(self.index) if shown else None
        rows = []
        for n, label in enumerate(LABELS, 1):
            mark = "☒" if chosen and label in chosen else "☐"
            result = ""
            if shown:
                there = label in q.labels
                if verdict is not None:
                    sign, word = VERDICT_WORDS[verdict[label]]
                    result = f" &nbsp;<b>{sign} {word}</b>" if word else ""
                elif there:
                    result = " &nbsp;<b>● in this passage</b>"
            weight = "bold" if shown and label in q.labels else "normal"
            rows.append(f"<td style='padding:{px * 0.12:.0f}px {px * 0.6:.0f}px {px * 0.12:.0f}px 0; "
                        f"font-size:{px * 0.82:.0f}px; font-weight:{weight};'>{mark} {n} "
                        f"[{label_code(label)}] {_h(LABEL_TITLES[label])}{result}</td>")
        table = "".join(f"<tr>{rows[i]}{rows[i + 1]}</tr>" for i in range(0, len(rows), 2))
        nothing = "☒" if chosen == set() else "☐"
        parts.append(f"<p style='margin:{px * 0.5:.0f}px 0 0 0;'></p><table cellspacing='0'>{table}</table>")
        parts.append(f"<p style='margin:{px * 0.1:.0f}px 0 0 0; font-size:{px * 0.82:.0f}px;'>{nothing} 0 "
                     "Nothing wrong"
                     + (f" &nbsp;<b>{'✔ right' if not q.labels else '✕ not so'}</b>" if shown and chosen == set()
                        else "") + "</p>")
        if shown:
            if q.flags:
                rules = "; ".join(f"[{label_code(f.label)}] {_h(f.rule_id + ' · ' if f.rule_id else '')}{_h(f.title)}"
                                  for f in q.flags)
                parts.append(f"<p style='margin:{px * 0.4:.0f}px 0 0 0; font-size:{px * 0.85:.0f}px;'>"
                             f"<b>Rule{'s' if len(q.flags) > 1 else ''}:</b> {rules}</p>")
                if q.flags[0].statement:
                    parts.append(f"<p style='margin:0; font-size:{px * 0.72:.0f}px;'>{_h(q.flags[0].statement)}</p>")
            elif q.complies is not None:
                parts.append(f"<p style='margin:{px * 0.4:.0f}px 0 0 0; font-size:{px * 0.85:.0f}px;'>"
                             f"<b>Good practice:</b> follows {_h(q.complies.rule_id)} · {_h(q.complies.title)}</p>")
            s = self.round.score()
            parts.append(f"<p style='margin:{px * 0.3:.0f}px 0 0 0; font-size:{px * 0.7:.0f}px; color:{MUTED};'>"
                         f"Round {s['round']} so far: {s['right']} of {s['answered']} answered passages right · "
                         "→ next</p>")
        else:
            parts.append(f"<p style='margin:{px * 0.4:.0f}px 0 0 0; font-size:{px * 0.65:.0f}px; color:{MUTED};'>"
                         "Keys 1–6 choose labels, 0 nothing wrong · Enter or → reveals the flags</p>")
        return "".join(parts)

    def summary_html(self, px: float) -> str:
        s = self.round.score()
        rows = "".join(
            f"<tr><td style='padding:{px * 0.1:.0f}px {px:.0f}px {px * 0.1:.0f}px 0;'>[{label_code(label)}] "
            f"{_h(LABEL_TITLES[label])}</td><td align='right' style='padding-right:{px:.0f}px;'>"
            f"{c['right']} right</td><td align='right'>{c['wrong']} wrong</td></tr>"
            for label, c in s["per_label"].items())
        earlier = ""
        if len(self.rounds) > 1:
            earlier = "<br>".join(f"Round {r.number}: {r.score()['right']} of {r.score()['answered']} right"
                                  for r in self.rounds[:-1])
            earlier = f"<p style='margin:{px * 0.4:.0f}px 0 0 0; font-size:{px * 0.7:.0f}px; color:{MUTED};'>{earlier}</p>"
        return (f"<p style='margin:0; font-size:{px * 0.62:.0f}px; color:{MUTED};'><b>QUIZ · ROUND {s['round']}</b></p>"
                f"<p style='margin:0 0 {px * 0.3:.0f}px 0; font-size:{px * 1.3:.0f}px; font-weight:bold;'>"
                f"Round {s['round']}: {s['right']} of {s['answered']} passages right</p>"
                f"<p style='margin:0 0 {px * 0.4:.0f}px 0; font-size:{px * 0.8:.0f}px;'>{s['questions']} questions, "
                f"{s['answered']} answered by the room. Per label (a label counts as right when the room chose it "
                "where it is, or left it out where it is not):</p>"
                f"<table cellspacing='0' style='font-size:{px * 0.85:.0f}px;'>{rows}</table>{earlier}"
                f"<p style='margin:{px * 0.5:.0f}px 0 0 0; font-size:{px * 0.65:.0f}px; color:{MUTED};'>"
                "N starts a new round · ← goes back · Esc leaves</p>")
