"""Export to the corpus: the annotator reviews every pseudonymisation before anything is written."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton, QTableWidget,
                               QTableWidgetItem, QTextBrowser, QVBoxLayout)

from corpus.pseudonymise import Replacement, apply

PREVIEW_PASSAGES = 40


class ExportDialog(QDialog):
    def __init__(self, window, engine):
        super().__init__(window)
        self.window_ = window
        self.engine = engine
        self.replacements: list[Replacement] = []
        self.resolved = []
        self.written: Path | None = None
        self.result_text = ""
        self.setWindowTitle("Export to the corpus")
        self.resize(1000, 720)
        layout = QVBoxLayout(self)
        self.intro = QLabel("Finding names and places to replace…", wordWrap=True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 5, accessibleName="Replacements")
        self.table.setHorizontalHeaderLabels(["Replace", "Original", "Becomes", "Kind", "Found"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.itemChanged.connect(self._edited)
        layout.addWidget(self.table, 2)
        add = QHBoxLayout()
        self.new_original = QLineEdit(placeholderText="Words the tool missed (e.g. a nickname)",
                                      accessibleName="Words to replace")
        self.new_replacement = QLineEdit(placeholderText="Replacement, e.g. [Name 3] or [village]",
                                         accessibleName="Replacement")
        add_button = QPushButton("Add replacement")
        add_button.clicked.connect(self.add_from_fields)
        self.new_replacement.returnPressed.connect(self.add_from_fields)
        add.addWidget(self.new_original, 2)
        add.addWidget(self.new_replacement, 2)
        add.addWidget(add_button)
        layout.addLayout(add)
        layout.addWidget(QLabel("<b>Preview</b> (passages with a replacement, as they will be written)"))
        self.preview = QTextBrowser()
        layout.addWidget(self.preview, 2)
        form = QFormLayout()
        self.licence = QComboBox(editable=True, accessibleName="Licence of the exported text")
        self.licence.addItems(["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0"])
        form.addRow("Licence (SPDX) of the text you export:", self.licence)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.export_button = self.buttons.addButton("Export…", QDialogButtonBox.AcceptRole)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda: self.export_to(None))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._load()

    # ------------------------------------------------------------ proposals (off the UI thread)
    def _load(self) -> None:
        from classifier.engine import common_words
        from corpus.annotation_export import propose_replacements

        store = self.window_.store

        def job(ctx):
            ctx.progress(0.1, "finding names and places")
            return store.resolved(), propose_replacements(store, common_words())

        self.window_.runner.run(job, key="export", title="Preparing the export", visible=True,
                                on_done=self._loaded,
                                on_error=lambda exc, _tb: self.window_.show_error("Export failed", str(exc)))

    def _loaded(self, value) -> None:
        self.resolved, self.replacements = value
        waiting = len(self.window_.store.unresolved())
        self.intro.setText(
            f"<b>{len(self.resolved)} passages</b> have agreed labels and will be exported"
            + (f" ({waiting} wait until their disagreement is settled)" if waiting else "") + ". "
            "So that no victim's details enter a shared corpus, names become consistent placeholders and places "
            "their kind. Check each replacement: untick one to keep the original words, edit what it becomes, "
            "or add words the tool missed. Passages already in the corpus are left out.")
        self._fill()
        self.export_button.setEnabled(bool(self.resolved))

    def _fill(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.replacements))
        for row, r in enumerate(self.replacements):
            keep = QTableWidgetItem()
            keep.setFlags(Qt.ItemIsUserCheckable | Qt.ItemIsEnabled | Qt.ItemIsSelectable)
            keep.setCheckState(Qt.Checked if r.keep else Qt.Unchecked)
            cells = [keep, QTableWidgetItem(r.original), QTableWidgetItem(r.replacement), QTableWidgetItem(r.kind),
                     QTableWidgetItem(str(r.occurrences))]
            for col, cell in enumerate(cells):
                if col in (1, 3, 4):
                    cell.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
                self.table.setItem(row, col, cell)
        self.table.blockSignals(False)
        self.table.resizeColumnToContents(0)
        self._preview()

    def _edited(self, cell: QTableWidgetItem) -> None:
        r = self.replacements[cell.row()]
        if cell.column() == 0:
            r.keep = cell.checkState() == Qt.Checked
        elif cell.column() == 2:
            r.replacement = cell.text().strip() or r.replacement
        self._preview()

    def add_replacement(self, original: str, replacement: str) -> None:
        original, replacement = " ".join(original.split()), replacement.strip()
        if not original or not replacement:
            return
        for r in self.replacements:
            if r.original.lower() == original.lower():
                r.replacement, r.keep = replacement, True
                break
        else:
            count = sum(text.lower().count(original.lower()) for text in (i.text for i, _, _ in self.resolved))
            self.replacements.append(Replacement(original, replacement, "added by you", True, count))
        self._fill()

    def add_from_fields(self) -> None:
        self.add_replacement(self.new_original.text(), self.new_replacement.text())
        self.new_original.clear()
        self.new_replacement.clear()
        self.new_original.setFocus()

    def _preview(self) -> None:
        parts = []
        for item, decision, _ in self.resolved:
            text, _ = apply(item.text, self.replacements)
            if text == item.text:
                continue
            parts.append(f"<p>{html.escape(text).replace('[', '<b>[').replace(']', ']</b>')}</p>")
            if len(parts) >= PREVIEW_PASSAGES:
                break
        self.preview.setHtml("".join(parts) or "<p><i>No replacement applies.</i></p>")

    # ------------------------------------------------------------ export (off the UI thread)
    def export_to(self, path: str | None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Export annotations in the corpus format",
                                                  str(Path(self.window_.settings.last_folder or Path.home())
                                                      / "annotations.jsonl"), "Corpus JSON Lines (*.jsonl)")
            if not path:
                return
        from corpus.annotation_export import plan_export, write_export
        from corpus.schema import read_corpus

        store, catalogue, replacements = self.window_.store, self.engine.catalogue, list(self.replacements)
        licence = self.licence.currentText().strip() or "CC-BY-4.0"

        def job(ctx):
            ctx.progress(0.1, "checking against the corpus")
            plan = plan_export(store, catalogue, read_corpus(), replacements, licence=licence)
            if plan.problems:
                return plan, 0
            return plan, write_export(plan, path)

        def done(value) -> None:
            plan, count = value
            if plan.problems:
                self.window_.show_error("Not exported: the passages do not validate",
                                        "\n".join(map(str, plan.problems[:20])))
                return
            self.written = Path(path)
            skipped = "\n".join(f"  {s}" for s in plan.skipped[:15])
            self.result_text = (f"Exported {count} passages to {path}.\n"
                                + (f"Left out:\n{skipped}\n" if plan.skipped else "")
                                + f"Add them to the corpus with:  thb-review corpus merge {path}")
            self.window_.status(f"Exported {count} passages to {path}")
            box = QMessageBox(QMessageBox.Information, "Exported", self.result_text, QMessageBox.Ok, self.window_)
            box.open()
            self.window_._boxes.append(box)
            self.accept()

        self.window_.runner.run(job, key="export", title="Exporting", visible=True, on_done=done,
                                on_error=lambda exc, _tb: self.window_.show_error("Not exported", str(exc)))
