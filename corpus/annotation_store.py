"""The annotation store: a queue of passages and every annotator's decision on them, in one SQLite file.

Pure Python (sqlite3, no Qt). Crash safety follows the review store: WAL, synchronous=FULL and
one transaction per decision, so a decision is either fully written or not at all. Decisions are
never deleted: a changed decision supersedes the old row and an undo marks its row 'undone' and
brings back the row it had replaced, so the history of every annotator stays readable.

A passage is known across annotators and tools by the SHA-256 of its text (`passage_sha256`):
that is how another annotator's work, or a doccano / Label Studio file, meets this queue.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from corpus.review_store import StoreError, _inspect, now
from guidelines.labels import LABELS

SCHEMA_VERSION = 1
APPLICATION_ID = 0x54484241          # "THBA": marks the file as an annotation store
ACTIONS = ("accept", "reject", "skip")
ORDERS = ("uncertainty", "article", "random")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    passage_sha256 TEXT NOT NULL UNIQUE,  -- the passage text's hash: the same passage is one item
    source TEXT NOT NULL,                 -- article file, 'corpus:<passage id>' or an imported file
    article TEXT NOT NULL,                -- groups passages of one article (corpus article id or file hash)
    position INTEGER NOT NULL,            -- the passage's place in its article
    text TEXT NOT NULL,
    before TEXT NOT NULL DEFAULT '',      -- the sentence before and after, shown as context
    after TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT 'body',
    scores TEXT NOT NULL DEFAULT '{}',    -- the model's score per label (JSON)
    suggested TEXT NOT NULL DEFAULT '[]', -- the labels the model would give (JSON list)
    rules TEXT NOT NULL DEFAULT '{}',     -- label -> rule ids naming it (JSON), for the corpus export
    uncertainty REAL NOT NULL DEFAULT 0,  -- 1 at a decision boundary, 0 far from every boundary
    meta TEXT NOT NULL DEFAULT '{}',      -- the corpus fields of a passage under review (JSON)
    added_at TEXT NOT NULL
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    passage_sha256 TEXT NOT NULL,
    annotator TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'skip')),
    labels TEXT NOT NULL DEFAULT '[]',
    spans TEXT NOT NULL DEFAULT '[]',     -- [{"start", "end", "label"}] in the passage text
    settles INTEGER NOT NULL DEFAULT 0,   -- 1: settles a disagreement between annotators
    origin TEXT NOT NULL DEFAULT '',      -- '' when taken here, else the file it was imported from
    decided_at TEXT NOT NULL,
    replaces INTEGER REFERENCES decisions(id),
    state TEXT NOT NULL DEFAULT 'current' CHECK (state IN ('current', 'superseded', 'undone'))
);
CREATE INDEX decisions_current ON decisions(item_id, annotator, state);
"""


def passage_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_annotation_path() -> Path:
    from classifier.paths import data_dir

    return data_dir() / "annotations.sqlite3"


@dataclass
class Item:
    id: int
    passage_sha256: str
    source: str
    article: str
    position: int
    text: str
    before: str = ""
    after: str = ""
    scope: str = "body"
    scores: dict = field(default_factory=dict)
    suggested: list = field(default_factory=list)
    rules: dict = field(default_factory=dict)
    uncertainty: float = 0.0
    meta: dict = field(default_factory=dict)


@dataclass
class NewItem:
    """A passage to put in the queue (see classifier/active.py for the model's part)."""
    source: str
    article: str
    position: int
    text: str
    before: str = ""
    after: str = ""
    scope: str = "body"
    scores: dict = field(default_factory=dict)
    suggested: list = field(default_factory=list)
    rules: dict = field(default_factory=dict)
    uncertainty: float = 0.0
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class AnnotationDecision:
    id: int
    item_id: int
    passage_sha256: str
    annotator: str
    action: str
    labels: tuple[str, ...]
    spans: tuple[dict, ...] = ()
    settles: bool = False
    origin: str = ""
    decided_at: str = ""


def _clean_labels(labels) -> list[str]:
    unknown = [l for l in labels if l not in LABELS]
    if unknown:
        raise ValueError(f"unknown label(s): {', '.join(map(str, unknown))}")
    return [l for l in LABELS if l in set(labels)]      # canonical order, no repeats


def _clean_spans(spans, text: str) -> list[dict]:
    out = []
    for s in spans or ():
        start, end, label = s.get("start"), s.get("end"), s.get("label")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
                and label in LABELS):
            raise ValueError(f"bad span {s!r}: needs start < end within the passage and a known label")
        out.append({"start": start, "end": end, "label": label})
    return sorted(out, key=lambda s: (s["start"], s["end"], s["label"]))


