"""The detail of one flag: the rule, why it matters, its sources, how to write it,
the model's confidence and the words that drove it, and the decision buttons."""
from __future__ import annotations

import html

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from desktop.review import Flag
from desktop.style import STATUS_TEXT, style, tint

DETECTORS = {
    "lexicon": "a term listed in the rule", "pattern": "a wording pattern of the rule",
    "model": "the trained model's reading of the whole passage",
    "victim_name": "the victim-name detector", "victim_initials": "the victim-initials detector",
    "victim_age_place": "the age-and-place detector", "victim_place": "the home-place detector",
    "victim_relative": "the relatives detector", "child_identifier": "the child-identifier detector",
    "caption_identifies": "the caption detector", "unsourced_figure": "the unsourced-figure detector",
    "guilt_before_verdict": "the guilt-before-verdict detector",
}


def _h(text: str) -> str:
    return html.escape(text or "")


def _section(title: str, body: str) -> str:
    return (f"<p style='margin:12px 0 2px 0; color:#4B5563; font-weight:bold; font-size:small;'>"
            f"{_h(title).upper()}</p>{body}")


def _passage_html(flag: Flag) -> str:
    """The passage with the evidence words marked."""
    text, ps = flag.passage_text, flag.passage_start
    a, b = max(0, flag.start - ps), max(0, min(len(text), flag.end - ps))
    if flag.whole_passage or not text:
        return f"<p style='margin:2px 0'>{_h(text)}</p>"
    mark = f"<span style='background:{tint(flag.shown_label, 0.45)}; font-weight:bold;'>{_h(text[a:b])}</span>"
    return f"<p style='margin:2px 0'>{_h(text[:a])}{mark}{_h(text[b:])}</p>"


