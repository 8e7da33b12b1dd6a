"""The main window: articles on the left, the highlighted draft in the middle, the flags
and the detail of the selected one on the right. Layout, actions and screen updates
live here; opening, checking and deciding are in the window_* mixins."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (QLabel, QMainWindow, QMenu, QMessageBox, QSplitter, QToolBar, QVBoxLayout,
                               QWidget)

from corpus.review_store import ReviewStore, StoreError
from desktop.article_list import ArticleList, source_caption
from desktop.article_view import ArticleView
from desktop.detail_view import DetailView
from desktop.findings_panel import FindingsPanel
from desktop.review import ArticleReview, Flag
from desktop.settings import Settings, save_settings
from desktop.tasks import TaskRunner
from desktop.widgets import Legend, TaskProgress
from desktop.window_check import CheckMixin
from desktop.window_open import OpenMixin
from desktop.window_review import ReviewMixin

EDIT_PAUSE_MS = 350          # re-check after this pause in typing


class MainWindow(OpenMixin, CheckMixin, ReviewMixin, QMainWindow):
    checked_signal = Signal(int)          # an article's check results were applied (tests, screenshots)

    def __init__(self, store: ReviewStore, settings: Settings | None = None,
                 engine_source: Callable | None = None, cli_rule_packs=(), settings_file=None,
                 settings_note: str | None = None):
        super().__init__()
        self.store = store
        self.settings = settings or Settings()
        self.settings_file = settings_file
        self.engine_source = engine_source or default_engine_source()
        self.cli_rule_packs = list(cli_rule_packs)
        self.runner = TaskRunner(self)
        self.engine = None
        self.checker = None
        self.engine_state = "loading"
        self.articles: dict[int, ArticleReview] = {}
        self.documents: dict = {}
        self.stacks: dict = {}
        self.undo_group = QUndoGroup(self)
        self.allow_terms = []
        self.current_id: int | None = None
        self.pending: list[int] = []
        self.dirty: set[int] = set()
        self.unsaved: set[int] = set()
        self.check_task = None
        self.check_snapshot: dict[int, int] = {}
        self.checks_paused = False
        self._from_text = False           # a flag selected by a click in the text: do not move the cursor
        self.last_error: tuple[str, str] | None = None
        self._message_boxes: list[QMessageBox] = []

        self.setWindowTitle("thb-review — guideline check for trafficking coverage")
        self.setAcceptDrops(True)
        self.resize(1400, 880)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._connect()
        self.edit_timer = QTimer(self, singleShot=True, interval=EDIT_PAUSE_MS)
        self.edit_timer.timeout.connect(self.on_edit_pause)
        self.kick_timer = QTimer(self, singleShot=True, interval=0)
        self.kick_timer.timeout.connect(self.kick_checks)
        self.view.set_font_size(self.settings.font_size)
        try:
            self.allow_terms = store.allow_list()
        except StoreError as exc:
            self.show_error("The review store could not be read", str(exc))
        self._refresh_current()
        if settings_note:
            self.status(settings_note)

    # ------------------------------------------------------------ building
    def _build_widgets(self) -> None:
        self.article_list = ArticleList()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.setSpacing(0)
        ll.addWidget(QLabel("Articles", objectName="paneTitle"))
        ll.addWidget(self.article_list, 1)

        self.view = ArticleView()
        header = QWidget(objectName="articleHeader")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(28, 10, 28, 8)
        hl.setSpacing(3)
        self.title_label = QLabel("", objectName="articleTitle", wordWrap=True)
        self.title_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.meta_label = QLabel("", objectName="articleMeta")
        self.legend = Legend()
        hl.addWidget(self.title_label)
        hl.addWidget(self.meta_label)
        hl.addWidget(self.legend)
        center = QWidget()
        cl = QVBoxLayout(center)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(header)
        cl.addWidget(self.view, 1)

        self.panel = FindingsPanel()
        self.detail_actions = {}     # filled in _build_actions; DetailView is created there
        self.right = QSplitter(Qt.Vertical)
        self.right.addWidget(self.panel)

        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 700, 450])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.model_label = QLabel("")
        self.statusBar().addWidget(self.model_label, 1)
        self.progress = TaskProgress(self.runner)
        self.statusBar().addPermanentWidget(self.progress)

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.setToolTip(tip or text.replace("&", "").rstrip("…"))
        action.setStatusTip(action.toolTip())
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.act_open = a("&Open…", self.action_open, QKeySequence.Open, "Open article files")
        self.act_folder = a("Open &folder…", self.action_open_folder, "Ctrl+Shift+O", "Open every article in a folder")
        self.act_paste = a("&Paste as new article", self.action_paste, "Ctrl+Shift+V",
                           "Check the text on the clipboard")
        self.act_export = a("&Export report…", self.action_export, "Ctrl+E", "Report as HTML, PDF or JSON")
        self.act_save_as = a("Save draft &as…", self.action_save_draft_as, "Ctrl+Shift+S")
        self.act_history = a("Export decision &history…", self.action_export_history, None,
                             "Every decision with its reason, for annotators (JSON Lines)")
        self.act_close = a("&Close article", self.action_close_article, QKeySequence.Close)
        self.act_quit = a("&Quit", self.close, QKeySequence.Quit)
        # Menu actions name what they undo ("Undo Dismiss VID-01"); the toolbar keeps a steady width.
        self.act_undo = self.undo_group.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts(QKeySequence.Undo)
        self.act_redo = self.undo_group.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.tool_undo = QAction("Undo", self, enabled=False)
        self.tool_redo = QAction("Redo", self, enabled=False)
        for tool, menu in ((self.tool_undo, self.act_undo), (self.tool_redo, self.act_redo)):
            tool.triggered.connect(menu.trigger)
            menu.changed.connect(lambda t=tool, m=menu: (t.setEnabled(m.isEnabled()),
                                                         t.setToolTip(m.text().replace("&", ""))))
        self.act_confirm = a("&Confirm flag", self.action_confirm, ["Ctrl+Return", "Ctrl+Enter"],
                             "The flag is right: keep it (list key C)")
        self.act_dismiss = a("&Dismiss flag", self.action_dismiss, "Ctrl+D", "A false alarm (list key D)")
        self.act_dismiss_reason = a("Dismiss with &reason…", self.action_dismiss_reason, "Ctrl+Shift+D",
                                    "A false alarm, and why (list key R)")
        self.act_relabel = a("Change &label…", self.action_relabel, "Ctrl+L", "The flag has the wrong label (list key L)")
        self.act_add_flag = a("&Flag selection…", self.action_add_flag, "Ctrl+M", "Flag words the tool missed")
        self.act_allow = a("&Allow words everywhere…", self.action_allow, "Ctrl+Shift+A",
                           "Never flag these words again (list key A)")
        self.act_allow_list = a("Allow-l&ist…", self.action_allow_list, None)
        self.act_next = a("&Next flag", lambda: self._step(1), "F8")
        self.act_prev = a("&Previous flag", lambda: self._step(-1), "Shift+F8")
        self.act_recheck = a("Check &again", self.action_recheck, "F5", "Check the article again")
        self.act_load_model = a("Load the &model", self.load_model, None, "Load or train the checking model")
        self.act_bigger = a("&Larger text", lambda: self._zoom(1), ["Ctrl++", "Ctrl+="])
        self.act_smaller = a("&Smaller text", lambda: self._zoom(-1), "Ctrl+-")
        self.act_settings = a("&Settings…", self.action_settings, QKeySequence.Preferences if
                              not QKeySequence(QKeySequence.Preferences).isEmpty() else "Ctrl+,")
        self.act_focus = [a(f"Go to {name}", lambda w=w: w.setFocus(), f"Alt+{i}")
                          for i, (name, w) in enumerate((("articles", self.article_list), ("text", self.view),
                                                         ("flags", self.panel.view)), 1)]
        self.act_keys = a("&Keyboard shortcuts", self.show_shortcuts, "F1")
        self.act_annotate = a("Annotation &mode…", self.open_annotation, "F9",
                              "Label passages for the corpus one at a time, by keyboard")
        self.act_trainer = a("&Trainer mode…", self.open_trainer, "Ctrl+Shift+T",
                             "Gallery, training sessions, presentation, quiz and handouts for workshops")

        self.detail = DetailView({"confirm": self.act_confirm,
                                  "dismiss": self.act_dismiss_reason, "relabel": self.act_relabel,
                                  "allow": self.act_allow})
        self.act_focus.append(self._action("Go to detail", lambda: self.detail.browser.setFocus(), "Alt+4"))
        self.right.addWidget(self.detail)
        self.right.setSizes([430, 420])
        self.view.review_actions = [self.act_add_flag, self.act_confirm, self.act_dismiss, self.act_relabel]

        tools = QToolBar("Main", objectName="mainToolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for item in (self.act_open, self.act_folder, self.act_paste, None, self.act_export, None, self.tool_undo,
                     self.tool_redo, None, self.act_confirm, self.act_dismiss, self.act_relabel, self.act_add_flag,
                     None, self.act_settings):
            tools.addSeparator() if item is None else tools.addAction(item)
        self.addToolBar(tools)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu("&File")
        for item in (self.act_open, self.act_folder, self.act_paste):
            m.addAction(item)
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        m.addMenu(self.recent_menu)
        m.addSeparator()
        for item in (self.act_export, self.act_save_as, self.act_history, None, self.act_close, self.act_quit):
            m.addSeparator() if item is None else m.addAction(item)
        m = bar.addMenu("&Edit")
        for item in (self.act_undo, self.act_redo, None, self.act_settings):
            m.addSeparator() if item is None else m.addAction(item)
        m = bar.addMenu("&Review")
        for item in (self.act_confirm, self.act_dismiss, self.act_dismiss_reason, self.act_relabel, self.act_add_flag,
                     self.act_allow, None, self.act_next, self.act_prev, None, self.act_allow_list, self.act_recheck,
                     self.act_load_model, None, self.act_annotate):
            m.addSeparator() if item is None else m.addAction(item)
        m = bar.addMenu("&View")
        for item in (self.act_bigger, self.act_smaller, None, *self.act_focus):
            m.addSeparator() if item is None else m.addAction(item)
        bar.addMenu("&Trainer").addAction(self.act_trainer)
        m = bar.addMenu("&Help")
        m.addAction(self.act_keys)

    def _connect(self) -> None:
        self.article_list.articleChosen.connect(self.select_article)
        self.panel.flagSelected.connect(self._flag_selected)
        self.panel.command.connect(self._list_command)
        self.view.flagClicked.connect(self._flag_clicked)
        self.view.filesDropped.connect(self.open_paths)
        self.view.undoRequested.connect(self.undo_group.undo)
        self.view.redoRequested.connect(self.undo_group.redo)
        self.view.selectionChanged.connect(self._update_actions)
        self.legend.labelClicked.connect(self._legend_clicked)
        self.runner.message.connect(self.status)
        self.setTabOrder(self.article_list, self.view)
        self.setTabOrder(self.view, self.panel.label_box)
        self.setTabOrder(self.panel.label_box, self.panel.severity_box)
        self.setTabOrder(self.panel.severity_box, self.panel.sort_box)
        self.setTabOrder(self.panel.sort_box, self.panel.closed_box)
        self.setTabOrder(self.panel.closed_box, self.panel.view)
        self.setTabOrder(self.panel.view, self.detail.browser)
        previous = self.detail.browser
        for button in self.detail.buttons.values():
            self.setTabOrder(previous, button)
            previous = button

    # ------------------------------------------------------------ current state
    def current_article(self) -> ArticleReview | None:
        return self.articles.get(self.current_id) if self.current_id is not None else None

    def current_flag(self) -> Flag | None:
        return self.panel.current_flag() if self.current_id is not None else None

    def select_article(self, aid: int) -> None:
        if aid not in self.articles or aid == self.current_id:
            return
        self.current_id = aid
        self.article_list.select(aid)
        self.view.show_document(self.documents[aid])
        self.undo_group.setActiveStack(self.stacks[aid])
        self._refresh_current()
        if aid in self.pending and not self.runner.busy():
            self.kick_timer.start()

    # ------------------------------------------------------------ screen updates
    def refresh_article(self, aid: int) -> None:
        self._update_list_item(aid)
        if aid == self.current_id:
            self._refresh_current()

    def _state_text(self, art: ArticleReview) -> str:
        if art.checked:
            return ""
        if self.engine_state == "loading":
            return "Waiting for the model…"
        if self.engine_state in ("failed", "cancelled") or self.checker is None:
            return "Not checked: the model is not loaded"
        if self.checks_paused:
            return "Not checked (cancelled) · F5 checks it"
        return "Checking…"

    def _update_list_item(self, aid: int) -> None:
        art = self.articles.get(aid)
        if art is not None:
            self.article_list.upsert(aid, art.title, art.source, art.counts(), self._state_text(art),
                                     edited=art.revision > 0)

    def _refresh_all_states(self) -> None:
        for aid in self.articles:
            self._update_list_item(aid)
        self._refresh_current()

    def _refresh_current(self) -> None:
        art = self.current_article()
        if art is None:
            self.title_label.setText("No article open")
            self.meta_label.setText("Open an article (Ctrl+O), a folder (Ctrl+Shift+O) or paste one (Ctrl+Shift+V).")
            self.panel.set_flags([], status="No article open.")
            self.detail.show_flag(None)
            self.view.setReadOnly(True)
            self._update_actions()
            return
        current = self.panel.current_flag()
        keep = current.key if current is not None else None
        self.title_label.setText(art.title)
        self.setWindowTitle(f"{art.title} — thb-review")
        self._update_header()
        self.panel.set_flags(art.flags, keep=keep, status=self._state_text(art))
        flag = self.panel.current_flag()
        self.view.set_flags(art.flags, flag.key if flag else None)
        self._show_detail(flag)
        self._update_actions()

    def _update_header(self) -> None:
        art = self.current_article()
        if art is None:
            return
        words = len(art.text.split())
        open_flags = sum(art.counts().values())
        parts = [source_caption(art.source), f"{words:,} words"]
        if art.checked:
            undecided = sum(1 for f in art.flags if f.status == "open")
            parts.append(f"{open_flags} flag{'s' if open_flags != 1 else ''} to act on"
                         + (f" ({undecided} undecided)" if undecided and undecided != open_flags else ""))
            if art.checked_revision == -1:
                parts.append("checking the rest…")
            elif not art.up_to_date:
                parts.append("re-checking…" if not self.checks_paused else "edited since the check (F5)")
        else:
            parts.append(self._state_text(art).lower().rstrip("…") + "…" if self._state_text(art) else "")
        if art.revision:
            parts.append("saved" if art.id not in self.dirty | self.unsaved else "saving…")
        self.meta_label.setText("  ·  ".join(p for p in parts if p))

    def _show_detail(self, flag: Flag | None) -> None:
        rule = None
        if flag is not None and flag.rule_id and self.engine is not None and flag.rule_id in self.engine.catalogue:
            rule = self.engine.catalogue.get(flag.rule_id)
        self.detail.show_flag(flag, rule)

    def _update_actions(self) -> None:
        flag = self.current_flag()
        has_article = self.current_article() is not None
        engine_flag = flag is not None and flag.added is None
        self.act_confirm.setEnabled(engine_flag)
        self.act_dismiss.setEnabled(flag is not None)
        self.act_dismiss_reason.setEnabled(engine_flag)
        self.act_relabel.setEnabled(flag is not None)
        self.act_allow.setEnabled(engine_flag and not flag.whole_passage)
        self.act_add_flag.setEnabled(has_article and self.view.textCursor().hasSelection())
        for act in (self.act_export, self.act_save_as, self.act_close, self.act_recheck, self.act_next, self.act_prev):
            act.setEnabled(has_article)

    # ------------------------------------------------------------ selection
    def _flag_selected(self, flag: Flag | None) -> None:
        art = self.current_article()
        if art is None:
            return
        self.view.set_flags(art.flags, flag.key if flag else None)
        if flag is not None and not self._from_text:
            self.view.reveal(flag)
        self._show_detail(flag)
        self._update_actions()

    def _flag_clicked(self, flag: Flag) -> None:
        """A click on a highlight selects its flag, without moving the editor's cursor."""
        self._from_text = True
        try:
            if not self.panel.select_key(flag.key):
                self.panel.closed_box.setChecked(True)
                self.panel.set_label_filter("")
                self.panel.select_key(flag.key)
        finally:
            self._from_text = False

    def _list_command(self, name: str) -> None:
        actions = {"confirm": self.act_confirm, "dismiss": self.act_dismiss, "dismiss_reason": self.act_dismiss_reason,
                   "relabel": self.act_relabel, "allow": self.act_allow}
        if name == "reveal":
            flag = self.current_flag()
            if flag is not None:
                self.view.reveal(flag)
        elif name in actions and actions[name].isEnabled():
            actions[name].trigger()

    def _step(self, step: int) -> None:
        self.panel.select_next(self.current_flag(), step=step)
        self.panel.view.setFocus()

    def _legend_clicked(self, label: str) -> None:
        same = self.panel.label_box.currentData() == label
        self.panel.set_label_filter("" if same else label)

    def _zoom(self, step: int) -> None:
        self.settings.font_size = max(7, min(32, self.view.font_size() + step))
        self.apply_font_size()
        self.save_settings()

    def apply_font_size(self) -> None:
        self.view.set_font_size(self.settings.font_size)
        for doc in self.documents.values():
            doc.setDefaultFont(self.view.font())
            doc.highlighter.rehighlight()       # headings are sized from the default font

    # ------------------------------------------------------------ messages
    def status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def set_model_status(self, text: str) -> None:
        self.model_label.setText(text)

    def show_error(self, title: str, text: str) -> None:
        """Tell the user without blocking (the window and background work carry on)."""
        self.last_error = (title, text)
        box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.Ok, self)
        box.setWindowModality(Qt.WindowModal)
        box.finished.connect(lambda _r, b=box: self._message_boxes.remove(b) if b in self._message_boxes else None)
        self._message_boxes.append(box)
        box.open()

    def open_trainer(self) -> None:
        """Trainer mode in a window of its own, sharing this window's model and rule packs."""
        from desktop.trainer_window import TrainerWindow

        if getattr(self, "trainer", None) is None:
            self.trainer = TrainerWindow(lambda: self.engine, self.engine_source,
                                         rule_packs=list(self.settings.rule_packs) + list(self.cli_rule_packs))
            self.trainer.destroyed.connect(lambda: setattr(self, "trainer", None))
            self.trainer.setAttribute(Qt.WA_DeleteOnClose)
        self.trainer.show()
        self.trainer.raise_()
        self.trainer.activateWindow()

    def show_shortcuts(self) -> None:
        rows = [("Ctrl+O / Ctrl+Shift+O", "Open files / a folder"), ("Ctrl+Shift+V", "Paste text as a new article"),
                ("Ctrl+E", "Export a report (HTML, PDF, JSON)"), ("Ctrl+Return", "Confirm the selected flag"),
                ("Ctrl+D / Ctrl+Shift+D", "Dismiss / dismiss with a reason"), ("Ctrl+L", "Change the label"),
                ("Ctrl+M", "Flag the selected words"), ("Ctrl+Shift+A", "Allow the words everywhere"),
                ("F8 / Shift+F8", "Next / previous flag"), ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo (edits and decisions)"),
                ("F5", "Check again"), ("F9", "Annotation mode"), ("Ctrl+ + / Ctrl+ -", "Larger / smaller text"),
                ("Alt+1 … Alt+4", "Articles, text, flags, detail"),
                ("Ctrl+Shift+T", "Trainer mode: gallery, sessions, presentation (F5), quiz (F6), handout"),
                ("In the flag list", "C confirm · D dismiss · R reason · L label · A allow · J/K next/previous · "
                                     "Enter show in text")]
        table = "".join(f"<tr><td style='padding-right:14px'><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
        box = QMessageBox(QMessageBox.Information, "Keyboard shortcuts", f"<table>{table}</table>", QMessageBox.Ok, self)
        box.open()
        self._message_boxes.append(box)

    def open_annotation(self) -> None:
        from desktop.annotate_entry import open_annotation

        open_annotation(self)

    # ------------------------------------------------------------ lifetime
    def save_settings(self) -> None:
        try:
            save_settings(self.settings, self.settings_file)
        except OSError as exc:
            self.status(f"Settings not saved: {exc}")

    def settled(self) -> bool:
        """Nothing left to do in the background (screenshots and tests wait for this)."""
        waiting = bool(self.pending) and self.checker is not None and not self.checks_paused
        return (self.engine_state != "loading" and not self.runner.busy() and not waiting
                and not self.edit_timer.isActive() and not self.kick_timer.isActive())

    def closeEvent(self, event) -> None:
        self.flush_edits()
        if self.unsaved and not self._confirm_unsaved_close():
            event.ignore()
            return
        self.save_settings()
        self.runner.cancel()
        super().closeEvent(event)

    def _confirm_unsaved_close(self) -> bool:
        """Some drafts could not be saved (the store is busy or read-only): retry, or lose them knowingly."""
        while self.unsaved:
            titles = ", ".join(self.articles[a].title for a in self.unsaved if a in self.articles)
            answer = QMessageBox.warning(
                self, "Unsaved edits", f"The latest edits of {titles} could not be saved to the review store "
                f"{self.store.path}.", QMessageBox.Retry | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Retry)
            if answer == QMessageBox.Retry:
                self.flush_edits()
            else:
                return answer == QMessageBox.Discard
        return True


def default_engine_source(model_file=None, trust: bool = False) -> Callable:
    def source(rule_packs, progress, notify):
        from classifier.engine import load_engine

        return load_engine(rule_packs or None, model_file, trust=trust, progress=progress, notify=notify)
    return source
