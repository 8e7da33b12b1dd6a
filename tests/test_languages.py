"""The languages of the region: translated rule packs, corpora, segmentation and detection."""
import json
from pathlib import Path

import pytest

from classifier.engine import corpus_passage
from classifier.langid import detect
from classifier.segment import segment
from classifier.signals import SignalScanner, TermIndex
from corpus.schema import bundled_corpus, read_corpus
from corpus.validate import validate
from guidelines.catalogue import PACKS, CatalogueError, bundled_pack_languages, load_catalogue
from guidelines.languages import language_profile

OTHER_LANGUAGES = [code for code in bundled_pack_languages() if code != "en"]


@pytest.fixture(scope="module")
def english():
    return load_catalogue()


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_pack_translates_every_rule(language, english):
    catalogue = load_catalogue(language=language)
    assert catalogue.language == language
    assert set(catalogue.rules) == set(english.rules)
    for rule in catalogue:
        original = english.get(rule.id)
        assert f"packs/{language}/" in rule.path.replace("\\", "/"), f"{rule.id} is not translated"
        assert (rule.label, rule.severity, rule.scopes) == (original.label, original.severity, original.scopes)
        assert rule.title != original.title and rule.bad_example != original.bad_example, rule.id
        assert set(original.sources) <= set(rule.sources), rule.id
        assert rule.model_only or rule.terms or rule.patterns, f"{rule.id} has no signals in {language}"


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_translated_rule_flags_its_bad_example_and_spares_its_rewrite(language):
    catalogue = load_catalogue(language=language)
    scanner = SignalScanner(catalogue)
    failures = []
    for rule in catalogue:
        if not (rule.terms or rule.patterns):
            continue
        scope = "caption" if rule.scopes == ("caption",) else "body"
        bad = {h.rule_id for h in scanner.scan(corpus_passage(rule.bad_example, scope, language))}
        good = {h.rule_id for h in scanner.scan(corpus_passage(rule.rewrite, scope, language))}
        if rule.id not in bad:
            failures.append(f"{rule.id}: bad example not flagged")
        if rule.id in good:
            failures.append(f"{rule.id}: rewrite flagged")
    assert not failures, failures


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_corpus_of_each_language_is_valid_and_large_enough(language):
    passages = read_corpus(bundled_corpus(language))
    assert validate(passages, load_catalogue(language=language), language=language) == []
    assert len(passages) >= 400
    labelled = {label for p in passages for label in p.labels}
    assert {"victim_identification", "sensationalism"} <= labelled


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_abbreviations_never_end_a_sentence(language):
    profile = language_profile(language)
    for abbreviation in sorted(profile.abbreviations):
        text = f"Raporti i {abbreviation}. Qerimajt u publikua dje."   # "Qerimajt": a word no corpus holds
        passages = segment(text, language)
        assert len(passages) == 1, (abbreviation, [p.text for p in passages])


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_offsets_are_exact_in_the_samples(language):
    samples = sorted((bundled_corpus(language).parent.parent / "samples" / language).glob("*.md"))
    assert samples, f"no sample articles for {language}"
    for path in samples:
        text = path.read_text(encoding="utf-8")
        passages = segment(text, language)
        assert len(passages) >= 4
        for p in passages:
            assert text[p.start:p.end] == p.text and p.text.strip() == p.text


def test_dotted_and_dotless_i_match_whatever_the_case():
    index = TermIndex()
    index.add("istismar", 0)
    index.add("kız çocukları", 1)
    text = "İSTİSMAR, Istismar ve KIZ ÇOCUKLARI"
    found = [(owner, text[s:e]) for owner, s, e in index.find(text)]
    assert found == [(0, "İSTİSMAR"), (0, "Istismar"), (1, "KIZ ÇOCUKLARI")]


def write(tmp_path, body):
    path = tmp_path / "pack.toml"
    path.write_text(body, encoding="utf-8")
    return path


TRANSLATION = '''
[pack]
name = "test-xx"
language = "xx"
translates = "en"

[[rule]]
id = "SEN-01"
title = "Titulli"
statement = "Rregulli."
rationale = "Pse."
advice = "Si."
bad_example = "Një histori e tmerrshme."
rewrite = "Një histori."
{extra}
[[rule.sources]]
publisher = "Local press council"
title = "Code of ethics"

[rule.signals]
terms = ["e tmerrshme"]
{signals}
'''


