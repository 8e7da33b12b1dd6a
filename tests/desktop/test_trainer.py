"""Trainer mode, driven by the keyboard as a trainer in front of a room would: build a session
from the gallery, present it, run a quiz, save and reopen it, export a handout."""
import re
import unicodedata

import pytest
from PySide6.QtCore import Qt

from desktop.trainer_present import BODY_PT_AT_1080, PresentationView, body_px
from desktop.trainer_window import TrainerWindow, working_copy_path
from guidelines.sessions import Session, passage_item, read_session, rule_example, write_session


@pytest.fixture
def trainer(qtbot, engine):
    windows = []

    def make(session_path=None):
        window = TrainerWindow(lambda: engine, session_path=session_path)
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)      # its shortcuts (F5, F6) need it active
        qtbot.waitUntil(lambda: window.catalogue is not None, timeout=60_000)
        return window

    if working_copy_path().exists():
        working_copy_path().unlink()          # every test starts with no working session
    yield make
    for window in windows:
        if window.stage is not None:
            window.stage.close()


def choose(box, value):
    box.setCurrentIndex(box.findData(value))


def add_from_gallery(qtbot, window, **filters):
    """Filter the gallery, select the first example and press Enter (the one-key add)."""
    for name, value in filters.items():
        choose(getattr(window, f"{name}_box"), value)
    window.gallery.setFocus()
    window.gallery.setCurrentRow(0)
    example = window.selected_example()
    qtbot.keyClick(window.gallery, Qt.Key_Return)
    return example


def build_session(qtbot, window):
    bad = add_from_gallery(qtbot, window, rule="VID-01", practice="bad")
    assert bad.key == "rule:VID-01:bad"                       # the catalogue example comes first
    good = add_from_gallery(qtbot, window, practice="good")
    assert good.key == "rule:VID-01:rewrite"
    window.search.setText("b1-a001-02")
    choose(window.rule_box, "")
    choose(window.practice_box, "")
    passage = add_from_gallery(qtbot, window)
    assert passage.key == "passage:b1-a001-02"
    assert [i.key for i in window.session.items] == [bad.key, good.key, passage.key]
    return bad, good, passage


def open_stage(qtbot, window, key):
    qtbot.keyClick(window, key)
    qtbot.waitUntil(lambda: window.stage is not None, timeout=60_000)
    stage = window.stage
    stage.resize(1920, 1080)
    stage.layout_page()
    return stage


def test_gallery_filters_by_label_rule_and_form(qtbot, trainer):
    window = trainer()
    choose(window.form_box, "labour")
    choose(window.practice_box, "bad")
    choose(window.label_box, "victim_blaming")
    assert window.shown
    assert all(e.exploitation == "labour" and "victim_blaming" in e.labels for e in window.shown)
    assert window.gallery.count() == len(window.shown)
    assert window.count_label.text().startswith(f"{len(window.shown)} examples")
    window.gallery.setCurrentRow(0)
    assert window.shown[0].text[:40] in window.preview.toPlainText()


