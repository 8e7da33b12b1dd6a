"""`thb-review gui`: start the window, or render it to a PNG without a screen."""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

EXIT_OK, EXIT_ERROR = 0, 2

HEADLESS_HELP = """\
thb-review gui: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no window can open.

To see the interface without a screen:
  QT_QPA_PLATFORM=offscreen thb-review gui --screenshot window.png [FILES]
      renders the window with the files (default: the bundled samples) checked, writes the PNG and exits
  xvfb-run -a -s "-screen 0 1400x900x24" thb-review gui [FILES]
      runs the full window on a virtual display (needs the xvfb package)

The command line works without any display: thb-review check FILES
"""


def display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith(("win", "darwin")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def make_app():
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from desktop.style import apply_palette

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "thb-review"])
    app.setApplicationName("thb-review")
    app.setApplicationDisplayName("thb-review")
    apply_palette(app)
    font = QFont("DejaVu Sans")
    font.setPointSize(10)
    app.setFont(font)
    return app


def run_gui(args) -> int:
    screenshot = getattr(args, "screenshot", None)
    if not display_available():
        if not screenshot:
            print(HEADLESS_HELP, file=sys.stderr, end="")
            return EXIT_ERROR
        os.environ["QT_QPA_PLATFORM"] = "offscreen"   # a screenshot needs no screen
    app = make_app()

    from corpus.review_store import ReviewStore, StoreError
    from desktop.main_window import MainWindow, default_engine_source
    from desktop.settings import load_settings, settings_path
    from desktop.window_open import sample_files

    files = list(getattr(args, "files", None) or [])
    missing = [f for f in files if not Path(f).exists()]
    if missing:
        print(f"thb-review: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_ERROR
    scratch = None
    if screenshot:
        # A screenshot never touches the user's review store or settings unless asked to.
        scratch = Path(tempfile.mkdtemp(prefix="thb-review-shot-"))
        if not files and not args.review_store:
            files = [str(p) for p in sample_files()]     # a given review store shows its own session
    store_path = args.review_store or (scratch / "review.sqlite3" if scratch else None)
    settings_file = scratch / "settings.json" if scratch else settings_path()
    settings, note = load_settings(settings_file) if not scratch else load_settings(settings_path())
    try:
        store = ReviewStore(store_path)
    except StoreError as exc:
        print(f"thb-review: {exc}", file=sys.stderr)
        if not screenshot:
            from PySide6.QtWidgets import QMessageBox
            QMessageBox.critical(None, "thb-review: the review store cannot be opened", str(exc))
        return EXIT_ERROR
    window = MainWindow(store, settings, default_engine_source(getattr(args, "model", None),
                                                               getattr(args, "trust_model", False)),
                        cli_rule_packs=getattr(args, "rules", None) or [], settings_file=settings_file,
                        settings_note=note)
    window.show()
    from PySide6.QtCore import QTimer

    def begin() -> None:
        window.start_session(files or None)
        window.load_model()

    QTimer.singleShot(0, begin)       # the window paints first; articles and the model follow
    try:
        if screenshot:
            return take_screenshot(app, window, Path(screenshot))
        return app.exec()
    finally:
        store.close()


def wait_until(predicate, timeout: float = 600.0, poll_ms: int = 20) -> bool:
    """Run the event loop until `predicate()` holds. The loop sleeps between checks, as the
    application's own loop does, so the workers get the processor (a busy loop would compete
    with them for Python's interpreter lock)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if predicate():
        return True
    loop = QEventLoop()
    deadline = time.monotonic() + timeout
    timer = QTimer(interval=poll_ms)
    timer.timeout.connect(lambda: loop.quit() if predicate() or time.monotonic() > deadline else None)
    timer.start()
    loop.exec()
    timer.stop()
    return predicate()


def settle(app, window, timeout: float = 600.0) -> bool:
    """Run the event loop until every background job is done (or the timeout passes)."""
    done = wait_until(window.settled, timeout)
    app.processEvents()
    return done


def show_first_flag(window) -> None:
    """Put the first article with flags on screen with its first open flag selected."""
    ids = window.article_list.ids()
    chosen = next((aid for aid in ids if window.articles[aid].counts()), ids[0] if ids else None)
    if chosen is None:
        return
    window.select_article(chosen)
    flags = window.panel.visible_flags()
    if flags:
        window.panel.select_key(flags[0].key)
    window.view.verticalScrollBar().setValue(0)


def take_screenshot(app, window, path: Path) -> int:
    if not settle(app, window):
        print("thb-review: timed out waiting for the check to finish", file=sys.stderr)
    if window.last_error:
        print(f"thb-review: {window.last_error[0]}: {window.last_error[1]}", file=sys.stderr)
    show_first_flag(window)
    app.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path)):
        print(f"thb-review: could not write {path}", file=sys.stderr)
        return EXIT_ERROR
    print(f"wrote {path}")
    window.runner.cancel()
    return EXIT_OK
