"""A session's handout as HTML (no Qt): a cover page listing the examples, then one example
per page with the original, the problem, the rule, its source and the compliant rewrite. The
PDF is this HTML laid out by Qt in the PDF worker process (desktop/pdf_worker.py)."""
from __future__ import annotations

import datetime as dt
import html

from desktop.palette import label_code, label_tint
from desktop.trainer_deck import Deck, Example, ExampleFlag

PAGE_BREAK = "<div style='page-break-before: always;'></div>"


def _h(text) -> str:
    return html.escape(str(text or ""))


def merged_marks(marks) -> list[tuple[int, int, list[str]]]:
    """(start, end, label) marks with overlapping ones merged into one run naming every label."""
    runs: list[tuple[int, int, list[str]]] = []
    for start, end, label in sorted(marks):
        if runs and start < runs[-1][1]:
            s0, e0, labels = runs[-1]
            runs[-1] = (s0, max(e0, end), labels + ([label] if label not in labels else []))
        elif end > start:
            runs.append((start, end, [label]))
    return runs


def marked_html(text: str, marks, tint_strength: float = 0.45, code_style: str = "") -> str:
    """`text` with the marked words ((start, end, label) triples) tinted, bold, underlined and
    followed by their label codes, so the marking reads in black and white too."""
    out, pos = [], 0
    for start, end, labels in merged_marks(marks):
        start, end = max(start, pos), min(end, len(text))
        if end <= start:
            continue
        out.append(_h(text[pos:start]))
        codes = "/".join(label_code(label) for label in labels)
        out.append(f"<span style='background-color:{label_tint(labels[0], tint_strength)}; font-weight:bold; "
                   f"text-decoration:underline;'>{_h(text[start:end])}</span>"
                   + (f"<span style='{code_style}'>[{codes}]</span>" if code_style else f"<sup>[{codes}]</sup>"))
        pos = end
    out.append(_h(text[pos:]))
    return "".join(out)


def all_marks(example: Example, only: ExampleFlag | None = None) -> list[tuple[int, int, str]]:
    flags = [only] if only is not None else example.flags
    return [(a, b, f.label) for f in flags for a, b in f.marks]


def _flag_block(flag: ExampleFlag, example: Example) -> str:
    rule = f"{_h(flag.rule_id)} · " if flag.rule_id else ""
    words = "; ".join(f"“{_h(example.text[a:b])}”" for a, b in flag.marks)
    parts = [f"<h3>[{label_code(flag.label)}] {rule}{_h(flag.title)}</h3>",
             f"<p class='meta'>{_h(flag.label_title)}" + (f" · {_h(flag.severity)} severity" if flag.severity else "")
             + (f" · flagged words: {words}" if words else " · the passage as a whole") + "</p>"]
    if flag.statement:
        parts.append(f"<p><b>Rule:</b> {_h(flag.statement)}</p>")
    if flag.rationale:
        parts.append(f"<p><b>Why it matters:</b> {_h(flag.rationale)}</p>")
    if flag.sources:
        parts.append("<p class='meta'><b>Source:</b> " + "<br>".join(_h(s) for s in flag.sources) + "</p>")
    if flag.rewrite:
        which = "Compliant rewrite" if example.kind == "rule_example" else f"Compliant example ({_h(flag.rule_id)})"
        parts.append(f"<p class='good'><b>{which}:</b> {_h(flag.rewrite)}</p>")
    return "\n".join(parts)


