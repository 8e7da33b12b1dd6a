"""Checking: the model loads in the background, articles wait in a queue, and edits are
re-checked after a pause in typing, passage by passage, never applying stale results."""
from __future__ import annotations

from corpus.review_store import StoreError
from desktop.qtcompat import emit
from desktop.review import Checker, Stale
from desktop.settings import Settings

FIRST_SCREEN_MIN = 20_000      # characters: shorter articles are checked whole at once


class CheckMixin:
    # ------------------------------------------------------------ the model
    def load_model(self) -> None:
        """Load (or on first use train) the model off the UI thread; the window stays usable."""
        self.engine_state = "loading"
        self.set_model_status("Loading the checking model…")
        packs = list(self.settings.rule_packs) + list(self.cli_rule_packs)
        source = self.engine_source

        def job(ctx):
            notes: list[str] = []

            def notify(message: str) -> None:
                notes.append(message)
                ctx.progress(0.0, message)

            engine = source(rule_packs=packs, progress=lambda f, m: ctx.progress(f, m), notify=notify)
            return engine, notes

        self.runner.run(job, key="engine", title="Preparing the model", visible=True, on_done=self._model_ready,
                        on_error=self._model_failed, on_cancel=self._model_cancelled)
        self._refresh_all_states()

    def _model_ready(self, value) -> None:
        engine, notes = value
        self.engine = engine
        self.checker = Checker(engine)
        self.checker.configure(self.settings.sensitivity, self.settings.active_labels)
        self.engine_state = "ready"
        extra = f" · {notes[-1]}" if notes and "catalogue changed" in notes[-1] else ""
        self.set_model_status(f"Model ready · {len(engine.catalogue)} rules{extra}")
        self.checks_paused = False
        for aid in self.article_list.ids():
            self.queue_check(aid)

    def _model_failed(self, exc, _tb) -> None:
        if self.checker is not None:     # a reload (new rule packs) failed: keep checking with the old model
            self.engine_state = "ready"
            self.set_model_status(f"Model ready · {len(self.engine.catalogue)} rules (the new rule packs were "
                                  "not loaded)")
            self.show_error("The rule packs could not be loaded",
                            f"{exc}\n\nChecking goes on with the previous rules. Fix or remove the pack in Settings.")
            return
        self.engine_state = "failed"
        self.set_model_status("Model not loaded: checking is off")
        self._refresh_all_states()
        self.show_error("The checking model could not be loaded",
                        f"{exc}\n\nThe articles stay open and editable. Review ▸ Load the model tries again.")

    def _model_cancelled(self) -> None:
        self.engine_state = "cancelled"
        self.set_model_status("Model not loaded (cancelled) · Review ▸ Load the model to check articles")
        self._refresh_all_states()

    # ------------------------------------------------------------ the queue
    def queue_check(self, aid: int, first: bool = False) -> None:
        if aid in self.pending:
            self.pending.remove(aid)
        self.pending.insert(0, aid) if first else self.pending.append(aid)
        self._update_list_item(aid)
        self.kick_timer.start()         # a zero-delay timer: several queued articles start one job

    def action_recheck(self) -> None:
        self.checks_paused = False
        if self.checker is None:
            if self.engine_state != "loading":
                self.load_model()
            return
        if self.current_id is not None:
            self.queue_check(self.current_id, first=True)

    def kick_checks(self) -> None:
        """Start one job over all pending articles, the one on screen first. A running job is
        superseded (its finished articles were already delivered; the rest stay pending)."""
        if self.checker is None or not self.pending or self.checks_paused:
            return
        running = self.check_task is not None and not self.check_task.cancelled
        if running and not self._restart_needed():
            return                      # newly queued articles wait for the running job to end
        order = sorted(self.pending, key=lambda a: (a != self.current_id, self.pending.index(a)))
        first = self._first_screen()
        snapshot = []       # everything the job needs, taken here on the UI thread
        for aid in order:
            art = self.articles.get(aid)
            if art is not None:
                # A long article on screen and not yet checked: its visible part first.
                early = first if aid == self.current_id and not art.checked and len(art.text) > FIRST_SCREEN_MIN \
                    else None
                snapshot.append((aid, art.text, art.revision, early))
        checker = self.checker
        total = len(snapshot)
        big = total > 1 or sum(len(item[1]) for item in snapshot) > 150_000

        def job(ctx):
            for n, (aid, text, revision, early) in enumerate(snapshot):
                label = f"article {n + 1} of {total}" if total > 1 else "the article"
                try:
                    results = checker.check(
                        text, cancelled=lambda: ctx.cancelled,
                        progress=lambda f: ctx.progress((n + f) / total, label) if big else None,
                        first=early, on_first=lambda part, a=aid, r=revision, t=text:
                            ctx.partial((a, r, t, part, checker, False)))
                except Stale:
                    return n            # settings changed: the rest stays pending and is re-checked
                ctx.partial((aid, revision, text, results, checker, True))
            return total

        self.check_snapshot = {aid: revision for aid, _t, revision, _e in snapshot}
        self.check_task = self.runner.run(job, key="check", title="Checking", visible=big,
                                          on_partial=self._checked, on_done=self._checks_done,
                                          on_cancel=self._checks_cancelled,
                                          on_error=lambda exc, tb: self._checks_failed(exc, tb))

    def _first_screen(self) -> tuple[int, int]:
        """The character range the article view shows now (the top of a newly opened article)."""
        from PySide6.QtCore import QPoint

        viewport = self.view.viewport()
        start = self.view.cursorForPosition(QPoint(0, 0)).position()
        end = self.view.cursorForPosition(QPoint(viewport.width() - 1, viewport.height() - 1)).position()
        return (start, end + 200) if end > start else (0, 4000)

    def _restart_needed(self) -> bool:
        """Restart the running job only if it is judging an outdated text, or the article on
        screen waits behind it (typing must feel immediate)."""
        snap = self.check_snapshot
        edited = any(aid in snap and aid in self.articles and self.articles[aid].revision != snap[aid]
                     for aid in self.pending)
        return edited or (self.current_id in self.pending and self.current_id not in snap)

    def _checked(self, value) -> None:
        aid, revision, text, results, checker, complete = value
        art = self.articles.get(aid)
        if art is None or checker is not self.checker:
            return                      # closed meanwhile, or judged by a model since replaced
        if revision != art.revision:
            return                      # edited meanwhile: stale; it stays pending for the next job
        if not complete:                # the part on screen of a long article, checked first
            if not art.checked:
                art.set_results(results, text, -1)
                art.rebuild(self.allow_terms)
                self.refresh_article(aid)
            return
        art.set_results(results, text, revision)
        art.rebuild(self.allow_terms)
        if aid in self.pending:
            self.pending.remove(aid)
        self.refresh_article(aid)
        emit(self.checked_signal, aid)

    def _checks_done(self, _count) -> None:
        self.check_task = None
        if self.pending:
            self.kick_checks()

    def _checks_cancelled(self) -> None:
        self.check_task = None
        self.checks_paused = True       # do not restart by itself: the editor asked it to stop
        self._refresh_all_states()

    def _checks_failed(self, exc, tb) -> None:
        self.check_task = None
        self.checks_paused = True
        self._refresh_all_states()
        self.show_error("Checking failed", f"{exc}\n\n{tb[-1500:]}")

    # ------------------------------------------------------------ edits
    def on_edit(self, aid: int, pos: int, removed: int, added: int) -> None:
        """Per keystroke: keep offsets in step, remember to save and re-check after a pause."""
        art = self.articles.get(aid)
        if art is None:
            return
        art.apply_edit(pos, removed, added, self.documents[aid].toPlainText())
        self.dirty.add(aid)
        self.edit_timer.start()

    def on_edit_pause(self) -> None:
        for aid in list(self.dirty):
            self.save_draft(aid)
            self.checks_paused = False
            self.queue_check(aid, first=aid == self.current_id)
        self.dirty.clear()
        if self.current_id is not None:
            self._update_header()

    def save_draft(self, aid: int) -> bool:
        art = self.articles.get(aid)
        if art is None:
            return True
        try:
            self.store.save_text(aid, art.text, art.added)
        except StoreError as exc:
            self.unsaved.add(aid)
            self.status(f"Draft not saved: {exc}")
            return False
        self.unsaved.discard(aid)
        return True

    def flush_edits(self) -> None:
        """Save every pending draft now (before closing, exporting, quitting)."""
        if self.edit_timer.isActive():
            self.edit_timer.stop()
        for aid in list(self.dirty | self.unsaved):
            self.save_draft(aid)
        self.dirty.clear()

    # ------------------------------------------------------------ settings
    def apply_settings(self, new: Settings) -> None:
        old = self.settings
        self.settings = new
        self.save_settings()
        self.apply_font_size()
        if list(new.rule_packs) != list(old.rule_packs):
            self.load_model()            # new rules: the model reloads, then every article is re-checked
        elif self.checker is not None and (new.sensitivity != old.sensitivity
                                           or new.active_labels != old.active_labels):
            self.checker.configure(new.sensitivity, new.active_labels)
            self.checks_paused = False
            for aid in self.article_list.ids():
                self.queue_check(aid, first=aid == self.current_id)
        self.status("Settings saved")
