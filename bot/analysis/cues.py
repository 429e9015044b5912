"""Word lists for attribution: reporting verbs, noun cues, roles and source kinds.

General English news vocabulary only; nothing here names a particular article's people or outlets.
"""

from __future__ import annotations

import re

# Speech verbs that report with their clause only: "the judge ruled that …", "the office
# projects the levy will raise …", "markets bet that …", "persuaded the firm to stay",
# "posted on Instagram that …" ("ruled the country", "posted a loss" report nothing).
CLAUSE_ONLY_SPEECH = frozenset(["rule", "project", "bet", "persuade", "lobby", "post"])

# Verbs of saying, believing and concluding; they report a clause (ccomp/xcomp) or a quote.
SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        *CLAUSE_ONLY_SPEECH,
        # intentions, with their clause: "Apple plans to release …", "pressed his team to …"
        "plan",
        "aim",
        "intend",
        "seek",
        "offer",
        "press",
        "pressure",
        # statement and opinion verbs that report only with a clause ("affirmed that …")
        "affirm",
        "attest",
        "aver",
        "avow",
        "confide",
        "divulge",
        "proclaim",
        "profess",
        "reaffirm",
        "restate",
        "swear",
        "guarantee",
        "venture",
        "imply",
        "infer",
        "posit",
        "presume",
        "suppose",
        "imagine",
        "guess",
        "figure",
        "hypothesize",
        "hypothesise",
        "theorize",
        "theorise",
        "foresee",
        "realize",
        "realise",
        "remind",
        "wish",
        "regret",
        "protest",
        "add",
        "explain",
        "note",
        "insist",
        "argue",
        "state",
        "write",
        "reply",
        "respond",
        "admit",
        "acknowledge",
        "allege",
        "assert",
        "contend",
        "maintain",
        "predict",
        "reveal",
        "stress",
        "emphasize",
        "emphasise",
        "suggest",
        "believe",
        "think",
        "expect",
        "hope",
        "fear",
        "worry",
        "doubt",
        "estimate",
        "conclude",
        "confirm",
        "announce",
        "claim",
        "warn",
        "deny",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "agree",
        "disagree",
        "recall",
        "testify",
        "indicate",
        "reiterate",
        "mention",
        "assure",
        "advise",
        "declare",
        "report",
        "tweet",
        "complain",
        "concede",
        "speculate",
        "hint",
        "signal",
        "recommend",
        "propose",
        "urge",
        "ask",
        "call",
        "caution",
        "observe",
        "remark",
        "comment",
        "counter",
        "retort",
        "lament",
        "boast",
        "joke",
        "quip",
        "concur",
        "forecast",
        "point",
        "highlight",
        "underline",
        "underscore",
        "clarify",
        "disclose",
        "inform",
        "notify",
        "order",
        "demand",
        "plead",
        "appeal",
        "instruct",
        "request",
        "reassure",
        "reckon",
        "feel",
        "know",
        "learn",
        "understand",
        "accept",
        "shout",
        "chant",
        "yell",
        "scream",
        "exclaim",
        "whisper",
        "recount",
        "want",
        "decide",
        "recognize",
        "recognise",
        "wonder",
        "assume",
        "suspect",
    ]
)

# Verbs whose object may be a whole clause the parser misread ("said 200 people died").
CLAUSE_VERBS = frozenset(
    ["say", "claim", "report", "believe", "think", "estimate", "insist", "argue", "allege"]
)

# Verbs whose stance hangs on one preposition: "is balking at", "joked about", "lashed out at".
PREP_STANCE = {
    "balk": ("at",),
    "scoff": ("at",),
    "bristle": ("at",),
    "lash": ("at",),
    "hint": ("at",),
    "rail": ("against",),
    "joke": ("about",),
    "complain": ("about",),
    "talk": ("about",),
    "boast": ("about",),
    "brag": ("about",),
    "worry": ("about",),
    "speak": ("about", "against", "of"),
    "testify": ("about",),
    "comment": ("on",),
    "insist": ("on",),
    "confess": ("to",),
    "object": ("to",),
    "admit": ("to",),
    "disapprove": ("of",),
    "approve": ("of",),
    "despair": ("of",),
    "warn": ("of", "against", "about"),
    "push": ("for",),
    "lobby": ("for", "against"),
    "campaign": ("for", "against"),
    "argue": ("for", "against"),
    "apologize": ("for",),
    "apologise": ("for",),
    "point": ("to",),  # "pointed to competition from warehouse clubs"
    "brace": ("for",),
    "agree": ("on",),
}

