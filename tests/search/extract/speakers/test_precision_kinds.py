"""Tests for the kinds of wrong speaker the rules gave on the development articles of every set
(w-prec, `bench/findings.md`, "Speakers, precision first"): each case is one kind, written anew,
with the right reading beside it."""
from __future__ import annotations

import pytest

from search.extract.speakers.attribution import extract_quotes, extract_speakers


def quotes_of(body: str) -> list[tuple[str, str]]:
    """Return (speaker, first words) of each quote of a body."""
    return [(quote.speaker, quote.text[:20]) for quote in extract_quotes(body)]


@pytest.mark.parametrize("body, quotes", [
    # the person a cue's "that" clause names is what the words are about: the next "he" is the
    # one who claimed it ...
    ("Hal Ruddock said the vote was close.\nThe day before, at a rally in Tyre, Mass., Mr. Amos "
     "Kell was just as blunt, claiming without any evidence that Senator Ned Harlow wanted to "
     "raise taxes. “You would have to be mad,” he said.",
     [("Hal Ruddock", "Hal Ruddock said the"), ("Amos Kell", "You would have to be")]),
    # ... or, when the claimant is no one named, no one
    ("At the rally the mood was grim, with Sheriff Dale Orrin claiming that Mayor Ned Harlow had "
     "lied.\n“We will fight,” he said.", []),
    # a "that" no cue word opens leaves its subject to the next "he"
    ("At the rally the mood was grim, with Sheriff Dale Orrin learning that Mayor Ned Harlow had "
     "lied.\n“We will fight,” he said.", [("Ned Harlow", "We will fight,")]),
])
def test_he_does_not_point_to_the_subject_of_reported_words(body: str,
                                                          quotes: list[tuple[str, str]]) -> None:
    assert quotes_of(body) == quotes


@pytest.mark.parametrize("body, speakers", [
    # after a quotation, the person the sentence opened with says it ...
    ("Ada Quill said the vote was close.\nIn her speech, Iris Dunn asked for will: “Change the "
     "world,” she said.", ["Ada Quill", "Iris Dunn"]),
    ("Ned Harlow spoke first.\nShadow chancellor Amos Kell said: “The figures are bad,” he said.",
     ["Amos Kell"]),
    # ... but in "Mr Hale has failed, he said" Hale is what the words are about
    ("Tom Ruddock spoke at the rally.\nMr Hale has failed to tackle these problems, he said.",
     ["Tom Ruddock"]),
])
def test_after_a_quotation_the_pronoun_is_its_sentences_subject(body: str,
                                                               speakers: list[str]) -> None:
    assert extract_speakers(extract_quotes(body)) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a firm named like people speaks through a thing of its own: a letter, a review ...
    ("Tarn Mobil contended in its letter that the funds had “a bias against the industry.”", []),
    ("Prices will ease, Samuel Brandt said in its weekly review.\nSamuel Brandt also said "
     "stocks were high.", []),
    # ... a person through their own
    ("Jane Tarn contended in her letter that the funds had “a bias against the industry.”",
     ["Jane Tarn"]),
])
def test_a_name_that_speaks_through_its_own_letter_is_an_organisations(
        body: str, speakers: list[str]) -> None:
    assert extract_speakers(extract_quotes(body)) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a husband named beside her is no "she" ...
    ("Rachel Stone said the speeches were weak. Along with her husband, Milo Stone, a banker, "
     "she has given to many candidates.\n“I feel bad to say it,” she said.", ["Rachel Stone"]),
    # ... a daughter named beside him is one
    ("Wanda Ruiz spoke first.\nAt center stage was the senator's eldest daughter, Ivy Marsh, who "
     "spoke about her father.\n“I have seen him fight,” she said.", ["Ivy Marsh"]),
    # ... and no "he"
    ("His wife, Ivy Marsh, spoke first.\n“I have seen him fight,” he said.", []),
])
def test_a_kin_word_before_a_name_gives_its_sex(body: str, speakers: list[str]) -> None:
    assert extract_speakers(extract_quotes(body)) == speakers


@pytest.mark.parametrize("body, speakers", [
    # the one an unnamed spokesman speaks for is not the next "he" ...
    ("Oleg Varna owns the mill.\nA representative for Mr. Varna said the inquiry had ended. He "
     "added that the dinner was brief.", []),
    ("Dale Orrin runs the studio.\nA spokesman for distributor Toho said sales were strong. “We "
     "have a good feeling,” he added.", []),
    # ... but the named one who spoke is
    ("Oleg Varna said the inquiry had ended. He added that the dinner was brief.", ["Oleg Varna"]),
])
def test_he_after_an_unnamed_spokesman_for_someone_is_not_that_someone(
        body: str, speakers: list[str]) -> None:
    assert extract_speakers(extract_quotes(body)) == speakers
