"""Retrain from inside the application: progress and cancel off the UI thread, held-out figures
before and after on the same articles, and a one-action rollback to the previous model."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from desktop.style import style
from guidelines.labels import LABELS


class RetrainDialog(QDialog):
    def __init__(self, window, engine, corpus_loader: Callable[[], list] | None = None, folds: int = 5):
        super().__init__(window)
        from classifier.paths import model_path
        from corpus.schema import read_corpus

        self.window_ = window
        self.engine = engine
        self.corpus_loader = corpus_loader or read_corpus
        self.folds = folds
        self.model_file = Path(window.model_file) if window.model_file else model_path()
        self.task = None
        self.result = None
        self.setWindowTitle("Retrain the model")
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        self.intro = QLabel(wordWrap=True)
        layout.addWidget(self.intro)
        row = QHBoxLayout()
        self.start_button = QPushButton("Retrain now")
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Cancel retraining", enabled=False)
        self.cancel_button.clicked.connect(self.cancel)
        self.rollback_button = QPushButton("Roll back to the previous model")
        self.rollback_button.clicked.connect(self.roll_back)
        for b in (self.start_button, self.cancel_button, self.rollback_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.bar = QProgressBar(textVisible=False)
        self.bar.setRange(0, 1000)
        self.message = QLabel("")
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        self.table = QTableWidget(len(LABELS) + 1, 4, accessibleName="Held-out F1 before and after")
        self.table.setHorizontalHeaderLabels(["Label", "F1 before", "F1 after", "Change"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        layout.addWidget(self.table, 1)
        self.figures_note = QLabel(wordWrap=True)
        layout.addWidget(self.figures_note)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._describe()
        bundle = engine.bundle
        held = (bundle.meta.get("heldout") if bundle else None) or {}
        if held:
            self._show_figures(held["before"], held["after"], "from the last retraining")

    def _describe(self) -> None:
        from classifier.retrain import can_roll_back

        store = self.window_.store
        meta = self.engine.bundle.meta if self.engine.bundle else {}
        agreed, waiting = len(store.resolved()), len(store.unresolved())
        self.intro.setText(
            f"The model in use was trained {meta.get('trained', '?')} on {meta.get('corpus_passages', '?')} "
            f"passages. <b>{agreed} agreed annotations</b> (pseudonymised as on export; passages already in the "
            f"corpus are left out) are added"
            + (f"; {waiting} disagreements wait to be settled" if waiting else "") + ".<br>"
            "Held-out figures are measured before and after on the same articles (about a fifth of them, chosen "
            "by article id), then the model is trained on everything and put in use. The current model is kept: "
            "roll back with one click.")
        self.rollback_button.setEnabled(can_roll_back(self.model_file) and self.task is None)
        self.start_button.setEnabled(agreed > 0 and self.task is None)

    def _show_figures(self, before: dict, after: dict, note: str) -> None:
        rows = [(f"{style(l).code}  {style(l).title}", before[l]["f1"], after[l]["f1"]) for l in LABELS]
        rows.append(("Macro F1 (labels with held-out examples)", before["macro_f1"], after["macro_f1"]))
        for r, (name, b, a) in enumerate(rows):
            change = QTableWidgetItem(f"{a - b:+.2f}")
            change.setForeground(QColor("#1E7B34" if a > b + 1e-9 else "#B3261E" if a < b - 1e-9 else "#4B5563"))
            for c, cell in enumerate([QTableWidgetItem(name), QTableWidgetItem(f"{b:.2f}"),
                                      QTableWidgetItem(f"{a:.2f}"), change]):
                if c:
                    cell.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, c, cell)
        self.figures_note.setText(f"On {before.get('_passages', '?')} held-out passages ({note}).")

    # ------------------------------------------------------------ work
    def start(self) -> None:
        from classifier.model import load_model
        from classifier.retrain import retrain
        from corpus.annotation_export import plan_export, propose_replacements
        from classifier.engine import Engine, common_words

        store, catalogue, model_file, folds = self.window_.store, self.engine.catalogue, self.model_file, self.folds
        loader = self.corpus_loader

        def job(ctx):
            ctx.progress(0.0, "preparing the annotations")
            corpus = loader()
            plan = plan_export(store, catalogue, corpus, propose_replacements(store, common_words()))
            if plan.problems:
                raise ValueError("the annotations do not validate:\n" + "\n".join(map(str, plan.problems[:10])))
            if not plan.passages:
                raise ValueError("every agreed annotation is already in the corpus: nothing new to learn from")
            result = retrain(corpus, plan.passages, catalogue, model_file, progress=ctx.progress,
                             cancelled=lambda: ctx.cancelled, folds=folds)
            return result, Engine(catalogue, load_model(model_file))

        self.task = self.window_.runner.run(job, key="retrain", title="Retraining", visible=True,
                                            on_done=self._done, on_error=self._failed, on_cancel=self._cancelled)
        self.window_.runner.changed.connect(self._progress)
        self.start_button.setEnabled(False)
        self.rollback_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.message.setText("Retraining…")

    def _progress(self) -> None:
        if self.task is not None:
            self.bar.setValue(int(self.task.fraction * 1000))
            if self.task.message:
                self.message.setText(self.task.message)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.message.setText("Cancelling… (the model in use is not changed)")

    def _finish(self) -> None:
        self.task = None
        self.cancel_button.setEnabled(False)
        try:
            self.window_.runner.changed.disconnect(self._progress)
        except (RuntimeError, TypeError):
            pass
        self._describe()

    def _done(self, value) -> None:
        self.result, engine = value
        self._finish()
        self.bar.setValue(1000)
        self._show_figures(self.result.before, self.result.after, "measured now")
        delta = self.result.after["macro_f1"] - self.result.before["macro_f1"]
        self.message.setText(f"Retrained with {self.result.added} annotations and put in use (macro F1 "
                             f"{delta:+.2f} on the held-out articles). Roll back if it is worse.")
        self.engine = engine
        self.window_.modelChanged.emit(engine)

    def _failed(self, exc, _tb) -> None:
        self._finish()
        self.message.setText(f"Retraining failed: {exc}")
        self.window_.show_error("Retraining failed", f"{exc}\n\nThe model in use was not changed.")

    def _cancelled(self) -> None:
        self._finish()
        self.bar.setValue(0)
        self.message.setText("Retraining cancelled; the model in use was not changed.")

    def roll_back(self) -> None:
        from classifier.engine import Engine
        from classifier.model import load_model
        from classifier.retrain import roll_back

        catalogue, model_file = self.engine.catalogue, self.model_file

        def job(ctx):
            ctx.progress(0.2, "rolling back")
            roll_back(model_file)
            return Engine(catalogue, load_model(model_file))

        def done(engine) -> None:
            self.task = None
            self.engine = engine
            self._describe()
            self.message.setText(f"Rolled back: the model trained {engine.bundle.meta.get('trained', '?')} is in "
                                 "use again (roll back again to return).")
            self.window_.modelChanged.emit(engine)

        def failed(exc, _tb) -> None:
            self.task = None
            self._describe()
            self.window_.show_error("Not rolled back", str(exc))

        self.task = self.window_.runner.run(job, key="retrain", title="Rolling back", visible=True, on_done=done,
                                            on_error=failed)
        self.rollback_button.setEnabled(False)