def test_a_translation_keeps_label_severity_scopes_and_adds_sources(tmp_path, english):
    catalogue = load_catalogue(write(tmp_path, TRANSLATION.format(extra="", signals="")))
    rule, original = catalogue.get("SEN-01"), english.get("SEN-01")
    assert (rule.title, rule.terms) == ("Titulli", ("e tmerrshme",))
    assert (rule.label, rule.severity, rule.scopes) == (original.label, original.severity, original.scopes)
    assert rule.sources[:len(original.sources)] == original.sources
    assert rule.sources[-1].publisher == "Local press council"


@pytest.mark.parametrize("extra, signals, message", [
    ('label = "terminology"', "", "come from the translated rule"),
    ("", 'detectors = ["victim_name"]', "detectors read English only"),
])
def test_a_translation_cannot_change_what_it_translates(tmp_path, extra, signals, message):
    with pytest.raises(CatalogueError, match=message):
        load_catalogue(write(tmp_path, TRANSLATION.format(extra=extra, signals=signals)))


def test_a_translation_of_an_unknown_rule_is_refused(tmp_path):
    with pytest.raises(CatalogueError, match=r"\[ZZZ-01\].*translate a rule"):
        load_catalogue(write(tmp_path, TRANSLATION.format(extra="", signals="").replace("SEN-01", "ZZZ-01")))


def test_an_unknown_language_is_a_clear_error():
    with pytest.raises(CatalogueError, match="no rule pack for language 'xx'"):
        load_catalogue(language="xx")
    assert (PACKS / "en" / "language.toml").is_file()


def test_check_names_the_language_it_judged_by(tmp_path, capsys, engine):
    import json

    from classifier.cli import main

    article = tmp_path / "draft.md"
    article.write_text("# Raid on a farm\n\nPolice said on Tuesday that nine workers had been found living in "
                       "sheds and paid nothing for months, and that two men were held for questioning.\n",
                       encoding="utf-8")
    assert main(["check", str(article), "--format", "json"]) in (0, 1)
    report = json.loads(capsys.readouterr().out)
    assert report["language"] == "en" and report["language_shares"] == {"en": 1.0}


def test_an_article_in_an_unsupported_language_is_not_judged_with_english_rules(tmp_path, capsys, engine):
    from classifier.cli import main

    article = tmp_path / "statya.txt"
    article.write_text("Торговля людьми\n\nПолиция задержала трёх подозреваемых во вторник. Расследование "
                       "продолжается, сообщила прокуратура.\n", encoding="utf-8")
    assert main(["check", str(article)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "not checked" in captured.err and "Cyrillic script" in captured.err


UNSUPPORTED = [json.loads(line) for line in
               (Path(__file__).parent / "data" / "langid_unsupported.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()]


@pytest.mark.parametrize("sample", UNSUPPORTED, ids=[s["language"] for s in UNSUPPORTED])
def test_languages_without_rules_are_named_not_supported(sample):
    detection = detect(sample["text"])
    assert not detection.supported and detection.reason


def test_every_bundled_article_reads_as_its_own_language():
    from collections import defaultdict

    for language in bundled_pack_languages():
        articles = defaultdict(list)
        for p in read_corpus(bundled_corpus(language)):
            articles[p.article].append(p.text)
        wrong = {a: detect("\n\n".join(t)).reason for a, t in articles.items()
                 if detect("\n\n".join(t)).language != language}
        assert not wrong, (language, wrong)


def test_a_quote_in_another_language_shows_in_the_shares_but_the_article_keeps_its_language():
    english = read_corpus(bundled_corpus("en"))
    body = "\n\n".join(p.text for p in english[:12])
    german = UNSUPPORTED[[s["language"] for s in UNSUPPORTED].index("de")]["text"]
    detection = detect(body + "\n\n" + german)
    assert detection.language == "en"
    assert 0 < detection.shares["unsupported"] < 0.5 and detection.shares["en"] > 0.5


def test_too_little_text_takes_the_default_language():
    assert detect("Raid", default="sq").language == "sq"
