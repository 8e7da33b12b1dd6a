"""Segmentation: exact offsets, news abbreviations, structure and quotations."""
from classifier.segment import infer_scope, segment

ARTICLE = """# Moldovan woman freed from flat in Leeds

Police say a 22-year-old was held for eight months.

LEEDS, March 4 (Wire) - Ms. E.K. from Elbasan was found at No. 5 St. Mark's Rd. by Det. Supt. Jones on Jan. 3. She was taken to a safe place.
"We were locked in. They took our passports," she said. Police said the U.S. Embassy helped.

Pictured: officers outside the building on Tuesday.

- Modern Slavery Helpline: 08000 121 700
"""


def test_offsets_point_into_the_original_text():
    for p in segment(ARTICLE):
        assert ARTICLE[p.start:p.end] == p.text
        assert p.text == p.text.strip() and p.text


def test_abbreviations_and_initials_do_not_split_a_sentence():
    texts = [p.text for p in segment(ARTICLE)]
    assert any(t.startswith("LEEDS, March 4 (Wire) - Ms. E.K. from Elbasan") and t.endswith("on Jan. 3.")
               for t in texts), texts
    assert "Police said the U.S. Embassy helped." in texts


def test_structure_scopes():
    scopes = {p.text: p.scope for p in segment(ARTICLE)}
    assert scopes["Moldovan woman freed from flat in Leeds"] == "headline"
    assert scopes["Police say a 22-year-old was held for eight months."] == "standfirst"
    assert scopes["Pictured: officers outside the building on Tuesday."] == "caption"
    assert scopes["Modern Slavery Helpline: 08000 121 700"] == "body"       # list item, marker removed
    assert scopes['"We were locked in.'] == "quotation"
    assert scopes["She was taken to a safe place."] == "body"


def test_quotes_are_located_inside_passages():
    quoted = [p for p in segment(ARTICLE) if p.quotes]
    assert quoted and all(p.quoted(*p.quotes[0]) for p in quoted)


def test_hard_wrapped_paragraphs_are_joined_and_blank_input_gives_nothing():
    text = ("The court heard that the two men recruited women through adverts for\n"
            "waitressing jobs abroad. Both deny the charges and the trial continues.\n")
    passages = segment(text)
    assert [p.text.split()[0] for p in passages] == ["The", "Both"]
    assert segment("") == [] and segment("   \n\n  ") == []


def test_scope_of_a_passage_on_its_own():
    assert infer_scope("Pictured: the girl outside her home") == "caption"
    assert infer_scope("Sex slaves freed in dawn raid") == "headline"
    assert infer_scope("“They beat us every night,” she said.") == "quotation"
    assert infer_scope("Police arrested two men on Tuesday.") == "body"