# Reactions a subject draws from a group: "the move drew criticism from X".
REACTION_NOUNS = frozenset(
    [
        "criticism",
        "outrage",
        "praise",
        "condemnation",
        "backlash",
        "anger",
        "ridicule",
        "scorn",
        "applause",
        "complaint",
        "protest",
        "objection",
        "fury",
    ]
)
REACTION_VERBS = frozenset(
    ["draw", "spark", "prompt", "trigger", "provoke", "attract", "earn", "receive", "win"]
)

# Verbs that name X as Y with a second object: "called X a Y", "considers X a mistake".
NAMING_VERBS = frozenset(["call", "consider", "deem", "term"])

# Light verbs whose noun makes a stance, with the prepositions that carry its object:
# "cast doubt on X", "took aim at X", "threw their support behind X".
LIGHT_STANCE = {
    ("cast", "doubt"): ("on", "over"),
    ("take", "aim"): ("at",),
    ("take", "issue"): ("with",),
    ("find", "fault"): ("with",),
    ("pour", "water"): ("on",),
    ("sound", "alarm"): ("over", "about", "on"),
    ("throw", "support"): ("behind",),
    ("throw", "weight"): ("behind",),
    ("make", "case"): ("for", "against"),
}
# Light verbs with an adjective that report the clause after them: "made clear that …".
LIGHT_CLAUSE = frozenset([("make", "clear"), ("make", "plain")])

# Stances written as an adjective with "to": "is opposed to the merger".
STANCE_ADJECTIVES_TO = frozenset(["opposed", "hostile", "sympathetic", "receptive", "resistant"])

# Phrasal verbs of stance whose object is the position: "ruled out X", "played down X".
PHRASAL_STANCE = frozenset(
    [("rule", "out"), ("play", "down"), ("brush", "off"), ("shrug", "off"), ("write", "off")]
)

# Verbs of expectation whose object is a figure or a change: "analysts expect $2.5 a share",
# "the company sees growth of 2 percent".
FORECAST_VERBS = frozenset(["expect", "forecast", "project", "anticipate", "see", "predict"])
CHANGE_NOUNS = frozenset(
    [
        "growth",
        "decline",
        "increase",
        "decrease",
        "rise",
        "fall",
        "drop",
        "gain",
        "loss",
        "recovery",
        "slowdown",
        "recession",
        "improvement",
        "deficit",
        "surplus",
        "profit",
        "revenue",
        "earnings",
        "earning",  # the lemma of "earnings"
        "sales",
        "sale",
        # odds are forecast figures too: "traders see a 20% chance of a cut"
        "chance",
        "odds",
        "probability",
        "likelihood",
    ]
)

# Verbs of wishing, with "would": "would like to see X agree".
WISH_VERBS = frozenset(["like", "love", "prefer"])

# Verbs that turn the report they govern into none: "declined to comment on X".
REFUSAL_VERBS = frozenset(["decline", "refuse"])

# Verbs that attribute a quote they follow ('"…," she continued') but report nothing alone
# (verbs that also report alone, "shout", "whisper", are SPEECH_VERBS and not repeated here).
QUOTE_ONLY_VERBS = frozenset(
    [
        "continue",
        "go",
        "begin",
        "finish",
        "sing",
        "post",
        # manners of saying: '"…," she laughed', '"…," he shrugs', '"…," as X put it'
        "put",
        "remember",
        "laugh",
        "chuckle",
        "sigh",
        "smile",
        "grin",
        "shrug",
        "reflect",
        "muse",
        "marvel",
        "gush",
        "rave",
        "deadpan",
        "scoff",
        "sneer",
        "snap",
        "brag",
        "beg",
        "interject",
        "chime",
    ]
)

