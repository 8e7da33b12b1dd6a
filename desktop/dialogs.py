"""Small dialogs: a reason for a dismissal, a label, the allow-list, and the settings."""
from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QListWidget, QPushButton, QSlider, QSpinBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

from desktop.settings import SENSITIVITY_LIMIT, Settings
from desktop.style import style
from guidelines.labels import LABELS

DISMISS_REASONS = (
    "Named on the record: an official, public figure or convicted offender",
    "Quoted speech, clearly attributed",
    "The words are used accurately in this context",
    "Not about trafficking",
    "Consent given and identification is in the person's interest",
)


class ReasonDialog(QDialog):
    """Why a flag is a false alarm: pick a common reason or write one (optional)."""

    def __init__(self, flag_title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Dismiss flag")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Dismiss <b>{flag_title}</b> as a false alarm.<br>"
                                "The reason is kept for the annotators (optional)."))
        self.reason = QComboBox(editable=True, accessibleName="Reason for dismissing")
        self.reason.addItem("")
        self.reason.addItems(DISMISS_REASONS)
        self.reason.lineEdit().setPlaceholderText("Type a reason or choose one")
        layout.addWidget(self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Dismiss")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def text(self) -> str:
        return self.reason.currentText().strip()


class LabelDialog(QDialog):
    """Choose a label (for a changed label or a flag the editor adds), with an optional note."""

    def __init__(self, title: str, prompt: str, exclude: str | None = None, note: bool = False, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, wordWrap=True))
        self.labels = QListWidget(accessibleName="Labels")
        for label in LABELS:
            if label == exclude:
                continue
            self.labels.addItem(f"{style(label).code}  {style(label).title}")
            self.labels.item(self.labels.count() - 1).setData(Qt.UserRole, label)
        self.labels.setCurrentRow(0)
        self.labels.itemDoubleClicked.connect(lambda _i: self.accept())
        layout.addWidget(self.labels)
        self.note = QLineEdit(placeholderText="Note for the annotators (optional)", accessibleName="Note")
        self.note.setVisible(note)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.labels.setFocus()

    def label(self) -> str:
        return self.labels.currentItem().data(Qt.UserRole)


