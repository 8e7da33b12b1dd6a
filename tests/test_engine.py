"""The engine and the command line: findings, the classify contract, exit codes, formats, model safety."""
import io
import json
import subprocess
import sys
import zipfile

import pytest

from classifier.cli import main
from classifier.findings import FINDING_SCHEMA

BAD = ("Sex slaves freed in horror raid\n\n"
       "Maria Popescu, 16, from the village of Costesti, was sold to a gang, police said.\n"
       "The shocking nightmare ended when officers stormed the flat.\n")
CLEAN = ("Court jails two men for trafficking offences\n\n"
         "Two men were jailed on Friday for trafficking women for sexual exploitation, the court heard.\n"
         "Detective Inspector Sarah Jones said the victims were being supported by specialist services.\n")


def test_analysis_flags_rules_with_evidence_and_advice(engine):
    analysis = engine.analyze(BAD)
    rules = {f.rule_id for f in analysis.findings}
    labels = {f.label for f in analysis.findings}
    assert {"victim_identification", "sensationalism"} <= labels
    assert any(r.startswith(("VID", "CHI")) for r in rules)
    for f in analysis.findings:
        assert f.schema == FINDING_SCHEMA
        assert 0 <= f.start < f.end <= len(BAD)
        assert f.passage_start <= f.start and f.end <= f.passage_end
        assert f.suggestions and f.sources and f.rationale and f.message
    name = next(f for f in analysis.findings if f.detector == "victim_name")
    assert BAD[name.start:name.end] == "Maria Popescu"


def test_clean_article_has_no_findings(engine):
    assert engine.analyze(CLEAN).findings == []


def test_sensitivity_flags_more_or_fewer(engine):
    from corpus.schema import read_corpus

    texts = [p.text for p in read_corpus()[:400]]

    def flagged(shift):
        engine.sensitivity["sensationalism"] = shift
        try:
            return {i for i, r in enumerate(engine.classify(texts)) if "sensationalism" in r.labels}
        finally:
            engine.sensitivity.clear()

    default, more, fewer = flagged(0.0), flagged(0.3), flagged(-0.3)
    assert fewer < default < more


def run_cli(*args, stdin=None, home=None):
    env = {"THB_REVIEW_HOME": str(home), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "classifier.cli", *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=300)


def test_classify_contract(engine, home):
    records = [{"id": "a", "text": "Sex slaves freed in horror raid"},
               {"id": 7, "text": "Police arrested two men on Tuesday."}]
    stdin = "".join(json.dumps(r) + "\n" for r in records)
    result = run_cli("classify", stdin=stdin, home=home)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 7]
    for o in out:
        assert set(o) == {"id", "labels", "scores", "rules"}
        assert all(0.0 <= p <= 1.0 for p in o["scores"].values())
    assert "sensationalism" in out[0]["labels"] and out[0]["rules"]
    assert out[1]["labels"] == [] and out[1]["rules"] == []


def test_classify_reports_a_bad_line(home, engine, tmp_path):
    bad = tmp_path / "in.jsonl"
    bad.write_text('{"id": 1, "text": "fine"}\n{"text": "no id"}\n')
    result = run_cli("classify", "-i", str(bad), home=home)
    assert result.returncode == 2 and "in.jsonl:2" in result.stderr


def make_docx(path, paragraphs):
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
           'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           f"{body}</w:body></w:document>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", xml)


@pytest.fixture
def articles(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "bad.html").write_text(
        "<html><head><script>var sexSlaves = 1;</script></head><body><nav>Home | Sex slaves</nav>"
        "<article><h1>Court case</h1><p>" + BAD.splitlines()[2] + "</p></article></body></html>",
        encoding="utf-8")
    make_docx(tmp_path / "bad.docx", BAD.splitlines())
    (tmp_path / "cp1250.txt").write_bytes("Policija je uhapsila dvojicu muškaraca u Šapcu.\n".encode("cp1250"))
    return tmp_path


def test_check_exit_codes_and_formats(engine, home, articles):
    result = run_cli("check", str(articles / "clean.md"), home=home)
    assert result.returncode == 0, result.stderr + result.stdout
    for name in ("bad.txt", "bad.html", "bad.docx"):
        result = run_cli("check", str(articles / name), home=home)
        assert result.returncode == 1, (name, result.stderr)
        first = result.stdout.splitlines()[0]
        assert first.startswith(f"{articles / name}:") and ("VID" in result.stdout or "CHI" in result.stdout)
    missing = run_cli("check", str(articles / "nope.txt"), home=home)
    assert missing.returncode == 2 and "nope.txt" in missing.stderr


