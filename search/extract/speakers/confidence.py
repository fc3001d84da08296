"""How sure the rules' speakers are: the features of each speaker of a body and the learned
model (`speaker_model.json`, written by `make train`) that keeps or drops its quotes.

Extraction does not apply it: it lowered F1 on the validation pages and dropped more right
speakers than wrong ones on unlabelled news (bench/findings.md). `speaker_dev --filter` and
`speaker_unseen --filter` measure it again after `make train`.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from search.documents import Quote
from search.extract.speakers.cues import QUOTED_CUES
from search.extract.speakers.forms import speaker_forms
from search.extract.speakers.names import (
    FEMALE_NAMES, INITIALS, MALE_NAMES, NOT_PERSON_WORDS, OBJECT_BEFORE, ROLE, fold,
)
from search.extract.speakers.people import Body
from search.extract.stumps import Stumps, probability, read_trained, trained_fields

MODEL_PATH = Path(__file__).with_name("speaker_model.json")
# Cue words by the kind of attribution they make; a cue in none of them is some other verb.
NEUTRAL_CUES = frozenset({"said", "says", "say", "told", "tells", "saying", "added", "adds",
                          "according to"})
EMBED_CUES = frozenset({"tweeted", "tweets", "tweeting", "Tweeted", "Tweets", "answered"})
ASKING_CUES = frozenset({"asked", "asks", "Asked"})
# A mention that an apposition or an age follows: "Gerry McNeilly, the director,", "Ann, 28,".
APPOSITION_AFTER = re.compile(r",\s+(?:the|a|an|\d{1,3},)\s")
POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
# The last lower-case word before a mention: a role ("spokesman Ed Smith") or not.
WORD_BEFORE = re.compile(r"([a-z][a-z\-]*)\W{0,2}$")
# The features, in the order the model's stumps index them: one home for their names.
FEATURES = (
    "quotes", "direct_share", "neutral_cue", "no_cue", "embed_cue", "quoted_cue", "asking_cue",
    "pronoun_share", "one_word", "three_words", "known_given", "initial", "titled",
    "mentions", "full_mentions", "first_at", "in_quotations", "possessive_share", "object_share",
    "apposition", "role_before", "not_person_word", "common_surname", "speakers", "body_words",
    "quote_words", "short_share", "own_name_share", "salient", "mention_rank",
    "first_paragraph",
)
# A quotation of this many words or fewer is a phrase ("presumptive nominee"), not a statement.
SHORT_QUOTE_WORDS = 3


def _mention_shape(surname: str, doc: Body) -> tuple[int, float, int, int, int, bool]:
    """Return the count, first position, possessive, object and role-word mentions of a
    surname in the body's text, and whether an apposition follows one of them."""
    text, count, first = doc.full_text, 0, -1
    possessive = objects = roles = 0
    apposition = False
    at = text.find(surname)
    while at >= 0:
        end = at + len(surname)
        if not text[end:end + 1].isalpha() and not text[at - 1:at].isalpha():
            count += 1
            first = at if first < 0 else first
            before = text[max(0, at - 24):at]
            possessive += bool(POSSESSIVE_AFTER.match(text, end))
            objects += bool(OBJECT_BEFORE.search(before))
            word = WORD_BEFORE.search(before)
            roles += bool(word and ROLE.fullmatch(word.group(1)))
            apposition = apposition or bool(APPOSITION_AFTER.match(text, end))
        at = text.find(surname, end)
    return count, first / max(1, len(text)), possessive, objects, roles, apposition