# Verbs of stance: the object itself is the position ("condemned the attack").
STANCE_VERBS = frozenset(
    [
        "condemn",
        "accuse",
        "deny",
        "blast",
        "slam",
        "label",
        "endorse",
        "praise",
        "criticize",
        "criticise",
        "reject",
        "dismiss",
        "blame",
        "denounce",
        "decry",
        "hail",
        "applaud",
        "support",
        "oppose",
        "question",
        "lambaste",
        "lambast",  # the pipeline's lemma of "lambasted"
        "liken",
        "request",
        # judging in public: the object is what is judged ("extolled the deal")
        "acclaim",
        "advocate",
        "belittle",
        "bemoan",
        "castigate",
        "censure",
        "champion",
        "commend",
        "compliment",
        "contest",
        "denigrate",
        "deride",
        "disparage",
        "downplay",
        "excoriate",
        "extol",
        "favor",
        "favour",
        "justify",
        "laud",
        "scold",
        "vilify",
        "rebut",
        # judging X as Y: only with "as" (see positions.reported)
        "characterize",
        "characterise",
        "portray",
        "view",
        "regard",
        "see",
        # naming X as Y with a second object (see NAMING_VERBS)
        "consider",
        "deem",
        "term",
        "brand",
        "dub",
        "describe",
        "identify",
        "welcome",
        "defend",
        "mock",
        "ridicule",
        "rebuke",
        "chide",
        "fault",
        "credit",
        "thank",
        "congratulate",
        "dispute",
        "refute",
        "contradict",
        "urge",
        "call",
        "ask",
        "warn",
        "confirm",
        "announce",
        "claim",
        "demand",
        "recommend",
        "propose",
        "predict",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "acknowledge",
        "admit",
        "tout",
        "deplore",
        "cite",
    ]
)

# Verbs of inference: with a clause they still need someone (or a document) to hold the view,
# so "the move suggests" is not a position.
INFERENCE_VERBS = frozenset(
    [
        "suggest",
        "show",
        "indicate",
        "reveal",
        "find",
        "conclude",
        "confirm",
        "estimate",
        "predict",
        "signal",
        "hint",
        "highlight",
        "underline",
        "underscore",
        "point",
        "mean",
        "prove",
        "demonstrate",
    ]
)

# Verbs that state a position only as "X as Y": "described the deal as a disaster", not
# "described the scene" or "viewed the footage".
AS_ONLY_VERBS = frozenset(
    ["describe", "identify", "characterize", "characterise", "portray", "view", "regard", "see"]
)

# Verbs that report evidence: only with a document-like subject or a clause.
EVIDENCE_VERBS = frozenset(
    [
        "show",
        "find",
        "reveal",
        "indicate",
        "suggest",
        "conclude",
        "estimate",
        "demonstrate",
        "establish",
        "determine",
        "calculate",
    ]
)

# Verbs that never count without a clause, because their object is rarely a statement.
CLAUSE_ONLY = frozenset(
    [
        "say",
        "add",
        "explain",
        "note",
        "write",
        "think",
        "know",
        "learn",
        "understand",
        "feel",
        "continue",
        "show",
        "find",
        "reveal",
        "indicate",
        "suggest",
        "tell",
        "hope",
        "expect",
        "believe",
        "fear",
        "worry",
        "accept",
        "point",
        "want",
        "decide",
        "recognize",
        "recognise",
        "wonder",
        "assume",
        *CLAUSE_ONLY_SPEECH,
    ]
)

# Feelings as stance: "were outraged at", "is concerned about".
FEELING_ADJECTIVES = frozenset(
    [
        "outraged",
        "angry",
        "furious",
        "concerned",
        "worried",
        "alarmed",
        "disappointed",
        "pleased",
        "delighted",
        "happy",
        "optimistic",
        "pessimistic",
        "confident",
        "skeptical",
        "sceptical",
        "critical",
        "wary",
        "upset",
        "frustrated",
        # participles of feeling: "were repelled when", "seemed confused by"
        "repelled",
        "angered",
        "shocked",
        "appalled",
        "horrified",
        "dismayed",
        "disturbed",
        "troubled",
        "encouraged",
        "heartened",
        "confused",
        "puzzled",
        "baffled",
        "disgusted",
        "offended",
        "incensed",
        "enraged",
        "saddened",
        "stunned",
        "relieved",
        "convinced",
        "unconvinced",
        "dissatisfied",
        "unhappy",
        "afraid",
        "fearful",
        "anxious",
        "uneasy",
        # readiness and resolve: "has been eager to withdraw", "seem intent on"
        "eager",
        "keen",
        "determined",
        "intent",
        "reluctant",
        "hesitant",
        "unwilling",
        "adamant",
        "hopeful",
        *STANCE_ADJECTIVES_TO,
    ]
)

