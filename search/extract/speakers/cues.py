"""Speech cues and text shapes that quote attribution looks for: the data, not the logic."""
from __future__ import annotations

import re

from search.extract.speakers.names import CAP, CAPITAL, NAME_AFTER_CAPITAL, NAME_RUN, ROLE_WORD
from search.extract.speakers.roles import AGE_ROLE, ROLES

# Verbs that report speech when a person is their subject: "Blinken said", "she told CNN".
SAY = (
    r"said|says|say|told|tells|added|adds|insisted|insists|argued|argues|claimed|claims|stated|"
    r"explained|explains|noted|notes|warned|warns|urged|urges|stressed|stresses|emphasi[sz]ed|"
    r"emphasi[sz]es|reaffirmed|reiterated|asserted|asserts|declared|declares|announced|"
    r"acknowledged|acknowledges|admitted|admits|confirmed|confirms|denied|denies|suggested|"
    r"suggests|predicted|predicts|replied|responded|wrote|writes|commented|remarked|observed|"
    r"conceded|recalled|revealed|cautioned|complained|vowed|pledged|promised|asked|asks|"
    r"maintained|contended|countered|pointed out|went on|continued|concluded|quipped|joked|"
    r"recounted|boasted|lamented|(?:was|is) quoted as saying|saying|believes|thinks|reported|"
    # "Mr Wen is reported to have replied" (l3s)
    r"(?:was|is) reported to have said|(?:was|is) reported to have replied|"
    r"(?:was|is) reported to have told|"
    r"accused|accuses|accusing|has written|assured|affirmed|affirms|described|indicated|"
    r"clarified|mentioned|alleged|alleges|demanded|called on|called for|tweeted|tweets|"
    r"called|calls|dismissed|dismisses|labeled|labelled|branded|blamed|blames|denounced|"
    r"criticized|criticised|criticizes|criticises|praised|praises|echoed|puts it|put it|"
    r"thanked|applauded|hailed|slammed|mocked|condemned|lauded|welcomed|tweeting|arguing|"
    r"noting|warning|insisting|claiming|adding|"
    # the verbs of features, sports and entertainment pages: "Catherine retorted, “...”"
    r"retorted|scolded|shouted|yelled|screamed|whispered|exclaimed|muttered|murmured|snapped|"
    r"sighed|stammered|confessed|disclosed|elaborated|testified|texted|proclaimed|gushed|raved|"
    r"mused|wondered|pleaded|begged|fumed|vented|bragged|teased|interjected|chimed in|opined|"
    r"reasoned|reckoned|objected|protested|rebutted|answered|repeated|speculated|estimated|"
    r"underscored|shot back|fired back|hit back|hit out|crowed|Tweeted|Tweets|spoke out|"
    r"weighed in|sounded off|lashed out|piped up|"
    # the present of some of them: "Norm Mineta contends networking is the next step" (l3s)
    r"contends|concedes|recalls|observes|responds|cautions|complains|laments|maintains|"
    r"reiterates|announces|reveals|points out|quips"
)
# Verbs that may come before their subject: '"...," said Mr Burke', "according to Mr Burke".
SAY_INVERTED = (
    r"said|says|added|adds|asked|asks|explained|noted|argued|wrote|continued|insisted|warned|"
    r"concluded|according to|tweeted|Said|Added|Asked|"
    # '"I'm voting for anyone but Hillary," declared Alyssa Van Wagenen'
    r"declared|recalled|stressed|replied|responded|acknowledged|admitted|cautioned|countered|"
    r"observed|remarked|quipped|joked|agreed|writes|tweets|explains|notes|insists|argues|recalls|"
    r"warns|stated|"
    # '"Oh, it's my rose," crowed Demi', '"...," scolded Elyse', '"No way," laughed Jane Doe'
    r"retorted|scolded|shouted|yelled|screamed|whispered|exclaimed|muttered|snapped|sighed|"
    r"confessed|gushed|mused|crowed|interjected|answered|laughed|pleaded|offered"
)
ADVERB = (
    r"(?:(?:has|had|have|also|then|later|earlier|previously|again|reportedly|repeatedly|"
    r"publicly|recently|once|further|simply|only|first|would|will|already|"
    r"recently|separately|privately|angrily|clearly|last\s+(?:week|month|year|night)|"
    r"both|since|long|often|even|still|[a-z]{3,}ly|"  # "Trump jokingly said", "have both argued"
    r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\s+)"
)
# A US legislator's party and state after the name: "Sen. Ben Sasse (R-Neb.) said".
PARTY = (r"(?:\s+\((?:(?:[RDI]|Dem|Rep|Ind)[\-–]\s?)?[A-Z][A-Za-z.]{1,12}"
         r"(?:\s[A-Z][A-Za-z.]{1,8})?\)"  # or the state alone: "Sen. Ted Cruz (Tex.)"
         r"|\s+\([RDI]\))")  # or the party alone: "Gov. Pat McCrory (R) blamed"
