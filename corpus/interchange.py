"""Moving annotations between thb-review and other annotation tools: doccano (JSON Lines) and
Label Studio (JSON). Both directions use the records of `AnnotationStore.export_decisions` /
`import_records`: text, annotator, action (accept / reject / skip), labels, spans, and context.

doccano: one line per decision, `"label"` holds the passage's categories (a text-classification
project imports it as is); the labelled spans travel as `[[start, end, label], ...]` under
`"spans"`. Reading also accepts doccano's sequence-labelling shapes (`"label"` or `"labels"`
as triples, `"entities"` with start_offset / end_offset).

Label Studio: one task per passage, one annotation per annotator, a "choices" result for the
labels and "labels" results for the spans; a skipped passage is an annotation with
`was_cancelled`. `LABEL_STUDIO_CONFIG` is the labelling interface that reads these files.
"""
from __future__ import annotations

import json
from pathlib import Path

from corpus.schema import CorpusError
from guidelines.labels import LABELS

CONTEXT_KEYS = ("before", "after", "scope", "source", "article", "position")
LABEL_STUDIO_CONFIG = """<View>
  <Text name="text" value="$text"/>
  <Choices name="labels" toName="text" choice="multiple">
""" + "".join(f'    <Choice value="{label}"/>\n' for label in LABELS) + """  </Choices>
  <Labels name="spans" toName="text">
""" + "".join(f'    <Label value="{label}"/>\n' for label in LABELS) + """  </Labels>
</View>
"""


class InterchangeError(CorpusError):
    """A file of another tool that cannot be read, naming file and line (or task)."""


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _check_record(path, where, text, labels, spans) -> None:
    if not isinstance(text, str) or not text.strip():
        raise InterchangeError(path, where, "needs a non-empty text")
    unknown = sorted({l for l in labels if l not in LABELS} | {s[2] for s in spans if s[2] not in LABELS})
    if unknown:
        raise InterchangeError(path, where, f"unknown label(s) {', '.join(map(str, unknown))}; "
                                            f"thb-review knows {', '.join(LABELS)}")
    for start, end, label in spans:
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise InterchangeError(path, where, f"span {start}-{end} ({label}) lies outside the text")


def _record(text, annotator, action, labels, spans, extra: dict) -> dict:
    labels = [l for l in LABELS if l in set(labels) | {s[2] for s in spans}]
    record = {"text": text, "annotator": annotator, "action": action, "labels": labels if action == "accept" else [],
              "spans": [{"start": s, "end": e, "label": l} for s, e, l in sorted(spans)] if action == "accept" else []}
    record.update({k: extra[k] for k in CONTEXT_KEYS if k in extra and extra[k] not in (None, "")})
    return record


# ---------------------------------------------------------------- doccano
def write_doccano(records: list[dict], path: Path | str) -> int:
    lines = []
    for n, r in enumerate(records, 1):
        line = {"id": n, "text": r["text"], "label": list(r["labels"]),
                "spans": [[s["start"], s["end"], s["label"]] for s in r.get("spans", [])],
                "annotator": r["annotator"], "action": r["action"]}
        line.update({k: r[k] for k in CONTEXT_KEYS if k in r})
        lines.append(json.dumps(line, ensure_ascii=False))
    _write_text(Path(path), "\n".join(lines) + ("\n" if lines else ""))
    return len(lines)


def _doccano_spans(value) -> list[tuple]:
    out = []
    for s in value or []:
        if isinstance(s, dict):
            out.append((s.get("start_offset", s.get("start")), s.get("end_offset", s.get("end")), s.get("label")))
        elif isinstance(s, (list, tuple)) and len(s) == 3:
            out.append(tuple(s))
        else:
            raise ValueError(f"cannot read span {s!r}")
    return out