def test_present_a_session_by_keyboard(qtbot, trainer):
    window = trainer()
    bad, good, passage = build_session(qtbot, window)
    stage = open_stage(qtbot, window, Qt.Key_F5)
    assert isinstance(stage, PresentationView)
    total = 2 + len(passage.flags)
    assert stage.indicator() == f"1 / {total}"
    shown = stage.shown_text()
    rule = window.catalogue.get("VID-01")
    for expected in ("BAD PRACTICE", "VID-01 · Naming the victim", "ORIGINAL", "Daniela Moraru", "[ID]",
                     "COMPLIANT REWRITE", rule.rewrite, "WHY IT MATTERS", rule.rationale[:60], "Source:"):
        assert expected in shown, expected
    qtbot.keyClick(stage, Qt.Key_Right)
    assert stage.indicator() == f"2 / {total}"
    assert "GOOD PRACTICE" in stage.shown_text() and "Follows VID-01" in stage.shown_text()
    assert "INSTEAD OF" in stage.shown_text()
    qtbot.keyClick(stage, Qt.Key_PageDown)                    # a presenter remote's "next"
    shown = stage.shown_text()
    assert stage.indicator() == f"3 / {total}"
    first = passage.flags[0]
    assert f"{first.rule_id} · {first.title}" in shown
    assert "SEX SLAVE HELL" in shown                          # the passage before, as context
    assert f"flag 1 of {len(passage.flags)}" in shown
    qtbot.keyClick(stage, Qt.Key_Space)
    assert stage.indicator() == f"4 / {total}"
    assert passage.flags[1].rule_id in stage.shown_text()
    qtbot.keyClick(stage, Qt.Key_End)
    assert stage.indicator() == f"{total} / {total}"
    qtbot.keyClick(stage, Qt.Key_Right)                       # stays on the last step
    assert stage.indicator() == f"{total} / {total}"
    qtbot.keyClick(stage, Qt.Key_PageUp)
    assert stage.indicator() == f"{total - 1} / {total}"
    qtbot.keyClick(stage, Qt.Key_Home)
    assert stage.indicator() == f"1 / {total}"
    qtbot.keyClick(stage, Qt.Key_B)                           # black screen while the room discusses
    assert stage.blank and stage.grab().toImage().pixelColor(960, 540).name() == "#000000"
    qtbot.keyClick(stage, Qt.Key_Right)                       # any key brings the same step back
    assert not stage.blank and stage.indicator() == f"1 / {total}"
    qtbot.keyClick(stage, Qt.Key_Escape)
    qtbot.waitUntil(lambda: window.stage is None, timeout=5000)


def test_present_from_the_selected_item(qtbot, trainer):
    window = trainer()
    build_session(qtbot, window)
    window.items_list.setCurrentRow(1)
    stage = open_stage(qtbot, window, Qt.Key_F5)
    assert stage.indicator().startswith("1 /")
    stage.close()
    qtbot.waitUntil(lambda: window.stage is None and window.isActiveWindow(), timeout=5000)
    qtbot.keyClick(window, Qt.Key_F5, Qt.ShiftModifier)
    qtbot.waitUntil(lambda: window.stage is not None, timeout=60_000)
    assert window.stage.indicator().startswith("2 /") and "GOOD PRACTICE" in window.stage.shown_text()


def test_an_article_is_presented_flag_by_flag(qtbot, trainer, engine):
    from desktop.trainer_deck import SAMPLES

    window = trainer()
    window.add_article(SAMPLES / "01-house-of-horrors-tabloid.md")
    assert [i.key for i in window.session.items] == ["article:01-house-of-horrors-tabloid.md"]   # stored by name
    stage = open_stage(qtbot, window, Qt.Key_F5)
    text = (SAMPLES / "01-house-of-horrors-tabloid.md").read_text(encoding="utf-8")
    findings = engine.analyze(text).findings
    assert len(stage.slides) == len({(f.passage_start, f.rule_id) for f in findings})
    first = min(findings, key=lambda f: (f.passage_start, f.start))
    shown = stage.shown_text()
    assert "BAD PRACTICE" in shown and first.rule_id in shown and "SEX SLAVE NIGHTMARE" in shown
    assert f"1 / {len(stage.slides)}" == stage.indicator()
    qtbot.keyClick(stage, Qt.Key_End)
    last = max(findings, key=lambda f: f.passage_start)
    assert text[last.passage_start:last.passage_end][:40] in stage.shown_text()


def test_presentation_type_is_large_and_scales_with_the_window(qtbot, trainer):
    window = trainer()
    build_session(qtbot, window)
    stage = open_stage(qtbot, window, Qt.Key_F5)
    for _ in range(len(stage.slides)):
        assert stage.fitted_px * 72 / 96 >= BODY_PT_AT_1080 - 0.01, stage.indicator()   # at least 28 pt
        qtbot.keyClick(stage, Qt.Key_Right)
    full = stage.fitted_px
    stage.resize(960, 540)                                    # a projector at a quarter of the pixels
    stage.layout_page()
    assert body_px(960, 540) == pytest.approx(body_px(1920, 1080) / 2)
    assert 0.4 * full <= stage.fitted_px <= 0.6 * full


