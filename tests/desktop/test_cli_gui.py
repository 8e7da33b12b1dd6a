"""`thb-review gui` from the command line: no display, screenshots, a bad review store."""
from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QImage


def run_gui(*args, env_changes=None, timeout=300):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(env_changes or {})
    return subprocess.run([sys.executable, "-m", "classifier.cli", "gui", *args], env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_without_a_display_it_explains_how_to_run_headless():
    result = run_gui()
    assert result.returncode == 2
    assert "no display" in result.stderr
    assert "QT_QPA_PLATFORM=offscreen thb-review gui --screenshot" in result.stderr
    assert "xvfb-run" in result.stderr
    assert "Traceback" not in result.stderr


def test_screenshot_renders_the_checked_article(engine, bad_article, tmp_path):
    shot = tmp_path / "shot.png"
    result = run_gui("--screenshot", str(shot), str(bad_article), env_changes={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert image.width() >= 1200 and image.height() >= 800
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 50                        # text, highlights and badges, not a blank window


def test_a_damaged_review_store_is_reported_and_left_alone(tmp_path):
    store = tmp_path / "review.sqlite3"
    store.write_bytes(b"not a database at all" * 50)
    before = store.read_bytes()
    result = run_gui("--screenshot", str(tmp_path / "x.png"), "--review-store", str(store),
                     env_changes={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 2
    assert "is not a thb-review review store" in result.stderr and "left untouched" in result.stderr
    assert store.read_bytes() == before
