"""Lay out an HTML report as a PDF in a process of its own.

Qt's text layout belongs on a GUI thread, and a long report takes seconds to lay
out; in a child process it has a GUI thread of its own, the window stays
responsive, and Cancel can simply end the process.

    python -m desktop.pdf_worker REPORT.html OUT.pdf
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_pdf(html_file: Path, pdf_file: Path, cancelled=lambda: False, poll: float = 0.05) -> Path:
    """Run the worker process; raise ExportError with its message if it fails."""
    from desktop.export import ExportError
    from desktop.review import Cancelled

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")       # it draws no window
    proc = subprocess.Popen([sys.executable, "-m", "desktop.pdf_worker", str(html_file), str(pdf_file)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while proc.poll() is None:
        if cancelled():
            proc.kill()
            proc.wait()
            raise Cancelled()
        time.sleep(poll)
    errors = proc.stderr.read()
    proc.stderr.close()
    if proc.returncode != 0:
        last = [line for line in errors.splitlines() if line.strip() and "propagateSizeHints" not in line]
        raise ExportError(f"the PDF was not written: {last[-1] if last else f'exit code {proc.returncode}'}")
    return pdf_file


def write_pdf_in_background(html: str, pdf_file: Path, cancelled=lambda: False) -> Path:
    with tempfile.TemporaryDirectory(prefix="thb-review-pdf-") as folder:
        source = Path(folder) / "report.html"
        source.write_text(html, encoding="utf-8")
        return make_pdf(source, Path(pdf_file), cancelled)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m desktop.pdf_worker REPORT.html OUT.pdf", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QFont, QGuiApplication

    from desktop.export import ExportError, write_pdf

    app = QGuiApplication(["thb-review-pdf"])
    app.setFont(QFont("DejaVu Sans", 10))
    try:
        write_pdf(Path(argv[0]).read_text(encoding="utf-8"), Path(argv[1]))
    except (ExportError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
