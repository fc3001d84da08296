"""Tests for kinds of attribution that news of every sort uses: what a cue's object makes it,
quotes in business, sports and opinion pages, and names a cue lists or a label gives."""
from __future__ import annotations

import pytest

from search.extract.speakers.attribution import extract_quotes, extract_speakers


def speakers_of(body: str) -> list[str]:
    """Return the speakers a body's quotes name."""
    return extract_speakers(extract_quotes(body))


@pytest.mark.parametrize("body, speakers", [
    # a cue verb with a plain object reports no speech
    ("Ruth Ambler also maintained above-average costs for her campaign.", []),
    ("Gov. Tomas Ferreira has revealed almost nothing about his plans.", []),
    ("Dana Whitcombe pledged her support to the plan.", []),
    ("Omar Keating recalled the town's generosity in the flood.", []),
    ("Director Paul Ostrow described the storm's damage to the town.", []),
    # ... but a clause, a quotation or what one did does
    ("Ruth Ambler maintained that the costs were fair.", ["Ruth Ambler"]),
    ("Omar Keating recalled sitting in on the meetings for weeks.", ["Omar Keating"]),
    ('It was a server which Lena Varga described as "like an open door."', ["Lena Varga"]),
    # "asked for" and "asked about" request and name a topic; a question asked is speech
    ("Aldo Brennan asked for the meeting last week.", []),
    ("After Tess Moreau asked about the loan, the family was upset.", []),
    ('"Where is the money?" asked Tess Moreau.', ["Tess Moreau"]),
])
def test_cue_with_an_object_or_a_clause(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a description set off by a comma between an inverted cue and the name
    ('"We beat the forecast," said the company\'s chief executive, Marta Ilves.', ["Marta Ilves"]),
    ('"We are anxious," said another Twitter user, Johanna Brill.', ["Johanna Brill"]),
    ("Sales fell, according to the firm's founder, Ken Oduya.", ["Ken Oduya"]),
    # ... but not after a name or a time: the paper speaks, then whom it names
    ('"Sales fell," said the Daily Courier, Ken Oduya.', []),
    ('"Sales fell," said the paper on Monday, Ken Oduya.', []),
])
def test_inverted_cue_with_a_description_before_the_name(body: str,
                                                         speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a participle after a comma reports the words of the sentence's subject
    ("Foreign ministry spokeswoman Hua Lin shot back on Tuesday, saying Ottawa should "
     "respect the law.", ["Hua Lin"]),
    ("Ed Marsh rejected the plan, arguing that it would cost too much.", ["Ed Marsh"]),
    # the subject is the role holder, not the name that qualifies the role
    ("Trump campaign manager Corey Lewan rejected the idea, saying the crowds prove it.",
     ["Corey Lewan"]),
    # ... but a person after a verb is its object, not the subject
    ("Ed Marsh praised Corey Lewan, saying the crowds prove it.", ["Ed Marsh"]),
    # no person opens the sentence: nobody speaks
    ("The ministry shot back on Tuesday, saying Ottawa should respect the law.", []),
])
def test_participle_after_a_comma_is_the_subjects(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a title in quotation marks is no one's words, though a person opens the sentence
    ('Dana Loomis starred in "The Night Files," which ran for nine seasons.', []),
    ('Carl Ostrow hosts "Morning Drive" on weekdays.', []),
    # ... but a clause is the subject's
    ('Dana Loomis was blunt: "we never wanted this fight."', ["Dana Loomis"]),
])
def test_title_in_quotation_marks_is_nobodys_words(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # "it is surprising" is a person's view; "it is planning" is a company's act
    ("Glen Korsak said it is not surprising that agents want to talk to her.", ["Glen Korsak"]),
    ("Glen Korsak said it was interesting to watch.", ["Glen Korsak"]),
    ("Brightwell Korsak said it is planning to hire more staff.", []),
    # a delegate's title is no speaker, nor ends the sentence; "del" stays a particle of names
    ('"It is a waste of time," said Del. Stacey Plaskin of the Virgin Islands.',
     ["Stacey Plaskin"]),
    ('"It is a fable," said Guillermo del Torres, the director.', ["Guillermo del Torres"]),
])
def test_name_and_title_forms(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # an inverted cue's object names its speaker, whatever follows
    ('"The impact is small," wrote Cameron Eastly for Morning Consult.', ["Cameron Eastly"]),
    # people coordinated after an inverted cue all speak
    ('"Do not use them," wrote Jason Dane, Robyn Dawe and Nat Peters.',
     ["Jason Dane", "Nat Peters", "Robyn Dawe"]),
    # ... but not a list that does not end the clause
    ('"Do not use them," said Jason Dane, and Robyn Dawe laughed.', ["Jason Dane"]),
])
def test_inverted_cue_objects(body: str, speakers: list[str]) -> None:
    assert sorted(speakers_of(body)) == sorted(speakers)


