"""The review store on its own: crash safety, damaged and foreign files, a second writer."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus.review_store import (Decision, ReviewStore, StoreBusyError, StoreError, default_store_path)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_round_trip_and_user_only_permissions(tmp_path):
    path = tmp_path / "review.sqlite3"
    store = ReviewStore(path)
    art = store.upsert_article("/news/a.md", "A", "Ana Petrova, 16, was freed.")
    store.set_decision(art.id, Decision("VID-01|x", "VID-01", "victim_identification", "dismissed",
                                        reason="consent", annotator="ed"))
    flag = store.add_flag(art.id, 0, 11, "Ana Petrova", "victim_identification", "missed")
    store.allow("Mara  Velic")
    store.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    store = ReviewStore(path)
    assert store.open_articles()[0].text == "Ana Petrova, 16, was freed."
    assert store.decisions(art.id)["VID-01|x"].reason == "consent"
    assert store.added_flags(art.id) == [flag]
    assert [t.term for t in store.allow_list()] == ["Mara Velic"]
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_default_store_lives_in_the_data_folder():
    assert default_store_path() == Path(os.environ["THB_REVIEW_HOME"]) / "review.sqlite3"


def test_decisions_keep_their_history(tmp_path):
    store = ReviewStore(tmp_path / "r.sqlite3")
    art = store.upsert_article("pasted:1", "P", "text")
    first = Decision("K", "SEN-01", "sensationalism", "dismissed", reason="quoted")
    store.set_decision(art.id, first)
    store.set_decision(art.id, Decision("K", "SEN-01", "sensationalism", "confirmed"))
    store.set_decision(art.id, None, finding_key="K", undo=True)
    assert store.decisions(art.id) == {}
    states = [(r["decision"], r["state"]) for r in store.decision_history()]
    assert states == [("dismissed", "superseded"), ("confirmed", "undone")]
    store.close()


def test_a_changed_source_file_replaces_the_draft_but_an_unchanged_one_keeps_it(tmp_path):
    store = ReviewStore(tmp_path / "r.sqlite3")
    art = store.upsert_article("/a.md", "A", "original")
    store.save_text(art.id, "edited draft")
    assert store.upsert_article("/a.md", "A", "original").text == "edited draft"
    assert store.upsert_article("/a.md", "A", "new version on disk").text == "new version on disk"
    store.close()


WRITER = """
import sys
from corpus.review_store import Decision, ReviewStore
store = ReviewStore(sys.argv[1])
art = store.upsert_article("/crash.md", "Crash", "text")
for i in range(100000):
    store.set_decision(art.id, Decision(f"K{i}", "VID-01", "victim_identification", "confirmed"))
    print(i, flush=True)       # printed only after the transaction committed
"""


def test_a_killed_writer_leaves_every_committed_decision_readable(tmp_path):
    path = tmp_path / "crash.sqlite3"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    committed = -1
    deadline = time.monotonic() + 60
    while committed < 40 and time.monotonic() < deadline:
        committed = int(proc.stdout.readline())
    proc.kill()                                   # SIGKILL: no cleanup, mid-transaction at any point
    proc.wait()
    assert committed >= 40
    store = ReviewStore(path)
    saved = store.decisions(store.open_articles()[0].id)
    assert all(f"K{i}" in saved for i in range(committed + 1))
    store.close()


@pytest.mark.parametrize("content, message", [
    (b"Dear editor, this is a letter, not a database." * 10, "not an SQLite database"),
    (b"SQLite format 3\x00" + b"\x00" * 40, "damaged"),
])
def test_a_file_that_is_not_a_store_gives_a_clear_error_and_is_untouched(tmp_path, content, message):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(StoreError, match=message):
        ReviewStore(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]     # no journal files either


def test_a_damaged_store_gives_a_clear_error_and_is_untouched(tmp_path):
    path = tmp_path / "r.sqlite3"
    store = ReviewStore(path)
    art = store.upsert_article("/a.md", "A", "x" * 20000)
    for i in range(200):
        store.set_decision(art.id, Decision(f"K{i}", "VID-01", "victim_identification", "confirmed",
                                            passage_text="y" * 500))
    store.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2:4096 * 4] = b"\x5a" * (4096 * 2)       # scribble over two pages
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(StoreError, match="damaged"):
        ReviewStore(path)
    assert digest(path) == before


def test_a_foreign_sqlite_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(StoreError, match="another program"):
        ReviewStore(path)
    assert digest(path) == before


def test_a_second_writer_waits_then_gets_a_clear_message(tmp_path):
    path = tmp_path / "shared.sqlite3"
    first = ReviewStore(path)
    art = first.upsert_article("/a.md", "A", "text")
    second = ReviewStore(path, busy_timeout=0.3)
    first.conn.execute("BEGIN IMMEDIATE")                 # the other program holds the write lock
    started = time.monotonic()
    with pytest.raises(StoreBusyError, match="in use by another program"):
        second.set_decision(art.id, Decision("K", "VID-01", "victim_identification", "confirmed"))
    assert time.monotonic() - started >= 0.25
    first.conn.execute("ROLLBACK")
    second.set_decision(art.id, Decision("K", "VID-01", "victim_identification", "confirmed"))   # now it works
    assert first.decisions(art.id)["K"].decision == "confirmed"
    first.close()
    second.close()


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "r.sqlite3"
    ReviewStore(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version=99")
    con.close()
    with pytest.raises(StoreError, match="newer thb-review"):
        ReviewStore(path)