PRONOUN = r"\b(?:[Hh]e|[Ss]he)\b"
NAME = NAME_RUN.pattern
# Where a person comes from, between name and cue: "Bernie Sanders of Vermont called on",
# "Holger Schmieding of Berenberg, Germany's largest private bank, warned".
OF_PLACE = rf"(?:\s+of\s+(?:the\s+)?{NAME})"
# A role of an organisation set off by one comma only, as some pages write it: "Sam McCann,
# coordinator of the Schools Festival confirmed that ..." (l3s).
OPEN_ROLE = rf",\s+{ROLE_WORD}\s+(?:of|at)\s+(?:the\s+)?(?:{CAP}\s+){{0,5}}?{CAP}(?=\s+[a-z])"
# An apposition set off by dashes: "Alan Beith - who chairs the select committee - said" (bbc-news).
# (the horizontal bar too: "Brent Scowcroft ― three former ... big shots ― have also said")
DASH_APPOSITION = r"\s+[-–—―]\s+[^;“”\"\-–—―]{2,160}?\s+[-–—―]"
# A relative clause whose verb is the cue: "Mike Lee, who declared ...", "Curly Haugland, who’s
# argued for years that ...", "Hillary Clinton — who’s called for big tax hikes" (PolNeAR, GGT).
RELATIVE = r"\s*(?:,|\s[-–—]{1,2})\s+who(?:['’]s)?"
_AFTER_SUBJECT = (rf"{PARTY}?(?P<of>{OF_PLACE})?(?P<appos>,\s+[^;“”\"]{{2,160}}?,|{OPEN_ROLE}|"
                  rf"{DASH_APPOSITION})?(?:(?P<comma>,)|(?P<rel>{RELATIVE}))?\s+{ADVERB}{{0,3}}"
                  rf"(?P<cue>{SAY})\b")
SUBJECT_CUE = re.compile(rf"(?P<who>{PRONOUN}|{NAME})" + _AFTER_SUBJECT)
# SUBJECT_CUE where no "l-" follows (no "al-"/"el-" name can open), opening with the class of its
# first character, a pronoun's or a name's (`names.name_runs`): it skips to them, where one opening
# with \b or a look-behind tries every place. The same alternatives in the same order after it.
SUBJECT_CUE_FROM_CLASS = re.compile(
    rf"(?P<who>[{CAPITAL}hs](?:(?<=[Hh])(?<!\w.)e\b|(?<=[Ss])(?<!\w.)he\b"
    rf"|(?<=[{CAPITAL}]){NAME_AFTER_CAPITAL}))" + _AFTER_SUBJECT)
ROLE_CUE = re.compile(
    rf"\b[Tt]he\s+(?:[a-z]+\s+)?(?P<who>{ROLES}|{AGE_ROLE})\s+{ADVERB}{{0,2}}(?P<cue>{SAY})\b")
# Names a later sentence's "he" or "she" seldom points back to: the subject of reported words
# ("said Prime Minister Tony Blair had been 'trying very hard'"; but "... had 'caused uproar' when
# he said" in the same sentence is his), and one of a pair of names ("Paolo Maldini and Alessandro
# Costacurta", not "Trade and Industry Secretary Paul Channon") (bbc-news).
REPORTED_BEFORE = re.compile(
    r"\b(?:said|says|added|believes|thinks|claimed|argued|insisted|warned)\s+$")
