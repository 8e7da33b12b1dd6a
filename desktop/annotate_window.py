"""Annotation mode: one passage at a time, every decision by keyboard, saved at once.

The logic lives in the core (corpus/annotation_store.py, classifier/active.py ...); this window
shows the queue and turns keys into store calls. Queue building, retraining and exports that need
the model run off the UI thread through the TaskRunner.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (QComboBox, QFileDialog, QGridLayout, QHBoxLayout, QInputDialog, QLabel, QMainWindow,
                               QMessageBox, QProgressBar, QPushButton, QTextEdit, QVBoxLayout, QWidget)

from corpus.annotation_store import ORDERS, AnnotationStore, Item
from corpus.review_store import StoreError
from desktop.palette import label_tint
from desktop.settings import Settings, save_settings
from desktop.style import style
from desktop.tasks import TaskRunner
from desktop.widgets import TaskProgress
from guidelines.labels import LABELS

ORDER_TITLES = {"uncertainty": "Most uncertain first", "article": "Article order", "random": "Random"}
ARTICLE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.docx);;All files (*)"

KEYS = [("1 … 6", "Toggle a label"), ("Enter", "Accept the labels shown"), ("R or Backspace", "Reject (no label)"),
        ("S", "Skip (comes back at the end)"), ("N / P", "Next / previous passage without deciding"),
        ("Ctrl+1 … Ctrl+6", "Mark the selected words as carrying that label"), ("X", "Clear the marked words"),
        ("Ctrl+Z", "Undo the last decision"), ("Ctrl+O", "Add articles to the queue"),
        ("Ctrl+I", "Import another annotator's work"), ("Ctrl+G", "Agreement between annotators"),
        ("Ctrl+E", "Export to the corpus (pseudonymised)"), ("Ctrl+T", "Retrain the model"), ("F1", "These keys")]

STYLESHEET = """
QWidget#annotateHeader { background: #FFFFFF; border-bottom: 1px solid #E5E7EB; }
QLabel#queueTitle { font-size: 13pt; font-weight: bold; color: #111827; }
QLabel#passageMeta, QLabel#suggestion { color: #4B5563; }
QPushButton[labelToggle="true"] { text-align: left; padding: 6px 10px; }
QPushButton[labelToggle="true"]:checked { font-weight: bold; border-width: 2px; }
QLabel#countChip { border: 1px solid #D9DCE1; border-radius: 9px; padding: 1px 8px; background: #FFFFFF; }
"""


class AnnotationWindow(QMainWindow):
    decided = Signal()               # a decision was saved (tests, screenshots)
    modelChanged = Signal(object)    # a retrained or rolled-back engine is in use

    def __init__(self, store: AnnotationStore, settings: Settings, engine_getter: Callable[[], object | None],
                 settings_file: Path | None = None, model_file: Path | None = None,
                 open_articles: Callable[[], list[tuple[str, str]]] | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.settings_file = settings_file
        self.engine_getter = engine_getter
        self.model_file = model_file
        self.open_articles = open_articles or (lambda: [])
        self.runner = TaskRunner(self)
        self.order = store.get_meta("order", "uncertainty")
        self.order = self.order if self.order in ORDERS else "uncertainty"
        self.items: list[Item] = []       # the queue as shown; the annotator walks it with N / P
        self.index = 0
        self.checked: set[str] = set()
        self.spans: list[dict] = []
        self.passage_start = 0
        self.last_error: tuple[str, str] | None = None
        self._boxes: list[QMessageBox] = []
        self.setWindowTitle("Annotation — thb-review")
        self.resize(1100, 680)
        self.setStyleSheet(STYLESHEET)
        self._build()
        self._build_actions()
        self.reload_queue()

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        header = QWidget(objectName="annotateHeader")
        hl = QGridLayout(header)
        hl.setContentsMargins(24, 10, 24, 10)
        self.title = QLabel("", objectName="queueTitle")
        self.annotator_label = QLabel("")
        self.order_box = QComboBox(accessibleName="Order of the queue")
        for key in ORDERS:
            self.order_box.addItem(ORDER_TITLES[key], key)
        self.order_box.setCurrentIndex(ORDERS.index(self.order))
        self.order_box.currentIndexChanged.connect(lambda _i: self.set_order(self.order_box.currentData()))
        self.order_box.setFocusPolicy(Qt.ClickFocus)
        self.bar = QProgressBar(textVisible=True, accessibleName="Progress")
        self.bar.setFormat("%v of %m decided")
        hl.addWidget(self.title, 0, 0)
        hl.addWidget(self.annotator_label, 0, 1, Qt.AlignRight)
        hl.addWidget(QLabel("Order:"), 0, 2, Qt.AlignRight)
        hl.addWidget(self.order_box, 0, 3)
        hl.addWidget(self.bar, 1, 0, 1, 4)
        chips = QHBoxLayout()
        self.count_chips: dict[str, QLabel] = {}
        for label in LABELS:
            chip = QLabel("", objectName="countChip")
            chip.setToolTip(f"Passages you accepted with the label {style(label).title}")
            chips.addWidget(chip)
            self.count_chips[label] = chip
        chips.addStretch(1)
        hl.addLayout(chips, 2, 0, 1, 4)
        hl.setColumnStretch(0, 1)

        self.meta = QLabel("", objectName="passageMeta")
        self.view = QTextEdit(readOnly=True, accessibleName="Passage with the sentence before and after")
        self.view.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.view.setFocusPolicy(Qt.StrongFocus)
        self.suggestion = QLabel("", objectName="suggestion", wordWrap=True)

        toggles = QGridLayout()
        self.toggles: dict[str, QPushButton] = {}
        for i, label in enumerate(LABELS):
            button = QPushButton(checkable=True)
            button.setProperty("labelToggle", True)
            button.setFocusPolicy(Qt.NoFocus)        # keys go to the window's actions, never to a button
            button.clicked.connect(lambda _c=False, l=label: self.toggle(l))
            toggles.addWidget(button, i // 3, i % 3)
            self.toggles[label] = button

        buttons = QHBoxLayout()
        self.buttons = {}
        for key, text, slot in (("accept", "Accept  ⏎", self.accept_current), ("reject", "Reject (no label)  R",
                                                                                self.reject_current),
                                ("skip", "Skip  S", self.skip_current), ("undo", "Undo  Ctrl+Z", self.undo),
                                ("prev", "◀ Previous  P", lambda: self.step(-1)),
                                ("next", "Next  N ▶", lambda: self.step(1))):
            b = QPushButton(text, focusPolicy=Qt.NoFocus)
            b.clicked.connect(lambda _c=False, s=slot: s())
            buttons.addWidget(b)
            self.buttons[key] = b
        self.buttons["accept"].setObjectName("confirmButton")
        self.buttons["reject"].setObjectName("dismissButton")
        buttons.insertStretch(4, 1)

        body = QWidget()
        bl = QVBoxLayout(body)
        bl.setContentsMargins(24, 12, 24, 12)
        bl.addWidget(self.meta)
        bl.addWidget(self.view, 1)
        bl.addWidget(self.suggestion)
        bl.addLayout(toggles)
        bl.addLayout(buttons)
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(header)
        cl.addWidget(body, 1)
        self.setCentralWidget(central)
        self.progress_widget = TaskProgress(self.runner)
        self.statusBar().addPermanentWidget(self.progress_widget)
        self.runner.message.connect(self.status)

    def _act(self, text: str, slot, keys=(), menu=None) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.WindowShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu("&Queue")
        self.act_add = self._act("&Add articles to the queue…", self.action_add_files, ["Ctrl+O"], m)
        self.act_add_open = self._act("Add the articles &open in the main window", self.action_add_open, [], m)
        self.act_add_corpus = self._act("Add the &corpus for review", self.action_add_corpus, [], m)
        m.addSeparator()
        self.act_name = self._act("Change the annotator's &name…", lambda: self.ask_annotator(force=True), [], m)
        self._act("&Close", self.close, ["Ctrl+W"], m)
        m = bar.addMenu("&Decide")
        self.act_accept = self._act("&Accept", self.accept_current, ["Return", "Enter"], m)
        self.act_reject = self._act("&Reject (no label)", self.reject_current, ["R", "Backspace"], m)
        self.act_skip = self._act("&Skip", self.skip_current, ["S"], m)
        self.act_undo = self._act("&Undo", self.undo, ["Ctrl+Z"], m)
        self.act_next = self._act("&Next passage", lambda: self.step(1), ["N"], m)
        self.act_prev = self._act("&Previous passage", lambda: self.step(-1), ["P"], m)
        m.addSeparator()
        self.act_toggle = [self._act(f"Toggle {style(l).title}", lambda l=l: self.toggle(l), [str(i)], m)
                           for i, l in enumerate(LABELS, 1)]
        self.act_mark = [self._act(f"Mark selection as {style(l).title}", lambda l=l: self.mark_selection(l),
                                   [f"Ctrl+{i}"], m) for i, l in enumerate(LABELS, 1)]
        self.act_clear = self._act("Clear the marked words", self.clear_spans, ["X"], m)
        m = bar.addMenu("&Team")
        self.act_import = self._act("&Import another annotator's work…", self.action_import, ["Ctrl+I"], m)
        self.act_import_tool = self._act("Import from &doccano or Label Studio…", self.action_import_tool, [], m)
        self.act_export_mine = self._act("Export my &work (for another annotator)…", self.action_export_mine, [], m)
        self.act_export_tool = self._act("Export for doccano or &Label Studio…", self.action_export_tool, [], m)
        m.addSeparator()
        self.act_agreement = self._act("&Agreement and disagreements…", self.action_agreement, ["Ctrl+G"], m)
        m = bar.addMenu("&Corpus and model")
        self.act_export = self._act("&Export to the corpus (pseudonymised)…", self.action_export_corpus, ["Ctrl+E"], m)
        self.act_retrain = self._act("&Retrain the model with the annotations…", self.action_retrain, ["Ctrl+T"], m)
        m = bar.addMenu("&Help")
        self._act("&Keyboard shortcuts", self.show_keys, ["F1"], m)

    # ------------------------------------------------------------ the annotator
    @property
    def annotator(self) -> str:
        return self.settings.annotator.strip()

    def ask_annotator(self, force: bool = False) -> bool:
        """The annotator's name, asked once and kept in the settings; it goes with every decision."""
        if self.annotator and self.settings.annotator_confirmed and not force:
            return True
        name, ok = QInputDialog.getText(self, "Your name", "Your name is recorded with each decision you take "
                                        "(annotators are told apart by it):", text=self.settings.annotator)
        name = " ".join(name.split())
        if not ok or not name:
            return bool(self.annotator and self.settings.annotator_confirmed)
        self.settings.annotator, self.settings.annotator_confirmed = name, True
        self._save_settings()
        self.reload_queue()
        return True

    def _save_settings(self) -> None:
        try:
            save_settings(self.settings, self.settings_file)
        except OSError as exc:
            self.status(f"Settings not saved: {exc}")

    # ------------------------------------------------------------ queue
    def set_order(self, order: str) -> None:
        if order == self.order:
            return
        self.order = order
        try:
            self.store.set_meta("order", order)
        except StoreError as exc:
            self.status(str(exc))
        self.reload_queue()

    def reload_queue(self, keep: int | None = None) -> None:
        """The annotator's remaining passages in the chosen order; stays on `keep` when it is still there."""
        self.items = self.store.queue(self.annotator, self.order) if self.annotator else self.store.ordered(self.order)
        ids = [i.id for i in self.items]
        self.index = ids.index(keep) if keep in ids else 0
        self.show_current()

    def current_item(self) -> Item | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    def step(self, step: int) -> None:
        if self.items:
            self.index = max(0, min(len(self.items) - 1, self.index + step))
            self.show_current()

    # ------------------------------------------------------------ showing a passage
    def show_current(self) -> None:
        item = self.current_item()
        decided, total, counts = self.store.progress(self.annotator) if self.annotator else (0, self.store.count(), {})
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(decided)
        self.bar.setFormat(f"{decided} of {total} decided" if total else "The queue is empty")
        for label, chip in self.count_chips.items():
            s = style(label)
            chip.setText(f"{s.code} {counts.get(label, 0)}")
            chip.setStyleSheet(f"background: {label_tint(label, 0.22)}; border-color: {s.colour};")
        self.annotator_label.setText(f"Annotator: <b>{self.annotator or '(no name yet)'}</b>")
        for action in (self.act_accept, self.act_reject, self.act_skip, self.act_next, self.act_prev,
                       *self.act_toggle, *self.act_mark, self.act_clear):
            action.setEnabled(item is not None)
        for key in ("accept", "reject", "skip", "next", "prev"):
            self.buttons[key].setEnabled(item is not None)
        if item is None:
            self.title.setText("Nothing left to annotate" if total else "The queue is empty")
            self.meta.setText("Add articles (Ctrl+O), the articles open in the main window, or the corpus for review."
                              if not total else "Every passage has your decision. Ctrl+Z takes the last one back.")
            self.view.clear()
            self.suggestion.setText("")
            self.checked, self.spans = set(), []
            self._refresh_toggles(None)
            return
        mine = self.store.current(self.annotator).get(item.id) if self.annotator else None
        if mine is not None and mine.action != "skip":
            self.checked, self.spans = set(mine.labels), [dict(s) for s in mine.spans]
        else:
            self.checked = set(item.suggested)
            self.spans = [dict(s) for s in item.meta.get("corpus_spans", [])]
        self.title.setText(f"Passage {self.index + 1} of {len(self.items)} left")
        where = item.meta.get("title") or item.source
        state = {"accept": "you accepted it", "reject": "you rejected it", "skip": "you skipped it"}.get(
            mine.action if mine else "", "")
        self.meta.setText("  ·  ".join(p for p in (where, item.scope, f"uncertainty {item.uncertainty:.2f}", state)
                                       if p))
        self._render(item)
        self._refresh_toggles(item)

    def _render(self, item: Item) -> None:
        doc = self.view.document()
        doc.clear()
        base = QFont(self.font())
        base.setPointSizeF(max(10.0, base.pointSizeF()) + 3)
        muted = QTextCharFormat()
        muted.setForeground(QColor("#6B7280"))
        muted.setFont(QFont(base.family(), int(base.pointSizeF()) - 2))
        main = QTextCharFormat()
        main.setForeground(QColor("#111827"))
        main.setFont(base)
        cursor = QTextCursor(doc)
        if item.before:
            cursor.insertText(item.before, muted)
            cursor.insertBlock()
            cursor.insertBlock()
        self.passage_start = cursor.position()
        cursor.insertText(item.text, main)
        if item.after:
            cursor.insertBlock()
            cursor.insertBlock()
            cursor.insertText(item.after, muted)
        self._paint_spans()

    def _paint_spans(self) -> None:
        selections = []
        for span in self.spans:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.view.document())
            sel.cursor.setPosition(self.passage_start + span["start"])
            sel.cursor.setPosition(self.passage_start + span["end"], QTextCursor.KeepAnchor)
            sel.format.setBackground(QColor(label_tint(span["label"], 0.35)))
            sel.format.setUnderlineStyle(QTextCharFormat.SingleUnderline)
            sel.format.setUnderlineColor(QColor(style(span["label"]).colour))
            sel.format.setToolTip(style(span["label"]).title)
            selections.append(sel)
        self.view.setExtraSelections(selections)

    def _refresh_toggles(self, item: Item | None) -> None:
        for i, (label, button) in enumerate(self.toggles.items(), 1):
            s = style(label)
            score = item.scores.get(label) if item else None
            suggested = item is not None and label in item.suggested
            marks = sum(1 for sp in self.spans if sp["label"] == label)
            button.setText(f"{i}   {s.code}  {s.title}" + (f"   {score:.2f}" if score is not None else "")
                           + ("  ★" if suggested else "") + (f"  ({marks} marked)" if marks else ""))
            button.setChecked(label in self.checked)
            button.setEnabled(item is not None)
            border = s.colour if label in self.checked else "#C5CAD3"
            background = label_tint(label, 0.3) if label in self.checked else "#FFFFFF"
            button.setStyleSheet(f"border-color: {border}; background: {background};")
        if item is None:
            return
        model = ", ".join(f"{style(l).code} {item.scores.get(l, 0):.2f}" for l in item.suggested) or "no label"
        source = "The corpus says" if item.source.startswith("corpus:") else "The model suggests"
        extra = ""
        if item.source.startswith("corpus:"):
            flagged = [l for l, v in item.scores.items() if v >= 0.5]
            extra = f"; the model scores ≥ 0.5: {', '.join(style(l).code for l in flagged) or 'none'}"
        self.suggestion.setText(f"{source}: <b>{model}</b>{extra}  ·  ★ marks the suggestion; "
                                "1–6 toggle, Enter accepts, R rejects")

    # ------------------------------------------------------------ deciding
    def toggle(self, label: str) -> None:
        if self.current_item() is None:
            return
        self.checked ^= {label}
        if label not in self.checked:
            self.spans = [s for s in self.spans if s["label"] != label]
            self._paint_spans()
        self._refresh_toggles(self.current_item())

    def mark_selection(self, label: str) -> None:
        """The selected words carry `label` (within the passage; the context is not labelled)."""
        item = self.current_item()
        cursor = self.view.textCursor()
        if item is None or not cursor.hasSelection():
            self.status("Select the words in the passage first, then press Ctrl+1 … Ctrl+6")
            return
        start = max(cursor.selectionStart() - self.passage_start, 0)
        end = min(cursor.selectionEnd() - self.passage_start, len(item.text))
        while start < end and item.text[start].isspace():
            start += 1
        while end > start and item.text[end - 1].isspace():
            end -= 1
        if start >= end:
            self.status("The selection is outside the passage: only the passage itself is labelled")
            return
        self.spans.append({"start": start, "end": end, "label": label})
        self.checked.add(label)
        cursor.clearSelection()          # so the mark shows at once
        self.view.setTextCursor(cursor)
        self._paint_spans()
        self._refresh_toggles(item)
        self.status(f"Marked “{item.text[start:end]}” as {style(label).title}")

    def clear_spans(self) -> None:
        self.spans = []
        self._paint_spans()
        self._refresh_toggles(self.current_item())

    def _decide(self, action: str) -> None:
        item = self.current_item()
        if item is None or not self.ask_annotator():
            return
        labels = sorted(self.checked) if action == "accept" else []
        try:
            self.store.decide(item.id, self.annotator, action, labels, self.spans if action == "accept" else [])
        except (StoreError, ValueError) as exc:
            self.show_error("The decision was not saved", str(exc))
            return
        self.status({"accept": f"Accepted: {', '.join(style(l).code for l in labels) or 'no label'}",
                     "reject": "Rejected: no label", "skip": "Skipped: it comes back at the end"}[action])
        self.reload_queue()
        self.decided.emit()

    def accept_current(self) -> None:
        self._decide("accept")

    def reject_current(self) -> None:
        self._decide("reject")

    def skip_current(self) -> None:
        self._decide("skip")

    def undo(self) -> None:
        if not self.annotator:
            return
        try:
            undone = self.store.undo(self.annotator)
        except StoreError as exc:
            self.show_error("Nothing was undone", str(exc))
            return
        if undone is None:
            self.status("Nothing to undo")
            return
        self.reload_queue(keep=undone.item_id)
        self.status(f"Undone: your {undone.action} of this passage")
        self.decided.emit()

    # ------------------------------------------------------------ adding passages (model needed)
    def _engine(self):
        engine = self.engine_getter()
        if engine is None:
            self.show_error("The model is not ready", "The checking model is still loading (or failed to load in "
                            "the main window). Try again when it is ready.")
        return engine

    def _queue_job(self, title: str, make_items) -> None:
        engine = self._engine()
        if engine is None:
            return

        def job(ctx):
            return make_items(engine, ctx)

        def done(new_items) -> None:
            try:
                added = self.store.add_items(new_items)
            except StoreError as exc:
                self.show_error("The passages were not queued", str(exc))
                return
            self.status(f"{added} passage{'s' if added != 1 else ''} added to the queue"
                        + (f" ({len(new_items) - added} were there already)" if added < len(new_items) else ""))
            self.reload_queue(keep=self.current_item().id if self.current_item() else None)

        self.runner.run(job, key="queue", title=title, visible=True, on_done=done,
                        on_error=lambda exc, _tb: self.show_error("The passages were not queued", str(exc)))

    def add_texts(self, texts: list[tuple[str, str]]) -> None:
        """Queue articles given as (source, text), each passage with the model's suggestion."""
        from classifier.active import article_items

        def make(engine, ctx):
            out = []
            for n, (source, text) in enumerate(texts):
                ctx.progress(n / max(1, len(texts)), Path(source).name)
                out += article_items(engine, text, source)
            return out

        self._queue_job("Queueing articles", make)

    def add_files(self, paths: list[str]) -> None:
        from classifier.readers import ReadError, read_article

        texts, errors = [], []
        for p in paths:
            try:
                texts.append((str(Path(p).resolve()), read_article(Path(p))))
            except ReadError as exc:
                errors.append(str(exc))
        if errors:
            self.show_error("Some files could not be read", "\n".join(errors))
        if texts:
            self.add_texts(texts)

    def action_add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Add articles to the annotation queue",
                                                self.settings.last_folder, ARTICLE_FILTER)
        if paths:
            self.add_files(paths)

    def action_add_open(self) -> None:
        texts = self.open_articles()
        if not texts:
            self.status("No article is open in the main window")
            return
        self.add_texts(texts)

    def action_add_corpus(self) -> None:
        from classifier.active import corpus_items
        from corpus.schema import read_corpus

        def make(engine, ctx):
            ctx.progress(0.05, "reading the corpus")
            passages = read_corpus()
            out = []
            for start in range(0, len(passages), 200):
                ctx.progress(start / len(passages), f"{start} of {len(passages)} passages")
                chunk = passages[start:start + 200]
                out += corpus_items(engine, chunk)
            return out

        self._queue_job("Queueing the corpus for review", make)

    # ------------------------------------------------------------ dialogs (team, corpus, model)
    def action_import(self) -> None:
        from desktop.annotate_team import import_decisions

        path, _ = QFileDialog.getOpenFileName(self, "Import another annotator's work", self.settings.last_folder,
                                              "thb-review annotations (*.jsonl);;All files (*)")
        if path:
            import_decisions(self, path)

    def action_import_tool(self) -> None:
        from desktop.annotate_team import import_tool_file

        path, _ = QFileDialog.getOpenFileName(self, "Import from doccano or Label Studio", self.settings.last_folder,
                                              "doccano JSONL (*.jsonl);;Label Studio JSON (*.json);;All files (*)")
        if path:
            import_tool_file(self, path)

    def action_export_mine(self) -> None:
        from desktop.annotate_team import export_mine

        export_mine(self)

    def action_export_tool(self) -> None:
        from desktop.annotate_team import export_tool_file

        export_tool_file(self)

    def action_agreement(self) -> None:
        from desktop.annotate_team import AgreementDialog

        if not self.ask_annotator():
            return
        dialog = AgreementDialog(self)
        dialog.open()
        self._boxes.append(dialog)

    def action_export_corpus(self) -> None:
        from desktop.annotate_export import ExportDialog

        engine = self._engine()
        if engine is None:
            return
        dialog = ExportDialog(self, engine)
        dialog.open()
        self._boxes.append(dialog)

    def action_retrain(self) -> None:
        from desktop.annotate_retrain import RetrainDialog

        engine = self._engine()
        if engine is None:
            return
        dialog = RetrainDialog(self, engine)
        dialog.open()
        self._boxes.append(dialog)

    # ------------------------------------------------------------ messages
    def status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def show_error(self, title: str, text: str) -> None:
        self.last_error = (title, text)
        box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.Ok, self)
        box.setWindowModality(Qt.WindowModal)
        box.open()
        self._boxes.append(box)

    def show_keys(self) -> None:
        table = "".join(f"<tr><td style='padding-right:14px'><b>{k}</b></td><td>{v}</td></tr>" for k, v in KEYS)
        box = QMessageBox(QMessageBox.Information, "Annotation keys", f"<table>{table}</table>", QMessageBox.Ok, self)
        box.open()
        self._boxes.append(box)

    def settled(self) -> bool:
        return not self.runner.busy()

    def closeEvent(self, event) -> None:
        self.runner.cancel()
        super().closeEvent(event)
