"""Undo history: one stack per article holding decisions and text edits together,
so Ctrl+Z undoes whatever the editor did last, as in a word processor."""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QTextDocument, QUndoCommand


class StoreCommand(QUndoCommand):
    """A review action already saved in the store when pushed (so the first redo is skipped);
    undo and redo write the store again, each as one transaction."""

    def __init__(self, text: str, run: Callable[[Callable], None], do: Callable, undo: Callable):
        super().__init__(text)
        self._run, self._do, self._undo = run, do, undo
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)


class TextEditCommand(QUndoCommand):
    """Stands in the shared history for one step of the document's own undo stack."""

    def __init__(self, document: QTextDocument):
        super().__init__("Edit text")
        self.document = document
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.document.redo()

    def undo(self) -> None:
        self.document.undo()