# Nouns of a view whose object follows a preposition: "expressed confidence in X",
# "his support for", "questions about".
NOUN_PREP_CUES = frozenset(
    [
        "call",  # "her call for a recount"
        "question",
        "concern",
        "fear",
        "warning",
        "criticism",
        "confidence",
        "support",
        "opposition",
        "doubt",
        "skepticism",
        "scepticism",
        "frustration",
        "disappointment",
        "optimism",
        "pessimism",
        "regret",
        "anger",
        "outrage",
        "dismay",
        "satisfaction",
        "gratitude",
        "reservation",
        "claim",
        "allegation",
    ]
)

# Nouns that carry a position: "a statement", "his warning that", "questions about".
NOUN_CUES = frozenset(
    [
        "statement",
        "position",  # only with its clause: "her position is that …"
        "warning",
        "claim",
        "allegation",
        "assertion",
        "accusation",
        "denial",
        "announcement",
        "admission",
        "argument",
        "suggestion",
        "belief",
        "view",
        "insistence",
        "promise",
        "pledge",
        "threat",
        "call",
        "demand",
        "question",
        "concern",
        "criticism",
        "remark",
        "comment",
        "testimony",
        "assessment",
        "conclusion",
        "prediction",
        "fear",
        "hope",
        "complaint",
        "appeal",
        "plea",
        "words",
        "message",
        "vow",
        "assurance",
        "contention",
        "charge",
        "estimate",
        "forecast",
        "confidence",
        "support",
        "opposition",
        "doubt",
        "skepticism",
        "frustration",
        "disappointment",
        "optimism",
        "regret",
        "advice",
        "directive",
        "instruction",
        "request",
        "recommendation",
        "proposal",
        "urging",
    ]
)

# Evidence-bearing nouns: "polls show", "the report found"; also document sources.
DOCUMENT_NOUNS = frozenset(
    [
        # tests and inquiries find, as documents do: "tests found E. coli in the system"
        "test",
        "trial",
        "experiment",
        "probe",
        "inquiry",
        "autopsy",
        "simulation",
        "poll",
        "survey",
        "report",
        "study",
        "data",
        "research",
        "analysis",
        "figure",
        "statistic",
        "investigation",
        "review",
        "audit",
        "document",
        "record",
        "estimate",
        "paper",
        "filing",
        "letter",
        "memo",
        "statement",
        "release",
        "census",
        "index",
        "assessment",
    ]
)

# Recordings that show, as documents find: "the video shows officers …" (evidence for a
# position, though not a source a reader would cite by that word).
RECORDING_NOUNS = frozenset(["video", "footage", "recording", "image", "photo", "photograph"])

# Words of quotation-like frames: "the words of X".
WORDS_OF = frozenset(["word", "words"])

PERSON_PRONOUNS = frozenset(["he", "she", "him", "her"])
PLURAL_PRONOUNS = frozenset(["they", "them"])
THING_PRONOUNS = frozenset(["it"])
AUTHOR_PRONOUNS = frozenset(["i", "we", "me", "us"])
RELATIVE_PRONOUNS = frozenset(["who", "which", "that", "whom"])
ALL_PRONOUNS = PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS | AUTHOR_PRONOUNS

# Role nouns that describe a person: "the diplomat" refers back to a named person.
# People by their tie to someone: "His daughter, Karen Webb, said"; "according to his widow".
KIN_NOUNS = frozenset(
    [
        "daughter",
        "son",
        "wife",
        "husband",
        "mother",
        "father",
        "brother",
        "sister",
        "widow",
        "widower",
        "niece",
        "nephew",
        "cousin",
        "uncle",
        "aunt",
        "grandson",
        "granddaughter",
        "friend",
        "neighbor",
        "neighbour",
        "colleague",
        "fiancee",
        "fiance",
    ]
)

