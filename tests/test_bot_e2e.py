"""End to end: the real bot (``digestbot run``) against the fake Bot API and a local article
server, on SQLite and PostgreSQL. What a user sees in private chats, groups and channels.

One bot process per database backend serves the whole module (a start loads spaCy), so each
test uses chat ids of its own.
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from sqlalchemy import select

from storage import repository
from storage.models import Chat
from tests.article_server import ArticleServer, Route
from tests.bot_harness import BotProcess, in_db, wait_until
from tests.conftest import DATA, temporary_database
from tests.fake_telegram import FakeTelegram, Fault, Message

pytestmark = pytest.mark.slow

CROCUS = (DATA / "crocus-city-hall.html").read_bytes()
DIGEST_TIMEOUT = 60.0  # the module's first digest runs the analysis cold
ADMIN = 7001
MEMBER = 7002


def crocus_as(canonical: str) -> bytes:
    """The same article page declaring another canonical URL: a different article."""
    return CROCUS.replace(
        b'<link rel="canonical" href="/world/usa-russia-crocus-attack/">',
        f'<link rel="canonical" href="{canonical}">'.encode(),
    )


def slow_page(delay: float) -> Route:
    def handle(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(delay)
        body = crocus_as("/slow/article")
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return Route(body=handle)


@dataclass
class Env:
    fake: FakeTelegram
    articles: ArticleServer
    bot: BotProcess
    db_url: str
    crocus: str  # the realistic article
    other: str  # the same text under another canonical URL

    def digest(self, chat_id: int, after: Message, timeout: float = DIGEST_TIMEOUT) -> Message:
        """The placeholder replying to ``after``, once edited into a digest."""
        placeholder = self.fake.wait_for_message(
            chat_id, lambda m: (m.history[0].text or "").startswith("Reading"), after=after
        )
        self.fake.wait_for(lambda: "Key facts" in (placeholder.text or ""), timeout, "the digest")
        return placeholder

    def reply(self, chat_id: int, after: Message, text: str, timeout: float = 15.0) -> Message:
        return self.fake.wait_for_message(
            chat_id, lambda m: text in (m.text or ""), timeout, after=after
        )

    def chat_row(self, chat_id: int) -> Chat | None:
        async def get(db: repository.Database) -> Chat | None:
            async with db.session() as session:
                return (await session.execute(select(Chat).where(Chat.id == chat_id))).scalar()

        return in_db(self.db_url, get)

    def following(self, chat_id: int) -> list[repository.Following]:
        return in_db(self.db_url, lambda db: repository.list_following(db, chat_id))


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    directory = tmp_path_factory.mktemp(f"bot-{request.param}")
    with temporary_database(request.param, directory) as db_url:
        fake = FakeTelegram().start()
        articles = ArticleServer().start()
        crocus = articles.add("/world/usa-russia-crocus-attack/", CROCUS)
        other = articles.add("/other/crocus", crocus_as("/other/crocus"))
        articles.add("/paywall", (DATA / "extract-paywall.html").read_bytes())
        articles.add("/german", (DATA / "extract-german.html").read_bytes())
        articles.routes["/slow"] = slow_page(4.0)
        bot = BotProcess(fake, db_url, directory / "bot.log")
        try:
            bot.start()
            yield Env(fake, articles, bot, db_url, crocus, other)
            status = bot.stop(signal.SIGTERM)
            assert status == 0, bot.output()[-3000:]
            assert fake.token not in bot.output()
        finally:
            if bot.running:
                bot.stop()
            fake.stop()
            articles.stop()


def _callback_data(message: Message) -> list[str]:
    return [b["callback_data"] for b in message.buttons if "callback_data" in b]


# ------------------------------------------------------------------ private chats


def test_private_link_gets_placeholder_then_digest(env: Env) -> None:
    chat = 1001
    sent = env.fake.send_user_message(chat, f"Have you read this? {env.crocus}")
    digest = env.digest(chat, sent)
    first = digest.history[0]
    assert first.text == "Reading 127.0.0.1…"
    assert digest.reply_to_message_id == sent.message_id  # quotes the user's message
    assert "typing" in env.fake.actions(chat)
    assert digest.parse_mode == "HTML"  # accepted by the fake's entity parser
    assert digest.text.startswith("📰")
    assert "Who says what" in digest.text or "Sources cited" in digest.text
    for label in ("Follow", "Positions", "Sources", "Facts", "Original"):
        assert any(label in t for t in digest.button_texts), digest.button_texts
    assert digest.button("Original")["url"].endswith("/world/usa-russia-crocus-attack/")
    assert all(len(d.encode()) <= 64 for d in _callback_data(digest))


def test_text_link_and_photo_caption(env: Env) -> None:
    chat = 1002
    linked = env.fake.send_user_message(
        chat, f'Look at <a href="{env.crocus}">this story</a>', parse_mode="HTML"
    )
    assert linked.entities[0]["type"] == "text_link"
    env.digest(chat, linked)
    photo = env.fake.send_user_message(chat, f"Photo of the day {env.crocus}", caption=True)
    env.digest(chat, photo)


def test_message_without_link_gets_a_hint(env: Env) -> None:
    sent = env.fake.send_user_message(1003, "hello there")
    env.reply(1003, sent, "Send me a link")


def test_more_than_five_links_are_capped_with_a_notice(env: Env) -> None:
    chat = 1004
    links = " ".join(env.articles.url(f"/missing/{n}") for n in range(7))
    sent = env.fake.send_user_message(chat, links)
    env.reply(chat, sent, "That message has 7 links; I will read the first 5")
    env.fake.wait_for(
        lambda: len([m for m in env.fake.chat_messages(chat) if "couldn't read" in m.text]) == 5,
        15,
        "five failure messages",
    )
    time.sleep(0.5)
    placeholders = [m for m in env.fake.chat_messages(chat) if m.history[0].text.startswith("Read")]
    assert len(placeholders) == 5


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/paywall", r"subscri|paywall|no article"),
        ("/german", r"German"),
        ("/nowhere", r"404|not found"),
    ],
)
def test_bad_page_gets_a_clear_message(env: Env, path: str, reason: str) -> None:
    chat = 1005
    sent = env.fake.send_user_message(chat, env.articles.url(path))
    reply = env.reply(chat, sent, "Sorry, I couldn't read 127.0.0.1:")
    assert re.search(reason, reply.text, re.IGNORECASE), reply.text
    assert "Traceback" not in reply.text
    assert env.bot.running


def test_start_help_and_command_menus(env: Env) -> None:
    chat = 1006
    start = env.fake.send_command(chat, "start")
    env.reply(chat, start, "I read news articles for you")
    help_ = env.fake.send_command(chat, "help")
    reply = env.reply(chat, help_, "How to use me")
    assert reply.reply_to_message_id == help_.message_id
    for scope, present, absent in (
        ("all_private_chats", {"digest", "follow", "forget", "help"}, {"settings"}),
        ("all_group_chats", {"digest", "stories", "search"}, {"settings", "forget"}),
        ("all_chat_administrators", {"settings", "forget", "digest"}, set()),
    ):
        names = {c["command"] for c in env.fake.commands_for(scope) or []}
        assert present <= names and not absent & names, (scope, names)


def test_help_answers_while_a_digest_runs(env: Env) -> None:
    chat, other_chat = 1007, 1008
    sent = env.fake.send_user_message(chat, env.articles.url("/slow"))
    env.fake.wait_for_message(chat, lambda m: m.text.startswith("Reading"), after=sent)
    started = time.monotonic()
    help_ = env.fake.send_command(other_chat, "help")
    env.reply(other_chat, help_, "How to use me", timeout=3)
    assert time.monotonic() - started < 2.0
    placeholder = env.fake.last_message(chat)
    assert placeholder is not None and placeholder.text.startswith("Reading")  # still working
    env.digest(chat, sent)


def test_flood_limit_per_chat(env: Env) -> None:
    chat = 1009
    for batch in range(3):
        links = " ".join(env.articles.url(f"/flood/{batch}/{n}") for n in range(5))
        env.fake.send_user_message(chat, links)
    env.fake.wait_for_message(chat, lambda m: "That is a lot of links" in m.text, 15)
    env.fake.wait_for(
        lambda: len([m for m in env.fake.chat_messages(chat) if "couldn't read" in m.text]) == 10,
        20,
        "ten digests (failures) in the chat",
    )
    time.sleep(0.5)
    messages = env.fake.chat_messages(chat)
    assert len([m for m in messages if m.history[0].text.startswith("Reading")]) == 10
    assert len([m for m in messages if "That is a lot of links" in m.text]) == 1


# ------------------------------------------------------------------ buttons and follows


def test_buttons_views_and_follow_toggle(env: Env) -> None:
    chat = 1010
    digest = env.digest(chat, env.fake.send_user_message(chat, env.crocus))
    for label, heading in (("Positions", "Who says what"), ("Sources", "Sources"), ("Facts", "")):
        before = env.fake.chat_messages(chat)[-1].message_id
        query = env.fake.press_button(chat, digest.message_id, text=label)
        env.fake.wait_for_callback_answer(query)
        view = env.fake.wait_for_message(
            chat, lambda m: m.reply_to_message_id == digest.message_id, after=before
        )
        assert heading in view.text and view.parse_mode == "HTML"

    query = env.fake.press_button(chat, digest.message_id, text="Follow")
    assert env.fake.wait_for_callback_answer(query).text == "Following this article."
    env.fake.wait_for(lambda: any("Unfollow" in t for t in digest.button_texts), 10, "Unfollow")
    assert [f.title for f in env.following(chat)] and env.following(chat)[0].article_id

    query = env.fake.press_button(chat, digest.message_id, text="Unfollow")
    assert env.fake.wait_for_callback_answer(query).text == "Unfollowed."
    env.fake.wait_for(lambda: any("🔔 Follow" in t for t in digest.button_texts), 10, "Follow")
    assert env.following(chat) == []


def test_follow_commands_stories_and_search(env: Env) -> None:
    chat = 1011
    env.digest(chat, env.fake.send_user_message(chat, env.crocus))
    nothing = env.fake.send_command(chat, "following")
    env.reply(chat, nothing, "You follow nothing yet")

    ask = env.fake.send_command(chat, "follow")
    choice = env.reply(chat, ask, "Follow ")
    assert "Follow this article" in choice.button_texts[0]
    if len(choice.buttons) > 1:  # the article belongs to a story: follow that too
        query = env.fake.press_button(chat, choice.message_id, text="whole story")
        assert "story" in (env.fake.wait_for_callback_answer(query).text or "")
    query = env.fake.press_button(chat, choice.message_id, text="this article")
    assert env.fake.wait_for_callback_answer(query).text == "Following this article."

    listing = env.reply(chat, env.fake.send_command(chat, "following"), "You follow")
    assert "(article)" in listing.text
    assert len(choice.buttons) > 1, "every stored article belongs to a story"
    stories = env.reply(chat, env.fake.send_command(chat, "stories"), "Stories")
    followed = re.search(r"🔔 (\d+)\. because the USA", stories.text)
    assert followed, stories.text
    view = env.reply(chat, env.fake.send_command(chat, "story", followed.group(1)), "Timeline")
    assert "Key facts" in view.text and "Who says what" in view.text
    assert "because the USA and Russia can get closer" in view.text

    unfollow = env.fake.send_command(chat, "unfollow", str(len(env.following(chat))))
    env.reply(chat, unfollow, "Unfollowed:")

    for command, heading in (("facts", "Key facts"), ("positions", "Who says what")):
        env.reply(chat, env.fake.send_command(chat, command), heading)
    by_link = env.fake.send_command(chat, "sources", env.crocus)
    env.reply(chat, by_link, "Sources")

    usage = env.fake.send_command(chat, "search")
    env.reply(chat, usage, "Usage: /search")
    found = env.reply(chat, env.fake.send_command(chat, "search", "Crocus"), "Crocus", 10)
    assert "USA and Russia" in found.text or "because the USA" in found.text


def test_forget_asks_then_deletes(env: Env) -> None:
    chat = 1012
    digest = env.digest(chat, env.fake.send_user_message(chat, env.crocus))
    query = env.fake.press_button(chat, digest.message_id, text="Follow")
    env.fake.wait_for_callback_answer(query)
    assert env.following(chat)
    ask = env.reply(chat, env.fake.send_command(chat, "forget"), "Delete everything")
    assert env.following(chat), "nothing is deleted before the confirmation"
    query = env.fake.press_button(chat, ask.message_id, text="Yes")
    env.fake.wait_for_callback_answer(query)
    env.fake.wait_for(lambda: ask.text.startswith("Done"), 10, "the confirmation edited")
    assert env.following(chat) == []
    assert env.chat_row(chat) is None
    assert in_db(env.db_url, lambda db: repository.last_chat_digest(db, chat)) is None


def test_callback_data_fits_and_stale_buttons_are_refused(env: Env) -> None:
    chat = 1013
    digest = env.digest(chat, env.fake.send_user_message(chat, env.crocus))
    assert all(len(d.encode()) <= 64 for d in _callback_data(digest))
    query = env.fake.press_button(chat, digest.message_id, "x:not-ours", check=False)
    assert "no longer valid" in (env.fake.wait_for_callback_answer(query).text or "")
    query = env.fake.press_button(chat, digest.message_id, "s:999999999", check=False)
    assert "no longer stored" in (env.fake.wait_for_callback_answer(query).text or "")


# ------------------------------------------------------------------ groups and channels


def test_group_digest_command_mention_and_pointer(env: Env) -> None:
    group = -1001100
    env.fake.add_bot_to_group(group, title="Newsroom")
    command = env.fake.send_command(group, "digest", env.crocus)
    digest = env.digest(group, command)
    assert digest.reply_to_message_id == command.message_id
    again = env.fake.send_command(group, "digest", env.crocus, mention=True)
    pointer = env.reply(group, again, "digested here a little while ago")
    assert pointer.reply_to_message_id == digest.message_id  # points at the earlier digest
    empty = env.fake.send_command(group, "digest")
    env.reply(group, empty, "Send /digest with a link")


def test_group_digest_as_reply(env: Env) -> None:
    group = -1001101
    env.fake.add_bot_to_group(group, title="Study group")
    link = env.fake.send_user_message(group, f"interesting: {env.other}", user_id=MEMBER)
    assert link.update_id is None  # privacy mode: the bot never saw it
    command = env.fake.send_command(group, "digest", reply_to=link, user_id=ADMIN)
    digest = env.digest(group, command)
    assert digest.reply_to_message_id == link.message_id


def test_group_settings_admin_only_and_auto_digest(env: Env) -> None:
    group = -1001200
    env.fake.add_bot_to_group(group, title="Family", status="administrator")
    env.fake.set_member(group, ADMIN, "administrator")
    env.fake.set_member(group, MEMBER, "member")

    refused = env.fake.send_command(group, "settings", user_id=MEMBER)
    env.reply(group, refused, "Only group administrators")
    plain = env.fake.send_user_message(group, f"no digest yet {env.crocus}", user_id=MEMBER)
    env.fake.wait_until_delivered()

    asked = env.fake.send_command(group, "settings", user_id=ADMIN)
    panel = env.reply(group, asked, "Settings")
    assert "Digest every link: off" in panel.button_texts
    query = env.fake.press_button(group, panel.message_id, text="every link", user_id=MEMBER)
    assert env.fake.wait_for_callback_answer(query).show_alert
    query = env.fake.press_button(group, panel.message_id, text="every link", user_id=ADMIN)
    assert env.fake.wait_for_callback_answer(query).text == "Saved."
    env.fake.wait_for(lambda: "Digest every link: on" in panel.button_texts, 10, "on")
    query = env.fake.press_button(group, panel.message_id, text="Digests:", user_id=ADMIN)
    env.fake.wait_for_callback_answer(query)
    env.fake.wait_for(lambda: "Digests: short" in panel.button_texts, 10, "short digests")
    settings = env.chat_row(group).settings
    assert settings["auto_digest"] and settings["short"]
    # The plain link posted before the setting got nothing.
    assert not [
        m for m in env.fake.chat_messages(group) if m.reply_to_message_id == plain.message_id
    ]

    first = env.fake.send_user_message(group, f"read {env.crocus}", user_id=MEMBER)
    digest = env.digest(group, first)
    assert digest.reply_to_message_id == first.message_id
    second = env.fake.send_user_message(group, f"again {env.crocus}", user_id=MEMBER)
    pointer = env.reply(group, second, "digested here a little while ago")
    assert pointer.reply_to_message_id == digest.message_id


def test_channel_post_gets_digest_when_bot_is_admin(env: Env) -> None:
    channel = -1001300
    env.fake.add_bot_to_channel(channel)
    wait_until(
        lambda: (row := env.chat_row(channel)) is not None and row.settings.get("auto_digest"),
        15,
        "the channel's settings",
    )
    post = env.fake.send_channel_post(channel, f"Our pick today: {env.crocus}")
    digest = env.digest(channel, post)
    assert digest.reply_to_message_id == post.message_id


# ------------------------------------------------------------------ limits and failures


def test_retry_after_is_honoured(env: Env) -> None:
    chat = 1020
    env.fake.add_chat(chat)
    env.fake.fail_next(chat, "sendMessage", "flood", retry_after=1)
    help_ = env.fake.send_command(chat, "help")
    env.reply(chat, help_, "How to use me")
    calls = env.fake.calls_to("sendMessage", chat)
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].time - calls[0].time >= 0.9


def test_blocked_chat_is_marked_inactive(env: Env) -> None:
    chat = 1021
    env.fake.add_chat(chat)
    env.fake.fail_next(chat, "sendMessage", "blocked")
    env.fake.send_user_message(chat, env.crocus)
    wait_until(
        lambda: (row := env.chat_row(chat)) is not None and not row.active, 15, "inactive chat"
    )
    # Blocking shows up as a membership update too.
    other = 1022
    env.fake.send_command(other, "start")
    wait_until(lambda: env.chat_row(other) is not None or env.fake.last_message(other), 10)
    env.digest(other, env.fake.send_user_message(other, env.crocus))
    env.fake.block_bot(other)
    wait_until(
        lambda: (row := env.chat_row(other)) is not None and not row.active, 15, "inactive chat"
    )


def test_group_migration_moves_data(env: Env) -> None:
    old, new = -3001, -1003001
    env.fake.add_bot_to_group(old, chat_type="group", title="Old group")
    digest = env.digest(old, env.fake.send_command(old, "digest", env.crocus))
    env.fake.wait_for_callback_answer(env.fake.press_button(old, digest.message_id, text="Follow"))
    assert env.following(old)
    env.fake.migrate_group(old, new)
    wait_until(lambda: env.following(new), 15, "follows moved to the supergroup")
    assert env.following(old) == []

    # Telegram answering "migrated" to a send moves the data too.
    old2, new2 = -3002, -1003002
    env.fake.add_bot_to_group(old2, chat_type="group", title="Another group")
    env.fake.send_command(old2, "settings", user_id=ADMIN)  # creates the chat row
    wait_until(lambda: env.chat_row(old2), 15, "the chat row")
    env.fake.add_chat(new2, "supergroup")
    env.fake.fail_next(old2, "sendMessage", "migrated", migrate_to=new2)
    env.fake.send_command(old2, "help")
    wait_until(
        lambda: (row := env.chat_row(old2)) is not None and row.migrated_to == new2,
        15,
        "the old chat marked migrated",
    )


def test_rejected_html_falls_back_to_plain_text(env: Env) -> None:
    chat = 1023
    env.fake.add_chat(chat)
    env.fake.fail_next(
        chat,
        "editMessageText",
        Fault(400, "Bad Request: can't parse entities: unsupported start tag at byte offset 3"),
    )
    sent = env.fake.send_user_message(chat, env.crocus)
    placeholder = env.fake.wait_for_message(
        chat, lambda m: m.text.startswith("Reading"), after=sent
    )
    env.fake.wait_for(lambda: "Key facts" in (placeholder.text or ""), 30, "the plain digest")
    assert placeholder.parse_mode is None
    assert "<b>" not in placeholder.raw
    assert any("Follow" in t for t in placeholder.button_texts)
    wait_until(lambda: "sending plain text" in env.bot.output(), 5, "the log line")


def test_handler_exception_gets_polite_message(env: Env) -> None:
    group = -1001400
    env.fake.add_bot_to_group(group, title="Broken")
    env.fake.fail_next(group, "getChatMember", "server_error")
    asked = env.fake.send_command(group, "settings", user_id=ADMIN)
    reply = env.reply(group, asked, "Sorry, something went wrong on my side")
    assert "Traceback" not in reply.text and "Internal" not in reply.text
    assert env.bot.running


# ------------------------------------------------------------------ restart (keep last)


def test_buttons_work_after_a_restart(env: Env) -> None:
    chat = 1030
    digest = env.digest(chat, env.fake.send_user_message(chat, env.crocus))
    status = env.bot.stop(signal.SIGINT)
    assert status == 0, env.bot.output()[-2000:]
    env.bot.start()
    query = env.fake.press_button(chat, digest.message_id, text="Sources")
    env.fake.wait_for_callback_answer(query)
    env.fake.wait_for_message(chat, lambda m: m.reply_to_message_id == digest.message_id)
    query = env.fake.press_button(chat, digest.message_id, text="Follow")
    assert env.fake.wait_for_callback_answer(query).text == "Following this article."
    env.fake.wait_for(lambda: any("Unfollow" in t for t in digest.button_texts), 10, "Unfollow")


def test_token_never_in_output(env: Env) -> None:
    assert env.fake.token not in env.bot.output()
    assert Path(env.bot.log_path).exists()
