"""Word lists for finding cited sources beyond the positions: general English news usage only.

Nothing here names a particular article's people or outlets; outlet names are recognised by the
shape of their names (``cues.MEDIA_NAME``) and by the roles around them ("a CNN reporter").
"""

from __future__ import annotations

import re

from bot.analysis.cues import REFUSAL_VERBS

# Verbs whose subject is a source of the article, even when no position was extracted:
# saying, reporting, confirming, denying and judging in public.
SOURCE_VERBS = frozenset(
    [
        "say",
        "tell",
        "report",
        "state",
        "announce",
        "confirm",
        "deny",
        "claim",
        "write",
        "add",
        "explain",
        "note",
        "argue",
        "insist",
        "warn",
        "acknowledge",
        "admit",
        "testify",
        "tweet",
        "post",
        "reveal",
        "disclose",
        "comment",
        "allege",
        "predict",
        "estimate",
        "forecast",
        "criticise",
        "criticize",
        "accuse",
        "condemn",
        "dispute",
        "respond",
        "reply",
        "recall",
        "stress",
        "caution",
        "contend",
        "conclude",
        "assert",
        "maintain",
        "blast",
        "slam",
        "praise",
        "urge",
        "describe",
        "decline",
        "refuse",
        "publish",
        "release",
        "issue",
        "find",
        "show",
        "unveil",
        "suggest",
        "indicate",
        "expect",
        "project",
    ]
)

# Of these, the ones that cite without a clause ("denied the claim", "declined to comment",
# "said in a statement"); the others need one ("maintains that …", not "maintains tariffs").
CITE_WITHOUT_CLAUSE = frozenset(
    [
        "say",
        "tell",
        "report",
        "state",
        "announce",
        "confirm",
        "deny",
        "claim",
        "comment",
        "tweet",
        "testify",
        "criticise",
        "criticize",
        "accuse",
        "condemn",
        "blast",
        "slam",
        "praise",
        "dispute",
        "decline",
        "refuse",
        "publish",
        "release",
        "issue",
        "allege",
        "acknowledge",
        "admit",
        "disclose",
        "reveal",
        "respond",
        "reply",
        "rule",
        "urge",
        "add",
        "describe",
        "find",
        "show",
        "unveil",
        "estimate",
        "forecast",
        "predict",
    ]
)

# Of these, the ones that need a clause, a quote or a document-like object to cite anything:
# "the firm released a phone" cites nothing, "the firm released figures" does.
NEEDS_EVIDENCE_OBJECT = frozenset(["publish", "release", "issue", "post", "unveil"])
# Evidence verbs cite only with a document-like or expert subject ("the study found").
EVIDENCE_ONLY = frozenset(["find", "show", "suggest", "indicate", "unveil"])
# "declined to comment", "refused to say": the subject is still a (silent) source.
DECLINE_VERBS = REFUSAL_VERBS  # the same verbs positions treat as reporting nothing
DECLINED_ACTS = frozenset(["comment", "say", "speak", "respond", "discuss", "confirm", "elaborate"])

# Objects that make "released/published X" a citation, and heads of documents as sources.
EVIDENCE_OBJECTS = frozenset(
    [
        "statement",
        "report",
        "study",
        "data",
        "figure",
        "figures",
        "statistic",
        "statistics",
        "footage",
        "video",
        "recording",
        "transcript",
        "document",
        "documents",
        "record",
        "records",
        "result",
        "results",
        "survey",
        "poll",
        "findings",
        "letter",
        "memo",
        "filing",
        "release",
        "estimate",
        "forecast",
        "guidance",
        "earnings",
        "details",
        "image",
        "images",
        "photo",
        "photos",
        "analysis",
        "review",
        "audit",
        "paper",
    ]
)

# Passive agents that cite their source: "analysts surveyed by X", "documents obtained by X".
AGENT_VERBS = frozenset(
    [
        "survey",
        "poll",
        "compile",
        "publish",
        "conduct",
        "release",
        "commission",
        "collect",
        "obtain",
        "see",
        "review",
        "issue",
        "provide",
        "gather",
        "report",
        "carry",
        "author",
        "write",
        "lead",
        "produce",
    ]
)

# People who work for an outlet: "a CNN reporter", "an Associated Press journalist", "the BBC
# interviewer", and outlet products: "the BBC interview", "a Reuters investigation".
MEDIA_ROLE_NOUNS = frozenset(
    [
        "reporter",
        "journalist",
        "correspondent",
        "interviewer",
        "interview",
        "photographer",
        "editor",
        "columnist",
        "anchor",
        "host",
        "broadcast",
        "podcast",
        "documentary",
        "investigation",
        "report",
        "reporting",
        "analysis",
        "poll",
        "survey",
        "tally",
        "count",
    ]
)
# Of these, the ones that make their owner a medium whatever its name looks like.
MEDIA_PEOPLE = frozenset(
    ["reporter", "journalist", "correspondent", "interviewer", "interview", "photographer"]
)