def test_check_line_and_column(engine, home, articles):
    out = run_cli("check", str(articles / "bad.txt"), home=home).stdout
    line = next(l for l in out.splitlines() if "'Maria Popescu'" in l and " VID-01 " in l)
    where, rule, label = line.split(" ")[:3]
    assert where == f"{articles / 'bad.txt'}:3:1" and rule == "VID-01" and label == "victim_identification"


def test_check_json_and_html_main_text_only(engine, home, articles):
    result = run_cli("check", "--format", "json", str(articles / "bad.html"), home=home)
    report = json.loads(result.stdout)
    text = " ".join(p["text"] for p in report["passages"])
    assert "sexSlaves" not in text and "Home |" not in text and "Court case" in text
    assert report["findings"] and {"rule_id", "detector", "start", "end", "suggestions"} <= set(report["findings"][0])


def test_legacy_encoding_is_decoded(articles):
    from classifier.readers import read_article

    assert "Šapcu" in read_article(articles / "cp1250.txt")


def test_folder_is_checked_recursively(engine, home, articles):
    (articles / "sub").mkdir()
    (articles / "sub" / "more.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "--format", "json", str(articles), home=home)
    files = {r["file"] for r in json.loads(result.stdout)}
    assert str(articles / "sub" / "more.txt") in files and len(files) == 6


def test_unreadable_files_give_clear_errors(tmp_path, home, engine):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    for name, reason in (("empty.txt", "empty"), ("binary.txt", "binary"), ("broken.docx", ".docx")):
        result = run_cli("check", str(tmp_path / name), home=home)
        assert result.returncode == 2 and reason in result.stderr, (name, result.stderr)


def test_untrusted_model_is_refused_and_its_payload_never_runs(tmp_path, home, engine):
    marker = tmp_path / "pwned"
    payload = tmp_path / "evil.joblib"
    code = (f"import joblib, os\nclass P:\n    def __reduce__(self):\n        return (os.system, ('touch {marker}',))\n"
            f"joblib.dump(P(), {str(payload)!r})\n")
    subprocess.run([sys.executable, "-c", code], check=True)
    original = payload.read_bytes()
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "--model", str(payload), str(tmp_path / "a.txt"), home=home)
    assert result.returncode == 2
    assert "refusing to load" in result.stderr and "did not write it" in result.stderr
    assert not marker.exists()
    assert payload.read_bytes() == original            # refused, not overwritten


def test_foreign_file_in_place_of_the_default_model_is_set_aside(tmp_path, monkeypatch):
    from classifier.engine import load_engine
    from classifier.paths import model_path

    monkeypatch.setenv("THB_REVIEW_HOME", str(tmp_path))
    model_path().write_bytes(b"not a model this application wrote")
    messages = []
    rebuilt = load_engine(notify=messages.append)
    assert rebuilt.bundle is not None and any("refusing to load" in m for m in messages)
    assert (model_path().parent / "model.joblib.refused").read_bytes() == b"not a model this application wrote"


def test_corrupt_model_is_retrained(tmp_path, home, engine):
    from classifier.engine import load_engine
    from classifier.model import file_sha256, save_model

    path = tmp_path / "model.joblib"
    save_model(engine.bundle, path)
    path.write_bytes(path.read_bytes()[:1000])             # truncated after it was recorded
    from classifier.model import trust_model_file
    trust_model_file(path)                                 # even a trusted but damaged file is not used
    messages = []
    rebuilt = load_engine(model_file=path, notify=messages.append)
    assert any("damaged" in m for m in messages) and rebuilt.bundle is not None
    assert file_sha256(path) != "" and rebuilt.analyze(BAD).findings


def test_model_metadata(engine):
    meta = engine.bundle.meta
    assert meta["corpus_passages"] >= 2000 and meta["catalogue_rules"] >= 30
    assert set(meta["thresholds"]) == set(meta["labels"])
    assert meta["cross_validation"]["grouped_by"] == "article"
    assert {"scikit-learn", "nltk", "python"} <= set(meta["versions"])