@pytest.mark.parametrize("body, speakers", [
    # banks, brokers and clubs named like people are organisations
    ("Goldman Sachs said in a note that the outlook was improving.", []),
    ('"Rates will rise," Morgan Stanley said in a research note.', []),
    ("Real Madrid said the deal was done. \"We are happy,\" Florentino Paredes said.",
     ["Florentino Paredes"]),
    # ... and a person at one of them is a person
    ('"Rates will rise," said Ana Ruiz, an economist at Goldman Sachs.', ["Ana Ruiz"]),
    # a link to another story is no speech of this one
    ("Read more: Dora Vance says she will run again.\nThe vote is on Monday.", []),
    ("WATCH | Dora Vance says she will run again.\nThe vote is on Monday.", []),
])
def test_business_and_sports_pages(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a role or an age the body gives one person stands for that person
    ('Liverpool midfielder Jordan Hale scored twice. "We were brilliant," the midfielder said.',
     ["Jordan Hale"]),
    ('Jordan Hale, 28, scored twice. "We were brilliant," the 28-year-old said.',
     ["Jordan Hale"]),
    ('28-year-old Jordan Hale scored. "We were brilliant," the 28-year-old told reporters.',
     ["Jordan Hale"]),
    # ... but not a role or an age two people share, nor a role the body gives no one
    ('Jordan Hale, 28, and Mark Yule, 28, scored. "We were brilliant," the 28-year-old said.',
     []),
    ('Jordan Hale and Mark Yule scored. "We were brilliant," the striker said.', []),
    # the suspect of a crime story keeps its role when a child's age is given too
    ("The suspect, Michael Wedd, was convicted. A kidnapped 8-year-old Fort Worth girl was "
     "found. The suspect said he needed to get dressed.", ["Michael Wedd"]),
])
def test_role_or_age_stands_for_its_person(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a name before a group noun is a modifier: the staff speak, not the place or the person
    ('Adam Surry runs the city. Surry staff explained it this way: "the numbers are low."', []),
    ('The Saunders campaign responded, saying the criticism was unfair. Bern Saunders is a '
     'senator.', []),
    # ... and the role holder after it is the subject
    ('Clinton campaign manager Robby Moor released a memo titled "The facts on the race."',
     ["Robby Moor"]),
    # a goal in sports is no response
    ("Caleb Jonas and Leon Draisl also responded for the Oilers.", []),
])
def test_group_nouns_and_sports_responses(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a lone name the body uses as a company's is no speaker
    ('"We are happy," Voltra said on Tuesday. Voltra shares rose 4%.', []),
    ('"We are happy," Sambrook said. Sambrook\'s profits rose.', []),
    ('"We are happy with the results," said Flyair, which flies to 200 airports.', []),
    # ... but a person's surname with a fuller form stays a person's
    ('Ann Voltra founded the firm. "We are happy," Voltra said. Voltra shares rose.',
     ["Ann Voltra"]),
    ('"We are happy," Madonnia said.', ["Madonnia"]),
])
def test_lone_name_used_as_a_company(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # British pages quote with single marks
    ("‘We will win this,’ said Jane Dorr, 34, from Leeds.", ["Jane Dorr"]),
    ("Jane Dorr was at home. ‘It was the worst day of my life,’ she said.", ["Jane Dorr"]),
    # ... while apostrophes and a lone opening mark stay text
    ("The club’s manager, Jane Dorr, said the team’s form in the ‘90s was good.",
     ["Jane Dorr"]),
    ("Rock of the ‘80s is back, Jane Dorr said.", ["Jane Dorr"]),
])
def test_single_quotation_marks(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # one who asks a question in an interview or a debate speaks
    ('Asked by Matt Laurer whether she had practised, Melania Trumpet said, "I read it once."',
     ["Matt Laurer", "Melania Trumpet"]),
    ("Ruby Rios was asked by Fox moderator Gerard Bakker whether the plan would work.",
     ["Gerard Bakker"]),
    # ... not a body, nor one asked by a crowd
    ("Ruby Rios was asked by the Post whether the plan would work.", []),
    ("Ruby Rios was pressed by reporters on the plan.", []),
])
def test_who_asks_a_question(body: str, speakers: list[str]) -> None:
    assert sorted(speakers_of(body)) == sorted(speakers)


