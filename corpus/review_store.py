"""The review store: an editor's decisions, added flags, allow-list and drafts in one SQLite file.

Pure Python (sqlite3, no Qt) so tools and tests can read it without the window.
WAL mode and one transaction per user action make it crash-safe: a decision is
either fully written or not at all. Decisions are never deleted: a superseded or
undone decision stays in the history, because every dismissal and its reason is
a training signal for annotators.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import struct
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

STORE_FORMAT = "thb-review.review-store"
SCHEMA_VERSION = 1
APPLICATION_ID = 0x54484252          # "THBR" in the SQLite header: marks the file as ours
SQLITE_MAGIC = b"SQLite format 3\x00"
DECISIONS = ("confirmed", "dismissed", "relabelled")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,          -- absolute path, or 'pasted:<id>' for clipboard text
    title TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,          -- hash of the text as read from the source
    text TEXT NOT NULL,                   -- the current draft (edits included)
    text_sha256 TEXT NOT NULL,
    is_open INTEGER NOT NULL DEFAULT 1,   -- shown in the window at the last close
    opened_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    finding_key TEXT NOT NULL,            -- rule id and passage fingerprint, so it survives edits elsewhere
    rule_id TEXT NOT NULL,
    label TEXT NOT NULL,                  -- the label the tool gave
    decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'dismissed', 'relabelled')),
    new_label TEXT,                       -- for 'relabelled'
    reason TEXT NOT NULL DEFAULT '',
    annotator TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL,
    passage_text TEXT NOT NULL DEFAULT '',
    evidence_text TEXT NOT NULL DEFAULT '',
    score REAL,
    state TEXT NOT NULL DEFAULT 'current' CHECK (state IN ('current', 'superseded', 'undone'))
);
CREATE INDEX decisions_current ON decisions(article_id, finding_key, state);
CREATE TABLE added_flags (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,                   -- the flagged words, to re-anchor after edits
    label TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    annotator TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    removed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE allow_list (
    term TEXT PRIMARY KEY COLLATE NOCASE,
    label TEXT NOT NULL DEFAULT '',       -- '' suppresses flags of every label
    note TEXT NOT NULL DEFAULT '',
    added_by TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL
);
"""


class StoreError(RuntimeError):
    """The review store cannot be used; the message says why and what to do."""


class StoreBusyError(StoreError):
    """Another program holds the write lock for longer than the busy timeout."""


def now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_store_path() -> Path:
    from classifier.paths import data_dir

    return data_dir() / "review.sqlite3"


@dataclass(frozen=True)
class StoredArticle:
    id: int
    source: str
    title: str
    source_sha256: str
    text: str
    is_open: bool
    opened_at: str
    updated_at: str


@dataclass(frozen=True)
class Decision:
    finding_key: str
    rule_id: str
    label: str
    decision: str
    new_label: str | None = None
    reason: str = ""
    annotator: str = ""
    decided_at: str = ""
    passage_text: str = ""
    evidence_text: str = ""
    score: float | None = None


@dataclass(frozen=True)
class AddedFlag:
    id: int
    article_id: int
    start: int
    end: int
    text: str
    label: str
    note: str = ""
    annotator: str = ""
    created_at: str = ""


@dataclass(frozen=True)
class AllowTerm:
    term: str
    label: str = ""
    note: str = ""
    added_by: str = ""
    added_at: str = ""


def _inspect(path: Path) -> str:
    """'new' for a missing or empty file, 'ours' for a review store; raise StoreError otherwise.

    Reads the header bytes only, so a file that is not ours is never modified
    (opening it with sqlite3 could create journal files or change it).
    """
    if not path.exists() or path.stat().st_size == 0:
        return "new"
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a review store file")
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StoreError(f"cannot read the review store {path}: {exc.strerror or exc}") from None
    if not header.startswith(SQLITE_MAGIC):
        raise StoreError(f"{path} is not a thb-review review store (it is not an SQLite database; "
                         "it may be damaged). The file was left untouched; choose another file or move it away.")
    if len(header) < 100:
        raise StoreError(f"{path} is a damaged SQLite file (truncated header). The file was left untouched.")
    (app_id,) = struct.unpack(">I", header[68:72])
    if app_id == APPLICATION_ID:
        return "ours"
    if app_id == 0:
        try:   # an SQLite file without tables (e.g. created empty) can become a store
            with sqlite3.connect(f"file:{path}?immutable=1", uri=True) as probe:
                tables = probe.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            probe.close()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is a damaged SQLite file ({exc}). The file was left untouched.") from None
        if tables == 0:
            return "new"
    raise StoreError(f"{path} is an SQLite database of another program, not a thb-review review store. "
                     "The file was left untouched; choose another file.")


