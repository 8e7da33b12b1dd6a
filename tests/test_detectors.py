"""Identification detectors: victims versus officials and offenders, and combinations."""
import pytest

from classifier.detectors import read_cues, run_detectors
from classifier.engine import common_words


def detectors(text, scope="body"):
    return {e.detector for e in run_detectors(read_cues(text, scope, common_words()), text)}


@pytest.mark.parametrize("text, expected", [
    ("Police said victim Elena Rusu, 22, had been forced to work in a bar.", "victim_name"),
    ("M.S., 17, told the court she was sold twice.", "victim_initials"),
    ("A 16-year-old from the village of Costesti was taken to Istanbul.", "victim_age_place"),
    ("She now lives at the women's shelter on Independence Street in Cahul.", "victim_place"),
    ("The girl's stepfather, a mechanic in Ungheni, was questioned.", "victim_relative"),
    ("Pictured: the woman outside the house where she was held", "caption_identifies"),
    ("Thousands of girls are sold into brothels every year.", "unsourced_figure"),
    ("The kingpin of the gang was arrested in a dawn raid.", "guilt_before_verdict"),
])
def test_breaches_are_detected(text, expected):
    scope = "caption" if text.startswith("Pictured") else "body"
    assert expected in detectors(text, scope)


@pytest.mark.parametrize("text", [
    "Police said a 22-year-old woman had been forced to work in a bar.",              # no name, no place
    "Inspector Arben Hoxha said the investigation was continuing.",                    # official
    "Prosecutor Elena Cojocaru told the court the women were recruited online.",      # official
    "Ana, not her real name, said she was recruited through a job advert.",           # declared pseudonym
    "A 24-year-old woman from Moldova was among those freed, police said.",           # country level
    "Ilir Hoxha, 45, was jailed for nine years for trafficking two women.",            # convicted offender
    "Figures from the Home Office show 17,000 people were referred last year.",       # sourced figure
    "The man accused of running the network denies all charges.",                     # hedged
    "Pictured: officers outside the court building in Durres",                        # caption of officials
])
def test_clean_passages_raise_no_identification(text):
    scope = "caption" if text.startswith("Pictured") else "body"
    found = detectors(text, scope)
    assert not found & {"victim_name", "victim_initials", "victim_age_place", "victim_place", "victim_relative",
                        "child_identifier", "caption_identifies", "unsourced_figure", "guilt_before_verdict"}, found


def test_child_with_a_town_is_identified():
    assert "child_identifier" in detectors("A 14-year-old pupil at the school in Lushnje was trafficked.")
