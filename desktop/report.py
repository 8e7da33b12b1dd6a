"""Reports of one reviewed article: a plain data snapshot, then HTML or JSON (no Qt here;
the PDF is the HTML laid out by Qt in desktop/export.py)."""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import json

from classifier.findings import line_col
from desktop.palette import label_code, label_tint
from desktop.review import ArticleReview, Flag
from guidelines.labels import LABEL_TITLES, LABELS

REPORT_SCHEMA = "thb-review.report/1"
STATUS_WORDS = {"open": "Open", "confirmed": "Confirmed", "relabelled": "Label changed", "added": "Added by editor",
                "dismissed": "Dismissed", "allowed": "Allowed (allow-list)"}


def _flag_entry(flag: Flag, text: str, catalogue) -> dict:
    line, col = line_col(text, min(flag.start, len(text)))
    entry = {
        "status": flag.status, "label": flag.label, "final_label": flag.shown_label, "rule_id": flag.rule_id,
        "title": flag.title, "severity": flag.severity, "score": flag.score, "start": flag.start, "end": flag.end,
        "line": line, "column": col, "evidence": text[flag.start:flag.end], "passage": flag.passage_text,
        "decision": None, "allowed_by": flag.allowed_by,
    }
    if flag.decision is not None:
        d = flag.decision
        entry["decision"] = {"decision": d.decision, "new_label": d.new_label, "reason": d.reason,
                             "annotator": d.annotator, "decided_at": d.decided_at}
    if flag.added is not None:
        a = flag.added
        entry["decision"] = {"decision": "added", "note": a.note, "annotator": a.annotator,
                             "decided_at": a.created_at}
    if flag.finding is not None:
        f = flag.finding
        rule = catalogue.get(f.rule_id) if catalogue is not None and f.rule_id in catalogue else None
        entry.update({
            "threshold": f.threshold, "detector": f.detector, "statement": f.explanation.get("statement", ""),
            "rationale": f.rationale, "advice": rule.advice if rule else (f.suggestions or [""])[0],
            "rewrite": rule.rewrite if rule else "", "sources": list(f.sources),
            "drivers": f.explanation.get("drivers", []), "finding": f.to_json(),
        })
    return entry


