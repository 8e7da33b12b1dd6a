"""The background helper and incremental checking, without the window."""
from __future__ import annotations

import threading
import time

from desktop.review import ArticleReview, Checker, shift_span
from desktop.tasks import TaskRunner


def test_results_come_back_on_the_ui_thread_and_superseded_ones_are_dropped(qtbot):
    runner = TaskRunner()
    delivered, threads = [], []

    def slow(value, delay):
        def job(ctx):
            for _ in range(int(delay / 0.01)):
                ctx.check()
                time.sleep(0.01)
            return value
        return job

    def done(value):
        threads.append(threading.current_thread() is threading.main_thread())
        delivered.append(value)

    runner.run(slow("old", 0.5), key="check", on_done=done)
    runner.run(slow("new", 0.05), key="check", on_done=done)      # supersedes the first
    with qtbot.waitSignal(runner.idle, timeout=5000):
        pass
    assert delivered == ["new"] and threads == [True]


def test_a_result_for_inputs_that_changed_is_not_delivered(qtbot):
    runner = TaskRunner()
    state = {"revision": 1}
    delivered = []
    revision = state["revision"]
    runner.run(lambda ctx: (time.sleep(0.1), "result")[1], on_done=delivered.append,
               is_current=lambda: state["revision"] == revision)
    state["revision"] += 1                                         # the user typed meanwhile
    with qtbot.waitSignal(runner.idle, timeout=5000):
        pass
    assert delivered == []


def test_cancel_reaches_the_job_through_its_progress_callback(qtbot):
    runner = TaskRunner()
    outcome = []

    def job(ctx):
        for i in range(1000):
            ctx.progress(i / 1000, "working")
            time.sleep(0.01)
        return "finished"

    task = runner.run(job, title="Long", visible=True, on_done=outcome.append,
                      on_cancel=lambda: outcome.append("cancelled"))
    qtbot.waitUntil(lambda: task.fraction > 0, timeout=5000)
    task.cancel()
    with qtbot.waitSignal(runner.idle, timeout=5000):
        pass
    assert outcome == ["cancelled"]


def test_an_edit_rejudges_only_the_changed_passage(engine):
    checker = Checker(engine)
    checker.configure({}, engine.active_labels)
    text = "# Title\n\n" + "\n\n".join(f"Sentence number {i} about the court case." for i in range(30))
    judged = []
    original = engine.judge
    engine.judge = lambda passages: (judged.append(len(passages)), original(passages))[1]
    try:
        first = checker.check(text)
        edited = text.replace("Sentence number 7 about", "The sex slaves in sentence 7 about")
        second = checker.check(edited)
    finally:
        engine.judge = original
    assert judged == [31, 1]
    assert len(first) == len(second)
    flagged = [f for r in second for f in r.findings]
    assert flagged and all(edited[f.start:f.end].lower().startswith("sex slave") or f.start == f.passage_start
                           for f in flagged)
    assert all(r.passage.text == edited[r.passage.start:r.passage.end] for r in second)


def test_offsets_follow_an_edit_until_the_recheck(engine):
    from corpus.review_store import StoredArticle

    text = "# T\n\nThe evil trafficker ran it.\n\nFour illegal immigrants were found.\n"
    art = ArticleReview(StoredArticle(1, "pasted:x", "T", "", text, True, "", ""))
    art.set_results(engine.analyze(text).passages, text, 0)
    art.rebuild([])
    at = text.index("The evil")
    new = text[:at] + "Yesterday, " + text[at:]
    art.apply_edit(at, 0, len("Yesterday, "), new)
    assert art.flags and all(new[f.start:f.end] == f.evidence for f in art.flags)
    assert not art.up_to_date


def test_shift_span_cases():
    assert shift_span(10, 20, 5, 0, 3) == (13, 23)      # typed before
    assert shift_span(10, 20, 20, 0, 3) == (10, 20)     # typed just after
    assert shift_span(10, 20, 15, 2, 0) == (10, 18)     # deleted inside
    assert shift_span(10, 20, 0, 30, 0) == (0, 0)       # deleted around