def speaker_features(quotes: list[Quote], doc: Body,
                     forms: dict[str, str] | None = None) -> dict[str, list[float]]:
    """Return the features (in `FEATURES` order) of each speaker the quotes name, by the form
    `extract_speakers` lists it under (`forms`, found when not given)."""
    forms = forms or speaker_forms([quote.speaker for quote in quotes])
    by_speaker: dict[str, list[Quote]] = {}
    for quote in quotes:
        by_speaker.setdefault(forms[quote.speaker], []).append(quote)
    resolved: dict[str, int] = {}
    for name in doc.resolved:
        if name:
            full = forms.get(name, name)
            resolved[full] = resolved.get(full, 0) + 1
    direct = {text for text, _ in doc.quotes}
    salient: dict[str, int] = {}
    for _, name in doc.salient:
        full = forms.get(name, name)
        salient[full] = salient.get(full, 0) + 1
    shapes = {speaker: _mention_shape(speaker.split()[-1], doc) for speaker in by_speaker}
    most = max((shape[0] for shape in shapes.values()), default=1) or 1
    first_break = doc.full_text.find("\n") % (len(doc.full_text) + 1) / max(1, len(doc.full_text))
    quoted_text = " ".join(direct)
    body_words = doc.full_text.count(" ") + 1  # words, near enough, without splitting
    found = {}
    for speaker, said in by_speaker.items():
        words = speaker.split()
        n = len(said)
        cues = [quote.cue for quote in said]
        lengths = [quote.text.count(" ") + 1 for quote in said]
        count, first, possessive, objects, roles, apposition = shapes[speaker]
        mentions = max(count, 1)
        found[speaker] = [
            math.log1p(n),
            sum(quote.text in direct for quote in said) / n,
            sum(cue in NEUTRAL_CUES for cue in cues) / n,
            sum(not cue for cue in cues) / n,
            sum(cue in EMBED_CUES for cue in cues) / n,
            sum(cue.lower() in QUOTED_CUES for cue in cues) / n,
            sum(cue in ASKING_CUES for cue in cues) / n,
            min(1.0, resolved.get(speaker, 0) / n),
            float(len(words) == 1),
            float(len(words) > 2),
            float(fold(words[0]) in FEMALE_NAMES or fold(words[0]) in MALE_NAMES),
            float(any(INITIALS.fullmatch(word) for word in words)),
            float(speaker in doc.titled),
            math.log1p(count),
            math.log1p(doc.full_text.count(speaker)) if len(words) > 1 else 0.0,
            first if count else 1.0,
            math.log1p(quoted_text.count(words[-1])),
            possessive / mentions,
            objects / mentions,
            float(apposition),
            float(roles > 0),
            float(any(fold(word) in NOT_PERSON_WORDS for word in words)),
            float(fold(words[-1]) in doc.lower_words),
            math.log1p(len(by_speaker)),
            math.log1p(body_words),
            math.log1p(sum(lengths) / n),
            sum(length <= SHORT_QUOTE_WORDS for length in lengths) / n,
            sum(words[-1] in quote.text for quote in said) / n,
            math.log1p(salient.get(speaker, 0)),
            count / most,
            float(count > 0 and first <= first_break),
        ]
    return found


@dataclass(frozen=True, kw_only=True)
class SpeakerModel(Stumps):
    """Boosted stumps over the features (a speaker's log-odds of being right), and the least
    probability that keeps a speaker."""

    threshold: float

    def probability(self, values: list[float]) -> float:
        """Return the probability that a speaker with these feature values is right."""
        return float(probability(self.log_odds([values])[0]))


def model_from_json(data: dict) -> SpeakerModel:
    """Return the model a trained file holds; its features must be today's."""
    return SpeakerModel(threshold=float(data["threshold"]),
                        **trained_fields(data, FEATURES, "speaker"))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> SpeakerModel | None:
    """Return the shipped model, or None where there is no file (every speaker is kept)."""
    data = read_trained(path)
    return None if data is None else model_from_json(data)


def confident_quotes(quotes: list[Quote], doc: Body, path: Path = MODEL_PATH) -> list[Quote]:
    """Return the quotes whose speaker the model in `path` keeps (all where there is none)."""
    model = load_model(path)
    if model is None or not quotes:
        return quotes
    forms = speaker_forms([quote.speaker for quote in quotes])
    kept = {speaker for speaker, values in speaker_features(quotes, doc, forms).items()
            if model.probability(values) >= model.threshold}
    return [quote for quote in quotes if forms[quote.speaker] in kept]
