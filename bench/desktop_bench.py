"""Desktop benchmark: prints medians (not a test; timings vary with the machine).

  window shown        process start -> main window painted (model still loading in the background)
  model ready         process start -> model loaded and the sample articles checked
  open 20,000 words   open a file -> the part on screen checked and highlighted, then the whole
                      article (fresh cache each run)
  keystroke           one key typed into a 5,000-word highlighted draft, handled and painted
  re-check            pause after typing -> the changed passage re-judged and shown

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/desktop_bench.py [--runs N]
Uses a private THB_REVIEW_HOME (the model is trained there once if needed).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("THB_REVIEW_HOME", str(Path(tempfile.gettempdir()) / "thb-review-bench"))
sys.path.insert(0, str(ROOT))

STARTUP = r"""
import time; t0 = time.perf_counter()
import sys, json, tempfile
from pathlib import Path
from desktop.launch import make_app, wait_until
app = make_app()
from corpus.review_store import ReviewStore
from desktop.main_window import MainWindow
from desktop.settings import Settings
from PySide6.QtCore import QEventLoop
store = ReviewStore(Path(tempfile.mkdtemp()) / "r.sqlite3")
window = MainWindow(store, Settings(), settings_file=Path(tempfile.mkdtemp()) / "s.json")
window.show()
window.start_session(None)
window.load_model()
while not window.isVisible() or not window.windowHandle().isExposed():
    app.processEvents()
window.repaint()
shown = time.perf_counter() - t0
wait_until(window.settled)
ready = time.perf_counter() - t0
print(json.dumps({"shown": shown, "ready": ready}))
"""


def words_of_corpus(n_words: int, offset: int = 0) -> str:
    """An article of about n_words from the corpus passages: varied text, no repeats."""
    texts = []
    for path in sorted((ROOT / "corpus" / "data").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = texts[offset:] + texts[:offset]
    paragraphs, count, i = [], 0, 0
    while count < n_words:
        paragraph = " ".join(t.rstrip() if t.rstrip()[-1:] in ".!?\"”" else t.rstrip() + "." for t in texts[i:i + 4])
        paragraphs.append(paragraph)
        count += len(paragraph.split())
        i = (i + 4) % len(texts)
    return "# Benchmark article\n\n" + "\n\n".join(paragraphs) + "\n"


def median(values) -> str:
    return f"{statistics.median(values) * 1000:8.0f} ms" if values else "     n/a"


def bench_startup(runs: int) -> dict:
    shown, ready = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", STARTUP], cwd=ROOT, capture_output=True, text=True,
                             env=dict(os.environ), timeout=600)
        if out.returncode != 0:
            raise SystemExit(out.stderr)
        data = json.loads(out.stdout.strip().splitlines()[-1])
        shown.append(data["shown"])
        ready.append(data["ready"])
    return {"shown": shown, "ready": ready}


def bench_in_window(runs: int) -> dict:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from classifier.engine import load_engine
    from corpus.review_store import ReviewStore
    from desktop.launch import make_app, wait_until
    from desktop.main_window import MainWindow
    from desktop.review import Checker
    from desktop.settings import Settings

    app = make_app()
    engine = load_engine()
    tmp = Path(tempfile.mkdtemp(prefix="thb-bench-"))
    window = MainWindow(ReviewStore(tmp / "r.sqlite3"), Settings(), lambda **kw: engine,
                        settings_file=tmp / "s.json")
    window.resize(1400, 880)
    window.show()
    window.load_model()

    def wait(predicate, limit=300.0):
        wait_until(predicate, limit, poll_ms=2)

    wait(window.settled)
    results = {"first": [], "open": [], "flags": 0, "keystroke": [], "recheck": []}

    for run in range(runs):
        path = tmp / f"long-{run}.md"
        path.write_text(words_of_corpus(20_000, offset=run * 97), encoding="utf-8")
        window.checker = Checker(engine)                 # a cold cache: every passage judged afresh
        window.checker.configure({}, engine.active_labels)
        start = time.perf_counter()
        window.open_paths([path])
        opened = lambda: window.current_article() is not None and window.current_article().source == str(path)
        wait(lambda: opened() and window.current_article().checked)
        window.repaint()
        results["first"].append(time.perf_counter() - start)      # the part on screen flagged
        wait(lambda: opened() and window.current_article().up_to_date)
        window.repaint()
        results["open"].append(time.perf_counter() - start)
        results["flags"] = len(window.current_article().flags)
        window.action_close_article()

    draft = tmp / "draft.md"
    draft.write_text(words_of_corpus(5_000, offset=555), encoding="utf-8")
    window.open_paths([draft])
    wait(lambda: window.current_article() is not None and window.current_article().up_to_date)
    view = window.view
    view.setFocus()
    cursor = view.textCursor()
    cursor.setPosition(len(view.toPlainText()) // 2)
    cursor.movePosition(QTextCursor.EndOfBlock)
    view.setTextCursor(cursor)
    for round_ in range(max(3, runs)):
        for ch in " The evil monsters":
            start = time.perf_counter()
            QTest.keyClick(view, ch)
            app.processEvents()
            view.viewport().repaint()
            results["keystroke"].append(time.perf_counter() - start)
        # Re-check latency: from the end of the typing pause to the results on screen.
        wait(lambda: not window.edit_timer.isActive(), limit=5)
        start = time.perf_counter()
        wait(lambda: window.current_article().up_to_date)
        results["recheck"].append(time.perf_counter() - start)
    window.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from classifier.engine import load_engine
    load_engine()          # train once if this data folder has no model yet (not timed)
    start = bench_startup(args.runs)
    inside = bench_in_window(args.runs)
    keys = sorted(inside["keystroke"])
    p95 = keys[int(0.95 * (len(keys) - 1))] if keys else 0
    print(f"thb-review desktop benchmark ({args.runs} runs, medians; THB_REVIEW_HOME={os.environ['THB_REVIEW_HOME']})")
    print(f"  window shown (process start)          {median(start['shown'])}")
    print(f"  model ready + samples checked         {median(start['ready'])}")
    print(f"  20,000-word article: first screen     {median(inside['first'])}   (open, check what is on "
          f"screen, highlight)")
    print(f"  20,000-word article: whole article    {median(inside['open'])}   ({inside['flags']} flags)")
    print(f"  keystroke in a 5,000-word draft       {median(inside['keystroke'])}   (p95 {p95 * 1000:.0f} ms, "
          f"{len(keys)} keys)")
    print(f"  re-check after a pause in typing      {median(inside['recheck'])}")


if __name__ == "__main__":
    main()
