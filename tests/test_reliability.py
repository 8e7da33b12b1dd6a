"""Bad input gets a clear error, never a crash: property-based tests on the segmenter, the
article readers and the corpus reader, plus the hard cases a newsroom's files bring."""
import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from classifier.readers import MAX_CHARS, ReadError, decode, read_article
from classifier.segment import segment
from corpus.schema import CorpusError, read_jsonl
from guidelines.catalogue import bundled_pack_languages

# Text as newsrooms' files hold it: any script, right-to-left, emoji, combining marks, controls.
ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
NEWSY_TEXT = st.lists(st.sampled_from([
    "Ms. E.K. from Elbasan", " said", ".", "!", "?", "\n", "\n\n", "“", "”", "„", "«", "»", "'", '"',
    "# ", "- ", "Photo: ", "İSTANBUL", "ı", "Chișinău", "ş", "שלום", "مرحبا", "👩‍👧", "\u200f", "\u0301",
    "z.", "nr.", "dr.", "15-vjeçare", " ", "\t", "U.S.", "No. 4", "(AP)", "—"]), max_size=60).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_offsets_exact(text, passages):
    previous_end = 0
    for p in passages:
        assert 0 <= p.start < p.end <= len(text)
        assert text[p.start:p.end] == p.text and p.text.strip() == p.text
        assert p.start >= previous_end            # in order, never overlapping
        previous_end = p.end
        for qs, qe in p.quotes:
            assert 0 <= qs < qe <= len(p.text)


@FAST
@given(text=st.one_of(ANY_TEXT, NEWSY_TEXT), language=st.sampled_from(bundled_pack_languages()))
def test_segment_offsets_always_point_into_the_original_text(text, language):
    assert_offsets_exact(text, segment(text, language))


@FAST
@given(data=st.binary(max_size=600))
def test_decoding_any_bytes_gives_text_or_a_read_error(data):
    try:
        assert isinstance(decode(data), str)
    except ReadError:
        pass