# Verbs whose "to X" names the outlet: "declined to comment to X", "leaked to X", "spoke to X".
TO_MEDIA_VERBS = frozenset(["comment", "leak", "speak", "talk", "say", "confirm", "send", "give"])

# Holders who speak for their owner: "Alibaba's spokesperson", "his office", "the company's
# representative" cite the owner.
SPOKES_NOUNS = frozenset(
    [
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "office",
        "representative",
        "rep",
        "campaign",
        "press",
        "statement",
        "website",
        "account",
    ]
)

# Post-modifiers that keep an unnamed source's description: "people familiar with the talks",
# "two people briefed on the matter", "a source close to the company".
ANONYMOUS_HEADS = frozenset(
    ["person", "people", "source", "official", "insider", "aide", "diplomat", "executive"]
)
ANONYMOUS_MODIFIERS = frozenset(
    ["familiar", "briefed", "close", "knowledgeable", "involved", "aware", "speaking"]
)

# Subjects that are never a source by themselves: quantifiers and indefinite pronouns.
NOT_SOURCES = frozenset(
    [
        "other",
        "others",
        "many",
        "some",
        "few",
        "most",
        "all",
        "both",
        "each",
        "one",
        "none",
        "no one",
        "nobody",
        "anyone",
        "anybody",
        "everyone",
        "everybody",
        "someone",
        "somebody",
        "number",
        "majority",
        "minority",
        "rest",
        "this",
        "that",
        "these",
        "those",
        "it",
        "which",
        "who",
        "what",
        "something",
        "nothing",
        "everything",
        "anything",
    ]
)

# What follows a comma inside one name: "Apple, Inc", "Martin Luther King, Jr".
NAME_SUFFIXES = frozenset(["inc", "jr", "sr", "ltd", "llc", "plc", "co", "corp", "ii", "iii"])

# Heads of a share of a group, never a source's name: "51 percent", "a large proportion".
QUANTITY_NOUNS = frozenset(
    [
        "percent",
        "per cent",
        "percentage",
        "proportion",
        "share",
        "majority",
        "minority",
        "plurality",
        "half",
        "third",
        "quarter",
        "fifth",
        "fraction",
        "number",
        "portion",
    ]
)

# Where a share of a group is quoted from: "51 percent said in an ABC News poll".
SURVEY_NOUNS = frozenset(["poll", "survey", "census", "questionnaire"])

# Verbs of a state of mind, not of speech: "Beijing wants", "leaders believe".
MENTAL_VERBS = frozenset(
    [
        "believe",
        "think",
        "expect",
        "hope",
        "fear",
        "worry",
        "doubt",
        "feel",
        "know",
        "learn",
        "understand",
        "accept",
        "reckon",
        "want",
        "decide",
        "recognize",
        "recognise",
        "wonder",
        "assume",
        "suspect",
    ]
)

# Determiners and numbers dropped from the front of a group's name ("Two people briefed…").
LEADING_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "some",
        "several",
        "two",
        "three",
        "four",
        "five",
        "many",
        "both",
        "few",
        "various",
        "numerous",
        "other",
        "another",
        "one",
        "more",
        "most",
        "second",
        "third",
        "its",
        "their",
    ]
)

# "published in Nature", "in the journal Science": the journal is the source of a study.
PUBLISH_VERBS = frozenset(["publish", "appear", "report"])

# A wire dateline: "HAYWARD, Calif. (AP) —", "LONDON (Reuters) -".
DATELINE = re.compile(r"^[^\n()]{0,60}\(([A-Z][\w.&' -]{0,30})\)\s*[—–-]", re.MULTILINE)

# Titles and ranks of office holders beyond cues.OFFICIAL_WORDS ("Gov.", "Gen.", "Superintendent").
OFFICIAL_TITLES = frozenset(
    [
        "gov",
        "sen",
        "rep",
        "gen",
        "adm",
        "lt",
        "col",
        "sgt",
        "general",
        "admiral",
        "colonel",
        "lieutenant",
        "sergeant",
        "commissioner",
        "superintendent",
        "constable",
        "inspector",
        "detective",
        "marshal",
        "ombudsman",
        "councillor",
        "councilman",
        "councilwoman",
        "alderman",
        "treasurer",
        "comptroller",
    ]
)

