"""Opening articles: files, folders, the clipboard, drag and drop, recent files; and the
articles of the last session (or the bundled samples on the very first start)."""
from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtGui import QTextDocument, QUndoStack
from PySide6.QtWidgets import QPlainTextDocumentLayout
from PySide6.QtWidgets import QApplication, QFileDialog

import corpus
from classifier.readers import ReadError, find_articles, html_to_text, read_article
from corpus.review_store import StoreError, StoredArticle, sha256
from desktop.article_view import PAGE_MARGIN, DraftHighlighter
from desktop.commands import TextEditCommand
from desktop.review import ArticleReview

SAMPLES = Path(corpus.__file__).parent / "samples"
ARTICLE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.docx);;All files (*)"


def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.md"))


def title_of(text: str, fallback: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 110 else line[:107].rstrip() + "…"
    return fallback


class OpenMixin:
    def start_session(self, files: list[str] | None = None) -> None:
        """Open the given files; else the last session's articles; else, on first start, the samples."""
        if files:
            self.open_paths(files)
        elif self.store.is_empty():
            self.open_paths([str(p) for p in sample_files()])
        else:
            stored = self.store.open_articles()
            for article in stored:
                self._add_article(article, select=False)
            if stored:
                self.select_article(stored[0].id)

    # ------------------------------------------------------------ actions
    def action_open(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open articles", self.settings.last_folder, ARTICLE_FILTER)
        if paths:
            self.settings.last_folder = str(Path(paths[0]).parent)
            self.open_paths(paths)

    def action_open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of articles", self.settings.last_folder)
        if folder:
            self.settings.last_folder = folder
            self.open_paths([folder])

    def action_paste(self) -> None:
        mime = QApplication.clipboard().mimeData()
        text = mime.text() if mime is not None and mime.hasText() else ""
        if not text.strip() and mime is not None and mime.hasHtml():
            text = html_to_text(mime.html())
        if not text.strip():
            self.status("The clipboard holds no text to check.")
            return
        self.add_text_article(text)

    def action_close_article(self) -> None:
        aid = self.current_id
        if aid is None:
            return
        self.flush_edits()
        try:
            self.store.set_open(aid, False)
        except StoreError as exc:
            self.show_error("The article could not be closed", str(exc))
            return
        ids = self.article_list.ids()
        index = ids.index(aid)
        self.article_list.remove(aid)
        self.undo_group.removeStack(self.stacks.pop(aid))
        self.articles.pop(aid)
        if aid in self.pending:
            self.pending.remove(aid)
        self.current_id = None
        remaining = self.article_list.ids()
        if remaining:
            self.select_article(remaining[min(index, len(remaining) - 1)])
        else:
            self.view.show_document(None)
            self._refresh_current()
        self.documents.pop(aid).deleteLater()

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_paths([p]))
        if not self.settings.recent_files:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear the list", self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.recent_files = []
        self.save_settings()

    # ------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
        if paths:
            self.open_paths(paths)
        elif mime.hasText() and mime.text().strip():
            self.add_text_article(mime.text())
        event.acceptProposedAction()

    # ------------------------------------------------------------ reading
    def open_paths(self, paths) -> None:
        files, folders = [], []
        for path in map(Path, paths):
            (folders if path.is_dir() else files).append(path)
        if files:
            self._read_in_background(files=files)
        for folder in folders:
            self._read_in_background(folder=folder)

    def _read_in_background(self, files: list[Path] | None = None, folder: Path | None = None) -> None:
        """Read files off the UI thread; each article appears as soon as it is read."""
        errors: list[str] = []
        first = [True]
        if folder is not None:
            title = f"Opening folder {folder.name}"
        else:
            title = f"Opening {files[0].name}" if len(files) == 1 else f"Opening {len(files)} files"

        def job(ctx):
            paths = files
            if folder is not None:
                ctx.progress(0.0, "listing files")
                paths = find_articles(folder)
                if not paths:
                    raise ReadError(f"{folder}: no .txt, .md, .html or .docx files in this folder")
            for i, path in enumerate(paths):
                ctx.progress(i / len(paths), f"{i + 1} of {len(paths)}: {path.name}")
                try:
                    ctx.partial((path, read_article(path), None))
                except ReadError as exc:
                    ctx.partial((path, None, str(exc)))
            return len(paths)

        def got(item) -> None:
            path, text, error = item
            if error:
                errors.append(error)
                return
            self._add_file_article(path, text, select=first[0])
            first[0] = False

        def finished(count: int | None = None) -> None:
            if errors:
                shown = "\n".join(errors[:12]) + (f"\n… and {len(errors) - 12} more" if len(errors) > 12 else "")
                self.show_error("Some files could not be opened" if len(errors) > 1 else "The file could not be opened",
                                shown)
            elif count and folder is not None:
                self.status(f"Opened {count} articles from {folder}")

        self.runner.run(job, title=title, visible=folder is not None or len(files) > 3, on_partial=got,
                        on_done=finished, on_cancel=finished,
                        on_error=lambda exc, _tb: self.show_error("Nothing was opened", str(exc)))

    def _add_file_article(self, path: Path, text: str, select: bool) -> None:
        source = str(Path(path).resolve())
        try:
            stored = self.store.upsert_article(source, title_of(text, Path(path).stem), text, sha256(text))
        except StoreError as exc:
            self.show_error("The article could not be added to the review store", str(exc))
            return
        self.settings.add_recent(source)
        self._add_article(stored, select=select)

    def add_text_article(self, text: str) -> None:
        """A new article from pasted or dropped text."""
        try:
            stored = self.store.upsert_article(f"pasted:{uuid.uuid4().hex[:12]}", title_of(text, "Pasted text"), text)
        except StoreError as exc:
            self.show_error("The text could not be added to the review store", str(exc))
            return
        self._add_article(stored, select=True)

    def _add_article(self, stored: StoredArticle, select: bool = True) -> None:
        if stored.id in self.articles:
            doc = self.documents[stored.id]
            if doc.toPlainText() != stored.text:      # the file changed on disk since it was last opened
                doc.setPlainText(stored.text)
                doc.clearUndoRedoStacks()
                self.stacks[stored.id].clear()
                art = self.articles[stored.id]
                art.text = doc.toPlainText()
                art.revision += 1
                self.queue_check(stored.id)
            if select:
                self.select_article(stored.id)
            return
        art = ArticleReview(stored)
        try:
            art.decisions = self.store.decisions(stored.id)
            art.added = self.store.added_flags(stored.id)
        except StoreError as exc:
            self.show_error("The review store could not be read", str(exc))
            return
        doc = self._make_document(stored.text, stored.id)
        art.text = doc.toPlainText()         # offsets refer to the document's text, exactly
        self.articles[stored.id] = art
        self.documents[stored.id] = doc
        stack = QUndoStack(self)
        self.stacks[stored.id] = stack
        self.undo_group.addStack(stack)
        self._update_list_item(stored.id)
        self.queue_check(stored.id)
        if select or self.current_id is None:
            self.select_article(stored.id)

    def _make_document(self, text: str, aid: int) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
        doc.setDefaultFont(self.view.font())
        doc.setPlainText(text)
        doc.setDocumentMargin(PAGE_MARGIN)   # a frame change: undoable, so before the history is cleared
        doc.clearUndoRedoStacks()
        doc.highlighter = DraftHighlighter(doc)
        doc.contentsChange.connect(lambda pos, removed, added, a=aid: self.on_edit(a, pos, removed, added))
        doc.undoCommandAdded.connect(lambda a=aid: self.stacks[a].push(TextEditCommand(self.documents[a])))
        return doc
