"""Rendering of an Analysis: digest layout, escaping, splitting, formats, keyboards."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from bot.render import (
    CALLBACK_PATTERN,
    MAX_MESSAGE_LENGTH,
    Button,
    decode_callback,
    digest_keyboard,
    encode_callback,
    follow_choice_keyboard,
    render_digest,
    render_facts,
    render_json,
    render_positions,
    render_sources,
    utf16_len,
)
from bot.types import (
    Analysis,
    ArticleMeta,
    Content,
    KeyFact,
    Position,
    Source,
    Span,
    Speaker,
    TextAnalysis,
)

ALLOWED_TAGS = {"b", "i", "a"}


def _speaker(name: str, description: str | None = None, text: str | None = None) -> Speaker:
    return Speaker(
        text=text or name, start=0, end=len(text or name), resolved=name, description=description
    )


def _position(
    speaker: Speaker | None,
    content: str,
    kind: str = "direct",
    *,
    start: int = 0,
    via: str | None = None,
    parts: list[tuple[int, int]] | None = None,
) -> Position:
    return Position(
        speaker=speaker,
        cue=Span("said", start, start + 4),
        content=Content(content, start, start + len(content), parts),
        kind=kind,  # type: ignore[arg-type]
        via=via,
    )


def crocus(**meta: object) -> Analysis:
    """A hand-made analysis shaped like the crocus-city-hall example of DESIGN.md."""
    fields: dict[str, object] = {
        "source": "https://example.com/crocus",
        "url": "https://example.com/crocus",
        "title": "because the USA and Russia can get closer",
        "site": "TheVermilion",
        "author": "Jane Doe",
        "published": "2024-03-25T10:00:00+00:00",
    }
    fields.update(meta)
    jp = _speaker("Karine Jean-Pierre", "White House spokeswoman")
    return Analysis(
        meta=ArticleMeta(**fields),  # type: ignore[arg-type]
        text="(article text)",
        result=TextAnalysis(
            summary="After the Crocus City Hall attack, claimed by ISIS-K, Washington called "
            'ISIS a "common enemy".',
            key_facts=[
                KeyFact("Over 130 dead and hundreds injured in the attack.", 0, 10),
                KeyFact("ISIS-K claimed responsibility.", 10, 20, "US intelligence"),
                KeyFact(
                    "The US had warned Moscow that ISIS was planning an attack.",
                    20,
                    30,
                    "US officials, via NYT",
                ),
                KeyFact("Russia struck Ukraine's energy infrastructure.", 30, 40),
                KeyFact("Oil prices are up 15 percent this year, to $85 a barrel.", 40, 50),
            ],
            sources=[
                Source("Financial Times", "media"),
                Source("New York Times", "media", "US officials"),
                Source("US intelligence", "official"),
                Source("Colin Clarke", "expert", "counter-terrorism analyst", 2),
            ],
            positions=[
                _position(
                    jp,
                    "ISIS is a common enemy … that must be defeated everywhere",
                    start=100,
                    parts=[(100, 122), (140, 170)],
                ),
                # A near-duplicate of the first, by the same speaker: merged away.
                _position(
                    _speaker("Karine Jean-Pierre", text="she"),
                    "ISIS is a common enemy that must be defeated",
                    start=300,
                ),
                _position(
                    _speaker("United States"),
                    "urged Ukraine to stop attacks on Russian energy infrastructure",
                    "indirect",
                    start=200,
                    via="Financial Times",
                ),
                _position(
                    _speaker("Islamic State"),
                    'accused the Kremlin of having "Muslim blood on its hands"',
                    "mixed",
                    start=400,
                ),
                _position(
                    _speaker("Colin Clarke", "counter-terrorism analyst"),
                    "IS has been critical of Putin and Russian propaganda",
                    "indirect",
                    start=500,
                ),
                _position(
                    _speaker("the author"),
                    "now is an ideal window for dialogue and peace",
                    "indirect",
                    start=50,
                ),
            ],
        ),
        article_id=42,
        story_id=7,
    )


class TagChecker(HTMLParser):
    """Records tags, and fails on anything Telegram's HTML parse mode would reject."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in ALLOWED_TAGS, tag
        self.stack.append(tag)
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(message: str) -> str:
    """Assert the message is balanced, allowed-tags-only HTML; return its visible text."""
    # A bare '<' or '&' not forming a tag/entity would be rejected by Telegram.
    assert not re.search(r"&(?!(?:amp|lt|gt|quot|#\d+);)", message), message
    checker = TagChecker()
    checker.feed(message)
    checker.close()
    assert checker.stack == [], checker.stack
    visible = "".join(checker.text)
    assert "<" not in re.sub(r"</?(?:b|i|a)(?: [^>]*)?>", "", message)
    return visible


