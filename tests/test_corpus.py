"""The corpus: format, validation and statistics."""
import json

import pytest

from corpus.schema import CorpusError, read_corpus, read_jsonl
from corpus.stats import corpus_stats
from corpus.validate import validate
from guidelines import load_catalogue

GOOD = {"id": "t-a001-01", "article": "t-a001", "text": "Police in Tirana arrested two men.", "scope": "body",
        "labels": [], "rules": [], "language": "en", "source_kind": "written_for_corpus",
        "licence": "CC-BY-4.0", "annotator": "test", "date": "2026-11-23"}


def lines(tmp_path, *records, name="c.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def bundled():
    return read_corpus()


def test_bundled_corpus_meets_the_counts(bundled):
    stats = corpus_stats(bundled)
    assert stats["passages"] >= 2000
    assert stats["labels"]["victim_identification"] >= 400
    assert stats["labels"]["sensationalism"] >= 400
    for label in ("victim_blaming", "terminology", "stereotyping", "presumption_of_innocence"):
        assert stats["labels"][label] >= 100, label
    assert stats["no_label"] >= 800
    assert stats["licence"] == {"CC-BY-4.0": stats["passages"]}
    for country in ("Albania", "Bosnia and Herzegovina", "Moldova", "Turkey", "Azerbaijan", "Pakistan",
                    "United Kingdom"):
        assert stats["country"].get(country, 0) > 0, country


def test_bundled_corpus_validates(bundled):
    assert validate(bundled, load_catalogue()) == []


def test_bad_json_is_reported_with_file_and_line(tmp_path):
    path = lines(tmp_path, GOOD, "{not json")
    with pytest.raises(CorpusError, match=r"c.jsonl:2: not valid JSON"):
        read_jsonl(path)


@pytest.mark.parametrize("change, message", [
    ({"labels": ["gossip"]}, "unknown label"),
    ({"scope": "sidebar"}, "unknown scope"),
    ({"text": ""}, "'text' must be a non-empty string"),
    ({"spans": [{"start": 5, "end": 999, "label": "sensationalism"}]}, "bad span"),
    ({"colour": "red"}, "unknown field"),
])
def test_schema_errors(tmp_path, change, message):
    with pytest.raises(CorpusError, match=message):
        read_jsonl(lines(tmp_path, {**GOOD, **change}))


def test_missing_field_is_named(tmp_path):
    record = dict(GOOD)
    del record["licence"]
    with pytest.raises(CorpusError, match="missing field.*licence"):
        read_jsonl(lines(tmp_path, record))


def test_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b"\n" + '{"text": "Bra\xe7ov"}'.encode("latin-1"))
    with pytest.raises(CorpusError, match="latin.jsonl:2: not UTF-8"):
        read_jsonl(path)


def test_validation_finds_rules_duplicates_and_split_articles(tmp_path):
    flagged = {**GOOD, "id": "t-a001-02", "text": "Sex slaves freed in dawn raid",
               "labels": ["sensationalism"], "rules": ["VID-01", "NOPE-01"]}
    copy = {**GOOD, "id": "t-a002-01", "article": "t-a002"}
    near = {**GOOD, "id": "t-a002-02", "article": "t-a002", "text": "Police in Tirana arrested two men!"}
    back = {**GOOD, "id": "t-a001-03", "text": "The article comes back later."}
    reused = {**GOOD, "article": "t-a003", "text": "A passage with an id used before."}
    passages = read_jsonl(lines(tmp_path, GOOD, flagged, copy, near, back, reused))
    problems = validate(passages, load_catalogue())
    kinds = [p.kind for p in problems]
    text = "\n".join(map(str, problems))
    assert "unknown rule id NOPE-01" in text
    assert "rule VID-01 belongs to victim_identification" in text
    assert "label sensationalism names no rule" in text
    assert "duplicate" in kinds                       # exact copy (and the punctuation-only variant)
    assert "article t-a001 is split" in text
    assert "id t-a001-01 already used" in text


def test_near_duplicates_above_threshold(tmp_path):
    a = {**GOOD, "text": "The court heard that the women were kept in a flat above a bakery in Durres."}
    b = {**GOOD, "id": "t-a001-02", "text": "The court heard that the women were kept in a flat above a bakery in Durrës."}
    problems = validate(read_jsonl(lines(tmp_path, a, b)), load_catalogue())
    assert [p.kind for p in problems] == ["near_duplicate"]


def test_stats_command_prints_text_and_json(capsys):
    from classifier.cli import main

    assert main(["corpus", "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["labels"]["victim_identification"] >= 400 and "rules" in stats and "source_kind" in stats
    assert main(["corpus", "stats"]) == 0
    assert "victim_identification" in capsys.readouterr().out


def test_validate_command_exit_codes(tmp_path, capsys):
    from classifier.cli import main

    assert main(["corpus", "validate", str(lines(tmp_path, GOOD))]) == 0
    assert main(["corpus", "validate", str(lines(tmp_path, GOOD, GOOD, name="dup.jsonl"))]) == 1
    assert main(["corpus", "validate", str(lines(tmp_path, "{", name="broken.jsonl"))]) == 2