# ... and the subject of a "that" clause a cue word a few words before opens ("claiming without
# any evidence that President Obama wanted"), but not of one that merely follows a verb
# ("learned that Don Kates was going to be in Boston" keeps Kates for the next "he").
REPORTED_THAT = re.compile(r"\bthat\s+$")
REPORTED_THAT_CHARS = 40
PAIRED_BEFORE = re.compile(r"\band\s+$")
PAIRED_AFTER = re.compile(r"\s+and\s+[A-Z]")
# Words that cannot describe the speaker between an inverted cue and a name: "said they could not
# support Barack Obama" is what was said, not who said it.
NOT_DESC = (r"(?:that|on|in|at|to|with|for|after|before|by|about|of|as|when|while|during|was|is|"
            r"he|she|it|they|we|you|I|could|would|will|should|can|may|might|must|not|had|has|"
            r"have|did|does|do|be|been|were|are|him|them|us|me)\b")
# A description set off before the name: '"...," said the company's chief executive, John Smith',
# "said another Twitter user, Johanna Bayer".
DESC_THEN_NAME = (r"(?:the|an?|another|his|her|their|its|one)\s+(?:[\w\-’'.]+\s+){0,5}?"
                  r"[a-z][\w\-]*,\s+"
                  # or a bare role: '"With this piece", says writer, Mike van Graan, "I ..."'
                  r"|(?:writer|author|playwright|director|producer|poet|novelist|composer|"
                  r"artist|designer|coach|manager|chairman|president|founder|organi[sz]er),\s+")
# The words an inverted cue opens with: a sentence without one of them needs no INVERTED_CUE.
INVERTED_WORDS = frozenset(cue.split()[0] for cue in SAY_INVERTED.split("|"))
INVERTED_CUE = re.compile(
    rf"(?P<cue>\b(?:{SAY_INVERTED}))\s+(?P<desc>(?:(?!{NOT_DESC})(?:{CAP}|[a-z][\w\-’']*)\s+)"
    rf"{{0,8}}?|{DESC_THEN_NAME})(?P<who>{NAME})"
    # a stop after the name, but not an initial's: "said E.F. Hutton analyst Michael Lewis"
    rf"(?={PARTY}|\s*[,;:!?)”\"]|\s*\.(?![A-Z]\.)|\s*$|\s+(?:on|in|at|who|when|during|after|"
    # "wrote Cameron Easley for Morning Consult", "said Ann Lee to reporters"
    rf"before|last|this|yesterday|today|from|and|of|while|for|to)\b)")
# Nouns after a name that make it a modifier, not a subject: "Surrey staff explained",
# "Trump supporters cheered", "Clinton aides said".
GROUP_NOUN = (r"(?:staff|officials|supporters|campaign|aides|administration|team|fans|voters|"
              r"allies|camp|family|government|council|loyalists|backers|critics|advisers|advisors)")
SUBJECT = re.compile(
    rf"^(?:[^,“”\"]{{0,40}},\s+)?(?:[Tt]he\s+)?(?:(?:{CAP}|{ROLE_WORD}|{GROUP_NOUN})\s+){{0,5}}?"
    rf"(?P<who>{NAME}){PARTY}?(?:,\s+[^“”\"]{{2,100}}?,)?,?\s+{ADVERB}{{0,2}}"
    rf"(?!{ROLE_WORD}\b|{GROUP_NOUN}\b)[a-z]")
# A name that qualifies a role before the role holder's name: "Trump campaign manager Corey
# Lewandowski rejected ...", whose subject is Lewandowski; "after", "later", "never" are no roles.
# The words between are nouns: a verb ("DiCaprio described director Martin Scorsese", "McClaren
# praised winger X") or a conjunction ("pianist Bebo Valdes and flamenco singer Diego El Cigala")
# leaves the subject where it was (BBC news).
QUALIFIED_ROLE = re.compile(
    rf"\s+(?:(?!(?:after|later|never|ever|over|under|together|rather|whether|either|neither|"
    rf"other|and|or|but|for|to|by|with|of|as|[a-z]+ed)\b)[a-z][a-z\-]*\s+){{1,3}}?(?P<who>{NAME})")
