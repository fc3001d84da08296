"""Tests for quote attribution: cue forms, people versus organisations, and real excerpts."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.documents import Quote
from search.extract.speakers.forms import canonical_speakers, fullest_form
from search.extract.speakers.names import split_title
from search.extract.speakers.attribution import extract_quotes, extract_speakers

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "speakers"


def speakers_of(body: str) -> list[str]:
    """Return the speakers a body's quotes name."""
    return extract_speakers(extract_quotes(body))


@pytest.mark.parametrize("body, speakers", [
    # '"...," X said'
    ('"We will not give up," John Smith said.', ["John Smith"]),
    # '"...," said X'
    ('"We will not give up," said John Smith, a union leader.', ["John Smith"]),
    # 'X said "..."' and 'X said: "..."'
    ('John Smith said: "We will not give up."', ["John Smith"]),
    ('John Smith said "we will not give up".', ["John Smith"]),
    # 'X said on Tuesday' (reported speech, no quotation marks)
    ("John Smith said on Tuesday that the union would not give up.", ["John Smith"]),
    # 'according to X'
    ("The talks failed, according to John Smith, a union leader.", ["John Smith"]),
    # 'He said:' follows the last named person
    ('John Smith arrived late. He said: "We will not give up."', ["John Smith"]),
    # a title goes, the fullest form stays
    ('Prime Minister Benjamin Netanyahu spoke. "No," Mr. Netanyahu said.',
     ["Benjamin Netanyahu"]),
    ('"It is generous," U.S. Secretary of State Antony Blinken told reporters.',
     ["Antony Blinken"]),
    ('"It is a mess," Baroness Scotland said.', ["Scotland"]),
    # organisations and anonymous sources are nobody
    ('"We will not give up," a senior official said.', []),
    ('"We are investigating," the ministry said.', []),
    ("Hamas said on Sunday that the talks had failed.", []),
    ("Reuters reported that the talks had failed.", []),
    ("Royal Mail says it is investigating the situation.", []),
    ('"We are investigating," the source told Reuters.', []),
    # a sports "added" is a goal, not a word
    ("Brad Marchand added three assists to lead Boston.", []),
    # a legislator's party and state between name and cue, before or after it
    ('"We need a vote," said Sen. Jane Doyle (D-Ore.), a member of the panel.', ["Jane Doyle"]),
    ("Rep. Tom Akers (R-Tex.) last month warned that the bill would fail.", ["Tom Akers"]),
    # two apostrophes for a quotation mark, as in archived wire copy
    ("''It was a mess,'' said Ann Porter, a longtime adviser.", ["Ann Porter"]),
    # a tweet is said; a day between name and cue does not hide the cue
    ('"Recap of the night," tweeted campaign spokesman Alan Crewe.', ["Alan Crewe"]),
    ("Maria Lopez on Tuesday said the plant would close.", ["Maria Lopez"]),
    ("Chelsea Moss announced she would run for the seat.", ["Chelsea Moss"]),
    # "continued to" and "went on to" govern a verb: no speech
    ("Paul Grant went on to win the race.", []),
    # a descriptor or a sentence's first word before a name is not part of it
    ("Democrat Rosa Vance said the plan would fail.", ["Rosa Vance"]),
    ('"No deal," said United Steel Workers Secretary-Treasurer Gary Holt.', ["Gary Holt"]),
    ("Floridians Jeb Carver and Ann Lee voted. Jeb Carver said the vote was fair.",
     ["Jeb Carver"]),
    # a title-case headline is no one's name
    ("Mayor Says Tom Reed Quit.\n\nTom Reed said he had quit.", ["Tom Reed"]),
    # a photo credit or a body before a name is not part of it
    ("Wire Images Ken Dale spoke. Ken Dale said the plan was late.", ["Ken Dale"]),
    # an object before "saying" is quoted by someone else
    ("She often quotes Abraham Lincoln saying sentiment is everything.", []),
    # an adverb between cue and clause; a clause after an inverted cue
    ("Former premier Brian Gall announced recently that he would step down.", ["Brian Gall"]),
    # a state alone in parentheses, a generation after the name, a surname that is also a word
    ("Rep. Sam Lowe (Mich.), a delegate, said he had spoken to others.", ["Sam Lowe"]),
    ('"We are not done," Rep. Emanuel Carter II (D-Mo.) said.', ["Emanuel Carter II"]),
    ('"It is jarring," said Kathleen Hall Jamison, a professor.', ["Kathleen Hall Jamison"]),
    # a clause after the cue that opens with a name is what was said, not who said it
    ("Debbie Walsh, director of the centre, said Clinton is in a strong position.",
     ["Debbie Walsh"]),
    # a given name shaped like a role noun opens a sentence
    ("''It was waiting,'' he said.\n\nOliver K. Hedge, who appraises courses, said the boom was over.",
     ["Oliver K. Hedge"]),
    # a given name ending in -ly stays; a gerund opening the sentence goes
    ('"We take it seriously," said Kimberly Westbrook Strand, the board director.',
     ["Kimberly Westbrook Strand"]),
    ("Using Ted Crane as an example, Ted Crane said the rule was wrong.", ["Ted Crane"]),
    # coordinated subjects all speak; an apposition is not a coordination
    ("Sens. Tom Carver, Diane Fenton and Ben Cardy said they found the letter troubling.",
     ["Ben Cardy", "Diane Fenton", "Tom Carver"]),
    ("Mike DuHamel, a strategist, said the vote was a sign.", ["Mike DuHamel"]),
    ('"It takes an election," said Senate Minority Whip Dick Durant (D-Ill.) in an interview.',
     ["Dick Durant"]),
    ('"I cook simple food," says Baker while visiting the kitchen with her husband Michael Baker.'
     ' "I met this woman," says Michael.', ["Michael Baker"]),
    # the party alone in parentheses
    ("Gov. Pat Marrow (R) said the court had erred.", ["Pat Marrow"]),
    # more verbs before the speaker
    ('"I am voting for anyone but her," declared Alma Van Wagner, 29, of Meridian.',
     ["Alma Van Wagner"]),
    # a quotation labelled with its speaker, before or after it, as reaction lists give them
    ('Chris Calder, The Daily Post: "This was her best debate."', ["Chris Calder"]),
    ('"He represents our greatest shame." ― Sonya Herman\n"I am ashamed." ― Carlos Raúl',
     ["Sonya Herman", "Carlos Raúl"]),
    ('Roger Stane spoke.\nContinued Stane: "So I think it is a very real problem."',
     ["Roger Stane"]),
    ('Breaking News: "We will not give up."', []),
    # an adverb of manner or "both" between subject and cue
    ('Dana Trumbo jokingly said, "I am becoming mainstream."', ["Dana Trumbo"]),
    ("Tom Baker and Ann Cole have both argued that the rules are skewed.",
     ["Ann Cole", "Tom Baker"]),
    # "it" standing for nothing is said by a person; "it" that acts is an organisation speaking
    ("John Pardo spoke. Pardo said it was a reasonable conclusion.", ["John Pardo"]),
    ("Harbor Freight Tools said it would continue to co-operate.", []),
    ("Blue Ridge Motors said it has hired 500 workers.", []),
    # a quotation's own stop before its speaker; not when the sentence before has its own
    ('Ted Crum spoke.\n"We are tired of it!" Crum said.', ["Ted Crum"]),
    ('Don Tramp said Helen Clay "caused death." Bernard Sand called Tramp a "liar."',
     ["Don Tramp", "Bernard Sand"]),
    # "called" and "dismissed" report words only with the words quoted
    ('Campaign chair Paul Manford dismissed the whole kerfuffle as "absurd."', ["Paul Manford"]),
    ("Paul Manford called the meeting to order.", []),
    # the person one speaks for is not the speaker; words after an inverted cue with a pronoun
    # or a modal are what was said
    ('"We have not been briefed," Doug Anders, a spokesman for Speaker Paul Ryland told the Post.',
     ["Doug Anders"]),
    ("Many voters said they could not support Barack Oban.", []),
    ('"It is done," said campaign spokesman Alan Crewe.', ["Alan Crewe"]),
    # where the speaker comes from between name and cue
    ("Holger Schmid of Berenberg, a private bank, warned that the attacks may hurt.",
     ["Holger Schmid"]),
    ("Bernard Sand of Vermont called on the government to block the deal.", ["Bernard Sand"]),
    # "as X puts it", "X echoed:", a quoted thanks
    ('As the Post\'s Ruth Marsh puts it, he is making "an offer they cannot refuse."',
     ["Ruth Marsh"]),
    ('Kerry Wash thanked the president for "making us all safer."', ["Kerry Wash"]),
    ("Kerry Wash thanked the president for his work.", []),
    # a role the body gives one person stands for that person; a role two people share, none
    ("The suspect, Michael Wend, was convicted last week.\nThe suspect said he needed to dress.",
     ["Michael Wend"]),
    ("Mayor Ann Leigh met Mayor Bob Rae. The mayor said the talks had failed.", []),
    # a month as a surname; a woman's given name shaped like a role opening a sentence
    ("Prime Minister Theresa May spoke. Ms. May said a solution could be found.",
     ["Theresa May"]),
    ("Dogs nap there. Mary Ann Schick, principal architect at the firm, explains that it is warm.",
     ["Mary Ann Schick"]),
    # two given names sharing a surname: the first has it too
    ('Kim and Clark Moran received a letter.\n"It is our worst nightmare," Kim told CTV News.',
     ["Kim Moran"]),
    # a particle inside a name; an honorific's sex picks between namesakes
    ('Maria de los Angeles Vazquez said: "We are proud."', ["Maria de los Angeles Vazquez"]),
    ("Susan O'Brien spoke first. Mr. O'Brien said the plan was sound.", ["O'Brien"]),
    ("Hillary Clinton and Bill Clinton spoke. Mr. Clinton said the plan was sound.",
     ["Bill Clinton"]),
    # a surname used before a noun is still a person's: "a Canova T-shirt"
    ('Tim Canova spoke. John Archer wore a Canova T-shirt.\n"We won the lottery," Canova said.',
     ["Tim Canova"]),
])
def test_cue_forms(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


def test_quote_keeps_text_and_cue() -> None:
    quotes = extract_quotes('"We will not give up," John Smith said on Tuesday.')
    assert quotes == [Quote(speaker="John Smith", text="We will not give up,", cue="said")]


def test_quote_split_over_two_paragraphs_keeps_its_speaker() -> None:
    body = ('"The first part," said John Smith, a union leader. "It goes on.\n'
            '"And it ends here."\n')
    quotes = extract_quotes(body)
    assert [q.speaker for q in quotes] == ["John Smith"] * 3
    assert quotes[-1].text == "And it ends here."


def test_quote_running_on_from_the_paragraph_before_is_its_speakers() -> None:
    body = ('The hearing ended late.\n"It is a disaster for the city. We were never told\n'
            '"We will fight it in court," said Mayor Ann Porter.')
    assert [(q.speaker, q.text) for q in extract_quotes(body)] == [
        ("Ann Porter", "It is a disaster for the city. We were never told"),
        ("Ann Porter", "We will fight it in court,")]


def test_quote_whose_cue_names_no_person_is_nobodys() -> None:
    # not the speaker's of the sentence before: '"We lost," Hamas said' is not Walters's
    quotes = extract_quotes('Debbie Walters said she would stay.\n"We lost," Hamas said.')
    assert [q.text for q in quotes] == ["Debbie Walters said she would stay."]


def test_lone_surname_two_people_share_is_the_last_to_speak() -> None:
    body = ("Jason LeBlond had a bag in his pocket.\n"
            "His father, Ernie LeBlond, said his son had struggled for years.\n"
            '"Your anxiety gets that bad," says LeBlond.')
    assert [q.speaker for q in extract_quotes(body)] == ["Ernie LeBlond", "Ernie LeBlond"]


def test_empty_body_has_no_quotes() -> None:
    assert extract_quotes("") == []
    assert extract_speakers([]) == []


@pytest.mark.parametrize("fixture, speakers", [
    ("news-titles-pronouns-and-short-forms.txt", ["Musa Abu Marzouk", "Benjamin Netanyahu"]),
    ("mail-wrapped-anonymous-official-only.txt", []),
    ("news-quote-in-sentence-after-subject.txt",
     ["Ismail Haniyeh", "Basem Naeim", "Mohammed bin Abdulrahman Al Thani"]),
    ("bbc-pronoun-after-new-name.txt",
     ["Currie", "Andrew Burke", "Richard Ayers", "Richard Allan"]),
    ("bbc-organisation-says-it-and-spokeswomen.txt", []),
    ("bbc-quote-split-over-paragraphs.txt", ["Oleg Maximov"]),
    ("mixed-curly-and-straight-quotes.txt", ["Jessica Caldwell", "Dan McDowell"]),
    ("said-name-after-quote-and-apposition.txt",
     ["Donald Trump", "Lawrence White", "Howard Gleckman"]),
    ("sports-added-a-goal.txt", []),
    ("she-said-with-no-woman-named.txt", []),
    ("related-links-with-says-headlines.txt", []),
    ("german-page-capitalised-nouns.txt", []),
])
def test_real_excerpts(fixture: str, speakers: list[str]) -> None:
    assert speakers_of((FIXTURES / fixture).read_text(encoding="utf-8")) == speakers


@pytest.mark.parametrize("fixture, must_not", [
    ("news-titles-pronouns-and-short-forms.txt", ["Mr. Netanyahu", "Netanyahu", "Hamas"]),
    ("mail-wrapped-anonymous-official-only.txt", ["Al Mayadeen", "Resistance"]),
    ("bbc-pronoun-after-new-name.txt", ["Lord Currie", "Top Gear", "Ofcom"]),
    ("bbc-organisation-says-it-and-spokeswomen.txt", ["Royal Mail", "Mail"]),
    ("said-name-after-quote-and-apposition.txt", ["Trump", "New York University"]),
])
def test_real_excerpts_never_name(fixture: str, must_not: list[str]) -> None:
    found = speakers_of((FIXTURES / fixture).read_text(encoding="utf-8"))
    assert not set(found) & set(must_not)


def test_pronoun_quote_goes_to_the_right_speaker() -> None:
    body = (FIXTURES / "news-titles-pronouns-and-short-forms.txt").read_text(encoding="utf-8")
    by_text = {q.text: q for q in extract_quotes(body)}
    assert by_text["It is Hamas that is obstructing the release of our hostages."].speaker \
        == "Benjamin Netanyahu"
    plan = "This is Netanyahu’s plan,"
    assert by_text[plan] == Quote("Musa Abu Marzouk", plan, "said")
    assert "positively," not in by_text  # said by an anonymous official


def test_continued_quote_in_next_paragraph() -> None:
    body = (FIXTURES / "bbc-quote-split-over-paragraphs.txt").read_text(encoding="utf-8")
    quotes = extract_quotes(body)
    assert quotes[-1].speaker == "Oleg Maximov"
    assert quotes[-1].text.startswith("We tried to find it")
    assert quotes[-1].cue == "said"  # the cue of the quote it continues


@pytest.mark.parametrize("run, titles, name", [
    ("Prime Minister Benjamin Netanyahu", "Prime Minister", "Benjamin Netanyahu"),
    ("Qatar’s Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani",
     "Qatar’s Prime Minister Sheikh", "Mohammed bin Abdulrahman Al Thani"),
    ("U.N. Secretary-General António Guterres", "U.N. Secretary-General", "António Guterres"),
    ("Mr. Abu Marzouk", "Mr.", "Abu Marzouk"),
    ("Tony Blair", "", "Tony Blair"),
])
def test_split_title(run: str, titles: str, name: str) -> None:
    assert split_title(run) == (titles, name)


@pytest.mark.parametrize("name, known, full", [
    ("Netanyahu", ["Benjamin Netanyahu", "Antony Blinken"], "Benjamin Netanyahu"),
    ("Abu Marzouk", ["Musa Abu Marzouk"], "Musa Abu Marzouk"),
    ("Blinken", ["Benjamin Netanyahu"], "Blinken"),
    ("Nissan", ["Nissan Connect"], "Nissan"),  # a first word alone is no short form
    # The longest wins, the first of equally long ones.
    ("Netanyahu", ["Sara Netanyahu", "Benjamin Ze'ev Netanyahu", "Yair Ze'ev Netanyahu"],
     "Benjamin Ze'ev Netanyahu"),
    ("Musa Abu Marzouk", ["Musa Abu Marzouk", "Abu Marzouk"], "Musa Abu Marzouk"),
])
def test_fullest_form(name: str, known: list[str], full: str) -> None:
    assert fullest_form(name, known) == full


def test_canonical_speakers_maps_unambiguous_short_forms() -> None:
    names_by_doc = {
        "a": ["Benjamin Netanyahu", "Antony Blinken"],
        "b": ["Netanyahu", "Blinken"],
        "c": ["Howard", "Michael Howard"],
        "d": ["Andrew Howard"],
    }
    mapping = canonical_speakers(names_by_doc)
    assert mapping["Netanyahu"] == "Benjamin Netanyahu"
    assert mapping["Blinken"] == "Antony Blinken"
    assert "Howard" not in mapping  # Michael or Andrew: ambiguous, left alone
    assert "Benjamin Netanyahu" not in mapping


PIECES = ["John Smith", "Mr.", "Lord", " said", " he", " told", ", ", ". ", '"', "“", "”",
          "’s", "\n", "the", "Hamas", "according to", " "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=60).map("".join))
