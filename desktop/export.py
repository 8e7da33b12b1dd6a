"""Write a report file: HTML, JSON, or PDF laid out by Qt's own PDF writer."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from desktop.report import report_html, report_json

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".json": "json"}
FILTERS = "HTML report (*.html);;PDF report (*.pdf);;JSON for other tools (*.json)"


class ExportError(RuntimeError):
    pass


@contextmanager
def _replacing(path: Path):
    """Yield a temporary name beside `path`; it replaces `path` only if the block succeeds,
    so a failed export never leaves half a report behind."""
    tmp = path.with_name(f".{path.name}.part")
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if tmp.exists():
            tmp.unlink()


def export_format(path: Path | str, chosen_filter: str = "") -> tuple[Path, str]:
    """The format from the file name, else from the chosen dialog filter (adding the suffix)."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt:
        return path, fmt
    for suffix, name in ((".pdf", "pdf"), (".json", "json"), (".html", "html")):
        if suffix[1:] in chosen_filter.lower():
            return path.with_name(path.name + suffix), name
    raise ExportError(f"{path.name}: choose a name ending in .html, .pdf or .json")


def write_pdf(html: str, path: Path) -> Path:
    """Lay the HTML report out with Qt and print it to PDF. Needs a GUI thread of its own (the
    desktop runs it in desktop/pdf_worker.py's child process)."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    path = Path(path)
    with _replacing(path) as tmp:
        writer = QPdfWriter(str(tmp))
        # The text document lays out in screen pixels (96 per inch); at the writer's default
        # 1200 dpi every point size came out twelve times too small.
        writer.setResolution(96)
        writer.setPageSize(QPageSize(QPageSize.A4))
        writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Millimeter)
        writer.setTitle("thb-review guideline report")
        writer.setCreator("thb-review")
        doc = QTextDocument()
        doc.setHtml(html)
        doc.setPageSize(QSizeF(writer.width(), writer.height()))
        doc.print_(writer)
        del writer                      # closes the file
        if not tmp.exists() or tmp.stat().st_size == 0:
            raise ExportError(f"Qt could not write the PDF {path}")
    return path


def render_report(data: dict, fmt: str) -> str:
    """The report as text: JSON, or HTML (also the source of the PDF). Pure Python, any thread."""
    if fmt == "json":
        return report_json(data)
    if fmt in ("html", "pdf"):
        return report_html(data)
    raise ExportError(f"unknown report format {fmt!r}")


def write_text(text: str, path: Path) -> Path:
    path = Path(path)
    with _replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path
