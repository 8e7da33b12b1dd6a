"""The guideline catalogue: loading, validation errors, user packs, and its own examples."""
import re
import textwrap

import pytest

from classifier.engine import corpus_passage
from classifier.signals import SignalScanner
from guidelines import LABELS, CatalogueError, load_catalogue

VALID_RULE = """
[[rule]]
id = "ZZZ-01"
label = "sensationalism"
title = "Test rule"
statement = "Do not call a trafficking case a thriller."
rationale = "It turns harm into entertainment."
severity = "low"
scopes = ["body"]
advice = "Describe what happened."
bad_example = "A real-life thriller unfolded in the port."
rewrite = "Police said three people were charged."
sources = [{publisher = "Test", title = "Test guide", year = 2020}]
signals = {terms = ["real-life thriller"]}
"""


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_bundled_catalogue_covers_every_label(catalogue):
    assert len(catalogue) >= 30
    assert {rule.label for rule in catalogue} == set(LABELS)
    for rule in catalogue:
        assert rule.sources and all(s.publisher and s.title for s in rule.sources), rule.id
        assert re.match(r"^[A-Z]{2,5}-\d{2}$", rule.id)


def test_every_rule_flags_its_bad_example_and_spares_its_rewrite(catalogue):
    """Like LanguageTool: a rule whose own example no longer triggers it breaks the build."""
    scanner = SignalScanner(catalogue)
    failures = []
    for rule in catalogue:
        if not (rule.terms or rule.patterns or rule.detectors):
            continue
        scope = "caption" if rule.scopes == ("caption",) else "body"
        bad = {h.rule_id for h in scanner.scan(corpus_passage(rule.bad_example, scope))}
        good = {h.rule_id for h in scanner.scan(corpus_passage(rule.rewrite, scope))}
        if rule.id not in bad:
            failures.append(f"{rule.id}: bad example not flagged")
        if rule.id in good:
            failures.append(f"{rule.id}: rewrite flagged")
    assert not failures, failures


def test_rules_list_and_show(capsys):
    from classifier.cli import main

    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "VID-01" in out and "Victim identification" in out
    assert main(["rules", "show", "vid-01"]) == 0
    out = capsys.readouterr().out
    assert "Why it matters" in out and "Compliant rewrite" in out and "Sources" in out
    assert main(["rules", "show", "NOPE-99"]) == 2


def write(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_user_pack_adds_and_replaces_rules(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    write(pack, "extra.toml", VALID_RULE + VALID_RULE.replace("ZZZ-01", "VID-01")
          .replace('label = "sensationalism"', 'label = "victim_identification"'))
    catalogue = load_catalogue(pack)
    assert "ZZZ-01" in catalogue
    assert catalogue.get("VID-01").title == "Test rule"
    assert len(catalogue) == len(load_catalogue()) + 1


@pytest.mark.parametrize("broken, message", [
    (VALID_RULE.replace('label = "sensationalism"', 'label = "gossip"'), "unknown label"),
    (VALID_RULE.replace('severity = "low"', 'severity = "dire"'), "severity"),
    (VALID_RULE.replace("signals = {terms = [\"real-life thriller\"]}", "signals = {patterns = ['(unclosed']}"),
     "does not compile"),
    (VALID_RULE.replace('statement = "Do not call a trafficking case a thriller."\n', ""), "'statement'"),
    (VALID_RULE.replace("sources = [{publisher = \"Test\", title = \"Test guide\", year = 2020}]", ""), "source"),
    (VALID_RULE.replace("terms = [\"real-life thriller\"]", "detectors = [\"mind_reader\"]"), "unknown detector"),
])
def test_broken_rule_is_reported_by_file_and_id(tmp_path, broken, message):
    path = write(tmp_path, "bad.toml", broken)
    with pytest.raises(CatalogueError) as err:
        load_catalogue(path, bundled=False)
    assert message in str(err.value)
    assert "bad.toml" in str(err.value) and "ZZZ-01" in str(err.value)


def test_invalid_toml_names_the_file(tmp_path):
    path = write(tmp_path, "broken.toml", "[[rule]\nid = ")
    with pytest.raises(CatalogueError, match="broken.toml: not valid TOML"):
        load_catalogue(path, bundled=False)


def test_missing_pack_is_a_clear_error(tmp_path):
    with pytest.raises(CatalogueError, match="no such rule file or folder"):
        load_catalogue(tmp_path / "nowhere")