# ---------------------------------------------------------------------------- digest layout


def test_digest_layout_html() -> None:
    [message] = render_digest(crocus())
    check_html(message)
    lines = message.split("\n")
    assert lines[0] == "📰 <b>because the USA and Russia can get closer</b>"
    assert lines[1] == "<i>TheVermilion · 2024-03-25 · Jane Doe</i>"
    assert lines[2] == ""
    assert lines[3].startswith("<b>In short:</b> After the Crocus City Hall attack")
    assert "<b>Key facts</b>\n• Over 130 dead" in message
    # attributed_to appended inside the final period
    assert "• ISIS-K claimed responsibility (US intelligence)." in message
    assert "planning an attack (US officials, via NYT)." in message
    facts = [line for line in lines if line.startswith("• ") and "<b>" not in line]
    assert len(facts) == 5
    assert (
        "• <b>Karine Jean-Pierre</b>, White House spokeswoman: "
        "“ISIS is a common enemy … that must be defeated everywhere”" in message
    )
    assert message.count("Karine Jean-Pierre</b>") == 1  # the near-duplicate was merged
    assert (
        "• <b>United States</b> (via Financial Times): urged Ukraine to stop attacks on "
        "Russian energy infrastructure." in message
    )
    # mixed: a reported clause, with its embedded quote kept as written
    assert '• <b>Islamic State</b>: accused the Kremlin of having "Muslim blood on its hands".' in (
        message
    )
    assert "• <b>Colin Clarke</b>, counter-terrorism analyst: IS has been critical" in message
    # the author's opinion comes last among positions
    who = message.split("<b>Who says what</b>\n")[1].split("\n\n")[0].split("\n")
    assert (
        who[-1] == "• <b>The author</b> (opinion): now is an ideal window for dialogue and peace."
    )
    assert lines[-1] == (
        "<b>Sources cited:</b> Financial Times · New York Times (US officials) · "
        "US intelligence · Colin Clarke (counter-terrorism analyst)"
    )


def test_meta_line_shows_only_what_is_known() -> None:
    [message] = render_digest(crocus(site=None, author=None, published="2024-03-25"))
    assert message.split("\n")[1] == "<i>2024-03-25</i>"
    [message] = render_digest(crocus(site=None, author=None, published=None))
    assert message.split("\n")[1] == ""  # straight to the summary


def test_empty_sections_are_omitted() -> None:
    analysis = crocus()
    analysis.result.summary = ""
    analysis.result.positions = []
    analysis.result.sources = []
    [message] = render_digest(analysis)
    assert "In short" not in message
    assert "Who says what" not in message
    assert "Sources cited" not in message
    assert "<b>Key facts</b>" in message


def test_positions_capped_and_distinct_speakers_first() -> None:
    analysis = crocus()
    analysis.result.positions = [
        _position(_speaker("Alice Smith"), f"statement number {n} about topic {n} here", start=n)
        for n in range(5)
    ] + [
        _position(_speaker(f"Person {n}"), f"a different claim {n} on matter {n} here", start=n)
        for n in range(10, 15)
    ]
    [message] = render_digest(analysis)
    who = message.split("<b>Who says what</b>\n")[1].split("\n\n")[0].split("\n")
    assert len(who) == 6
    assert sum("Alice Smith" in line for line in who) == 1  # others before her 2nd position


def test_pronoun_speakers_are_left_out_of_the_digest() -> None:
    analysis = crocus()
    analysis.result.positions.append(
        _position(_speaker("he"), "something vague about the whole affair today", start=900)
    )
    [message] = render_digest(analysis)
    assert "<b>He</b>" not in message


def test_short_digest() -> None:
    [message] = render_digest(crocus(), short=True)
    check_html(message)
    assert message.startswith("📰 <b>because the USA and Russia can get closer</b>\n\n")
    assert "<b>In short:</b>" in message
    assert message.count("\n• ") == 3
    assert "Oil prices" not in message  # 4th and 5th facts dropped
    for absent in ("Who says what", "Sources cited", "Jane Doe", "Karine"):
        assert absent not in message


def test_long_quotes_are_shortened_at_a_word_boundary() -> None:
    analysis = crocus()
    analysis.result.positions[0].content.text = "word " * 200
    [message] = render_digest(analysis)
    line = next(x for x in message.split("\n") if "Jean-Pierre" in x)
    quote = line.split("“")[1].split("”")[0]
    assert quote.endswith("word…")
    assert len(quote) <= 300


