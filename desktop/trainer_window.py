"""Trainer mode: a gallery of good and bad practice on the left, the training session being
built on the right; from here a trainer presents the session (F5), runs a quiz (F6) or
exports a handout (Ctrl+E). The session being edited is kept in the data folder after every
change, so a crash loses nothing; Save writes it to a session file the trainer names."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QEvent, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QMainWindow, QMessageBox, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget)

from desktop.palette import label_code
from desktop.qtcompat import emit
from desktop.tasks import TaskRunner
from desktop.trainer_deck import (EXPLOITATION_TITLES, SAMPLES, Deck, Example, gallery_examples, matches, needs_engine,
                                  resolve_session)
from desktop.trainer_handout import example_page, handout_html
from desktop.trainer_present import PresentationView, QuizView
from desktop.widgets import TaskProgress
from guidelines.labels import LABEL_TITLES, LABELS
from guidelines.sessions import SUFFIX, Session, SessionError, SessionItem, article_item, read_session, write_session

SESSION_FILTER = f"Training sessions (*{SUFFIX} *.json);;All files (*)"
HANDOUT_FILTER = "PDF handout (*.pdf);;HTML handout (*.html)"
ARTICLE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.docx);;All files (*)"
GALLERY_ROWS = 400          # rows listed at once; the filters narrow the rest


def working_copy_path() -> Path:
    from classifier.paths import data_dir

    folder = data_dir() / "trainer"
    folder.mkdir(exist_ok=True, mode=0o700)
    return folder / f"working{SUFFIX}"


def example_row(example: Example) -> str:
    text = " ".join(example.text.split())
    text = text if len(text) <= 90 else text[:88].rstrip() + "…"
    if example.practice == "good":
        what = f"{example.complies.rule_id} rewrite" if example.complies else "good practice"
        return f"✔ {what} — {text}"
    codes = "/".join(label_code(label) for label in example.labels)
    rules = ", ".join(example.rule_ids[:3]) + (" …" if len(example.rule_ids) > 3 else "")
    return f"✕ [{codes}] {rules} — {text}"


class TrainerWindow(QMainWindow):
    deck_ready = Signal()        # a presentation, quiz or handout has its examples (tests)
    handout_written = Signal(str)

    def __init__(self, engine_provider: Callable | None = None, engine_source: Callable | None = None,
                 session_path: Path | str | None = None, rule_packs=(), parent=None):
        super().__init__(parent)
        self.engine_provider = engine_provider or (lambda: None)
        self.rule_packs = list(rule_packs)
        self.engine_source = engine_source
        self.own_engine = None
        self.runner = TaskRunner(self)
        self.catalogue = None
        self.passages: list = []
        self.examples: list[Example] = []
        self.by_key: dict[str, Example] = {}
        self.shown: list[Example] = []
        self.session = Session()
        self.modified = False
        self.stage = None                 # the open presentation or quiz
        self.last_deck: Deck | None = None
        self.last_problems: list[str] = []
        self.last_error: tuple[str, str] | None = None
        self._boxes: list[QMessageBox] = []
        self.setWindowTitle("thb-review — trainer")
        self.resize(1400, 860)
        self._build()
        self._restore(session_path)
        self.load_gallery()

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        self.practice_box = QComboBox(accessibleName="Practice")
        for text, value in (("Good and bad practice", ""), ("Bad practice", "bad"), ("Good practice", "good")):
            self.practice_box.addItem(text, value)
        self.label_box = QComboBox(accessibleName="Label")
        self.label_box.addItem("Any label", "")
        for label in LABELS:
            self.label_box.addItem(f"[{label_code(label)}] {LABEL_TITLES[label]}", label)
        self.rule_box = QComboBox(accessibleName="Rule")
        self.rule_box.addItem("Any rule", "")
        self.form_box = QComboBox(accessibleName="Exploitation form")
        self.form_box.addItem("Any exploitation form", "")
        for form, title in EXPLOITATION_TITLES.items():
            self.form_box.addItem(title, form)
        self.search = QLineEdit(placeholderText="Search the examples…", clearButtonEnabled=True)
        self.gallery = QListWidget(accessibleName="Gallery of examples")
        self.gallery.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)      # long rows are elided
        self.gallery.setToolTip("Enter or double-click adds the example to the session")
        self.gallery.installEventFilter(self)
        self.count_label = QLabel("Loading the examples…")
        self.preview = QTextBrowser(accessibleName="Example preview")
        self.add_button = QPushButton("Add to session  ⏎")

        filters = QHBoxLayout()
        for w in (self.practice_box, self.label_box, self.rule_box, self.form_box):
            filters.addWidget(w)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(QLabel("<b>Gallery</b> · examples from the guideline catalogue and the corpus"))
        ll.addLayout(filters)
        ll.addWidget(self.search)
        ll.addWidget(self.count_label)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.gallery)
        split.addWidget(self.preview)
        split.setSizes([450, 300])
        ll.addWidget(split, 1)
        ll.addWidget(self.add_button)

        self.title_edit = QLineEdit(accessibleName="Session title")
        self.items_list = QListWidget(accessibleName="Session items")
        self.items_list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.items_list.installEventFilter(self)
        self.problems_label = QLabel("", wordWrap=True)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(QLabel("<b>Training session</b>"))
        rl.addWidget(self.title_edit)
        rl.addWidget(self.items_list, 1)
        rl.addWidget(self.problems_label)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([850, 550])
        self.setCentralWidget(self.splitter)
        self.progress = TaskProgress(self.runner)
        self.statusBar().addPermanentWidget(self.progress)

        a = self._action
        self.act_new = a("&New session", self.action_new, QKeySequence.New)
        self.act_open = a("&Open session…", self.action_open, QKeySequence.Open)
        self.act_save = a("&Save session", self.action_save, QKeySequence.Save)
        self.act_save_as = a("Save session &as…", self.action_save_as, "Ctrl+Shift+S")
        self.act_handout = a("&Export handout…", self.action_export, "Ctrl+E", "One example per page, as PDF")
        self.act_close = a("&Close trainer mode", self.close, QKeySequence.Close)
        self.act_add = a("&Add example to session", self.add_selected, ["Ctrl+Return", "Ctrl+Enter"],
                         "Add the selected gallery example (Enter in the gallery)")
        self.act_article = a("Add &article…", self.action_add_article, "Ctrl+Shift+O",
                             "Add an article: its flags are shown one by one")
        self.act_up = a("Move &up", lambda: self.move_item(-1), "Alt+Up")
        self.act_down = a("Move &down", lambda: self.move_item(1), "Alt+Down")
        self.act_remove = a("&Remove from session", self.remove_item, None, "Remove the selected item (Delete)")
        self.act_present = a("&Present", lambda: self.start("present"), "F5", "Full screen, one flag per step")
        self.act_quiz = a("&Quiz", lambda: self.start("quiz"), "F6", "Full screen quiz with a score per round")
        self.act_present_here = a("Present from the &selected item", lambda: self.start("present", from_selected=True),
                                  "Shift+F5", "Start the presentation at the item selected in the session")
        bar = self.menuBar()
        m = bar.addMenu("&Session")
        for item in (self.act_new, self.act_open, self.act_save, self.act_save_as, None, self.act_handout, None,
                     self.act_close):
            m.addSeparator() if item is None else m.addAction(item)
        m = bar.addMenu("&Edit")
        for item in (self.act_add, self.act_article, None, self.act_up, self.act_down, self.act_remove):
            m.addSeparator() if item is None else m.addAction(item)
        m = bar.addMenu("&Room")
        m.addAction(self.act_present)
        m.addAction(self.act_present_here)
        m.addAction(self.act_quiz)

        buttons = QHBoxLayout()
        for act in (self.act_article, self.act_up, self.act_down):
            buttons.addWidget(self._button(act))
        buttons.addWidget(self._button(self.act_remove, "Delete"))     # a key of the list, not of the window
        rl.addLayout(buttons)
        room = QHBoxLayout()
        for act in (self.act_present, self.act_quiz, self.act_handout):
            room.addWidget(self._button(act))
        rl.addLayout(room)

        self.add_button.clicked.connect(self.add_selected)
        for box in (self.practice_box, self.label_box, self.rule_box, self.form_box):
            box.currentIndexChanged.connect(self.apply_filters)
        self.search.textChanged.connect(self.apply_filters)
        self.gallery.currentRowChanged.connect(self._preview)
        self.gallery.itemDoubleClicked.connect(lambda _i: self.add_selected())
        self.title_edit.textEdited.connect(self._title_edited)

    def _action(self, text, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts([QKeySequence(s) for s in shortcut] if isinstance(shortcut, list)
                                else [QKeySequence(shortcut)])
        action.setToolTip(tip or text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        return action

    def _button(self, action: QAction, keys: str = "") -> QPushButton:
        keys = keys or action.shortcut().toString(QKeySequence.NativeText)
        button = QPushButton(action.text().replace("&", "") + (f"  ({keys})" if keys else ""))
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        return button

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.KeyPress:
            if obj is self.gallery and event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers():
                self.add_selected()
                return True
            if obj is self.items_list and event.key() == Qt.Key_Delete:
                self.remove_item()
                return True
        return super().eventFilter(obj, event)

    # ------------------------------------------------------------ the gallery
    def engine(self):
        return self.engine_provider() or self.own_engine

    def load_gallery(self) -> None:
        engine, packs = self.engine(), self.rule_packs

        def job(ctx):
            from corpus.schema import read_corpus
            from guidelines.catalogue import load_catalogue

            ctx.progress(0.1, "reading the catalogue and the corpus")
            catalogue = engine.catalogue if engine is not None else load_catalogue(*packs)
            passages = read_corpus()
            ctx.progress(0.4, "building the gallery")
            return catalogue, passages, gallery_examples(catalogue, passages, cancelled=lambda: ctx.cancelled)

        self.runner.run(job, key="gallery", title="Loading the gallery", visible=True, on_done=self._gallery_ready,
                        on_error=lambda exc, _tb: self.show_error("The gallery could not be loaded", str(exc)))

    def _gallery_ready(self, value) -> None:
        self.catalogue, self.passages, self.examples = value
        self.by_key = {e.key: e for e in self.examples}
        self.rule_box.blockSignals(True)
        for rule in self.catalogue:
            self.rule_box.addItem(f"{rule.id} · {rule.title}", rule.id)
        self.rule_box.blockSignals(False)
        self.apply_filters()
        self.refresh_items()

    def filters(self) -> dict:
        return {"practice": self.practice_box.currentData(), "label": self.label_box.currentData(),
                "rule": self.rule_box.currentData(), "exploitation": self.form_box.currentData(),
                "text": self.search.text().strip()}

    def apply_filters(self) -> None:
        chosen = self.filters()
        found = [e for e in self.examples if matches(e, **chosen)]
        self.shown = found[:GALLERY_ROWS]
        self.gallery.clear()
        for example in self.shown:
            item = QListWidgetItem(example_row(example))
            item.setToolTip(example.origin)
            self.gallery.addItem(item)
        more = f" (the first {GALLERY_ROWS} listed; filter to narrow)" if len(found) > GALLERY_ROWS else ""
        self.count_label.setText(f"{len(found)} examples{more}")
        if self.shown:
            self.gallery.setCurrentRow(0)
        else:
            self.preview.setHtml("<p>No example matches these filters.</p>")

    def _preview(self, row: int) -> None:
        if 0 <= row < len(self.shown):
            self.preview.setHtml(example_page(self.shown[row], 0, 0))

    def selected_example(self) -> Example | None:
        row = self.gallery.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    # ------------------------------------------------------------ the session
    def add_selected(self) -> None:
        example = self.selected_example()
        if example is None or example.item is None:
            return
        if self.session.add(example.item):
            self._changed(f"Added to the session: {example.origin}")
            self.items_list.setCurrentRow(len(self.session.items) - 1)
        else:
            self.status("This example is already in the session")

    def action_add_article(self) -> None:
        start = str(self.session.path.parent if self.session.path else SAMPLES)
        paths, _ = QFileDialog.getOpenFileNames(self, "Add articles to the session", start, ARTICLE_FILTER)
        for path in paths:
            self.add_article(Path(path))

    def add_article(self, path: Path) -> None:
        path = Path(path).resolve()
        # A bundled sample is stored by name, so the session opens on any installation.
        item = article_item(sample=path.name) if path.parent == SAMPLES.resolve() else article_item(path)
        if self.session.add(item):
            self._changed(f"Added the article {path.name}")

    def move_item(self, step: int) -> None:
        row = self.items_list.currentRow()
        target = self.session.move(row, step)
        if target != row:
            self._changed()
            self.items_list.setCurrentRow(target)

    def remove_item(self) -> None:
        row = self.items_list.currentRow()
        if 0 <= row < len(self.session.items):
            removed = self.session.items.pop(row)
            self._changed(f"Removed {removed.describe()}")
            self.items_list.setCurrentRow(min(row, len(self.session.items) - 1))

    def item_text(self, number: int, item: SessionItem) -> str:
        example = self.by_key.get(item.key)
        if example is not None:
            return f"{number}. {example_row(example)}"
        if item.kind == "article":
            return f"{number}. Article: {Path(item.sample or item.path).name} (each flag in turn)"
        return f"{number}. {item.describe()}"

    def refresh_items(self, typing: bool = False) -> None:
        row = self.items_list.currentRow()
        self.items_list.clear()
        for number, item in enumerate(self.session.items, 1):
            self.items_list.addItem(self.item_text(number, item))
        if self.session.items:
            self.items_list.setCurrentRow(max(0, min(row, len(self.session.items) - 1)))
        if not typing and self.title_edit.text() != self.session.title:
            self.title_edit.setText(self.session.title)
        name = self.session.path.name if self.session.path else "not saved to a file yet"
        self.setWindowTitle(f"thb-review — trainer — {self.title()} ({name}){' *' if self.modified else ''}")
        problems = self.session.problems
        self.problems_label.setText(("Skipped when reading: " + "; ".join(problems)) if problems else "")

    def title(self) -> str:
        return self.session.title.strip() or "Untitled session"

    def file_stem(self) -> str:
        """The title as a file name (no folder separators or characters Windows refuses)."""
        return re.sub(r'[\\/:*?"<>|]+', "-", self.title()).strip(" .-") or "session"

    def _title_edited(self, text: str) -> None:
        self.session.title = text          # as typed (spaces too); the file gets it trimmed
        self._changed(typing=True)

    def _changed(self, message: str = "", typing: bool = False) -> None:
        self.modified = True
        self.save_working_copy()
        self.refresh_items(typing)
        if message:
            self.status(message)

    def save_working_copy(self) -> None:
        """After every change: the session being edited survives a crash or a closed window."""
        extra = {"saved_as": str(self.session.path) if self.session.path else "", "modified": self.modified}
        try:
            write_session(self.session, working_copy_path(), remember=False, extra=extra)
        except SessionError as exc:
            self.status(f"The working copy was not kept: {exc}")

    def _restore(self, session_path) -> None:
        if session_path:
            self.open_session(Path(session_path))
            return
        path = working_copy_path()
        if not path.exists():
            return
        try:
            session = read_session(path)
            extra = json.loads(path.read_text(encoding="utf-8"))
        except (SessionError, ValueError) as exc:
            self.status(f"The last working session could not be restored: {exc}")
            return
        session.path = Path(extra["saved_as"]) if extra.get("saved_as") else None
        self.session, self.modified = session, bool(extra.get("modified"))
        self.refresh_items()

    def _settle_changes(self) -> bool:
        """Before replacing the session: offer to save unsaved changes. False: the user cancelled."""
        if not self.modified or not self.session.items:
            return True
        answer = QMessageBox.question(self, "Unsaved session", f"Save the changes to “{self.title()}”?",
                                      QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.action_save()
        return answer == QMessageBox.Discard

    def action_new(self) -> None:
        if self._settle_changes():
            self.session, self.modified = Session(), False
            self.save_working_copy()
            self.refresh_items()

    def action_open(self) -> None:
        if not self._settle_changes():
            return
        path, _ = QFileDialog.getOpenFileName(self, "Open a training session", "", SESSION_FILTER)
        if path:
            self.open_session(Path(path))

    def open_session(self, path: Path) -> bool:
        try:
            session = read_session(path)
        except SessionError as exc:
            self.show_error("The training session could not be opened", str(exc))
            return False
        self.session, self.modified = session, False
        self.save_working_copy()
        self.refresh_items()
        self.status(f"Opened {path}" + (f" ({len(session.problems)} items skipped)" if session.problems else ""))
        return True

    def action_save(self) -> bool:
        if self.session.path is None:
            return self.action_save_as()
        return self.save_to(self.session.path)

    def action_save_as(self) -> bool:
        suggested = self.session.path or Path.home() / f"{self.file_stem()}{SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(self, "Save the training session", str(suggested), SESSION_FILTER)
        return self.save_to(Path(path)) if path else False

    def save_to(self, path: Path) -> bool:
        try:
            written = write_session(self.session, path)
        except SessionError as exc:
            self.show_error("The training session was not saved", str(exc))
            return False
        self.modified = False
        self.save_working_copy()
        self.refresh_items()
        self.status(f"Session saved: {written}")
        return True

    # ------------------------------------------------------------ deck: present, quiz, handout
    def build_deck(self, then: Callable[[Deck], None], title: str) -> None:
        """Resolve the session into examples off the UI thread (articles are checked by the model,
        loaded first if needed), then call `then` on the UI thread."""
        if self.catalogue is None:
            self.status("The gallery is still loading; try again in a moment")
            return
        session = Session(self.title(), list(self.session.items), self.session.path)
        engine = self.engine()
        catalogue = engine.catalogue if engine is not None else self.catalogue
        passages, source, packs = self.passages, self.engine_source, self.rule_packs
        must_load = needs_engine(session) and engine is None and source is not None

        def job(ctx):
            used = engine
            if must_load:
                used = source(rule_packs=packs, progress=lambda f, m: ctx.progress(0.5 * f, m), notify=lambda m: None)
            ctx.progress(0.6, "preparing the examples")
            deck = resolve_session(session, used.catalogue if used else catalogue, passages, used,
                                   cancelled=lambda: ctx.cancelled)
            return deck, (used if must_load else None)

        def done(value) -> None:
            deck, loaded = value
            if loaded is not None:
                self.own_engine = loaded
            self.last_deck, self.last_problems = deck, list(deck.problems)
            if deck.problems:
                self.show_error("Some items of the session cannot be shown", "\n".join(deck.problems))
            emit(self.deck_ready)
            then(deck)

        self.runner.run(job, key="deck", title=title, visible=True, on_done=done,
                        on_error=lambda exc, _tb: self.show_error(f"{title} failed", str(exc)))

    def start(self, mode: str, full_screen: bool = True, from_selected: bool = False) -> None:
        if not self.session.items:
            self.status("The session is empty: add examples from the gallery first (Enter)")
            return
        row = self.items_list.currentRow()
        start_key = self.session.items[row].key if from_selected and 0 <= row < len(self.session.items) else None

        def show(deck: Deck) -> None:
            if self.stage is not None:
                self.stage.close()
            self.stage = PresentationView(deck) if mode == "present" else QuizView(deck)
            self.stage.setAttribute(Qt.WA_DeleteOnClose)
            self.stage.left.connect(self._stage_left)
            if start_key is not None and isinstance(self.stage, PresentationView):
                first = next((i for i, slide in enumerate(self.stage.slides)
                              if slide.example.item is not None and slide.example.item.key == start_key), 0)
                self.stage.index = first
            self.stage.start(full_screen, self.room_screen())

        self.build_deck(show, "Preparing the presentation" if mode == "present" else "Preparing the quiz")

    def room_screen(self):
        """A second screen (the projector) when there is one; else the trainer window's own."""
        from PySide6.QtGui import QGuiApplication

        own = self.screen()
        others = [s for s in QGuiApplication.screens() if s is not own]
        return others[0] if others else None

    def _stage_left(self) -> None:
        self.stage = None
        self.activateWindow()

    def action_export(self) -> None:
        if not self.session.items:
            self.status("The session is empty: nothing to hand out")
            return
        folder = self.session.path.parent if self.session.path else Path.home()
        path, chosen = QFileDialog.getSaveFileName(self, "Export the handout", str(folder / f"{self.file_stem()}.pdf"),
                                                   HANDOUT_FILTER)
        if path:
            target = Path(path)
            if target.suffix.lower() not in (".pdf", ".html", ".htm"):
                target = target.with_name(target.name + (".html" if "html" in chosen.lower() else ".pdf"))
            self.export_handout(target)

    def export_handout(self, path: Path) -> None:
        """Build the handout; a PDF is laid out by Qt in the PDF worker process (cancellable)."""

        def write(deck: Deck) -> None:
            text = handout_html(deck)

            def job(ctx):
                from desktop.export import write_text
                from desktop.pdf_worker import write_pdf_in_background

                ctx.progress(0.3, "laying out the pages")
                if path.suffix.lower() == ".pdf":
                    return write_pdf_in_background(text, path, cancelled=lambda: ctx.cancelled)
                return write_text(text, path)

            self.runner.run(job, title="Exporting the handout", visible=True,
                            on_done=lambda p: (self.status(f"Handout saved: {p}"), emit(self.handout_written, str(p))),
                            on_error=lambda exc, _tb: self.show_error("The handout was not saved", str(exc)))

        self.build_deck(write, "Preparing the handout")

    # ------------------------------------------------------------ messages
    def status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def show_error(self, title: str, text: str) -> None:
        """Tell the trainer without blocking the window."""
        self.last_error = (title, text)
        box = QMessageBox(QMessageBox.Warning, title, html.unescape(text), QMessageBox.Ok, self)
        box.setWindowModality(Qt.WindowModal)
        box.finished.connect(lambda _r, b=box: self._boxes.remove(b) if b in self._boxes else None)
        self._boxes.append(box)
        box.open()

    def closeEvent(self, event) -> None:
        if self.stage is not None:
            self.stage.close()
        self.save_working_copy()
        self.runner.cancel()
        super().closeEvent(event)
