"""Opening annotation mode from the main window (one annotation window per main window)."""
from __future__ import annotations

import shiboken6

from corpus.annotation_store import AnnotationStore
from corpus.review_store import StoreError


def open_annotation(window, store_path=None):
    """Show the annotation window, creating it (and opening the annotation store) on first use."""
    from desktop.annotate_window import AnnotationWindow

    existing = getattr(window, "annotation_window", None)
    if existing is not None and shiboken6.isValid(existing):
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    try:
        store = AnnotationStore(store_path)
    except StoreError as exc:
        window.show_error("The annotation store cannot be opened", str(exc))
        return None
    annotate = AnnotationWindow(store, window.settings, lambda: window.engine, settings_file=window.settings_file,
                                open_articles=lambda: [(a.source, a.text) for a in window.articles.values()],
                                parent=window)
    # The main window checks with the retrained (or rolled-back) model too.
    annotate.modelChanged.connect(lambda _engine: window.load_model())
    annotate.destroyed.connect(lambda _o=None: store.close())
    window.annotation_window = annotate
    annotate.show()
    annotate.activateWindow()
    annotate.ask_annotator()
    return annotate