def report_data(article: ArticleReview, text: str, catalogue=None, annotator: str = "",
                allow_terms: list | None = None) -> dict:
    """Everything a report shows, as plain data (JSON-ready). `text` is the current draft."""
    flags = [_flag_entry(f, text, catalogue) for f in article.flags]
    counts = {label: 0 for label in LABELS}
    for f in article.flags:
        if f.active:
            counts[f.shown_label] = counts.get(f.shown_label, 0) + 1
    statuses = {s: sum(1 for f in article.flags if f.status == s) for s in STATUS_WORDS}
    return {
        "schema": REPORT_SCHEMA,
        "generated": dt.datetime.now().isoformat(timespec="seconds"),
        "annotator": annotator,
        "article": {"title": article.title, "source": article.source, "words": len(text.split()),
                    "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "text": text},
        "checked": article.up_to_date,
        "to_act_on_by_label": counts,
        "by_status": statuses,
        "flags": flags,
        "allow_list": [{"term": t.term, "label": t.label, "note": t.note} for t in (allow_terms or [])],
    }


def report_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _h(text) -> str:
    return html.escape(str(text or ""))


def _badge(label: str) -> str:
    return (f"<span style='background-color:{label_tint(label)}; font-weight:bold;'>"
            f"&nbsp;{label_code(label)}&nbsp;</span>")


def _marked_passage(entry: dict) -> str:
    passage, evidence = entry["passage"], entry["evidence"]
    at = passage.find(evidence) if evidence and evidence != passage else -1
    if at < 0:
        return _h(passage)
    return (_h(passage[:at]) + f"<span style='background-color:{label_tint(entry['final_label'])};"
            f" font-weight:bold; text-decoration:underline;'>{_h(evidence)}</span>" + _h(passage[at + len(evidence):]))


def _flag_html(entry: dict, number: int) -> str:
    label = entry["final_label"]
    rule = f"{_h(entry['rule_id'])} · " if entry["rule_id"] else ""
    out = [f"<h3>{number}. {_badge(label)} {rule}{_h(entry['title'])}</h3>",
           f"<p class='meta'>{_h(LABEL_TITLES.get(label, label))} · {_h(entry['severity'])} severity · "
           f"line {entry['line']} · <b>{_h(STATUS_WORDS[entry['status']])}</b>"
           + (f" · confidence {round(entry['score'] * 100)}%" if entry.get("score") is not None else "") + "</p>",
           f"<blockquote>{_marked_passage(entry)}</blockquote>"]
    d = entry.get("decision")
    if d:
        who = f" by {_h(d.get('annotator'))}" if d.get("annotator") else ""
        extra = ""
        if d.get("decision") == "relabelled":
            extra = f": from {_h(LABEL_TITLES.get(entry['label']))} to {_h(LABEL_TITLES.get(d.get('new_label')))}"
        why = d.get("reason") or d.get("note")
        out.append(f"<p><b>Decision:</b> {_h(STATUS_WORDS.get(d['decision'], d['decision']))}{extra}{who}, "
                   f"{_h((d.get('decided_at') or '').replace('T', ' '))}"
                   + (f". Reason: <i>{_h(why)}</i>" if why else "") + "</p>")
    if entry.get("allowed_by"):
        out.append(f"<p><b>Allow-list:</b> suppressed by “{_h(entry['allowed_by'])}”.</p>")
    if entry.get("statement"):
        out.append(f"<p><b>Rule:</b> {_h(entry['statement'])}</p>")
    if entry.get("rationale"):
        out.append(f"<p><b>Why it matters:</b> {_h(entry['rationale'])}</p>")
    if entry.get("advice"):
        out.append(f"<p><b>How to write it:</b> {_h(entry['advice'])}</p>")
    if entry.get("rewrite"):
        out.append(f"<p><b>Compliant example:</b> <i>{_h(entry['rewrite'])}</i></p>")
    if entry.get("sources"):
        out.append("<p class='meta'><b>Sources:</b> " + "; ".join(_h(s) for s in entry["sources"]) + "</p>")
    return "\n".join(out)


def _annotated_text(data: dict) -> str:
    """The draft with every active flag's evidence marked and coded, so the report reads without colour."""
    text = data["article"]["text"]
    spans = sorted({(f["start"], f["end"], f["final_label"]) for f in data["flags"]
                    if f["status"] not in ("dismissed", "allowed") and f["end"] > f["start"]})
    out, pos = [], 0
    for start, end, label in spans:
        if start < pos:
            continue      # overlapping evidence: the first one is marked
        out.append(_h(text[pos:start]))
        out.append(f"<span style='background-color:{label_tint(label)}; text-decoration:underline;'>"
                   f"{_h(text[start:end])}</span><sup>[{label_code(label)}]</sup>")
        pos = end
    out.append(_h(text[pos:]))
    return "".join(out).replace("\n", "<br>\n")


CSS = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; color: #1F2328; }
h1 { font-size: 17pt; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 18px; border-bottom: 1px solid #999; }
h3 { font-size: 11pt; margin-top: 14px; margin-bottom: 2px; }
p.meta { color: #4B5563; margin-top: 0; }
blockquote { margin: 4px 0 4px 12px; font-family: 'DejaVu Serif', serif; }
table.summary td, table.summary th { padding: 3px 10px 3px 0; text-align: left; }
.text { font-family: 'DejaVu Serif', serif; }
"""


def report_html(data: dict) -> str:
    a = data["article"]
    rows = "".join(f"<tr><td>{_badge(label)}</td><td>{_h(LABEL_TITLES[label])}</td><td>{n}</td></tr>"
                   for label, n in data["to_act_on_by_label"].items())
    statuses = ", ".join(f"{n} {STATUS_WORDS[s].lower()}" for s, n in data["by_status"].items() if n) or "no flags"
    active = [f for f in data["flags"] if f["status"] not in ("dismissed", "allowed")]
    closed = [f for f in data["flags"] if f["status"] in ("dismissed", "allowed")]
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>Guideline review: {_h(a['title'])}</title><style>{CSS}</style></head><body>",
        f"<h1>Guideline review: {_h(a['title'])}</h1>",
        f"<p class='meta'>Source: {_h(a['source'])} · {a['words']} words · reviewed by "
        f"{_h(data['annotator'] or 'an unnamed editor')} · report of {_h(data['generated'].replace('T', ' '))}"
        + ("" if data["checked"] else " · <b>the latest edits were not yet re-checked</b>") + "</p>",
        "<p class='meta'>Checked offline against media-reporting guidelines on trafficking in human beings. "
        "Flags are suggestions for the editor; decisions are the editor's.</p>",
        f"<h2>Summary</h2><p>{len(data['flags'])} flags: {_h(statuses)}.</p>",
        f"<table class='summary'><tr><th></th><th>Flags to act on, by label</th><th></th></tr>{rows}</table>",
        "<h2>Flags to act on</h2>" if active else "<h2>Flags to act on</h2><p>None.</p>",
    ]
    parts += [_flag_html(e, i) for i, e in enumerate(active, 1)]
    if closed:
        parts.append("<h2>Dismissed and allowed</h2>")
        parts += [_flag_html(e, i) for i, e in enumerate(closed, len(active) + 1)]
    parts.append(f"<h2>The article with flags marked</h2><p class='text'>{_annotated_text(data)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