# ---------------------------------------------------------------------------- escaping


def hostile() -> Analysis:
    analysis = crocus(title="<script>alert(1)</script> & <b>bold</b>", site="A&B <i>")
    r = analysis.result
    r.summary = "Tom & Jerry <b>not bold</b> 1 < 2 > 0"
    r.key_facts[0].text = "Fact with <a href='x'>link</a> & *stars* _under_ [br]"
    r.positions[0].content.text = "<script>evil()</script> & <b>shout</b>"
    r.positions[0].speaker.resolved = "Dr. <Evil> & Co"  # type: ignore[union-attr]
    r.sources[0].name = "<Times> & Sons"
    return analysis


def test_html_escapes_article_text() -> None:
    messages = render_digest(hostile())
    for message in messages:
        visible = check_html(message)
        assert "<script>" not in message
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in message
        assert "<script>alert(1)</script> & <b>bold</b>" in visible
        assert "“<script>evil()</script> & <b>shout</b>”" in visible
        assert "Dr. <Evil> & Co" in visible
        assert "<Times> & Sons" in visible


@pytest.mark.parametrize("view", [render_positions, render_sources, render_facts])
def test_detail_views_escape_and_balance(view) -> None:  # type: ignore[no-untyped-def]
    for message in view(hostile(), "html"):
        visible = check_html(message)
        assert "<script>" not in message
        assert "<script>alert(1)</script>" in visible  # the title heads every view


def test_text_and_markdown_have_no_html() -> None:
    for fmt in ("text", "markdown"):
        for render in (render_digest, render_positions, render_sources, render_facts):
            for message in render(crocus(), fmt):  # type: ignore[operator]
                assert not re.search(r"</?(?:b|i|a)\b[^>]*>", message), (fmt, message)


def test_plain_text_digest() -> None:
    [message] = render_digest(hostile(), "text")
    assert message.startswith("📰 <script>alert(1)</script> & <b>bold</b>\n")
    assert "In short: Tom & Jerry <b>not bold</b>" in message
    assert "**" not in message and "&amp;" not in message
    [message] = render_digest(crocus(), "text")
    assert "• Karine Jean-Pierre, White House spokeswoman: “ISIS is a common enemy" in message


def test_markdown_digest() -> None:
    [message] = render_digest(hostile(), "markdown")
    assert message.startswith("📰 **\\<script\\>alert(1)\\</script\\> & \\<b\\>bold\\</b\\>**")
    assert "**In short:** Tom & Jerry" in message
    assert "- Fact with \\<a href='x'\\>link\\</a\\> & \\*stars\\* \\_under\\_ \\[br\\]" in message
    [message] = render_digest(crocus(), "markdown")
    assert "\n\n_TheVermilion · 2024-03-25 · Jane Doe_\n\n" in message  # own paragraph
    assert "**Key facts**\n- Over 130 dead" in message
    assert "- **The author** (opinion): now is an ideal window" in message


def test_unknown_format_rejected() -> None:
    with pytest.raises(ValueError):
        render_digest(crocus(), "rtf")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- splitting


def huge() -> Analysis:
    analysis = crocus()
    analysis.result.positions = [
        _position(
            _speaker(f"Speaker {n} 😀", "role <&> 🇺🇦"),
            f"claim {n} " + "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 & <b>tag</b> words " * 12,
            "direct" if n % 2 else "indirect",
            start=n,
            via="Wire & Co" if n % 3 == 0 else None,
        )
        for n in range(200)
    ]
    return analysis


@pytest.mark.parametrize("fmt", ["html", "text", "markdown"])
def test_huge_detail_view_is_split_between_items(fmt: str) -> None:
    messages = render_positions(huge(), fmt)  # type: ignore[arg-type]
    assert len(messages) > 1
    for message in messages:
        assert utf16_len(message) <= MAX_MESSAGE_LENGTH
        assert len(message) <= MAX_MESSAGE_LENGTH
        if fmt == "html":
            check_html(message)
        assert not message.startswith("\n") and not message.endswith("\n")
    joined = "\n".join(messages)
    for n in range(200):  # every item is whole, in one message
        assert sum(f"claim {n} " in m for m in messages) == 1
        assert f"Speaker {n} 😀" in joined
    # no item was cut: every bullet ends as the item ends
    bullets = [line for m in messages for line in m.split("\n") if line[:2] in ("• ", "- ")]
    assert len(bullets) == 200
    assert all(line.endswith(("”", ".")) for line in bullets)