def test_any_text_gives_well_formed_quotes(body: str) -> None:
    quotes = extract_quotes(body)
    # Every quote is attributed to a name the text itself writes, never to an invented one.
    assert all(q.speaker and q.speaker == q.speaker.strip() and q.speaker in body
               for q in quotes)
    assert len(set(extract_speakers(quotes))) == len(extract_speakers(quotes))


def test_words_that_look_like_quote_marks_are_text() -> None:
    # Reuters-21578, NEWID 15964 (wire text, research use): "Q4a" is a North Sea block.
    body = ("Louisiana Land said Blocks Q4a, E12c and E15b were offered to the group, "
            "while Block Q5c went to a consortium.\n"
            "\"We will start exploration this year,\" said John Smith, the company's president.")
    quotes = extract_quotes(body)
    assert [(q.speaker, q.text) for q in quotes if q.speaker == "John Smith"] == [
        ("John Smith", "We will start exploration this year,")]
    assert any("Q4a" in q.text for q in quotes)  # the reported statement keeps its words


@pytest.mark.parametrize("body, speakers", [
    # a man's common given name keeps "she said" from pointing back to him
    ("Richard Cole led the inquiry for two years.\n“We will not stop,” she said.", []),
    ("Anna Weiss met Richard Cole in 2019. Richard Cole led the inquiry for two years.\n"
     "“We will not stop,” she said.", ["Anna Weiss"]),
    # ... and "he said" still does
    ("Richard Cole led the inquiry for two years.\n“We will not stop,” he said.",
     ["Richard Cole"]),
])
def test_pronoun_agrees_with_a_given_names_sex(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


@pytest.mark.parametrize("body, speakers", [
    # a surname is the short form of a full name that ends in a generation
    ("Vice President Joseph R. Biden Jr. spoke in Philadelphia on Monday.\n"
     "“Tell that to the janitor,” Mr. Biden said.", ["Joseph R. Biden Jr."]),
    ("C. Stewart Verdery Jr., a former official, has studied it.\n"
     "“We moved the needle,” Mr. Verdery said.", ["C. Stewart Verdery Jr."]),
])
def test_surname_of_a_name_with_a_generation(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


def test_fullest_form_skips_a_generation() -> None:
    assert fullest_form("Biden", ["Joseph R. Biden Jr."]) == "Joseph R. Biden Jr."
    assert fullest_form("Joseph R. Biden", ["Joseph R. Biden Jr."]) == "Joseph R. Biden Jr."
    assert fullest_form("Hurt", ["Harry Hurt III", "Hurt"]) == "Harry Hurt III"


@pytest.mark.parametrize("body, speakers", [
    # a possessive before a cue word makes it an adjective or a noun, no speech
    ("Donald Trump won again. Despite Trump's continued strength, the experts doubt him.", []),
    ("Donald Trump won again. Trump’s stated aim is to win Ohio.", []),
    # ... but the person a possessive names may speak in an apposition
    ("“We won,” Trump said. Trump's spokesman, Hope Hicks, said he was pleased.",
     ["Trump", "Hope Hicks"]),
])
def test_possessive_before_a_cue_is_no_speaker(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


def test_sentence_opening_with_a_common_word_has_no_subject() -> None:
    # "Taste" opens a sentence; the heading's "Merely Taste" is no person it stands for
    body = ("Carl Hansen of Yale found them.\nNot Merely Taste and Smell\n"
            "Taste and smell receptors in odd organs monitor the body.\n"
            "The taste of food can be perilous.\nHe recalled that it looked like a tuft cell.")
    assert speakers_of(body) == ["Carl Hansen"]


@pytest.mark.parametrize("body, speakers", [
    # a subject further back wins over a place or a thing named since, older than the sentence
    # before the pronoun
    ("Juan Ortiz carried one of the photos.\nThe parade went through downtown San Francisco on "
     "Sunday. Hundreds of volunteers lined the route.\n“I cried the whole parade,” he said.",
     ["Juan Ortiz"]),
    # ... but a person the sentence before names is still the one meant
    ("“No singing Hobbits,” assured Mr Wallace. The musical's director is Matthew Warchus, known "
     "for Art. “It will be a hybrid,” he said.", ["Matthew Warchus"]),
])
def test_pronoun_prefers_a_subject_to_an_older_mention(body: str, speakers: list[str]) -> None:
    assert speakers_of(body) == speakers


# Seventy people a body lists: more surnames than `surname_places` looks for one by one.
MANY_PEOPLE = "The list: " + " ".join(
    f"Person{chr(97 + i // 26)}{chr(97 + i % 26)} Surname{chr(97 + i // 26)}{chr(97 + i % 26)},"
    for i in range(70)) + " and more.\n"


@pytest.mark.parametrize("body, quotes", [
    # the body's first sentence opens with a quotation: both marks are its speaker's
    ("“We will win,” John Smith said, “and we will win again.”",
     [("John Smith", "We will win,", "said"), ("John Smith", "and we will win again.", "said")]),
    # a sentence's subject speaks the next one's quotation, whether the body names few people ...
    ("Jane Doe spoke to the crowd.\n“We will win the war.”",
     [("Jane Doe", "We will win the war.", "")]),
    # ... or more than are placed one by one
    (MANY_PEOPLE + "Jane Doe spoke to the crowd.\n“We will win the war.”",
     [("Jane Doe", "We will win the war.", "")]),
    # a lone surname opens the sentence, after a possessive and a quotation that hold it
    ("Jane Doe’s team played well. “Doe,” the crowd said. Doe spoke to the crowd.\n"
     "“We will win the war.”", [("Jane Doe", "We will win the war.", "")]),
])
def test_work_skipped_where_nothing_is_found_leaves_the_quotes(body: str, quotes: list) -> None:
    assert [(q.speaker, q.text, q.cue) for q in extract_quotes(body)] == quotes


def test_surnames_placed_only_for_a_few_people() -> None:
    from search.extract.speakers.people import MAX_SURNAMES_PLACED, Body, index_people, \
        surname_places

    few, many = Body(text="Jane Doe met Ann Lee. Doe left."), Body(text=MANY_PEOPLE)
    for doc in (few, many):
        index_people(doc, doc.text)
    assert surname_places(few) == [5, 17, 22]
    assert len(many.surname_words) > MAX_SURNAMES_PLACED and surname_places(many) is None


def test_a_one_word_name_is_none_where_the_body_uses_it_as_a_word() -> None:
    from search.extract.speakers.names import is_person_name

    # the name's own words are judged once for all bodies; the body's words still decide
    assert is_person_name("Carpenter", set()) and not is_person_name("Carpenter", {"carpenter"})
    assert is_person_name("Ann Carpenter", {"carpenter"}) and is_person_name("Carpenter", set())
