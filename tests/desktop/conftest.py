"""Desktop tests run offscreen, in a private data folder, with one model trained per session
(the `home` and `engine` session fixtures of tests/conftest.py)."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")          # before Qt is imported anywhere

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

BAD_ARTICLE = """# Nightmare in Dolna Breza: sex slave freed

Police rescued Ana Petrova, 16, from the village of Dolna Breza on Monday after evil monsters forced her into prostitution.

Four illegal immigrants were found in the same flat above a bakery.

Inspector Mara Velic of the regional police said the investigation continues.
"""


@pytest.fixture(scope="session", autouse=True)
def _private_home(home):
    """Every desktop test (settings, review store, model) uses the session's private data folder."""
    return home


@pytest.fixture(scope="session", autouse=True)
def _look(qapp):
    from desktop.style import apply_palette

    apply_palette(qapp)


@pytest.fixture
def bad_article(tmp_path) -> Path:
    path = tmp_path / "nightmare.md"
    path.write_text(BAD_ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def make_window(qtbot, engine, tmp_path):
    """Open a window on a review store, as `thb-review gui` does, and wait until it has checked."""
    from corpus.review_store import ReviewStore
    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    stores, windows = [], []

    def source(rule_packs, progress, notify):
        return engine      # the window configures it (sensitivity, labels) from its own settings

    def make(files=None, store_path=None, settings=None, engine_source=source, wait=True):
        """files=None starts as the application does (last session, or the samples on first start);
        a list opens those files only (an empty list opens nothing)."""
        store = ReviewStore(store_path or tmp_path / "review.sqlite3")
        stores.append(store)
        window = MainWindow(store, settings or Settings(annotator="Test Editor"), engine_source,
                            settings_file=tmp_path / "settings.json")
        windows.append(window)
        window.show()
        if files is None:
            window.start_session(None)
        elif files:
            window.start_session([str(f) for f in files])
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        window.load_model()
        if wait:
            qtbot.waitUntil(window.settled, timeout=60_000)
        return window

    yield make
    for window in windows:          # close (which saves) before the stores close
        window.close()
        window.deleteLater()
    for store in stores:
        store.close()
