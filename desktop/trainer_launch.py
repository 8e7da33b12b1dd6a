"""`thb-review trainer [SESSION]`: trainer mode on its own; `--screenshot PNG` renders the
presentation (or, with --quiz, the quiz) of a session at 1920x1080 without a screen."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.launch import EXIT_ERROR, EXIT_OK, display_available, make_app

SHOT_SIZE = (1920, 1080)
TRAINER_HEADLESS_HELP = """\
thb-review trainer: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no window can open.

To see a session's presentation without a screen:
  QT_QPA_PLATFORM=offscreen thb-review trainer [SESSION] --screenshot slide.png [--step N] [--quiz [--reveal]]
      renders one step at 1920x1080 (default: a short session from the bundled examples) and exits
"""


def demo_session():
    """A short session from the bundled material, for screenshots without a session file."""
    from guidelines.sessions import Session, passage_item, rule_example

    return Session("Reporting trafficking: naming and framing", [
        rule_example("VID-01", "bad"), rule_example("VID-01", "rewrite"), passage_item("b1-a001-02"),
        rule_example("SEN-01", "bad")])


def screenshot(session_file: str | None, png: Path, quiz: bool = False, step: int = 0, reveal: bool = False,
               rule_packs=None) -> int:
    from corpus.schema import read_corpus
    from guidelines.catalogue import load_catalogue
    from guidelines.sessions import SessionError, read_session
    from desktop.trainer_deck import needs_engine, resolve_session
    from desktop.trainer_present import PresentationView, QuizView

    try:
        session = read_session(session_file) if session_file else demo_session()
    except SessionError as exc:
        print(f"thb-review: {exc}", file=sys.stderr)
        return EXIT_ERROR
    engine, packs = None, rule_packs or []
    if needs_engine(session):
        from classifier.engine import load_engine

        engine = load_engine(packs or None)
    deck = resolve_session(session, engine.catalogue if engine else load_catalogue(*packs), read_corpus(), engine)
    for problem in deck.problems:
        print(f"thb-review: {problem}", file=sys.stderr)
    view = QuizView(deck) if quiz else PresentationView(deck)
    view.resize(*SHOT_SIZE)
    view.show()
    if quiz:
        view.index = min(step, len(deck.examples))
        if reveal:
            view.round.reveal(view.index)
    else:
        view.go(step)
    view.layout_page()
    png.parent.mkdir(parents=True, exist_ok=True)
    if not view.grab().save(str(png)):
        print(f"thb-review: could not write {png}", file=sys.stderr)
        return EXIT_ERROR
    print(f"wrote {png} ({view.indicator()}, body {view.fitted_px * 72 / 96:.0f} pt)")
    return EXIT_OK


def run_trainer(args) -> int:
    shot = getattr(args, "screenshot", None)
    if not display_available():
        if not shot:
            print(TRAINER_HEADLESS_HELP, file=sys.stderr, end="")
            return EXIT_ERROR
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = make_app()
    if shot:
        return screenshot(args.session, Path(shot), quiz=args.quiz, step=max(0, args.step - 1), reveal=args.reveal,
                          rule_packs=getattr(args, "rules", None))
    from desktop.main_window import default_engine_source
    from desktop.trainer_window import TrainerWindow

    window = TrainerWindow(engine_source=default_engine_source(getattr(args, "model", None),
                                                               getattr(args, "trust_model", False)),
                           session_path=args.session, rule_packs=getattr(args, "rules", None) or [])
    window.show()
    return app.exec()