# Words that end a company's name: "X Productions", "Y Holdings", "Z Records".
COMPANY_WORDS = frozenset(
    [
        "productions",
        "holdings",
        "records",
        "studios",
        "entertainment",
        "media",
        "partners",
        "capital",
        "group",
        "inc",
        "corp",
        "corporation",
        "ltd",
        "llc",
        "plc",
        "co",
        "industries",
        "technologies",
        "systems",
        "labs",
        "pharmaceuticals",
        "airlines",
        "motors",
        "bank",
    ]
)

# People named by what they are or do, who are cited in news as groups or as one of them:
# "protesters say", "a witness told", "residents complained".
PEOPLE_NOUNS = frozenset(
    [
        "protester",
        "demonstrator",
        "resident",
        "witness",
        "teacher",
        "parent",
        "student",
        "worker",
        "consumer",
        "customer",
        "investor",
        "voter",
        "fan",
        "victim",
        "family",
        "neighbor",
        "neighbour",
        "survivor",
        "patient",
        "user",
        "passenger",
        "employee",
        "farmer",
        "nurse",
        "organizer",
        "organiser",
        "volunteer",
        "critic",
        "supporter",
        "opponent",
        "local",
        "citizen",
        "shopper",
        "trader",
        "banker",
        "lawyer",
        "relative",
        "friend",
        "colleague",
    ]
)

# Documents beyond cues.DOCUMENT_NOUNS: court papers and published pieces that cite by
# themselves ("the lawsuit alleges", "according to the indictment", "court documents show").
DOCUMENT_WORDS = frozenset(
    [
        "lawsuit",
        "suit",
        "complaint",
        "indictment",
        "affidavit",
        "petition",
        "ruling",
        "verdict",
        "transcript",
        "warrant",
        "subpoena",
        "testimony",
        "footage",
        "video",
        "recording",
        "records",
        "documents",
        "findings",
        "results",
        "figures",
        "filings",
        "papers",
        "minutes",
        "budget",
        "forecast",
        "projection",
        "guidance",
        "press release",
        "website",
        "tally",
    ]
)

# Verbs whose "on/in/with X" may name the outlet: "said on CNN", "wrote in the Post".
SAY_ON_VERBS = frozenset(["say", "tell", "write", "speak", "appear", "comment", "argue", "talk"])
# Pieces that live in an outlet: "in an interview with X", "an op-ed in X", "a story in X".
OUTLET_PIECES = frozenset(
    ["interview", "article", "story", "op-ed", "column", "editorial", "piece", "essay", "op"]
)

# Outlet names unlikely to name anything else ("Fox", "Sun" or "Express" alone are not enough).
STRONG_MEDIA = re.compile(
    r"\b(Times|Post|News|Journal|Reuters|Associated Press|AFP|BBC|CNN|NBC|CBS|NPR|PBS|MSNBC|"
    r"Bloomberg|Guardian|Telegraph|Herald|Tribune|Gazette|Chronicle|Newsweek|Politico|Axios|"
    r"Xinhua|TASS|Interfax|Kyodo|Yonhap|Al Jazeera|Daily [A-Z]\w+|Press Association|"
    r"Broadcasting|Radio|Television|Magazine|Newspaper)\b"
)

# Media nouns that name other things too: "space agency", "TV network", "shopping channel";
# they make a medium only next to a news word.
AMBIGUOUS_MEDIA_NOUNS = frozenset(["agency", "network", "channel", "outlet"])
NEWS_WORDS = frozenset(["news", "press", "wire", "newswire", "broadcast", "broadcasting"])

# Words that do not end a written role: "University of Florida" is one name.
FUNCTION_WORDS = frozenset(
    ["of", "for", "and", "the", "on", "in", "at", "de", "du", "la", "le", "von", "van", "der", "&"]
)

# Nouns that describe outlets beyond cues.MEDIA_NOUNS: "the publication", "the weekly".
MORE_MEDIA_NOUNS = frozenset(["publication", "weekly", "broadsheet", "newsletter", "blog"])

# Common nouns for companies: "the automaker said" is an organisation, not a person.
COMPANY_NOUNS = frozenset(
    [
        "company",
        "firm",
        "automaker",
        "carmaker",
        "retailer",
        "insurer",
        "lender",
        "bank",
        "startup",
        "maker",
        "manufacturer",
        "producer",
        "operator",
        "airline",
        "chain",
        "giant",
        "conglomerate",
        "brokerage",
        "supplier",
        "developer",
        "publisher",
        "label",
        "studio",
        "utility",
        "miner",
        "broker",
        "fund",
        "group",
        "business",
    ]
)