PERSON_ROLES = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "diplomat",
        "minister",
        "president",
        "senator",
        "governor",
        "mayor",
        "secretary",
        "ambassador",
        "official",
        "analyst",
        "professor",
        "researcher",
        "economist",
        "expert",
        "scientist",
        "leader",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "executive",
        "ceo",
        "founder",
        "chief",
        "commander",
        "general",
        "lawyer",
        "attorney",
        "prosecutor",
        "judge",
        "candidate",
        "lawmaker",
        "legislator",
        "politician",
        "premier",
        "chancellor",
        "envoy",
        "adviser",
        "advisor",
        "aide",
        "strategist",
        "coach",
        "manager",
        "player",
        "captain",
        "author",
        "writer",
        "reporter",
        "journalist",
        "activist",
        "doctor",
        "physician",
        "historian",
        "critic",
        "commentator",
        "officer",
        "sheriff",
        "representative",
        "congressman",
        "congresswoman",
        "deputy",
        "head",
        "owner",
        "partner",
        "investor",
        "president-elect",
        "star",
        "actor",
        "actress",
        "singer",
        "striker",
        "forward",
        "quarterback",
        "suspect",
        "royal",
        "prince",
        "princess",
        "king",
        "queen",
        "pilot",
        "superintendent",
        "commissioner",
        "detective",
        # occupations and offices a story calls a named person by: "the singer said"
        "teacher",
        "nurse",
        "surgeon",
        "engineer",
        "designer",
        "producer",
        "musician",
        "songwriter",
        "filmmaker",
        "novelist",
        "artist",
        "comedian",
        "athlete",
        "defenseman",
        "goalie",
        "goalkeeper",
        "defender",
        "midfielder",
        "pitcher",
        "receiver",
        "linebacker",
        "entrepreneur",
        "banker",
        "trader",
        "councillor",
        "councilor",
        "councilman",
        "councilwoman",
        "trustee",
        "inspector",
        "sergeant",
        "lieutenant",
        "colonel",
        "admiral",
        "firefighter",
        "psychologist",
        "psychiatrist",
        "lobbyist",
        "pollster",
        "organizer",
        "organiser",
        "campaigner",
        "priest",
        "pastor",
        "bishop",
        "rabbi",
        "imam",
        "cleric",
        "nominee",
        "challenger",
        "incumbent",
        "defendant",
        "plaintiff",
    ]
)

# Businesses, which a story names once and then calls by their kind ("the retailer said");
# none of them is a public body, so "the company" never means the safety board.
BUSINESS_NOUNS = frozenset(
    [
        "company",
        "firm",
        "startup",
        "corporation",
        "retailer",
        "airline",
        "automaker",
        "carmaker",
        "insurer",
        "manufacturer",
        "lender",
        "drugmaker",
        "chipmaker",
        "grocer",
        "chain",
        "supplier",
        "carrier",
        "operator",
        "developer",
        "miner",
        "refiner",
        "conglomerate",
    ]
)

# Role nouns that describe an organisation: "the company" refers back to a named ORG.
ORG_NOUNS = BUSINESS_NOUNS | frozenset(
    [
        "group",
        "organization",
        "organisation",
        "agency",
        "ministry",
        "government",
        "department",
        "administration",
        "club",
        "team",
        "party",
        "union",
        "bank",
        "network",
        "outlet",
        "newspaper",
        "broadcaster",
        "campaign",
        "institute",
        "university",
        "council",
        "committee",
        "court",
        "regulator",
        # other kinds a story names once and then calls by kind: "the label said"
        "label",
        "publisher",
        "studio",
        "brokerage",
        "utility",
        "giant",
    ]
)

# Subjects that stand for part of a group: "many in Hong Kong", "a large share of voters".
QUANTIFIER_SUBJECTS = frozenset(["many", "some", "most", "others", "few", "several", "both"])
SHARE_NOUNS = frozenset(
    ["proportion", "section", "share", "majority", "minority", "percent", "half", "third"]
)

# Generic speakers without a name: their sources are anonymous.
ANONYMOUS_NOUNS = frozenset(
    [
        "source",
        "official",
        "person",
        "people",
        "insider",
        "diplomat",
        "aide",
        "witness",
        "resident",
        "observer",
        "employee",
        "staffer",
        "member",
        "someone",
    ]
)

EXPERT_WORDS = frozenset(
    [
        "analyst",
        "professor",
        "researcher",
        "economist",
        "expert",
        "scientist",
        "scholar",
        "academic",
        "strategist",
        "historian",
        "specialist",
        "consultant",
        "epidemiologist",
        "fellow",
        "lecturer",
    ]
)

OFFICIAL_WORDS = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "president",
        "senator",
        "governor",
        "mayor",
        "secretary",
        "ambassador",
        "diplomat",
        "official",
        "officials",
        "police",
        "prosecutor",
        "judge",
        "ministry",
        "department",
        "government",
        "parliament",
        "congress",
        "senate",
        "court",
        "commission",
        "administration",
        "cabinet",
        "house",
        "intelligence",
        "embassy",
        "authority",
        "authorities",
        "bureau",
        "army",
        "navy",
        "military",
        "lawmaker",
        "legislator",
        "premier",
        "chancellor",
        "envoy",
        "sheriff",
        "attorney",
        "council",
        "congressman",
        "congresswoman",
        "representative",
        "regulator",
        "agency",
    ]
)