@pytest.mark.parametrize("body, speakers", [
    # the speech verbs of features, sports and entertainment pages
    ('Cat Rourke, the target of the line, retorted, "I\'m a good swimmer."', ["Cat Rourke"]),
    ('"It\'s my rose," crowed Demi Lott.', ["Demi Lott"]),
    ('"No way," laughed Jane Dorr.', ["Jane Dorr"]),
    ("Hua Lin shot back on Tuesday that Ottawa should respect the law.", ["Hua Lin"]),
    ("Tom Vey confessed that he had never read the report.", ["Tom Vey"]),
    ("Libby Schaf, the mayor of Oakland, also spoke out against the plan.", ["Libby Schaf"]),
    ("Ed Varn weighed in on the debate on Monday.", ["Ed Varn"]),
    # ... but an object after one that may take it is no speech
    ("Tom Vey answered the phone and left.", []),
    ("Tom Vey estimated the cost at $2m in the report's table.", []),
])
def test_speech_verbs_of_features_and_sports(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a label after a dash lead-in, and two people sharing one
    ('Pollsters agree - Carl Bial: "Keep on contacting voters as late as possible."',
     ["Carl Bial"]),
    ('TOO EARLY - Mark Blume and Jon Coen: "The polls were not wrong."',
     ["Mark Blume", "Jon Coen"]),
    # a label after a quotation, the next quotation following it
    ('"He represents our shame." ― Sonya Herr "He is ignorant of our culture."',
     ["Sonya Herr"]),
    # a tweet's verb capitalised as its brand
    ('"Not us, but we agree," Mike Murfy, the head of the group, Tweeted on Friday.',
     ["Mike Murfy"]),
])
def test_labels_and_brand_verbs(body: str, speakers: list[str]) -> None:
    assert sorted(speakers_of(body)) == sorted(speakers)


@pytest.mark.parametrize("body, speakers", [
    # an apposition before a cue whose speaker comes after it is no speaker
    ("The Chinese leader, Xi Jinpo, was warned during their meeting not to move, said an "
     "American official who was briefed.", []),
    # a participle after an object's apposition is the clause subject's
    ('Sen. Bern Saunders discussed his remarks about his rival, Hillary Klinton, saying "on her '
     'worst day" she would be better.', ["Bern Saunders"]),
    # ... while an apposition closed before "said" still speaks
    ("The director, Eva-Marie Persson, said the case was closed.", ["Eva-Marie Persson"]),
])
def test_apposition_that_does_not_speak(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a title word before a generation is a surname
    ("Martin Luther Kong Jr. said the dream lives.", ["Martin Luther Kong Jr."]),
    ('"We are ready," said Dr. Martin Luther King Jr.', ["Martin Luther King Jr."]),
    # a nation's acronym in capitals is a title, in a name's case a name's word
    ("Kim Jong Un said the missile was a success.", ["Kim Jong Un"]),
    ("UN chief Antonio Guterra said the talks had failed.", ["Antonio Guterra"]),
])
def test_name_words_that_look_like_titles(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, text", [
    # a quotation's own stop does not end the sentence that names its speaker
    ("“We did it!” Jane Dorr exclaimed.", "We did it!"),
    ("“Really?” Jane Dorr wondered.", "Really?"),
    ("“We did it!” Jane Dorr tweeted on Sunday.", "We did it!"),
])
def test_quotation_with_its_own_stop_keeps_its_words(body: str, text: str) -> None:
    assert [(q.speaker, q.text) for q in extract_quotes(body)] == [("Jane Dorr", text)]


@pytest.mark.parametrize("body, speakers", [
    # a quotation's tag may describe its speaker in any words
    ('"Thanks for welcoming them," said master of ceremonies Asab Tabchi, an engineer.',
     ["Asab Tabchi"]),
    ('"I was hoping for something else," said Air Force 1st Lt. Tyler Livings.',
     ["Tyler Livings"]),
    # ... but one for whom another speaks does not
    ('"We will appeal," said a spokesman for Jane Dorr.', []),
    ('"We will appeal," said the father of Jane Dorr.', []),
])
def test_tag_with_a_long_description(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a person's role before one name makes it a person's
    ("U2 frontman Bonno said the album was ready.", ["Bonno"]),
    ("The club said that striker Kanee told reporters he was fit.", ["Kanee"]),
    # ... a company's role does not
    ("The carmaker Fordd said sales fell.", []),
])
def test_one_name_after_a_persons_role(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body", [
    "“The figures are clear,” said Maria Okafor and Tom Lindqvist, who wrote the report.\n",
    "“The figures are clear,” wrote Maria Okafor, Tom Lindqvist and Ana Ruiz.\n",
])
def test_people_named_together_after_a_quotation_share_its_words(body):
    quotes = extract_quotes(body)
    assert len(quotes) >= 2
    assert {quote.text for quote in quotes} == {"The figures are clear,"}