class AllowListDialog(QDialog):
    """The newsroom's allow-list: words (such as officials' names) that never raise a flag."""

    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window = window
        self.setWindowTitle("Allow-list")
        self.resize(620, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Flags whose evidence contains one of these words are suppressed in every article "
                                "(for example names of officials and public figures). Dismissals and this list "
                                "live in the review store, never in the article.", wordWrap=True))
        self.table = QTableWidget(0, 4, accessibleName="Allow-list terms")
        self.table.setHorizontalHeaderLabels(["Words", "Label", "Note", "Added by"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.term = QLineEdit(placeholderText="Words to allow, e.g. Inspector Mara Velic", accessibleName="New term")
        self.label = QComboBox(accessibleName="Label the term applies to")
        self.label.addItem("Any label", "")
        for label in LABELS:
            self.label.addItem(style(label).title, label)
        add = QPushButton("Add")
        remove = QPushButton("Remove selected")
        row.addWidget(self.term, 1)
        row.addWidget(self.label)
        row.addWidget(add)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.addButton(remove, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        add.clicked.connect(self._add)
        self.term.returnPressed.connect(self._add)
        remove.clicked.connect(self._remove)
        self.refresh()

    def refresh(self) -> None:
        terms = self.window.allow_terms
        self.table.setRowCount(len(terms))
        for r, t in enumerate(terms):
            for c, value in enumerate((t.term, style(t.label).title if t.label else "Any label", t.note, t.added_by)):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def _add(self) -> None:
        if self.term.text().strip():
            self.window.allow_term(self.term.text(), self.label.currentData())
            self.term.clear()
            self.refresh()

    def _remove(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedItems()})
        for r in rows:
            self.window.disallow_term(self.table.item(r, 0).text())
        self.refresh()


class SettingsDialog(QDialog):
    """Annotator, text size, which labels and rule packs are active, and each label's sensitivity."""

    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.settings = copy.deepcopy(settings)
        layout = QVBoxLayout(self)

        form = QFormLayout()
        self.annotator = QLineEdit(settings.annotator, placeholderText="Your name, stored with each decision")
        self.annotator.setAccessibleName("Annotator name")
        self.font_size = QSpinBox(minimum=7, maximum=32, value=settings.font_size, suffix=" pt")
        self.font_size.setAccessibleName("Article text size")
        form.addRow("&Annotator name:", self.annotator)
        form.addRow("Article &text size:", self.font_size)
        layout.addLayout(form)

        labels = QGroupBox("Labels: which are checked, and how readily each is flagged")
        grid = QGridLayout(labels)
        grid.addWidget(QLabel("<small>fewer flags</small>"), 0, 1, Qt.AlignLeft)
        grid.addWidget(QLabel("<small>more flags</small>"), 0, 1, Qt.AlignRight)
        self.active: dict[str, QCheckBox] = {}
        self.sliders: dict[str, QSlider] = {}
        self.values: dict[str, QLabel] = {}
        steps = int(SENSITIVITY_LIMIT * 100)
        for row, label in enumerate(LABELS, 1):
            box = QCheckBox(f"{style(label).code} · {style(label).title}")
            box.setChecked(label in settings.active_labels)
            slider = QSlider(Qt.Horizontal, minimum=-steps, maximum=steps, singleStep=1, pageStep=5)
            slider.setValue(round(settings.sensitivity.get(label, 0.0) * 100))
            slider.setAccessibleName(f"Sensitivity for {style(label).title}")
            slider.setMinimumWidth(180)
            value = QLabel()
            value.setMinimumWidth(40)
            slider.valueChanged.connect(lambda v, lab=value: lab.setText(f"{v:+d}" if v else "0"))
            value.setText(f"{slider.value():+d}" if slider.value() else "0")
            box.toggled.connect(slider.setEnabled)
            slider.setEnabled(box.isChecked())
            grid.addWidget(box, row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(value, row, 2)
            self.active[label], self.sliders[label], self.values[label] = box, slider, value
        layout.addWidget(labels)

        packs = QGroupBox("Rule packs (added over the bundled guidelines)")
        pl = QVBoxLayout(packs)
        self.packs = QListWidget(accessibleName="Extra rule packs")
        self.packs.addItems(settings.rule_packs)
        self.packs.setMaximumHeight(90)
        pl.addWidget(self.packs)
        prow = QHBoxLayout()
        add_folder = QPushButton("Add folder…")
        add_file = QPushButton("Add file…")
        remove = QPushButton("Remove")
        for b in (add_folder, add_file, remove):
            prow.addWidget(b)
        prow.addStretch(1)
        pl.addLayout(prow)
        layout.addWidget(packs)
        add_folder.clicked.connect(self._add_folder)
        add_file.clicked.connect(self._add_file)
        remove.clicked.connect(lambda: [self.packs.takeItem(self.packs.row(i)) for i in self.packs.selectedItems()])

        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel | QDialogButtonBox.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.RestoreDefaults).clicked.connect(self._defaults)
        layout.addWidget(buttons)

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Rule pack folder")
        if folder:
            self.packs.addItem(folder)

    def _add_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Rule pack file", "", "Rule packs (*.toml)")
        if path:
            self.packs.addItem(path)

    def _defaults(self) -> None:
        for label in LABELS:
            self.active[label].setChecked(True)
            self.sliders[label].setValue(0)
        self.font_size.setValue(12)

    def result_settings(self) -> Settings:
        s = self.settings
        s.annotator = self.annotator.text().strip()
        s.font_size = self.font_size.value()
        s.disabled_labels = [l for l in LABELS if not self.active[l].isChecked()]
        s.sensitivity = {l: self.sliders[l].value() / 100 for l in LABELS if self.sliders[l].value()}
        s.rule_packs = [self.packs.item(i).text() for i in range(self.packs.count())]
        return s.clean()