# A quotation's tag whose speaker has a description of any words: '“...,” said master of
# ceremonies Asab Al-Tabchi', '“...,” said former Pennsylvania Gov. and DNC Chairman Ed Rendell'.
TAG_AFTER_QUOTE = re.compile(
    # and a role set off by a comma: '"This picture was the story", said De Telegraaf's image
    # editor, Peter Schoonen' (bbc-news), not a time or a paper's name ("said the paper on Monday,")
    rf"”,?\s*(?P<cue>{SAY_INVERTED})\s+(?:[\w\-’'.]+\s+){{1,10}}?(?:[a-z][\w\-]*,\s+)?"
    rf"(?P<who>{NAME})"
    rf"(?={PARTY}|\s*[,.;:!?)”\"]|\s*$)")
# One quoted by another: "Japanese officials quoted Mr Fukuda as saying" (l3s), "Tehran Radio quoted
# Iranian Oil Minister Gholamreza Aqazadeh as saying" (Reuters).
QUOTING_VERBS = ("quoted", "quotes", "quoting")
QUOTED_AS = re.compile(
    rf"\b(?P<cue>{'|'.join(QUOTING_VERBS)})\s+(?:[\w\-’'.]+\s+){{0,6}}?(?P<who>{NAME}){PARTY}?"
    rf"(?:,\s+[^;“”\"]{{2,100}}?,)?\s+as\s+(?:saying|telling|writing)\b")
# Words reported in the passive: "he was told by Newcastle's chairman, Chris Mort, last Thursday
# that he would not be considered" (l3s).
TOLD_VERBS = ("told", "assured", "warned", "informed")
TOLD_BY = re.compile(
    rf"\b(?:was|were|been|being)\s+(?P<cue>{'|'.join(TOLD_VERBS)})\s+by\s+"
    rf"(?:[\w\-’'.]+,?\s+){{0,6}}?(?P<who>{NAME}){PARTY}?(?:,\s+[^;“”\"]{{2,80}}?)?\s+that\b")
# '"...," Kurinji Selvaraj, a research analyst at the think tank told CBS News.'
AFTER_QUOTE_CUE = re.compile(
    rf"”\s*(?P<who>{NAME}){PARTY}?,\s+[^;“”\"]{{2,160}}?\s+{ADVERB}{{0,3}}(?P<cue>{SAY})\b")
# A quotation labelled with its speaker, as pages list reactions: 'Chris Cillizza, The Washington
# Post: "This was her best debate."' and '"He represents our greatest shame." ― Sonya Herridge'.
# A lead-in may come before the label after a dash, and two may share it: "Pollsters agree -
# Carl Bialik: “...”", "TOO EARLY - Mark Blumenthal and Jon Cohen: “...”"; a label after its
# quotation may be followed by the next one: '“...” ― Sonya Herridge “...”'.
LABEL_BEFORE = re.compile(
    rf"\s*+(?:(?:[^“”\"\n:]{{0,120}}?\s)?[-–—]\s+)?(?P<who>{NAME}){PARTY}?"
    rf"(?:\s+and\s+(?P<other>{NAME}){PARTY}?)?(?:,\s+[^:;“”\"\n]{{2,80}}?)?:\s*(?=“Q\d)")
LABEL_AFTER = re.compile(
    rf"”\s*(?:[―—–]|--?)\s*(?P<who>{NAME})(?:,\s+[^:;“”\"\n]{{2,80}}?)?(?:[.\s]*$|\s+(?=“Q\d))")
# "Brad Marchand added three assists", "Ford reported net income": these cues report speech
# only when words, a clause or a time follow them, not an object.
OBJECT_CUES = {"added", "adds", "wrote", "writes", "reported", "denied", "denies", "announced",
               "tweeted", "tweets",
               # "he also maintained above-average costs", "has revealed almost nothing",
               # "pledged her commitment", "He recalled Ali's generosity" (PolNeAR dev)
               "maintained", "revealed", "pledged", "recalled", "described", "maintains",
               "reveals", "recalls", "announces",
               # an author's note: "He has written about politics for ten years"
               "has written",
               # "answered the phone", "estimated the cost", "disclosed the data", "teased a song"
               "answered", "estimated", "repeated", "disclosed", "teased", "texted", "protested",
               "vented", "objected", "hit out",
               # a score in sports: "Rankin hit back just before half time" (BBC sport)
               "hit back"}
