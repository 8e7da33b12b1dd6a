"""Working as a team: import and export annotators' work (ours, doccano, Label Studio), see the
agreement per label and settle each disagreement with one key."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QListWidget, QListWidgetItem, QSplitter, QTableWidget, QTableWidgetItem, QTextBrowser,
                               QVBoxLayout, QWidget)

from corpus.agreement import agreement
from corpus.review_store import StoreError
from corpus.schema import CorpusError
from desktop.palette import label_tint
from desktop.style import style
from guidelines.labels import LABELS


def _import(window, records: list[dict], path: str) -> None:
    try:
        added, new_items = window.store.import_records(records, str(path))
    except (StoreError, ValueError) as exc:
        window.show_error("The file was not imported", str(exc))
        return
    names = sorted({r["annotator"] for r in records})
    window.status(f"Imported {added} decision{'s' if added != 1 else ''} by {', '.join(names)} from "
                  f"{Path(path).name}" + (f"; {new_items} new passage{'s' if new_items != 1 else ''} queued"
                                          if new_items else ""))
    window.reload_queue(keep=window.current_item().id if window.current_item() else None)


def import_decisions(window, path: str) -> None:
    """Another annotator's file written by 'Export my work'."""
    from corpus.annotation_store import read_decision_file

    try:
        records = read_decision_file(path)
    except CorpusError as exc:
        window.show_error("The file was not imported", str(exc))
        return
    _import(window, records, path)


def import_tool_file(window, path: str, annotator: str | None = None) -> None:
    """A doccano JSONL or Label Studio JSON export; asks whose work it is when the file does not say."""
    from corpus.interchange import InterchangeError, read_doccano, read_label_studio

    reader = read_label_studio if path.lower().endswith(".json") else read_doccano
    try:
        records = reader(path, annotator or "")
    except InterchangeError as exc:
        if "no annotator named" not in str(exc) or annotator is not None:
            window.show_error("The file was not imported", str(exc))
            return
        name, ok = QInputDialog.getText(window, "Whose work is this?", f"{Path(path).name} does not name its "
                                        "annotator. Record the decisions under the name:")
        if not ok or not name.strip():
            return
        import_tool_file(window, path, name.strip())
        return
    _import(window, records, path)


def _ask_path(window, title: str, suggested: str, filters: str) -> str:
    path, _ = QFileDialog.getSaveFileName(window, title, str(Path(window.settings.last_folder or Path.home())
                                                            / suggested), filters)
    return path


def export_mine(window, path: str | None = None) -> None:
    if not window.annotator:
        window.status("No annotator name yet: nothing of yours to export")
        return
    path = path or _ask_path(window, "Export my work", f"annotations-{window.annotator.replace(' ', '-')}.jsonl",
                             "thb-review annotations (*.jsonl)")
    if not path:
        return
    try:
        count = window.store.export_decisions(path, window.annotator)
    except OSError as exc:
        window.show_error("Not exported", f"{path}: {exc.strerror or exc}")
        return
    window.status(f"Exported {count} decisions to {path}: another annotator imports it with Ctrl+I")


def export_tool_file(window, path: str | None = None) -> None:
    """Every current decision, for doccano (.jsonl) or Label Studio (.json), chosen by the file's ending."""
    import tempfile

    from corpus.annotation_store import read_decision_file
    from corpus.interchange import write_doccano, write_label_studio

    path = path or _ask_path(window, "Export for doccano or Label Studio", "annotations-label-studio.json",
                             "Label Studio JSON (*.json);;doccano JSONL (*.jsonl)")
    if not path:
        return
    with tempfile.TemporaryDirectory() as tmp:
        window.store.export_decisions(Path(tmp) / "all.jsonl")
        records = read_decision_file(Path(tmp) / "all.jsonl")
    try:
        if path.lower().endswith(".json"):
            scores = {i.text: i.scores for i in window.store.items() if i.scores}
            count = write_label_studio(records, path, scores)
            config = Path(path).with_suffix(".label-config.xml")
            from corpus.interchange import LABEL_STUDIO_CONFIG
            config.write_text(LABEL_STUDIO_CONFIG, encoding="utf-8")
            note = f"; the labelling set-up for Label Studio is in {config.name}"
        else:
            count = write_doccano(records, path)
            note = ""
    except OSError as exc:
        window.show_error("Not exported", f"{path}: {exc.strerror or exc}")
        return
    window.status(f"Exported {count} decisions to {path}{note}")


def _fmt(value) -> str:
    return "n/a" if value is None else f"{value:.2f}"