class AnnotationStore:
    """One annotation file. Every public write is one transaction."""

    def __init__(self, path: Path | str | None = None, busy_timeout: float = 5.0):
        self.path = Path(path) if path else default_annotation_path()
        self.busy_timeout = busy_timeout
        kind = self._inspect()
        if kind == "new":
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        try:
            self.conn = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None,
                                        check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            if kind == "new":
                self._create()
            elif self.conn.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(f"the annotation store {self.path} was written by a newer thb-review "
                                 f"(format {version}); it was not changed.")
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(f"the annotation store {self.path} cannot be used ({exc}). "
                             "It was not changed; move it away to start a new one.") from None

    def _inspect(self) -> str:
        """Like the review store's check, but for our own application id."""
        import struct

        if not self.path.exists() or self.path.stat().st_size == 0:
            return "new"
        try:
            with open(self.path, "rb") as handle:
                header = handle.read(100)
        except OSError as exc:
            raise StoreError(f"cannot read the annotation store {self.path}: {exc.strerror or exc}") from None
        if len(header) == 100 and header.startswith(b"SQLite format 3\x00"):
            if struct.unpack(">I", header[68:72])[0] == APPLICATION_ID:
                return "ours"
        try:
            if _inspect(self.path) == "new":     # an empty SQLite file can become a store
                return "new"
        except StoreError:
            pass
        raise StoreError(f"{self.path} is not a thb-review annotation store. The file was left untouched; "
                         "choose another file.")

    def _create(self) -> None:
        with self._write() as c:
            c.execute(f"PRAGMA application_id={APPLICATION_ID}")
            c.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            for statement in SCHEMA.split(";\n"):
                if statement.strip():
                    c.execute(statement)
            c.executemany("INSERT INTO meta VALUES (?, ?)", [("created", now()), ("order", "uncertainty")])

    @contextmanager
    def _write(self):
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"the annotation store {self.path} is busy or read-only ({exc}); "
                             "this decision was not saved, try again.") from None
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        try:
            if getattr(self, "conn", None) is not None:
                self.conn.close()
        except sqlite3.Error:
            pass

    # ------------------------------------------------------------------ settings kept with the work
    def get_meta(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as c:
            c.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # ------------------------------------------------------------------ items
    def add_items(self, items: list[NewItem]) -> int:
        """Queue passages (one transaction); a passage already queued keeps its place. Returns how many are new."""
        stamp = now()
        added = 0
        with self._write() as c:
            for it in items:
                cur = c.execute(
                    "INSERT OR IGNORE INTO items (passage_sha256, source, article, position, text, before, after, "
                    "scope, scores, suggested, rules, uncertainty, meta, added_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (passage_sha256(it.text), it.source, it.article, it.position, it.text, it.before, it.after,
                     it.scope, json.dumps(it.scores), json.dumps(list(it.suggested)), json.dumps(it.rules),
                     float(it.uncertainty), json.dumps(it.meta, ensure_ascii=False), stamp))
                added += cur.rowcount
        return added

    @staticmethod
    def _item(r) -> Item:
        return Item(r["id"], r["passage_sha256"], r["source"], r["article"], r["position"], r["text"], r["before"],
                    r["after"], r["scope"], json.loads(r["scores"]), json.loads(r["suggested"]),
                    json.loads(r["rules"]), r["uncertainty"], json.loads(r["meta"]))

    def items(self) -> list[Item]:
        return [self._item(r) for r in self.conn.execute("SELECT * FROM items ORDER BY article, position, id")]

    def item(self, item_id: int) -> Item:
        row = self.conn.execute("SELECT * FROM items WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise StoreError(f"no passage {item_id} in {self.path}")
        return self._item(row)

    def item_by_hash(self, sha: str) -> Item | None:
        row = self.conn.execute("SELECT * FROM items WHERE passage_sha256 = ?", (sha,)).fetchone()
        return self._item(row) if row else None

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM items").fetchone()[0]

    # ------------------------------------------------------------------ the queue
    def ordered(self, order: str = "uncertainty", seed: int = 0) -> list[Item]:
        """Every item in the chosen order: most uncertain first, article order, or a fixed shuffle."""
        if order not in ORDERS:
            raise ValueError(f"unknown order {order!r}; choose one of {', '.join(ORDERS)}")
        items = self.items()
        if order == "uncertainty":
            items.sort(key=lambda i: (-round(i.uncertainty, 6), i.article, i.position, i.id))
        elif order == "random":
            random.Random(seed).shuffle(items)
        return items

    def queue(self, annotator: str, order: str = "uncertainty", seed: int = 0) -> list[Item]:
        """What is left for this annotator: undecided passages first, then the skipped ones."""
        done = self.current(annotator)
        ordered = self.ordered(order, seed)
        fresh = [i for i in ordered if i.id not in done]
        skipped = [i for i in ordered if i.id in done and done[i.id].action == "skip"]
        return fresh + skipped

    # ------------------------------------------------------------------ decisions
    @staticmethod
    def _decision(r) -> AnnotationDecision:
        return AnnotationDecision(r["id"], r["item_id"], r["passage_sha256"], r["annotator"], r["action"],
                                  tuple(json.loads(r["labels"])), tuple(json.loads(r["spans"])), bool(r["settles"]),
                                  r["origin"], r["decided_at"])

    def decide(self, item_id: int, annotator: str, action: str, labels=(), spans=(), settles: bool = False,
               origin: str = "", decided_at: str | None = None) -> AnnotationDecision:
        """Record one decision as one transaction; it becomes the annotator's current one for the passage."""
        annotator = " ".join(str(annotator).split())
        if not annotator:
            raise ValueError("a decision needs the annotator's name")
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        item = self.item(item_id)
        labels = [] if action == "reject" else _clean_labels(labels)
        spans = [s for s in _clean_spans(spans, item.text) if s["label"] in labels]
        if action == "skip":
            labels, spans = [], []
        with self._write() as c:
            # A settling decision replaces the previous settlement only: the settler's own rating stays.
            if settles:
                old = c.execute("SELECT id FROM decisions WHERE item_id = ? AND settles = 1 AND state = 'current'",
                                (item_id,)).fetchone()
            else:
                old = c.execute("SELECT id FROM decisions WHERE item_id = ? AND annotator = ? AND settles = 0 "
                                "AND state = 'current'", (item_id, annotator)).fetchone()
            if old is not None:
                c.execute("UPDATE decisions SET state = 'superseded' WHERE id = ?", (old["id"],))
            cur = c.execute(
                "INSERT INTO decisions (item_id, passage_sha256, annotator, action, labels, spans, settles, origin, "
                "decided_at, replaces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (item_id, item.passage_sha256, annotator, action, json.dumps(labels), json.dumps(spans),
                 int(settles), origin, decided_at or now(), old["id"] if old else None))
            row = c.execute("SELECT * FROM decisions WHERE id = ?", (cur.lastrowid,)).fetchone()
        return self._decision(row)

    def undo(self, annotator: str) -> AnnotationDecision | None:
        """Take back the annotator's latest decision taken here; the one it replaced becomes current again.
        Returns the undone decision (its passage is where the annotator goes back to), or None."""
        with self._write() as c:
            row = c.execute("SELECT * FROM decisions WHERE annotator = ? AND state = 'current' AND origin = '' "
                            "ORDER BY id DESC LIMIT 1", (annotator,)).fetchone()
            if row is None:
                return None
            c.execute("UPDATE decisions SET state = 'undone' WHERE id = ?", (row["id"],))
            if row["replaces"] is not None:
                c.execute("UPDATE decisions SET state = 'current' WHERE id = ?", (row["replaces"],))
        return self._decision(row)

    def current(self, annotator: str) -> dict[int, AnnotationDecision]:
        """The annotator's own current rating per passage (settlements are kept apart)."""
        rows = self.conn.execute("SELECT * FROM decisions WHERE annotator = ? AND settles = 0 AND state = 'current'",
                                 (annotator,))
        return {r["item_id"]: self._decision(r) for r in rows}

    def all_current(self) -> list[AnnotationDecision]:
        rows = self.conn.execute("SELECT * FROM decisions WHERE state = 'current' ORDER BY id")
        return [self._decision(r) for r in rows]

    def annotators(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT annotator FROM decisions WHERE state = 'current' ORDER BY annotator")]

    def history(self) -> list[dict]:
        rows = self.conn.execute("SELECT d.*, i.text FROM decisions d JOIN items i ON i.id = d.item_id ORDER BY d.id")
        return [dict(r) for r in rows]

    def progress(self, annotator: str) -> tuple[int, int, dict[str, int]]:
        """(passages decided, passages queued, accepted passages per label) for one annotator."""
        current = self.current(annotator)
        decided = [d for d in current.values() if d.action != "skip"]
        counts = {label: 0 for label in LABELS}
        for d in decided:
            for label in d.labels:
                counts[label] += 1
        return len(decided), self.count(), counts

    # ------------------------------------------------------------------ the agreed result
    def resolved(self) -> list[tuple[Item, AnnotationDecision, list[str]]]:
        """Per passage, the labelling to export: a settling decision wins; otherwise every annotator who
        decided must agree (on the labels). Returns (item, the decision used, annotators) for each."""
        by_item: dict[int, list[AnnotationDecision]] = {}
        for d in self.all_current():
            if d.action != "skip":
                by_item.setdefault(d.item_id, []).append(d)
        out = []
        for item_id, decisions in by_item.items():
            settling = [d for d in decisions if d.settles]
            if settling:
                chosen = max(settling, key=lambda d: d.id)
            elif len({d.labels for d in decisions}) == 1:
                chosen = max(decisions, key=lambda d: d.id)
            else:
                continue
            out.append((self.item(item_id), chosen, sorted({d.annotator for d in decisions})))
        out.sort(key=lambda t: (t[0].article, t[0].position, t[0].id))
        return out

    def unresolved(self) -> list[Item]:
        resolved = {item.id for item, _, _ in self.resolved()}
        decided = {d.item_id for d in self.all_current() if d.action != "skip"}
        return [self.item(i) for i in sorted(decided - resolved)]

    # ------------------------------------------------------------------ exchange between annotators
    def export_decisions(self, path: Path | str, annotator: str | None = None) -> int:
        """Current decisions (of one annotator, or all) as JSON Lines, atomically; another store imports them."""
        from corpus.schema import write_jsonl

        records = []
        for d in self.all_current():
            if annotator and d.annotator != annotator:
                continue
            item = self.item(d.item_id)
            records.append({"format": "thb-review.annotations", "version": 1, "passage_sha256": d.passage_sha256,
                            "text": item.text, "before": item.before, "after": item.after, "scope": item.scope,
                            "source": item.source, "article": item.article, "position": item.position,
                            "annotator": d.annotator, "action": d.action, "labels": list(d.labels),
                            "spans": list(d.spans), "settles": d.settles, "decided_at": d.decided_at})
        write_jsonl(records, path)
        return len(records)

    def import_records(self, records: list[dict], origin: str) -> tuple[int, int]:
        """Add decisions taken elsewhere (another annotator's file, doccano, Label Studio).
        Unknown passages join the queue. A decision already present is not repeated.
        Returns (decisions added, passages added)."""
        added_items = self.add_items([NewItem(r.get("source") or origin, r.get("article") or
                                              f"import-{passage_sha256(origin)[:8]}", int(r.get("position") or 0),
                                              r["text"], r.get("before", ""), r.get("after", ""),
                                              r.get("scope") or "body", meta=r.get("meta") or {})
                                      for r in records])
        added = 0
        for r in records:
            item = self.item_by_hash(passage_sha256(r["text"]))
            mine = self.current(r["annotator"]).get(item.id) if not r.get("settles") else None
            if mine is not None and mine.action == r["action"] and list(mine.labels) == _clean_labels(r["labels"]) \
                    and list(mine.spans) == _clean_spans(r.get("spans"), item.text):
                continue
            self.decide(item.id, r["annotator"], r["action"], r["labels"], r.get("spans") or (),
                        settles=bool(r.get("settles")), origin=origin, decided_at=r.get("decided_at") or None)
            added += 1
        return added, added_items


def read_decision_file(path: Path | str) -> list[dict]:
    """Read a file written by `export_decisions`, checking each line; errors name file and line."""
    from corpus.schema import CorpusError

    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(path, None, f"cannot read: {exc}") from None
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(path, number, f"not valid JSON ({exc.msg})") from None
        if not isinstance(r, dict) or r.get("format") != "thb-review.annotations":
            raise CorpusError(path, number, "not a thb-review annotation record (export one with 'Export my work')")
        if not isinstance(r.get("text"), str) or not r["text"].strip() or not str(r.get("annotator", "")).strip():
            raise CorpusError(path, number, "needs a non-empty 'text' and 'annotator'")
        if r.get("action") not in ACTIONS or not isinstance(r.get("labels"), list):
            raise CorpusError(path, number, f"'action' must be one of {', '.join(ACTIONS)} and 'labels' a list")
        try:
            _clean_labels(r["labels"])
            _clean_spans(r.get("spans"), r["text"])
        except ValueError as exc:
            raise CorpusError(path, number, str(exc)) from None
        records.append(r)
    return records