class ReviewStore:
    """One review file. Every public write is one transaction."""

    def __init__(self, path: Path | str | None = None, busy_timeout: float = 5.0):
        self.path = Path(path) if path else default_store_path()
        self.busy_timeout = busy_timeout
        kind = _inspect(self.path)
        if kind == "new":
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():   # create it user-only before SQLite opens it
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        try:
            self.conn = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None,
                                        check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            if kind == "new":
                self._create()
            else:   # find damage now, before anything is written, rather than mid-review
                verdict = self.conn.execute("PRAGMA quick_check(1)").fetchone()[0]
                if verdict != "ok":
                    raise sqlite3.DatabaseError(verdict)
            self.conn.execute("PRAGMA journal_mode=WAL")
            # FULL: a committed action survives power loss too, at a cost the user cannot notice.
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._check_version()
        except sqlite3.OperationalError as exc:
            self.close()
            raise self._translate(exc) from None
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(f"the review store {self.path} is damaged ({exc}). "
                             "Move it away to start a new one; it was not changed.") from None

    # ------------------------------------------------------------------ plumbing
    def _create(self) -> None:
        with self._write():
            self.conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            self.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            # executescript would commit the open transaction first, so run the statements one by one.
            for statement in SCHEMA.split(";\n"):
                if statement.strip():
                    self.conn.execute(statement)
            self.conn.executemany("INSERT INTO meta VALUES (?, ?)",
                                  [("format", STORE_FORMAT), ("version", str(SCHEMA_VERSION)), ("created", now())])

    def _check_version(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"the review store {self.path} was written by a newer thb-review "
                             f"(format {version}; this version reads {SCHEMA_VERSION}). It was not changed.")

    def _translate(self, exc: sqlite3.OperationalError) -> StoreError:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return StoreBusyError(
                f"the review store {self.path} is in use by another program (perhaps another thb-review "
                f"window) and stayed locked for {self.busy_timeout:g} s. This change was not saved; try again.")
        if "readonly" in text or "read-only" in text:
            return StoreError(f"the review store {self.path} is read-only; changes cannot be saved")
        return StoreError(f"the review store {self.path} could not be written: {exc}")

    @contextmanager
    def _write(self):
        """One transaction; BEGIN IMMEDIATE takes the write lock up front so a busy store fails cleanly."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._translate(exc) from None
        try:
            yield self.conn
        except sqlite3.OperationalError as exc:
            self.conn.execute("ROLLBACK")
            raise self._translate(exc) from None
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self.conn.execute("ROLLBACK")
            raise self._translate(exc) from None

    def _read(self, sql: str, params=()) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise self._translate(exc) from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"the review store {self.path} is damaged ({exc})") from None

    def close(self) -> None:
        try:
            if getattr(self, "conn", None) is not None:
                self.conn.close()
        except sqlite3.Error:
            pass

    # ------------------------------------------------------------------ articles
    def is_empty(self) -> bool:
        return not self._read("SELECT 1 FROM articles LIMIT 1")

    def upsert_article(self, source: str, title: str, text: str, source_sha256: str | None = None) -> StoredArticle:
        """Remember an opened article. If it is known and its source is unchanged, the stored draft wins."""
        source_sha = source_sha256 or sha256(text)
        with self._write() as c:
            row = c.execute("SELECT * FROM articles WHERE source = ?", (source,)).fetchone()
            stamp = now()
            if row is None:
                c.execute("INSERT INTO articles (source, title, source_sha256, text, text_sha256, is_open, "
                          "opened_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
                          (source, title, source_sha, text, sha256(text), stamp, stamp))
            elif row["source_sha256"] != source_sha:
                # The file changed on disk since it was reviewed: its new text replaces the old draft.
                # Decisions are keyed by passage text, so those for unchanged passages still apply.
                c.execute("UPDATE articles SET title = ?, source_sha256 = ?, text = ?, text_sha256 = ?, "
                          "is_open = 1, opened_at = ?, updated_at = ? WHERE id = ?",
                          (title, source_sha, text, sha256(text), stamp, stamp, row["id"]))
            else:
                c.execute("UPDATE articles SET is_open = 1, opened_at = ? WHERE id = ?", (stamp, row["id"]))
            row = c.execute("SELECT * FROM articles WHERE source = ?", (source,)).fetchone()
        return self._article(row)

    @staticmethod
    def _article(row) -> StoredArticle:
        return StoredArticle(row["id"], row["source"], row["title"], row["source_sha256"], row["text"],
                             bool(row["is_open"]), row["opened_at"], row["updated_at"])

    def article(self, article_id: int) -> StoredArticle:
        rows = self._read("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise StoreError(f"no article {article_id} in {self.path}")
        return self._article(rows[0])

    def open_articles(self) -> list[StoredArticle]:
        return [self._article(r) for r in self._read("SELECT * FROM articles WHERE is_open = 1 ORDER BY opened_at, id")]

    def save_text(self, article_id: int, text: str, flags: list[AddedFlag] = ()) -> None:
        """Save the draft and the re-anchored positions of added flags together (one action)."""
        with self._write() as c:
            c.execute("UPDATE articles SET text = ?, text_sha256 = ?, updated_at = ? WHERE id = ?",
                      (text, sha256(text), now(), article_id))
            c.executemany("UPDATE added_flags SET start = ?, end = ? WHERE id = ?",
                          [(f.start, f.end, f.id) for f in flags])

    def set_open(self, article_id: int, is_open: bool) -> None:
        with self._write() as c:
            c.execute("UPDATE articles SET is_open = ? WHERE id = ?", (int(is_open), article_id))

    # ------------------------------------------------------------------ decisions
    def decisions(self, article_id: int) -> dict[str, Decision]:
        rows = self._read("SELECT * FROM decisions WHERE article_id = ? AND state = 'current'", (article_id,))
        return {r["finding_key"]: self._decision(r) for r in rows}

    @staticmethod
    def _decision(r) -> Decision:
        return Decision(r["finding_key"], r["rule_id"], r["label"], r["decision"], r["new_label"], r["reason"],
                        r["annotator"], r["decided_at"], r["passage_text"], r["evidence_text"], r["score"])

    def set_decision(self, article_id: int, decision: Decision | None, finding_key: str | None = None,
                     undo: bool = False) -> None:
        """Make `decision` the current one for its finding (None clears it). The old row stays as history."""
        key = decision.finding_key if decision else finding_key
        if decision is not None and decision.decision not in DECISIONS:
            raise ValueError(f"unknown decision {decision.decision!r}")
        with self._write() as c:
            c.execute("UPDATE decisions SET state = ? WHERE article_id = ? AND finding_key = ? AND state = 'current'",
                      ("undone" if undo else "superseded", article_id, key))
            if decision is not None:
                c.execute("INSERT INTO decisions (article_id, finding_key, rule_id, label, decision, new_label, "
                          "reason, annotator, decided_at, passage_text, evidence_text, score) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          (article_id, key, decision.rule_id, decision.label, decision.decision,
                           decision.new_label, decision.reason, decision.annotator, decision.decided_at or now(),
                           decision.passage_text, decision.evidence_text, decision.score))

    def decision_history(self) -> list[dict]:
        """Every decision ever taken, with its article and state: the annotators' training signal."""
        rows = self._read("SELECT d.*, a.source, a.title FROM decisions d JOIN articles a ON a.id = d.article_id "
                          "ORDER BY d.id")
        return [dict(r) for r in rows]

    # ------------------------------------------------------------------ added flags
    def added_flags(self, article_id: int) -> list[AddedFlag]:
        rows = self._read("SELECT * FROM added_flags WHERE article_id = ? AND removed = 0 ORDER BY start, id",
                          (article_id,))
        return [AddedFlag(r["id"], r["article_id"], r["start"], r["end"], r["text"], r["label"], r["note"],
                          r["annotator"], r["created_at"]) for r in rows]

    def add_flag(self, article_id: int, start: int, end: int, text: str, label: str, note: str = "",
                 annotator: str = "") -> AddedFlag:
        stamp = now()
        with self._write() as c:
            cur = c.execute("INSERT INTO added_flags (article_id, start, end, text, label, note, annotator, "
                            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            (article_id, start, end, text, label, note, annotator, stamp))
        return AddedFlag(cur.lastrowid, article_id, start, end, text, label, note, annotator, stamp)

    def set_flag_removed(self, flag_id: int, removed: bool) -> None:
        with self._write() as c:
            c.execute("UPDATE added_flags SET removed = ? WHERE id = ?", (int(removed), flag_id))

    def set_flag_label(self, flag_id: int, label: str) -> None:
        with self._write() as c:
            c.execute("UPDATE added_flags SET label = ? WHERE id = ?", (label, flag_id))

    # ------------------------------------------------------------------ allow-list
    def allow_list(self) -> list[AllowTerm]:
        return [AllowTerm(r["term"], r["label"], r["note"], r["added_by"], r["added_at"])
                for r in self._read("SELECT * FROM allow_list ORDER BY term COLLATE NOCASE")]

    def allow(self, term: str, label: str = "", note: str = "", added_by: str = "") -> AllowTerm:
        term = " ".join(term.split())
        if not term:
            raise ValueError("an allow-list term cannot be empty")
        entry = AllowTerm(term, label, note, added_by, now())
        with self._write() as c:
            c.execute("INSERT OR REPLACE INTO allow_list VALUES (?, ?, ?, ?, ?)",
                      (entry.term, entry.label, entry.note, entry.added_by, entry.added_at))
        return entry

    def disallow(self, term: str) -> None:
        with self._write() as c:
            c.execute("DELETE FROM allow_list WHERE term = ?", (term,))