CUE_OPENS_SPEECH = re.compile(
    r"\s*(?:[a-z]+ly\s+)?(?:[,:.;“\"”]|(?:that|in|on|at|to|during|later|last|this|he|she|we|I|"
    # "Milburn denied there was an attempt to sideline Mr Brown" (bbc-news)
    r"there)\b"
    # "which he described as “like an open orchid”", "recalled sitting in on focus groups"
    r"|as\s+“|[a-z]{2,}ing\b|$)"
    # "Putin has described the affair as a crackdown", "Gorbachev has described machine-building
    # as a sector ..." (BBC, Reuters): a description is a view given
    r"|(?<=described)\s+(?:[\w'’\-]+\s+){0,8}?as\s")
# An apposition that makes the subject an organisation: "Ford, the US car company, reported".
ORGANISATION_APPOSITION = re.compile(
    r",\s+(?:the|a|an)\s+(?:[\w\-’']+\s+){0,4}?(?:company|firm|group|bank|carmaker|maker|giant|"
    r"agency|organi[sz]ation|body|network|retailer|airline|chain|union|party|council|ministry|"
    r"department|newspaper|paper|website|broadcaster|club|team|band|charity|watchdog|regulator|"
    r"operator|supplier|manufacturer|provider|insurer|lender|channel|magazine)\b")
# Cues that name what someone said only with the quotation: 'Clinton called it “predatory.”',
# not "Trump called the meeting", "Smith praised the staff".
QUOTED_CUES = {"called", "calls", "dismissed", "dismisses", "labeled", "labelled", "branded",
               "blamed", "blames", "denounced", "criticized", "criticised", "criticizes",
               "criticises", "praised", "praises", "thanked", "applauded", "hailed", "slammed",
               "mocked", "condemned", "lauded", "welcomed"}
# A participle that reports the words of the sentence's subject: "Hua Chunying shot back on
# Tuesday, saying Trudeau should respect the rule of law".
SUBJECT_PARTICIPLE = re.compile(
    r",\s+(?:(?:also|then|later)\s+)?(?P<cue>saying|adding|arguing|noting|warning|insisting|"
    r"claiming|declaring|explaining|stressing)\b")
# "claiming" wins and "adding" scores when an object follows and no clause: "claiming the men's
# 800m", "adding 10 points", "claiming their fifth amendment rights" (BBC sport, Reuters); a clause
# has a finite verb soon after ("adding the company will have", "claiming his forecasts are").
PARTICIPLE_OBJECT = re.compile(r"\s+(?:\d|(?:the|a|an|his|her|their|its)\s)")
PARTICIPLE_CLAUSE = re.compile(
    r"\s+(?:[\w'’\-]+\s+){0,5}?(?:is|are|was|were|has|have|had|will|would|can|could|should|may|"
    r"might|must|do|does|did|not|[a-z]{2,}ed)\b")
OBJECT_PARTICIPLES = {"claiming", "adding"}
# ... and so do these finite cues: "Cairns and Shannon claimed the individual titles", "Nadal
# continued his run of fine form" (BBC sport), but "claimed the move was illegal" reports words.
OBJECT_FINITE_CUES = {"claimed", "claims", "continued"}
# A participle right after a tag speaks for the tag's speaker: "..., the spokesman said, adding".
TAG_BEFORE_PARTICIPLE = re.compile(r"\b(?:said|says|told|added|reported)\s*$")
# Cues that report speech only when they do not govern a verb: "he continued to be", "went on to win".
CONTINUING_CUES = {"continued", "went on"}
CUE_THEN_VERB = re.compile(r"\s+to\s+[a-z]")
# Cues that name no speech when a request, a topic or a place follows them: "Sharpton asked for
# the meeting", "Craig Patrick asked about it" (but "went on Twitter", "went on a rant" do).
CUE_THEN_NO_SPEECH = {"asked": re.compile(r"\s+(?:for|about|to)\b"),
                      # a goal in sports: "Leon Draisaitl also responded for the Oilers"
                      "responded": re.compile(r"\s+(?:for|with)\b"),
                      # a plea in court, a shot, a goal back (BBC and Reuters news): "Boesky
                      # pleaded guilty", "Drogba snapped in a shot", but "pleaded with the jury"
                      "pleaded": re.compile(r"\s+(?:not\s+)?(?:guilty|innocent|no\s+contest)\b"),
                      "snapped": re.compile(r"\s+(?:in|up|home|into|off|a|an|the|his|her|its)\b"),
                      # a greeting or an answer reports no words: "will see Sarah Platt say
                      # goodbye to the Street", "Hughes would say yes" (l3s)
                      **dict.fromkeys(("say", "says", "said"), re.compile(
                          r"\s+(?:goodbye|good-bye|farewell|hello|yes(?!:))\b"))}