def example_page(example: Example, number: int = 0, total: int = 0, flag: ExampleFlag | None = None,
                 position: str = "") -> str:
    """One handout page: the original with its context, then the problem, rule, source and
    rewrite of `flag` (or of every flag, for the on-screen preview). number/total 0: no page
    heading."""
    practice = "Bad practice" if example.practice == "bad" else "Good practice"
    where = f"Example {number} of {total}{position} · " if total else ""
    flags = [flag] if flag is not None else example.flags
    parts = [f"<p class='meta'>{where}{_h(example.origin)}</p>",
             f"<h2>{'✕' if example.practice == 'bad' else '✔'} {practice}</h2>",
             "<p class='section'>ORIGINAL</p>"]
    context = (f"<span class='context'>{_h(example.before)} </span>" if example.before else "")
    tail = (f"<span class='context'> {_h(example.after)}</span>" if example.after else "")
    marks = all_marks(example, flag)
    parts.append(f"<blockquote>{context}{marked_html(example.text, marks)}{tail}</blockquote>")
    if example.practice == "bad":
        parts.append("<p class='section'>PROBLEM</p>")
        parts.append("<p>" + ", ".join(f"[{label_code(f.label)}] {_h(f.label_title)}" for f in flags) + "</p>")
        parts += [_flag_block(f, example) for f in flags]
    else:
        rule = example.complies
        if rule is not None:
            parts.append("<p class='section'>WHY IT IS GOOD PRACTICE</p>")
            parts.append(f"<h3>{_h(rule.rule_id)} · {_h(rule.title)}</h3>")
            parts.append(f"<p><b>Rule:</b> {_h(rule.statement)}</p>")
            parts.append(f"<p><b>Why it matters:</b> {_h(rule.rationale)}</p>")
            parts.append("<p class='meta'><b>Source:</b> " + "<br>".join(_h(s) for s in rule.sources) + "</p>")
            if example.replaces:
                parts.append(f"<p class='bad'><b>Instead of:</b> {_h(example.replaces)}</p>")
        else:
            parts.append("<p>No guideline flags: annotators found nothing to change in this passage.</p>")
    return "\n".join(parts)


CSS = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10.5pt; color: #111111; }
h1 { font-size: 20pt; }
h2 { font-size: 15pt; margin-top: 4px; margin-bottom: 6px; }
h3 { font-size: 11.5pt; margin-top: 12px; margin-bottom: 2px; }
p.meta { color: #374151; margin-top: 0; }
p.section { color: #374151; font-weight: bold; font-size: 9pt; margin-top: 12px; margin-bottom: 2px; }
p.good { margin-top: 6px; }
blockquote { margin: 4px 0 8px 12px; font-family: 'DejaVu Serif', serif; font-size: 12pt; }
span.context { color: #4B5563; font-style: italic; }
li { margin-bottom: 3px; }
"""


def handout_html(deck: Deck, generated: dt.datetime | None = None) -> str:
    """A cover listing the examples, then one page per step of the presentation: a
    good-practice example, or one flag of a bad one (an example breaking four rules takes four
    pages, each short enough to stay on its page)."""
    generated = generated or dt.datetime.now()
    total = len(deck.examples)
    items = "".join(f"<li>{'✕ bad' if e.practice == 'bad' else '✔ good'} practice: {_h(e.origin)}"
                    + (f" ({', '.join(_h(f.rule_id) for f in e.flags if f.rule_id)})" if e.flags else "")
                    + "</li>" for e in deck.examples)
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'>",
             f"<title>{_h(deck.title)}</title><style>{CSS}</style></head><body>",
             f"<h1>{_h(deck.title)}</h1>",
             f"<p class='meta'>Training handout · {total} example{'s' if total != 1 else ''} · "
             f"{generated.strftime('%d %B %Y')}</p>",
             "<p>Reporting on trafficking in human beings: examples of good and bad practice, each with the "
             "guideline rule it concerns, why the rule matters, where it comes from, and a compliant rewrite. "
             "Names, places and details in the examples are invented or taken from the project's own corpus.</p>",
             f"<ol>{items}</ol>"]
    for slide in deck.slides():
        e = slide.example
        position = f", rule {slide.flag_number} of {len(e.flags)}" if slide.flag is not None and len(e.flags) > 1 else ""
        parts.append(PAGE_BREAK)
        parts.append(example_page(e, slide.example_number, total, slide.flag, position))
    parts.append("</body></html>")
    return "\n".join(parts)