class AgreementDialog(QDialog):
    """Agreement per label, and the passages annotators disagree on: keys 1…n settle one with that
    annotator's labels (recorded as a settling decision under your name)."""

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Agreement between annotators")
        self.resize(980, 680)
        layout = QVBoxLayout(self)
        self.summary = QLabel(wordWrap=True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(len(LABELS), 5, accessibleName="Agreement per label")
        self.table.setHorizontalHeaderLabels(["Label", "Passages", "Agree", "Kappa", "Krippendorff's α"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setFocusPolicy(Qt.NoFocus)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setFixedHeight(26 * len(LABELS) + self.table.horizontalHeader().sizeHint().height() + 4)
        layout.addWidget(self.table)
        split = QSplitter(Qt.Horizontal)
        self.list = QListWidget(accessibleName="Passages the annotators disagree on")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.ElideRight)
        self.detail = QTextBrowser()
        split.addWidget(self.list)
        split.addWidget(self.detail)
        split.setSizes([380, 600])
        layout.addWidget(QLabel("<b>Disagreements</b> — press 1, 2 … to settle the selected passage with that "
                                "annotator's labels; the list moves to the next one."))
        layout.addWidget(split, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(lambda _r: self._show())
        self.settle_actions = []
        for n in range(1, 10):
            act = QAction(self)
            act.setShortcut(QKeySequence(str(n)))
            act.setShortcutContext(Qt.WindowShortcut)
            act.triggered.connect(lambda _=False, n=n: self.settle(n))
            self.addAction(act)
            self.settle_actions.append(act)
        self.refresh()
        self.list.setFocus()

    def refresh(self, keep: int | None = None) -> None:
        self.report = agreement(self.window_.store.all_current())
        names = self.report.annotators
        kind = "Cohen's κ" if len(names) == 2 else "Fleiss' κ"
        self.table.setHorizontalHeaderItem(3, QTableWidgetItem(kind))
        for row, result in enumerate(self.report.per_label):
            kappa = result.cohen if len(names) == 2 else result.fleiss
            cells = [f"{style(result.label).code}  {style(result.label).title}", str(result.items),
                     "n/a" if result.percent is None else f"{result.percent:.0%}", _fmt(kappa), _fmt(result.alpha)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(row, col, item)
        open_ = [d for d in self.report.disagreements if d.settled is None]
        if len(names) < 2:
            self.summary.setText("Agreement needs the decisions of at least two annotators: import a colleague's "
                                 "work (Team ▸ Import, Ctrl+I) on the same passages.")
        else:
            self.summary.setText(f"<b>{len(names)} annotators</b> ({', '.join(names)}) · "
                                 f"{self.report.shared_items} passages decided by two or more · "
                                 f"{len(self.report.disagreements)} disagreements, {len(open_)} not settled yet. "
                                 "κ and α are n/a where nobody used a label (no variation to agree on).")
        self.list.blockSignals(True)
        self.list.clear()
        for d in self.report.disagreements:
            text = self.window_.store.item(d.item_id).text
            mark = "✔ " if d.settled is not None else "● "
            entry = QListWidgetItem(mark + (text if len(text) < 90 else text[:87] + "…"))
            entry.setData(Qt.UserRole, d.item_id)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        ids = [d.item_id for d in self.report.disagreements]
        if ids:
            self.list.setCurrentRow(ids.index(keep) if keep in ids else 0)
        self._show()

    def current(self):
        row = self.list.currentRow()
        return self.report.disagreements[row] if 0 <= row < len(self.report.disagreements) else None

    def _show(self) -> None:
        d = self.current()
        if d is None:
            self.detail.setHtml("<p>No disagreements.</p>")
            return
        item = self.window_.store.item(d.item_id)

        def chips(labels) -> str:
            return " ".join(f"<span style='background:{label_tint(l, 0.35)}'>&nbsp;{style(l).code} "
                            f"{style(l).title}&nbsp;</span>" for l in labels) or "<i>no label</i>"

        rows = "".join(f"<tr><td><b>{n}</b></td><td>{name}</td><td>{chips(labels)}</td></tr>"
                       for n, (name, labels) in enumerate(d.labels.items(), 1))
        settled = f"<p>✔ Settled: {chips(d.settled)}</p>" if d.settled is not None else ""
        esc = lambda t: t.replace("&", "&amp;").replace("<", "&lt;")  # noqa: E731
        self.detail.setHtml(f"<p style='color:#6B7280'>{esc(item.before)}</p><p style='font-size:13pt'>"
                            f"{esc(item.text)}</p><p style='color:#6B7280'>{esc(item.after)}</p>"
                            f"<table cellpadding='4'>{rows}</table>{settled}")

    def settle(self, n: int) -> None:
        d = self.current()
        if d is None or n > len(d.labels):
            return
        name = list(d.labels)[n - 1]
        chosen = self.window_.store.current(name).get(d.item_id)
        labels = list(d.labels[name])
        try:
            self.window_.store.decide(d.item_id, self.window_.annotator, "accept" if labels else "reject", labels,
                                      list(chosen.spans) if chosen else [], settles=True)
        except (StoreError, ValueError) as exc:
            self.window_.show_error("Not settled", str(exc))
            return
        self.window_.status(f"Settled with {name}'s labels")
        following = [x.item_id for x in self.report.disagreements if x.settled is None and x.item_id != d.item_id]
        self.refresh(keep=following[0] if following else d.item_id)