@FAST
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".md", ".html", ".docx"]))
def test_reading_any_file_gives_text_or_a_read_error(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("any") / f"article{suffix}"
    path.write_bytes(data)
    try:
        assert read_article(path).strip()
    except ReadError as exc:
        assert str(path) in str(exc)


@FAST
@given(lines=st.lists(st.one_of(ANY_TEXT, st.just('{"id": 1}'), st.just("[]"), st.just('{"text": "x"}')),
                      max_size=5))
def test_reading_any_corpus_file_gives_passages_or_an_error_naming_file_and_line(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("corpus") / "part.jsonl"
    path.write_text("\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines), encoding="utf-8")
    try:
        read_jsonl(path)
    except CorpusError as exc:
        assert str(path) in str(exc) and ":" in str(exc)


@pytest.mark.parametrize("codec, text", [
    ("cp1250", "Policija u Šapcu uhapsila je dvojicu muškaraca; žrtve su iz Đakovice i Čačka, rekao je tužilac."),
    ("cp1252", "Policia e Tiranës tha se hetimi vazhdon për çështjen e dy punëtorëve nga Durrësi."),
    ("iso-8859-2", "Poliţia din Chişinău a reţinut doi bărbaţi; ancheta continuă în judeţ, a spus procurorul."),
    ("cp1254", "Polis, İstanbul'da iki şüpheliyi gözaltına aldı; soruşturmanın sürdüğü açıklandı."),
    ("utf-16", "Policija u Šapcu: “žrtve” su iz Đakovice — İstanbul, Chișinău, Tiranë."),
    ("utf-16-le", "Policija u Šapcu: “žrtve” su iz Đakovice — İstanbul, Chișinău, Tiranë."),
    ("utf-16-be", "Policija u Šapcu: “žrtve” su iz Đakovice — İstanbul, Chișinău, Tiranë."),
    ("utf-8-sig", "Policija u Šapcu: “žrtve” su iz Đakovice — İstanbul, Chișinău, Tiranë."),
])
def test_the_regions_encodings_are_decoded_without_mojibake(tmp_path, codec, text):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(codec))
    assert read_article(path) == text


def test_a_100_mb_file_is_refused_at_once_with_a_reason(tmp_path):
    path = tmp_path / "archive.txt"
    with open(path, "wb") as out:
        out.write(b"The police said. " * (100 * 2**20 // 17))
    with pytest.raises(ReadError, match=r"file is 100 MB; one article file may be at most \d+ MB"):
        read_article(path)


def test_text_longer_than_any_article_is_refused(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<p>" + "word " * (MAX_CHARS // 5 + 10) + "</p>", encoding="utf-8")
    with pytest.raises(ReadError, match="Split it into its articles"):
        read_article(path)


def test_a_docx_bomb_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (70 * 2**20) + b"</w:document>")
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ReadError, match="unpacks to more than 64 MB"):
        read_article(path)


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "the file is empty"),
    ("blank.md", b"   \n\n  ", "the file is empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ("broken.docx", b"PK\x03\x04 this is not a zip", "not a readable .docx"),
    ("tags.html", b"<html><script>var a = 1;</script><nav>Home</nav></html>", "no article text"),
])
def test_unreadable_files_name_the_file_and_the_reason(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError, match=message) as caught:
        read_article(path)
    assert str(path) in str(caught.value)


def test_malformed_html_still_yields_its_text(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><body><article><h1>Raid on a farm<p>Police said nine workers were found "
                    "<b>unpaid<i> in sheds.</article><p>unclosed <div", encoding="utf-8")
    text = read_article(path)
    assert "Raid on a farm" in text and "nine workers were found" in text


def test_a_long_passage_without_punctuation_is_judged_in_pieces_with_exact_offsets(engine):
    words = "police said women were found in a village near the border and worked there for months".split()
    text = " ".join(words[i % len(words)] for i in range(9000))[:50000]
    analysis = engine.analyze(text)
    assert len(analysis.passages) > 30
    assert_offsets_exact(text, [r.passage for r in analysis.passages])


def test_mixed_scripts_right_to_left_text_and_emoji_are_checked(engine):
    text = ("Ms. E.K. from Elbasan, 15, told reporters 👩‍👧 she was held in a flat. "
            "Полиция молчит. الشرطة لم تعلق. שלום.\n\nPhoto: E.K. outside her school 📷")
    analysis = engine.analyze(text)
    assert_offsets_exact(text, [r.passage for r in analysis.passages])
    assert {f.rule_id for f in analysis.findings} & {"VID-01", "VID-02", "CHI-01"}


def test_error_messages_never_repeat_the_article_text(tmp_path):
    secret = "Ardita Hoxha lives at Rruga e Kavajes 12"
    path = tmp_path / "draft.docx"
    path.write_bytes(b"PK\x03\x04" + secret.encode())
    with pytest.raises(ReadError) as caught:
        read_article(path)
    assert "Ardita" not in str(caught.value)
    corpus = tmp_path / "part.jsonl"
    corpus.write_text('{"id": "x", "text": "' + secret + '", broken\n', encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        read_jsonl(corpus)
    assert "Ardita" not in str(caught.value)


def test_the_offline_guard_notices_a_connection(offline):
    """The guard every test runs under (tests/conftest.py) is real: a connection fails the test."""
    import socket

    from conftest import NetworkAttempt

    with pytest.raises(NetworkAttempt):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with pytest.raises(NetworkAttempt):
        socket.getaddrinfo("example.org", 443)
    assert len(offline) == 2
    offline.clear()          # those attempts were this test's own


def test_every_command_runs_with_the_network_closed(tmp_path, capsys, engine, offline):
    """The command line in-process, under the offline guard: check (each format), classify, rules,
    corpus validation and statistics, training and evaluation."""
    from classifier.cli import main
    from corpus.schema import bundled_corpus, read_corpus, write_jsonl

    draft = tmp_path / "draft.md"
    draft.write_text("# Raid\n\nMaria Popescu, 15, from the village of Dravonik was found in a flat.\n",
                     encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text("<article><h1>Raid</h1><p>Police found nine workers in sheds.</p></article>", encoding="utf-8")
    passages = tmp_path / "in.jsonl"
    passages.write_text(json.dumps({"id": "1", "text": "Sex slaves freed in dawn raid"}) + "\n", encoding="utf-8")
    small = tmp_path / "small"
    small.mkdir()
    write_jsonl(read_corpus(bundled_corpus("en"))[:400], small / "part.jsonl")
    assert main(["check", str(draft), str(page)]) == 1
    assert main(["classify", "-i", str(passages), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert main(["rules", "show", "VID-01"]) == 0
    assert main(["corpus", "stats", "--language", "all"]) == 0
    assert main(["corpus", "validate", str(small)]) == 0
    assert main(["train", "--corpus", str(small), "--folds", "2", "--model", str(tmp_path / "m.joblib")]) == 0
    assert main(["evaluate", "--corpus", str(small), "--folds", "2"]) == 0
    capsys.readouterr()
    assert offline == []