# "Mr. Obama warned the Chinese leader, Xi Jinping, during their meeting ..., said an American
# official": the one after the cue speaks, as a name there does (CUE_THEN_NAME).
CUE_THEN_SPEAKER = re.compile(
    r"\s+(?:an?|the|another|one)\s+(?:[\w\-]+\s+){0,3}?(?:officials?|spokes(?:man|woman|person)|"
    r"sources?|aides?|person|people|analysts?|experts?|lawyers?|advisers?|advisors?|diplomats?|"
    r"executives?|representatives?|members?)\b")
# Someone unnamed who speaks: "the PCB official said", "a spokeswoman told", "said a senior aide";
# a "he" or "she" after them is theirs, not an older named person's (l3s).
UNNAMED_NOUN = (r"(?P<noun>official|spokes(?:man|woman|person)|source|aide|diplomat|executive|"
                r"representative|officer|analyst|expert|lawyer|adviser|advisor|witness|resident)")
UNNAMED_CUE = re.compile(
    rf"\b(?:[Tt]he|[Aa]n?|[Aa]nother|[Oo]ne)\s+(?:[\w\-]+\s+){{0,3}}?{UNNAMED_NOUN}\s+"
    # "A representative for Mr. Pinchuk said ... He added": the one he speaks for says nothing
    rf"(?:(?:for|of)\s+(?:[\w.'’\-]+\s+){{1,4}}?)?"
    rf"{ADVERB}{{0,2}}(?:said|says|told|tells|added|adds)\b"
    rf"|\b(?:said|says|told|added)\s+(?:an?|the|another|one)\s+(?:[\w\-]+\s+){{0,3}}?"
    rf"{UNNAMED_NOUN.replace('noun', 'noun_after')}\b")
# ... but not "Debbie Walsh, director of the centre, said Clinton is ...": a clause follows.
CUE_THEN_NAME = re.compile(rf"\s+{CAP}(?:\s+{CAP}){{0,4}}(?:\s*[,.;:]|\s*$|\s+\()")
# A title that goes on with "of" or "for" before the name it titles: "UMWA Director of Government
# Affairs Phil Smith told", "Deputy Assistant Secretary of State for Inter-American Affairs Paul
# Taylor acknowledged" (PolNeAR, Reuters); the place words after it are the title's, not a place.
TITLE_THEN_OF = re.compile(r"\b([A-Z][a-z]+)\s+(?:of|for)\s+(?:the\s+)?$")
# Cues whose object is whom the words were told to, never a speaker after them: "..., Chee Kheng
# Hoy, head of the division, told Reuters", "the Vatican spokesman, Federico Lombardi, told
# Vatican Radio" (CUE_THEN_NAME and CUE_THEN_SPEAKER do not apply).
ADDRESSEE_CUES = {"told", "tells"}
# What follows a name that the body treats as a company: "Citigroup said it would".
# "It" that stands for the speaker does something: "Ford said it would cut jobs", "it has
# hired"; "it" that stands for nothing is described: "Podesta said it was a reasonable conclusion".
# Words in -ing that describe what "it" stands for, not what a company is doing: "Glen Kopp said
# it is not surprising that agents want to interview her" is a person's view.
ING_ADJECTIVES = (r"(?:surprising|interesting|disappointing|encouraging|frustrating|amazing|"
                  r"worrying|troubling|concerning|astonishing|exciting|shocking|embarrassing|"
                  r"depressing|devastating|alarming|refreshing|puzzling|confusing|disturbing|"
                  r"heartbreaking|humbling|overwhelming|reassuring|striking|promising|"
                  r"fascinating|terrifying|upsetting|exhausting|nothing|something|everything)")