# A news outlet by the words of its name.
MEDIA_NAME = re.compile(
    r"\b(Times|Post|News|Journal|Reuters|AP|Associated Press|Press|Agency|TV|Television|Radio|"
    r"BBC|CNN|NBC|CBS|ABC|NPR|PBS|Fox|MSNBC|Bloomberg|AFP|Guardian|Telegraph|Herald|Tribune|"
    r"Gazette|Chronicle|Daily|Magazine|Newsweek|Economist|Politico|Axios|Wire|Observer|"
    r"Xinhua|Tass|TASS|Interfax|Kyodo|Yonhap|Al Jazeera|Sky|Broadcasting|Newspaper|Mirror|"
    r"Express|Sun|Independent|Review|Insider|Verge|Wired|Vox|HuffPost|Dispatch|Courier)\b"
)

# Words that make a noun a news medium: "the newspaper", "the broadcaster".
MEDIA_NOUNS = frozenset(
    [
        "newspaper",
        "broadcaster",
        "outlet",
        "paper",
        "daily",
        "tabloid",
        "magazine",
        "agency",
        "channel",
        "network",
    ]
)

# Verbs whose subject is a medium when it reports: "X reported".
MEDIA_VERBS = frozenset(["report", "publish", "broadcast"])

# Titles dropped from names when merging variants.
TITLES = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "prof",
        "prof.",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "rev.",
        "gen.",
        "sen.",
        "rep.",
    ]
)

# Opinion markers of the author's own voice.
OPINION_MODALS = frozenset(["should", "must", "ought"])
EVALUATIVE_WORDS = frozenset(
    [
        "ideal",
        "necessary",
        "essential",
        "crucial",
        "vital",
        "imperative",
        "urgent",
        "shameful",
        "disgraceful",
        "unacceptable",
        "wrong",
        "right",
        "absurd",
        "ridiculous",
        "outrageous",
        "welcome",
        "regrettable",
        "indispensable",
        "foolish",
        "wise",
    ]
)

# Words that make an unlabelled proper name an organisation ("Islamic State", "Labour Party").
ORG_NAME_WORDS = frozenset(
    [
        "state",
        "group",
        "party",
        "army",
        "front",
        "brigade",
        "movement",
        "council",
        "union",
        "association",
        "foundation",
        "institute",
        "company",
        "inc",
        "corp",
        "ltd",
        "llc",
        "bank",
        "university",
        "ministry",
        "department",
        "agency",
        "organization",
        "organisation",
        "committee",
        "commission",
        "league",
        "club",
        "federation",
        "network",
        "society",
        "alliance",
    ]
)

# Last words of company names, besides ORG_NAME_WORDS: "X Productions" is no person.
COMPANY_NAME_WORDS = frozenset(
    [
        "productions",
        "records",
        "entertainment",
        "studios",
        "holdings",
        "partners",
        "capital",
        "industries",
        "enterprises",
        "media",
        "group",
        "co",
        "co.",
        "inc.",
        "corp.",
        "ltd.",
        "plc",
        "airlines",
        "motors",
        "pharmaceuticals",
        "technologies",
        "systems",
    ]
)

# Generic place nouns: "the city's police" belongs to the place named before.
PLACE_NOUNS = frozenset(
    ["city", "country", "state", "nation", "territory", "island", "region", "province", "town"]
)

# Passive reporting without a speaker: "is expected to", "is seen as", "it is alleged that".
PASSIVE_CUES = frozenset(
    [
        "expect",
        "see",
        "view",
        "regard",
        "see",
        # naming X as Y with a second object (see NAMING_VERBS)
        "consider",
        "deem",
        "term",
        "say",
        "allege",
        "believe",
        "think",
        "consider",
        "rumor",
        "rumour",
        "report",
        "tell",
        "understand",
        "know",
        "predict",
        "forecast",
        "estimate",
        "suspect",
        "claim",
        "accuse",
    ]
)

# Passive cues whose agent is the speaker: "a photo denied by X", "the sum touted by X".
AGENT_CUES = frozenset(
    ["tout", "cite", "say", "claim", "report", "announce", "describe", "estimate", "predict"]
)

# Adverbs that attribute a clause to unnamed others: "X reportedly resigned".
HEARSAY_ADVERBS = frozenset(["reportedly", "allegedly", "purportedly", "reputedly", "supposedly"])