def read_doccano(path: Path | str, annotator: str = "") -> list[dict]:
    """Read a doccano JSONL export; `annotator` names whoever the file does not name."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InterchangeError(path, None, f"cannot read: {exc}") from None
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InterchangeError(path, number, f"not valid JSON ({exc.msg})") from None
        if not isinstance(raw, dict):
            raise InterchangeError(path, number, "each line must be a JSON object")
        text = raw.get("text", raw.get("data"))
        value = raw.get("label", raw.get("labels", []))
        try:
            if value and all(isinstance(v, str) for v in value):
                labels, spans = list(value), []
            else:
                labels, spans = list(raw.get("cats") or []), _doccano_spans(value)
            spans += _doccano_spans(raw.get("entities")) + _doccano_spans(raw.get("spans"))
        except (ValueError, TypeError) as exc:
            raise InterchangeError(path, number, str(exc)) from None
        _check_record(path, number, text, labels, spans)
        who = str(raw.get("annotator") or raw.get("user") or annotator).strip()
        if not who:
            raise InterchangeError(path, number, "no annotator named in the line; say whose work this is")
        action = raw.get("action") or ("accept" if labels or spans else "reject")
        if action not in ("accept", "reject", "skip"):
            raise InterchangeError(path, number, f"unknown action {action!r}")
        records.append(_record(text, who, action, labels, list(dict.fromkeys(spans)), raw))
    return records


# ---------------------------------------------------------------- Label Studio
def write_label_studio(records: list[dict], path: Path | str, scores: dict[str, dict] | None = None) -> int:
    """One task per passage; `scores` (text -> label -> score) adds the model's suggestion as a prediction."""
    tasks: dict[str, dict] = {}
    for r in records:
        task = tasks.get(r["text"])
        if task is None:
            data = {"text": r["text"], **{k: r[k] for k in CONTEXT_KEYS if k in r}}
            task = tasks[r["text"]] = {"id": len(tasks) + 1, "data": data, "annotations": []}
            if scores and r["text"] in scores:
                chosen = [l for l, s in scores[r["text"]].items() if s >= 0.5]
                task["predictions"] = [{"model_version": "thb-review", "score": max(scores[r["text"]].values(), default=0),
                                        "result": [{"from_name": "labels", "to_name": "text", "type": "choices",
                                                    "value": {"choices": chosen}}]}]
        result = []
        if r["action"] == "accept" and r["labels"]:
            result.append({"from_name": "labels", "to_name": "text", "type": "choices",
                           "value": {"choices": list(r["labels"])}})
        for s in r.get("spans", []):
            result.append({"from_name": "spans", "to_name": "text", "type": "labels",
                           "value": {"start": s["start"], "end": s["end"], "text": r["text"][s["start"]:s["end"]],
                                     "labels": [s["label"]]}})
        task["annotations"].append({"id": sum(len(t["annotations"]) for t in tasks.values()) + 1,
                                    "completed_by": {"email": r["annotator"]}, "annotator": r["annotator"],
                                    "was_cancelled": r["action"] == "skip", "result": result})
    _write_text(Path(path), json.dumps(list(tasks.values()), indent=1, ensure_ascii=False) + "\n")
    return len(records)


def _who(annotation: dict, default: str) -> str:
    if annotation.get("annotator"):
        return str(annotation["annotator"])
    by = annotation.get("completed_by")
    if isinstance(by, dict):
        by = by.get("email") or by.get("username") or by.get("first_name") or by.get("id")
    return str(by if by not in (None, "") else default).strip()


def read_label_studio(path: Path | str, annotator: str = "") -> list[dict]:
    """Read a Label Studio JSON export (a list of tasks); a task without annotations is left out."""
    path = Path(path)
    try:
        tasks = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InterchangeError(path, None, f"cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InterchangeError(path, exc.lineno, f"not valid JSON ({exc.msg})") from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise InterchangeError(path, None, "a Label Studio export is a list of tasks")
    records = []
    for n, task in enumerate(tasks, 1):
        where = f"task {task.get('id', n)}" if isinstance(task, dict) else f"task {n}"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise InterchangeError(path, None, f"{where}: needs a 'data' object with the text")
        text = task["data"].get("text")
        for annotation in task.get("annotations") or []:
            labels, spans = [], []
            for item in annotation.get("result") or []:
                value = item.get("value") or {}
                if item.get("type") == "choices":
                    labels += value.get("choices") or []
                elif item.get("type") == "labels":
                    for label in value.get("labels") or []:
                        spans.append((value.get("start"), value.get("end"), label))
            try:
                _check_record(path, None, text, labels, spans)
            except InterchangeError as exc:
                raise InterchangeError(path, None, f"{where}: {str(exc).split(': ', 1)[1]}") from None
            who = _who(annotation, annotator)
            if not who:
                raise InterchangeError(path, None, f"{where}: no annotator named; say whose work this is")
            action = "skip" if annotation.get("was_cancelled") else ("accept" if labels or spans else "reject")
            records.append(_record(text, who, action, labels, list(dict.fromkeys(spans)), task["data"]))
    return records