IT_ACTS = (r"it\s+(?:(?:would|will|could|can|may|might)\s+(?!be\b)|has\b|had\b|have\b|plans|"
           r"planned|intends|intended|expects|expected|hopes|hoped|did\b|does\b|"
           r"(?:is|was)\s+(?:not\s+)?"
           rf"(?:(?!{ING_ADJECTIVES}\b)[a-z]+ing|committed|aware|confident|pleased|"
           r"disappointed)\b)")
SAYS_ABOUT_ITSELF = re.compile(r"\s+(?:has\s+|had\s+)?(?:said|says|added|adds|announced|reported|"
                               rf"confirmed)\s+(?:that\s+)?(?:{IT_ACTS}|its\b)|"
                               # "Exxon Mobil contended in its letter", "said on its website"
                               r"\s+(?:said|says|stated|states|wrote|writes|contended|argued|noted|"
                               r"explained|claimed|insisted|warned)\s+(?:in|on|through)\s+its\b")
# After a subject the reported words are about a thing, so the subject is an organisation.
ABOUT_ITSELF = re.compile(rf"\s*(?:that\s+)?(?:{IT_ACTS}|(?:its|they|their)\b)")
# One who asks a question in an interview or a debate: "Asked by Matt Lauer whether ...",
# "asked by Fox Business moderator Gerard Baker", "Challenged by ABC News's Diane Sawyer".
ASKED_VERBS = ("asked", "pressed", "challenged", "questioned")
ASKED_BY = re.compile(
    rf"\b(?:{'|'.join(f'[{verb[0].upper()}{verb[0]}]{verb[1:]}' for verb in ASKED_VERBS)})"
    rf"\s+by\s+(?:[\w’'.]+\s+){{0,4}}?"
    rf"(?P<who>{NAME})(?=\s*[,;]|\s+(?:about|on|whether|if|why|how|what|when|who|to|for|in)\b)")
# One word joined by "and" to another that ends the name is a firm's name, as partners' names
# make it: "added Ernst and Young's Sanjay Mehta", "added brokers Phillips and Drew in a report"
# (BBC, Reuters); "said Wolpaw and Dennis McFarlane" names two people.
FIRM_PAIR = re.compile(r"\s+(?:and|&)\s+[A-Z][\w\-]*(?:['’]s\b|(?!['’\-]|\s+[A-Z]))")
# A name that a verb follows is the subject of what was said, not a tag's speaker: "His mother
# said her son's killer, Warren Leblanc, 17, had mimicked ...", "He said his new adviser, Frank
# Carlucci, was rebuilding ..." (BBC, Reuters), but "..., said its director, X, on Monday."
NAME_THEN_VERB = re.compile(
    r",[^;.]{0,80}?\b(?:is|are|was|were|has|have|had|will|would|could|can|should|did|does)\b")
# An inverted cue with no comma or quote before it must end its sentence: "..., said MP X."
INVERTED_TAIL = re.compile(r"(?:,[^,;]*)?[.!?]?[”\"]?\s*$")
# The mark a masked quotation leaves (`quotations.mask_quotes`): "Q4a" in a text is a North
# Sea block, not a mark, so only a Q right after an opening quote counts.
QUOTE_MARK = re.compile(r"(?<=“)Q(\d+)")
# Each opening mark and the marks that may close it: pages mix curly and straight quotes.
# British pages quote with single marks: "‘We will win,’ said Jane Doe"; a single opening mark
# opens a word (`quotations.mask_quotes` tells), and its closing one ends a word ("the team’s"
# is no close).
OPENER = re.compile(r"[“\"«„‘]")
OPENERS = {"“": re.compile(r"[”\"]"), '"': re.compile(r"[\"”]"), "«": re.compile("»"),
           "„": re.compile(r"[“”\"]"), "‘": re.compile(r"’(?![\w’])")}
