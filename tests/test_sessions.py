"""Training session files: round trip, relative article paths, broken files, crash-safe saving."""
import json
import os

import pytest

from guidelines.sessions import (FORMAT, Session, SessionError, article_item, passage_item, read_session,
                                 rule_example, write_session)


def test_round_trip_keeps_order_and_kinds(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "raid.md").write_text("A draft.", encoding="utf-8")
    session = Session("Workshop, Tirana", [rule_example("vid-01"), passage_item("b1-a001-02"),
                                            article_item(drafts / "raid.md"), article_item(sample="02-farm-raid-local.md"),
                                            rule_example("VID-01", "rewrite")])
    path = write_session(session, tmp_path / "workshop")
    assert path.name == "workshop.thbsession"
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["format"] == FORMAT
    assert raw["items"][2] == {"kind": "article", "path": "drafts/raid.md"}     # kept relative to the session
    again = read_session(path)
    assert again.title == "Workshop, Tirana"
    assert [i.key for i in again.items] == ["rule:VID-01:bad", "passage:b1-a001-02", "article:drafts/raid.md",
                                            "article:02-farm-raid-local.md", "rule:VID-01:rewrite"]
    assert again.article_path(again.items[2]).read_text(encoding="utf-8") == "A draft."
    assert again.problems == []


def test_adding_the_same_example_twice_keeps_one():
    session = Session()
    assert session.add(rule_example("SEN-01"))
    assert not session.add(rule_example("SEN-01"))
    assert session.add(rule_example("SEN-01", "rewrite"))
    assert len(session.items) == 2


@pytest.mark.parametrize("content, reason", [
    (b"", "the file is empty"),
    (b"{not json", "not valid JSON (line 1"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b'["a list"]', "must hold a JSON object"),
    (b'{"format": "thb-review.report/1", "items": []}', "not a training session"),
    (b'{"format": "thb-review.session/7", "items": []}', "newer version"),
    (b'{"format": "thb-review.session/1", "items": {"a": 1}}', "'items' must be a list"),
])
def test_broken_files_name_the_file_and_the_reason(tmp_path, content, reason):
    path = tmp_path / "broken.thbsession"
    path.write_bytes(content)
    with pytest.raises(SessionError) as caught:
        read_session(path)
    assert str(path) in str(caught.value)
    assert reason in str(caught.value)


def test_a_missing_file_is_a_session_error(tmp_path):
    with pytest.raises(SessionError, match="cannot read"):
        read_session(tmp_path / "nowhere.thbsession")


def test_bad_items_are_reported_and_the_rest_opens(tmp_path):
    path = tmp_path / "mixed.thbsession"
    path.write_text(json.dumps({"format": FORMAT, "title": "Mixed", "items": [
        {"kind": "rule_example", "rule": "VID-01"}, {"kind": "slideshow"}, {"kind": "passage"},
        {"kind": "rule_example", "rule": "VID-01", "variant": "ugly"}, {"kind": "article", "sample": "../etc/x.md"},
        {"kind": "passage", "id": "b1-a001-01"}, {"kind": "rule_example", "rule": "VID-01"}]}), encoding="utf-8")
    session = read_session(path)
    assert [i.key for i in session.items] == ["rule:VID-01:bad", "passage:b1-a001-01"]
    text = " | ".join(session.problems)
    for expected in ("item 2: unknown kind 'slideshow'", "item 3: a passage needs an 'id'",
                     "item 4: variant must be", "item 5: 'sample' must be a bare file name", "item 7:"):
        assert expected in text


def test_a_failed_save_keeps_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "kept.thbsession"
    write_session(Session("First", [rule_example("VID-01")]), path)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SessionError, match="No space left"):
        write_session(Session("Second", [rule_example("SEN-01")]), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["kept.thbsession"]      # no partial file left behind
