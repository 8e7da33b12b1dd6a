"""Deciding on flags: confirm, dismiss (with a reason), change label, add a missed flag,
allow words everywhere; each one transaction in the review store and one undo step.
Also the exports."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog

from corpus.review_store import Decision, StoreError, now
from desktop.commands import StoreCommand
from desktop.dialogs import AllowListDialog, LabelDialog, ReasonDialog, SettingsDialog
from desktop.export import FILTERS, ExportError, export_format, render_report, write_text
from desktop.pdf_worker import write_pdf_in_background
from desktop.report import report_data
from desktop.style import style

VERBS = {"confirmed": "Confirm", "dismissed": "Dismiss", "relabelled": "Change label of"}


class ReviewMixin:
    # ------------------------------------------------------------ store plumbing
    def perform(self, aid: int | None, text: str, do, undo) -> bool:
        """Run a store action now; on success it becomes one undo step. Nothing changes on failure."""
        try:
            do()
        except (StoreError, ValueError) as exc:
            self.show_error("The change was not saved", str(exc))
            return False
        stack = self.stacks.get(aid) if aid is not None else self.undo_group.activeStack()
        if stack is not None:
            stack.push(StoreCommand(text, self._run_store, do, undo))
        self.reload_review()
        return True

    def _run_store(self, fn) -> None:
        """Undo and redo of a review action: the store first, then the screen from the store."""
        try:
            fn()
        except (StoreError, ValueError) as exc:
            self.show_error("The change was not saved", str(exc))
        self.reload_review()

    def reload_review(self) -> None:
        """Read decisions, added flags and the allow-list back from the store, so the screen
        always shows what is saved."""
        try:
            self.allow_terms = self.store.allow_list()
            for aid, art in self.articles.items():
                art.decisions = self.store.decisions(aid)
                art.added = self.store.added_flags(aid)
        except StoreError as exc:
            self.show_error("The review store could not be read", str(exc))
            return
        for aid, art in self.articles.items():
            art.rebuild(self.allow_terms)
            self.refresh_article(aid)

    # ------------------------------------------------------------ decisions
    def decide(self, kind: str, reason: str = "", new_label: str | None = None) -> bool:
        flag, art = self.current_flag(), self.current_article()
        if flag is None or art is None:
            return False
        if flag.added is not None:
            if kind == "dismissed":
                return self.remove_added_flag(flag)
            if kind == "relabelled" and new_label:
                return self._relabel_added(flag, new_label)
            return False
        following = self.panel.keys_after(flag)
        before = flag.decision
        after = Decision(flag.key, flag.rule_id, flag.label, kind, new_label, reason, self.settings.annotator, now(),
                         flag.passage_text, flag.evidence, flag.score)
        key, aid = flag.key, art.id
        done = self.perform(aid, f"{VERBS[kind]} {flag.rule_id}",
                            lambda: self.store.set_decision(aid, after),
                            lambda: self.store.set_decision(aid, before, finding_key=key, undo=True))
        if done:   # on to the next open flag, as in one-key annotation tools
            self.panel.select_first_open(following) if kind != "relabelled" else self.panel.select_key(key)
        return done

    def action_confirm(self) -> None:
        self.decide("confirmed")

    def action_dismiss(self) -> None:
        self.decide("dismissed")

    def action_dismiss_reason(self) -> None:
        flag = self.current_flag()
        if flag is None:
            return
        if flag.added is not None:       # the editor's own flag: removing it needs no reason
            self.decide("dismissed")
            return
        dialog = ReasonDialog(f"{flag.rule_id} {flag.title}".strip(), self)
        if dialog.exec() == QDialog.Accepted:
            self.decide("dismissed", reason=dialog.text())

    def action_relabel(self) -> None:
        flag = self.current_flag()
        if flag is None:
            return
        dialog = LabelDialog("Change label", f"The tool said <b>{style(flag.shown_label).title}</b>. "
                                             "Which label fits this passage?", exclude=flag.shown_label, parent=self)
        if dialog.exec() == QDialog.Accepted:
            label = dialog.label()
            if label == flag.label and flag.added is None:
                self.decide("confirmed")     # back to the tool's own label
            else:
                self.decide("relabelled", new_label=label)

    # ------------------------------------------------------------ added flags
    def action_add_flag(self) -> None:
        art = self.current_article()
        cursor = self.view.textCursor()
        if art is None or not cursor.hasSelection():
            self.status("Select the words the tool missed, then choose Flag selection (Ctrl+M).")
            return
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        words = art.text[start:end]
        if not words.strip():
            self.status("The selection holds no words to flag.")
            return
        preview = words if len(words) < 80 else words[:77] + "…"
        dialog = LabelDialog("Flag selection", f"Flag <i>“{preview}”</i> as:", note=True, parent=self)
        if dialog.exec() == QDialog.Accepted:
            self.add_flag(start, end, dialog.label(), dialog.note.text().strip())

    def add_flag(self, start: int, end: int, label: str, note: str = "") -> bool:
        art = self.current_article()
        if art is None:
            return False
        self.flush_edits()     # the flag's offsets must match the saved draft
        words, aid, made = art.text[start:end], art.id, {}

        def do() -> None:
            if "flag" in made:
                self.store.set_flag_removed(made["flag"].id, False)
            else:
                made["flag"] = self.store.add_flag(aid, start, end, words, label, note, self.settings.annotator)

        ok = self.perform(aid, f"Flag “{words[:30]}”", do,
                          lambda: self.store.set_flag_removed(made["flag"].id, True))
        if ok:
            self.panel.select_key(f"added|{made['flag'].id}")
        return ok

    def remove_added_flag(self, flag) -> bool:
        fid = flag.added.id
        following = self.panel.keys_after(flag)
        ok = self.perform(self.current_id, "Remove added flag", lambda: self.store.set_flag_removed(fid, True),
                          lambda: self.store.set_flag_removed(fid, False))
        if ok:
            self.panel.select_first_open(following)
        return ok

    def _relabel_added(self, flag, label: str) -> bool:
        old, new = flag.added.label, label
        fid = flag.added.id
        return self.perform(self.current_id, "Change label of added flag",
                            lambda: self.store.set_flag_label(fid, new),
                            lambda: self.store.set_flag_label(fid, old))

    # ------------------------------------------------------------ allow-list
    def action_allow(self) -> None:
        flag = self.current_flag()
        if flag is None or flag.added is not None:
            return
        if flag.whole_passage:
            self.status("This flag is the model's judgement of the whole passage; dismiss it instead.")
            return
        from PySide6.QtWidgets import QInputDialog
        term, ok = QInputDialog.getText(self, "Allow words everywhere",
                                        "Never flag these words again, in any article (for example the name of an "
                                        "official). The allow-list is kept in the review store.",
                                        text=" ".join(flag.evidence.split()))
        if ok and term.strip():
            self.allow_term(term)

    def allow_term(self, term: str, label: str = "", note: str = "") -> bool:
        term = " ".join(term.split())
        if any(t.term.lower() == term.lower() for t in self.allow_terms):
            self.status(f"“{term}” is already on the allow-list.")
            return False
        return self.perform(self.current_id, f"Allow “{term}”",
                            lambda: self.store.allow(term, label, note, self.settings.annotator),
                            lambda: self.store.disallow(term))

    def disallow_term(self, term: str) -> bool:
        entry = next((t for t in self.allow_terms if t.term.lower() == term.lower()), None)
        if entry is None:
            return False
        return self.perform(self.current_id, f"Remove “{term}” from the allow-list",
                            lambda: self.store.disallow(entry.term),
                            lambda: self.store.allow(entry.term, entry.label, entry.note, entry.added_by))

    def action_allow_list(self) -> None:
        AllowListDialog(self, self).exec()

    def action_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() == QDialog.Accepted:
            self.apply_settings(dialog.result_settings())

    # ------------------------------------------------------------ exports
    def action_export(self) -> None:
        art = self.current_article()
        if art is None:
            return
        stem = Path(art.source).stem if not art.source.startswith("pasted:") else "pasted-article"
        suggested = str(Path(self.settings.last_folder or Path.home()) / f"{stem}-review.html")
        path, chosen = QFileDialog.getSaveFileName(self, "Export report", suggested, FILTERS)
        if path:
            try:
                target, fmt = export_format(path, chosen)
            except ExportError as exc:
                self.show_error("Export", str(exc))
                return
            self.settings.last_folder = str(target.parent)
            self.export_report(target, fmt)

    def export_report(self, path: Path, fmt: str):
        """Snapshot the review on the UI thread; build and write the report in the background
        (a PDF is laid out by Qt in a child process, see desktop/pdf_worker.py)."""
        art = self.current_article()
        if art is None:
            return None
        self.flush_edits()
        catalogue = self.engine.catalogue if self.engine is not None else None
        data = report_data(art, art.text, catalogue, self.settings.annotator, self.allow_terms)

        def job(ctx):
            ctx.progress(0.1, "building the report")
            text = render_report(data, fmt)
            ctx.progress(0.3, "laying out the pages" if fmt == "pdf" else "writing")
            if fmt == "pdf":
                return write_pdf_in_background(text, path, cancelled=lambda: ctx.cancelled)
            return write_text(text, path)

        return self.runner.run(job, title=f"Exporting {fmt.upper()}", visible=True,
                               on_done=lambda p: self.status(f"Report saved: {p}"),
                               on_error=lambda exc, _tb: self.show_error("The report was not saved", str(exc)))

    def action_export_history(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export decision history (for annotators)",
                                              str(Path(self.settings.last_folder or Path.home()) / "decisions.jsonl"),
                                              "JSON Lines (*.jsonl)")
        if not path:
            return
        try:
            rows = self.store.decision_history()
            with open(path, "w", encoding="utf-8") as handle:
                for row in rows:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        except (StoreError, OSError) as exc:
            self.show_error("The decision history was not saved", str(exc))
            return
        self.status(f"{len(rows)} decisions written to {path}")

    def action_save_draft_as(self) -> None:
        art = self.current_article()
        if art is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save the draft as", self.settings.last_folder,
                                              "Text (*.txt);;Markdown (*.md)")
        if not path:
            return
        try:
            Path(path).write_text(art.text, encoding="utf-8")
        except OSError as exc:
            self.show_error("The draft was not saved", f"{path}: {exc.strerror or exc}")
            return
        self.status(f"Draft saved as {path}")