def test_quiz_by_keyboard_keeps_the_score(qtbot, trainer):
    window = trainer()
    bad, good, passage = build_session(qtbot, window)
    quiz = open_stage(qtbot, window, Qt.Key_F6)
    assert quiz.indicator() == "1 / 3"
    shown = quiz.shown_text()
    assert "What is wrong here?" in shown and "Daniela Moraru" in shown
    assert "[ID]" not in shown.split("What is wrong here?")[1].split("1 [ID]")[0]     # no flags before the reveal
    assert "VID-01" not in shown
    qtbot.keyClick(quiz, Qt.Key_1)                            # the room says: victim identification
    assert "☒ 1 [ID] Victim identification" in quiz.shown_text()
    qtbot.keyClick(quiz, Qt.Key_Return)                       # reveal
    shown = quiz.shown_text()
    assert "✔ found" in shown and "VID-01 · Naming the victim" in shown
    assert "Round 1 so far: 1 of 1 answered passages right" in shown
    qtbot.keyClick(quiz, Qt.Key_Right)                        # next question: the compliant rewrite
    assert quiz.indicator() == "2 / 3"
    qtbot.keyClick(quiz, Qt.Key_2)                            # the room wrongly sees sensationalism
    qtbot.keyClick(quiz, Qt.Key_Space)
    assert "✕ not here" in quiz.shown_text() and "Good practice: follows VID-01" in quiz.shown_text()
    qtbot.keyClick(quiz, Qt.Key_PageDown)
    truth = set(passage.labels)
    for key, label in zip((Qt.Key_1, Qt.Key_2, Qt.Key_3), ("victim_identification", "sensationalism",
                                                             "victim_blaming")):
        if label in truth:
            qtbot.keyClick(quiz, key)
    qtbot.keyClick(quiz, Qt.Key_Return)
    qtbot.keyClick(quiz, Qt.Key_Return)                       # past the last question: the summary
    assert quiz.indicator() == "Summary"
    shown = quiz.shown_text()
    assert "Round 1: 2 of 3 passages right" in shown
    assert re.search(r"\[SEN\] Sensationalism\s+2 right\s+1 wrong", shown)
    assert re.search(r"\[ID\] Victim identification\s+3 right\s+0 wrong", shown)
    qtbot.keyClick(quiz, Qt.Key_N)                            # a new round starts clean
    assert quiz.indicator() == "1 / 3" and quiz.round.number == 2 and not quiz.round.answers


def test_save_and_reopen_a_session(qtbot, trainer, tmp_path):
    window = trainer()
    build_session(qtbot, window)
    window.title_edit.clear()
    qtbot.keyClicks(window.title_edit, "Naming victims")     # typed: the space survives each keystroke
    assert window.title_edit.text() == "Naming victims"
    window.items_list.setCurrentRow(2)
    window.items_list.setFocus()
    qtbot.keyClick(window, Qt.Key_Up, Qt.AltModifier)         # move the passage up one place
    keys = [i.key for i in window.session.items]
    assert keys == ["rule:VID-01:bad", "passage:b1-a001-02", "rule:VID-01:rewrite"]
    path = tmp_path / "naming.thbsession"
    assert window.save_to(path)
    assert not window.modified and "naming.thbsession" in window.windowTitle()
    assert [i.key for i in read_session(path).items] == keys

    again = trainer(session_path=path)
    assert again.session.title == "Naming victims"
    assert [i.key for i in again.session.items] == keys
    assert again.items_list.count() == 3
    assert again.items_list.item(1).text().startswith("2. ✕ [ID/SEN]")


def test_the_working_session_survives_a_closed_window(qtbot, trainer):
    window = trainer()
    add_from_gallery(qtbot, window, rule="SEN-01", practice="bad")
    window.close()                                            # never saved to a file
    again = trainer()
    assert [i.key for i in again.session.items] == ["rule:SEN-01:bad"]
    assert again.modified