def detail_html(flag: Flag | None, rule=None, annotator: str = "") -> str:
    if flag is None:
        return ("<div style='color:#6B7280; padding:12px'><p><b>No flag selected.</b></p>"
                "<p>Choose a flag in the list, or click a highlighted passage in the text.</p>"
                "<p>Keys in the list: <b>C</b> confirm · <b>D</b> dismiss · <b>R</b> dismiss with a reason · "
                "<b>L</b> change label · <b>A</b> allow the words everywhere · <b>J</b>/<b>K</b> next/previous.</p>"
                "</div>")
    s = style(flag.shown_label)
    head = (f"<p style='margin:0 0 4px 0; font-size:large;'>"
            f"<span style='background:{tint(flag.shown_label, 0.4)};'>&nbsp;<b>{s.code}</b>&nbsp;</span>&nbsp; "
            f"<b>{_h(flag.rule_id + ' · ' if flag.rule_id else '')}{_h(flag.title)}</b></p>"
            f"<p style='margin:0; color:#4B5563'>{_h(s.title)} · {_h(flag.severity)} severity · "
            f"<b>{_h(STATUS_TEXT[flag.status])}</b></p>")
    parts = [head, _section("Flagged passage", _passage_html(flag))]
    d = flag.decision
    if d is not None:
        what = {"confirmed": "Confirmed", "dismissed": "Dismissed as a false alarm",
                "relabelled": f"Label changed from {style(flag.label).title} to {style(d.new_label or '').title}"}
        who = f" by {_h(d.annotator)}" if d.annotator else ""
        reason = f"<br>Reason: <i>{_h(d.reason)}</i>" if d.reason else ""
        parts.append(_section("Decision", f"<p style='margin:2px 0'>{what[d.decision]}{who}, "
                                          f"{_h(d.decided_at.replace('T', ' '))}{reason}</p>"))
    if flag.allowed_by:
        parts.append(_section("Allow-list", f"<p style='margin:2px 0'>Suppressed everywhere by the allow-list "
                                            f"entry <b>{_h(flag.allowed_by)}</b>.</p>"))
    if flag.added is not None:
        a = flag.added
        note = f"<br>Note: <i>{_h(a.note)}</i>" if a.note else ""
        by = f" by {_h(a.annotator)}" if a.annotator else ""
        parts.append(_section("Added flag", f"<p style='margin:2px 0'>Marked as {_h(s.title)}{by}, "
                                            f"{_h(a.created_at.replace('T', ' '))}.{note}</p>"))
        return "".join(parts)

    f = flag.finding
    statement = rule.statement if rule else f.explanation.get("statement", "")
    advice = rule.advice if rule else (f.suggestions[0] if f.suggestions else "")
    rewrite = rule.rewrite if rule else ""
    parts.append(_section("The rule", f"<p style='margin:2px 0'>{_h(statement)}</p>"))
    parts.append(_section("Why it matters", f"<p style='margin:2px 0'>{_h(f.rationale)}</p>"))
    parts.append(_section("How to write it", f"<p style='margin:2px 0'>{_h(advice)}</p>"))
    if rewrite:
        bad = (f"<p style='margin:2px 0; color:#8B1E1E'>✕ {_h(rule.bad_example)}</p>" if rule and rule.bad_example
               else "")
        parts.append(_section("Compliant rewrite", bad + f"<p style='margin:2px 0; color:#14532D'>✔ {_h(rewrite)}</p>"))
    found_by = DETECTORS.get(f.detector, f.detector)
    confidence = (f"<p style='margin:2px 0'>The model gives this label <b>{round(f.score * 100)}%</b>; "
                  f"it flags at {round(f.threshold * 100)}% or more. Found by {_h(found_by)}.</p>")
    evidence = f.explanation.get("evidence") or []
    if evidence:
        details = "; ".join(_h(e.get("detail", "")) for e in evidence[:4] if e.get("detail"))
        if details:
            confidence += f"<p style='margin:2px 0; color:#4B5563'>Evidence: {details}</p>"
    parts.append(_section("Confidence", confidence))
    drivers = f.explanation.get("drivers") or []
    if drivers:
        top = max(w for _, w in drivers) or 1.0
        rows = "".join(
            f"<tr><td style='padding:1px 8px 1px 0'>{_h(word)}</td>"
            f"<td><span style='background:{tint(flag.shown_label, 0.55)};'>"
            f"{'&nbsp;' * max(1, round(12 * weight / top))}</span></td></tr>"
            for word, weight in drivers)
        parts.append(_section("Words that drove the model", f"<table cellspacing='0'>{rows}</table>"))
    sources = f.sources or []
    if sources:
        items = []
        for cite in sources:
            url = next((w for w in cite.split() if w.startswith(("http://", "https://"))), "")
            text = _h(cite.replace(url, "").strip())
            items.append(f"<li>{text}" + (f" <a href='{_h(url)}'>link</a>" if url else "") + "</li>")
        parts.append(_section("Sources", f"<ul style='margin:2px 0 0 -20px'>{''.join(items)}</ul>"))
    return "".join(parts)


class DetailView(QWidget):
    def __init__(self, actions: dict, parent=None):
        super().__init__(parent)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName("Flag detail")
        self.browser.document().setDocumentMargin(10)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setContentsMargins(8, 6, 8, 8)
        for name, text, object_name in (("confirm", "Confirm", "confirmButton"),
                                        ("dismiss", "Dismiss…", "dismissButton"),
                                        ("relabel", "Change label…", ""), ("allow", "Allow words…", "")):
            action = actions[name]
            button = QPushButton(text, objectName=object_name)
            button.setToolTip(f"{action.toolTip()} ({action.shortcut().toString()})")
            button.setAccessibleName(action.text().replace("&", ""))
            button.clicked.connect(action.trigger)
            action.changed.connect(lambda b=button, a=action: b.setEnabled(a.isEnabled()))
            button.setEnabled(action.isEnabled())
            self.buttons[name] = button
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(QLabel("Detail", objectName="paneTitle"))
        layout.addWidget(self.browser, 1)
        holder = QWidget(objectName="filterBar")
        holder.setLayout(row)
        layout.addWidget(holder)
        self.show_flag(None)

    def show_flag(self, flag: Flag | None, rule=None) -> None:
        self.browser.setHtml(detail_html(flag, rule))