# A straight mark after a sentence's stop and before a capital reopens a quotation, as BBC articles
# join the paragraphs of one: '"It was very disappointing. "Whoever is running our strategy ...'
# (bbc-news). It ends the quotation before it, as a paragraph's end does, and closes nothing.
REOPENING = re.compile(r'(?<=[.!?]\s)"(?=[A-Z0-9])')
ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Jr|Sr|"
                          r"No|vs|Inc|Co|Corp|Ltd|Const|Det|Insp|Supt|Cpl|Pte|Maj|Brig|Adm|"
                          r"Cmdr|Fr|Rev|Hon|Del)|\b[A-Z]|\.[A-Z])\.$")
SENTENCE_END = re.compile(r"[.!?][”\"’)]?\s+(?=[A-Z“\"‘(À-Þ])")
# A quotation's own stop does not end the sentence its speaker is named in:
# '“We are tired of it!” Cruz said.', '“Is it?” Michael Every, a strategist, asked.'
CUE_AFTER_QUOTE = re.compile(
    rf"(?:{PRONOUN}|{NAME}){PARTY}?(?:,\s+[^;“”\"]{{2,100}}?,)?\s+{ADVERB}{{0,2}}"
    r"(?:said|says|asked|asks|added|adds|told|wrote|writes|explained|insisted|continued|"
    # '“We did it!” Jane Doe exclaimed.', '“Really?” she wondered.'
    r"tweeted|joked|quipped|exclaimed|shouted|yelled|screamed|laughed|replied|responded|"
    r"retorted|snapped|wondered|recalled|noted|warned|declared|cried)\b")
# A preposition that opens a sentence makes the name after it its object, not the subject
# (not "After", "Before", "Since", "Until": "After Djokovic beat Becker, ..." opens a clause).
PREPOSITION_OPENING = re.compile(
    r"\s*(?:With|Without|Despite|Unlike|Like|For|From|By|Against|Under|Over|Behind|Beside|"
    r"Besides|Between|Among|Amid|Through|Toward|Towards|Alongside|Following)\s")
# A sentence opening with a phrase or a clause before its main clause: "In an earlier article,",
# "When he left office,", "As the day went on,".
CLAUSE_OPENING = re.compile(
    r"\s*(?:In|At|On|After|Before|During|When|While|As|Since|Although|Though|Because|Once|"
    r"Until)\s")
# A sentence whose subject is a pronoun, by the sex it gives: "He went on to ...", "She also ...".
PRONOUN_OPENING = {"m": re.compile(r"\s*He\s"), "f": re.compile(r"\s*She\s")}
# The longest opening phrase before the comma after which a subject is looked for.
MAX_OPENING_PHRASE = 160
# Two apostrophes stand for a quotation mark in some wire and archive texts: "''We found zero.''",
# and two backticks open one in others: "``The prognosis is good,'' LaBumbard said" (AP, l3s).
TWO_APOSTROPHES = re.compile(r"``|(?<!')''(?!')")
# A line that links to another story under a label: "Read more: Trump says he will win.",
# "WATCH | Hurricanes power past Canucks", "Related: ...".
LINK_LINE = re.compile(
    r"(?i:read more|read next|also read|related(?: stories| articles| coverage)?|see also|more|"
    r"watch|listen|recommended|most read|more on this story|click here|sign up)\s*[:|»>]")
# A line that does not end like a sentence is a heading or a link: "Carrie Lam says ...".
UNFINISHED = re.compile(r"[.!?:;”\"’)…]\s*$")
# A clause joined to a sentence's first, with a subject of its own: "Glazer owns 28%, and the
# club's statement said: ..." (bbc-news).
SECOND_CLAUSE = re.compile(r"[,;]\s+(?:and|but|while|whereas)\s+")
# A cue with nothing after it introduces what follows: 'Guy Hence says:' above a comment.
DANGLING_CUE = re.compile(r"(?:" + SAY + r")\s*:?\s*$")
# The lengths of a line that mail software wrapped (a line of a body holds no newline).
WRAPPED_LINE_CHARS = range(55, 81)