def test_astral_characters_count_double() -> None:
    # Each "😀" is 1 Python character but 2 UTF-16 units: a splitter counting len()
    # would overflow Telegram's limit.
    analysis = crocus()
    analysis.result.key_facts = [KeyFact("😀" * 290 + ".", 0, 1) for _ in range(20)]
    messages = render_facts(analysis)
    assert len(messages) > 1
    assert max(utf16_len(m) for m in messages) <= MAX_MESSAGE_LENGTH
    # 20 facts of ~293 characters: 2 messages by len(), but ~583 UTF-16 units each needs 3+.
    assert len(messages) >= 3
    assert sum(line.startswith("• ") for m in messages for line in m.split("\n")) == 20
    assert utf16_len("a😀🇺🇦") == 1 + 2 + 4


def test_single_overlong_item_is_truncated_safely() -> None:
    analysis = crocus()
    analysis.result.summary = ("<b>&amp; 😀 long " * 2000).strip()
    analysis.result.positions = []
    for fmt in ("html", "text", "markdown"):
        for render in (render_digest,):
            messages = render(analysis, fmt)  # type: ignore[arg-type]
            for message in messages:
                assert utf16_len(message) <= MAX_MESSAGE_LENGTH
                if fmt == "html":
                    check_html(message)
    # In the detail view (1000 chars per item) a 5000-char speaker name forces a cut too.
    analysis = crocus()
    analysis.result.positions[0].speaker.resolved = "<Name> " * 1500  # type: ignore[union-attr]
    for message in render_positions(analysis):
        assert utf16_len(message) <= MAX_MESSAGE_LENGTH
        check_html(message)


def test_normal_digest_is_one_message() -> None:
    assert len(render_digest(crocus())) == 1


def test_huge_digest_keeps_six_positions_and_splits_between_items() -> None:
    messages = render_digest(huge())
    assert len(messages) == 2  # 6 positions of ~700 UTF-16 units do not fit with the rest
    for message in messages:
        assert utf16_len(message) <= MAX_MESSAGE_LENGTH
        check_html(message)
    assert messages[1].startswith("• <b>Speaker")  # cut between bullets, not inside one
    joined = "\n".join(messages)
    assert joined.count("<b>Speaker") == 6
    assert joined.endswith("Colin Clarke (counter-terrorism analyst)")


# ---------------------------------------------------------------------------- detail views


def test_render_positions_groups_by_speaker_with_kind_marks() -> None:
    [message] = render_positions(crocus())
    check_html(message)
    assert message.startswith("🗣 <b>Who says what</b>\n<i>because the USA")
    # both Jean-Pierre positions are kept here (this is the complete record), in one group
    assert message.count("<b>Karine Jean-Pierre</b>") == 1
    group = message.split("<b>Karine Jean-Pierre</b>, White House spokeswoman\n")[1]
    group = group.split("\n\n")[0].split("\n")
    assert len(group) == 2
    assert group[0].startswith("• <i>quoted</i>: “ISIS is a common enemy …")
    assert "<b>United States</b>\n• <i>reported via Financial Times</i>: urged Ukraine" in message
    assert "<b>The author</b> (opinion)\n• <i>reported</i>: now is" in message


def test_render_sources_and_facts() -> None:
    [sources] = render_sources(crocus())
    check_html(sources)
    assert "• <b>New York Times</b> — media, US officials · 1 mention" in sources
    assert "• <b>Colin Clarke</b> — expert, counter-terrorism analyst · 2 mentions" in sources
    [facts] = render_facts(crocus())
    check_html(facts)
    assert facts.startswith("📌 <b>Key facts</b>\n")
    assert facts.count("\n• ") == 5
    assert "(US officials, via NYT)." in facts


def test_detail_views_when_empty() -> None:
    analysis = crocus()
    analysis.result.positions = []
    analysis.result.sources = []
    analysis.result.key_facts = []
    assert "No positions" in render_positions(analysis)[0]
    assert "No sources" in render_sources(analysis)[0]
    assert "No key facts" in render_facts(analysis)[0]


def test_fact_already_naming_its_source_is_not_annotated() -> None:
    analysis = crocus()
    analysis.result.key_facts = [KeyFact("US intelligence confirmed it.", 0, 1, "US intelligence")]
    assert "• US intelligence confirmed it.\n" in render_digest(analysis)[0] + "\n"


# ---------------------------------------------------------------------------- keyboards


def test_digest_keyboard() -> None:
    rows = digest_keyboard(crocus(), following=False)
    assert rows == [
        [Button("🔔 Follow", "f:42"), Button("🔗 Original", url="https://example.com/crocus")],
        [Button("🗣 Positions", "p:42"), Button("📚 Sources", "s:42"), Button("📌 Facts", "k:42")],
    ]
    rows = digest_keyboard(crocus(), following=True)
    assert rows[0][0] == Button("🔕 Unfollow", "u:42")