def test_a_broken_session_file_is_reported_and_unknown_items_skipped(qtbot, trainer, tmp_path):
    broken = tmp_path / "broken.thbsession"
    broken.write_text("{ this is not json", encoding="utf-8")
    window = trainer()
    assert not window.open_session(broken)
    assert str(broken) in window.last_error[1] and "not valid JSON" in window.last_error[1]
    assert window.session.items == []                         # the session on screen is kept

    odd = tmp_path / "odd.thbsession"
    write_session(Session("Odd", [rule_example("VID-01"), rule_example("XYZ-99"), passage_item("no-such-id")]), odd)
    assert window.open_session(odd)
    with qtbot.waitSignal(window.deck_ready, timeout=60_000):
        window.start("present", full_screen=False)
    problems = "\n".join(window.last_problems)
    assert "no rule XYZ-99 in the catalogue" in problems and "no passage no-such-id in the corpus" in problems
    qtbot.waitUntil(lambda: window.stage is not None, timeout=5000)
    assert window.stage.indicator() == "1 / 1"


def pdf_pages(path):
    from pypdf import PdfReader

    pages = PdfReader(str(path)).pages
    # Qt writes spaces as gaps (read back as tabs) and uses ligatures (ﬁ): compare normalised words.
    return [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in pages]


def test_export_a_handout_one_example_per_page(qtbot, trainer, tmp_path):
    window = trainer()
    bad, good, passage = build_session(qtbot, window)
    window.title_edit.setText("Naming victims")
    window._title_edited("Naming victims")
    target = tmp_path / "handout.pdf"
    with qtbot.waitSignal(window.handout_written, timeout=120_000):
        window.export_handout(target)
    raw = target.read_bytes()
    steps = 2 + len(passage.flags)                            # one page per flag, as in the presentation
    assert raw.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", raw)) == 1 + steps
    pages = pdf_pages(target)
    assert len(pages) == 1 + steps                            # a cover, then each page holds its example
    rule = window.catalogue.get("VID-01")
    norm = lambda s: " ".join(unicodedata.normalize("NFKC", s).split())
    assert "Naming victims" in pages[0] and "3 examples" in pages[0]
    assert "Example 1 of 3" in pages[1] and "Bad practice" in pages[1]
    for expected in ("ORIGINAL", "Daniela Moraru", "PROBLEM", "Victim identification", "VID-01 · Naming the victim",
                     "Rule:", norm(rule.statement)[:80], "Why it matters:", "Source:", "UK Parliament",
                     "Compliant rewrite:", norm(rule.rewrite)):
        assert expected in pages[1], expected
    assert "Example 2 of 3" in pages[2] and "Good practice" in pages[2] and norm(rule.rewrite) in pages[2]
    assert "Instead of:" in pages[2]
    for n, (flag, page) in enumerate(zip(passage.flags, pages[3:]), 1):
        assert f"Example 3 of 3, rule {n} of {len(passage.flags)}" in page and "b1-a001-02" in page
        assert f"{flag.rule_id} · {norm(flag.title)}" in page and norm(flag.rationale)[:60] in page
        assert "Little Ermira" in page
        others = [f.rule_id for f in passage.flags if f.label != flag.label and f.rule_id]
        assert not any(f"{rid} · " in page for rid in others)       # only this page's rule
    # The type is readable on paper: the body is set at 10.5 pt, not shrunk to fit a wide layout.
    from pypdf import PdfReader

    sizes = []
    PdfReader(str(target)).pages[1].extract_text(
        visitor_text=lambda text, cm, tm, font, size: sizes.append(size * tm[0] * cm[0]) if text.strip() else None)
    assert sizes and max(sizes) >= 10


def test_main_window_opens_trainer_mode(qtbot, make_window, bad_article):
    window = make_window([bad_article])
    qtbot.keyClick(window, Qt.Key_T, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(window, "trainer", None) is not None and window.trainer.catalogue is not None,
                    timeout=60_000)
    assert window.trainer.engine() is window.engine           # the model is shared, not loaded twice
    window.trainer.close()
