"""`thb-review trainer` from the command line: no display, a screenshot of a session, a broken file."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtGui import QImage


def run_trainer(*args, offscreen=True, timeout=300):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    if offscreen:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([sys.executable, "-m", "classifier.cli", "trainer", *args], env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_without_a_display_it_explains_the_screenshot_option():
    result = run_trainer(offscreen=False)
    assert result.returncode == 2
    assert "no display" in result.stderr and "thb-review trainer [SESSION] --screenshot" in result.stderr
    assert "Traceback" not in result.stderr


def test_screenshot_of_a_session_step(tmp_path):
    session = tmp_path / "room.thbsession"
    session.write_text(json.dumps({"format": "thb-review.session/1", "title": "Room", "items": [
        {"kind": "rule_example", "rule": "SEN-01"}, {"kind": "passage", "id": "not-in-corpus"},
        {"kind": "rule_example", "rule": "SEN-01", "variant": "rewrite"}]}), encoding="utf-8")
    shot = tmp_path / "slide.png"
    result = run_trainer(str(session), "--screenshot", str(shot), "--step", "2")
    assert result.returncode == 0, result.stderr
    assert "no passage not-in-corpus in the corpus" in result.stderr       # reported, and the rest is shown
    assert "(2 / 2, body" in result.stdout
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1920, 1080)
    corner = image.pixelColor(5, 5).name()
    assert corner == "#ffffff"                                                # black on white for the room


def test_a_broken_session_file_is_an_error_naming_it(tmp_path):
    session = tmp_path / "broken.thbsession"
    session.write_text('{"format": "something/else"}', encoding="utf-8")
    result = run_trainer(str(session), "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 2
    assert str(session) in result.stderr and "not a training session" in result.stderr
    assert not (tmp_path / "x.png").exists()