def test_keyboard_without_url_or_id() -> None:
    analysis = crocus(source="article.html", url=None)
    assert all(b.url is None for row in digest_keyboard(analysis, following=False) for b in row)
    analysis = crocus()
    analysis.article_id = None  # not stored: callback buttons could not be answered
    assert digest_keyboard(analysis, following=False) == [
        [Button("🔗 Original", url="https://example.com/crocus")]
    ]
    analysis = crocus(url="javascript:alert(1)", source="javascript:alert(1)")
    texts = [b.text for row in digest_keyboard(analysis, following=False) for b in row]
    assert "🔗 Original" not in texts


def test_follow_choice_keyboard() -> None:
    assert follow_choice_keyboard(42, 7) == [
        [Button("Follow this article", "fa:42")],
        [Button("Follow the whole story", "fs:7")],
    ]
    assert follow_choice_keyboard(42, None) == [[Button("Follow this article", "fa:42")]]


@pytest.mark.parametrize("action", ["f", "u", "p", "s", "k", "fa", "fs", "us"])
def test_callback_round_trip_for_big_ids(action: str) -> None:
    for id_ in (0, 1, 2**62, 2**63 - 1):
        data = encode_callback(action, id_)
        assert len(data.encode()) <= 64
        assert re.match(CALLBACK_PATTERN, data)
        assert decode_callback(data) == (action, (id_,))


@pytest.mark.parametrize(
    "data",
    [
        "",
        None,
        "x:1",
        "f",
        "f:",
        "f:1:2",
        "f:-1",
        "f:+1",
        "f: 1",
        "f:01",
        "f:1_0",
        "f:١",
        "f:abc",
        "F:1",
        "f:99999999999999999999",
        f"f:{2**63}",
        "f:1" + "0" * 70,
    ],
)
def test_malformed_callback_rejected(data: str | None) -> None:
    with pytest.raises(ValueError):
        decode_callback(data)


@pytest.mark.parametrize(
    "args", [("x", 1), ("f",), ("f", 1, 2), ("f", -1), ("f", 2**63), ("f", "1"), ("f", True)]
)
def test_encode_callback_validates(args: tuple) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError):
        encode_callback(*args)


def test_render_json() -> None:
    analysis = crocus(title="Ünïcode “quotes”")
    out = render_json(analysis)
    assert "Ünïcode “quotes”" in out  # ensure_ascii=False
    assert json.loads(out) == analysis.to_json()


def test_renderer_does_not_import_telegram() -> None:
    import subprocess
    import sys

    code = "import sys, bot.render; assert 'telegram' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("signals", "said"),
    [
        (
            {"not_news": True, "not_news_reason": "a list of products or deals"},
            "Not a news article",
        ),
        ({"review": True}, "A review"),
        ({"opinion": True}, "Opinion"),
        ({}, None),
    ],
)
def test_pages_that_are_not_plain_news_say_so(signals: dict, said: str | None) -> None:
    analysis = crocus()
    analysis.result.signals = signals
    head = render_digest(analysis, "text")[0].split("In short:")[0]
    if said is None:
        assert "ℹ️" not in head and "🔎" not in head and "🗣" not in head
    else:
        assert said in head
        assert said in check_html(render_digest(analysis, "html")[0])


def test_reported_clause_drops_that_and_closes_its_quote() -> None:
    analysis = crocus()
    analysis.result.positions[:] = [
        _position(
            _speaker("Dale Whitcomb", "Mayor"),
            'that the town "will not be abandoned',
            "mixed",
            start=900,
        )
    ]
    [message] = render_positions(analysis, "text")
    assert 'the town "will not be abandoned".' in message
    assert "that the town" not in message


def test_a_stance_shows_its_verb_and_a_bare_possessive_is_no_description() -> None:
    analysis = crocus()
    criticized = _position(
        _speaker("Lena Vaughan-Moore", "opposition's finance spokeswoman"),
        "the central bank for waiting so long",
        "indirect",
        start=900,
    )
    criticized.cue = Span("criticized", 889, 899)
    said = _position(
        _speaker("Monetary Policy Committee", "bank's"), "rates would fall", "indirect", start=990
    )
    analysis.result.positions[:] = [criticized, said]
    [message] = render_positions(analysis, "text")
    assert "criticized the central bank for waiting so long." in message
    assert "said rates would fall" not in message and "rates would fall." in message
    assert "bank's" not in message
