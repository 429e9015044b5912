"""The fake Bot API server, driven by python-telegram-bot itself (Bot and Application)."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.telegram_send import retry_after_seconds
from tests.fake_telegram import FakeTelegram, Limits, parse_html, utf16_len

PRIVATE = 1001
GROUP = -2002


@pytest.fixture
def fake_telegram() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    yield server
    server.stop()


@pytest.fixture
async def bot(fake_telegram: FakeTelegram) -> AsyncIterator[Bot]:
    fake_telegram.add_chat(PRIVATE)
    async with Bot(fake_telegram.token, base_url=fake_telegram.base_url) as bot:
        yield bot


def _keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d, callback_data=d)] for d in data])


def _raw(server: FakeTelegram, method: str, body: bytes = b"", ctype: str = "", token: str = ""):
    """One HTTP call without PTB: (status, JSON answer)."""
    request = urllib.request.Request(server.method_url(method, token or None), data=body or None)
    if ctype:
        request.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


# ---------------------------------------------------------------- tokens, methods, encodings


async def test_get_me_and_token_check(fake_telegram: FakeTelegram, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456789, "digest_test_bot", True)

    status, body = _raw(fake_telegram, "getMe", token="123456789:wrong")
    assert (status, body) == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    for token in ("123456789:wrong", "not-a-token"):
        with pytest.raises(InvalidToken):
            await Bot(token, base_url=fake_telegram.base_url).initialize()


async def test_unknown_and_unemulated_methods(fake_telegram: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("noSuchMethod")
    assert _raw(fake_telegram, "noSuchMethod")[0] == 404
    # a real Bot API method the fake does not model: recorded, answered true
    assert await bot.set_chat_menu_button(chat_id=PRIVATE) is True
    assert [c.method for c in fake_telegram.unhandled] == ["setChatMenuButton"]
    assert fake_telegram.unhandled[0].params == {"chat_id": PRIVATE}


def test_form_json_multipart_and_query_parameters(fake_telegram: FakeTelegram) -> None:
    fake_telegram.add_chat(PRIVATE)
    markup = json.dumps({"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]})
    form = f"chat_id={PRIVATE}&text=123&reply_markup={urllib.request.quote(markup)}"
    status, body = _raw(
        fake_telegram, "sendMessage", form.encode(), "application/x-www-form-urlencoded"
    )
    assert status == 200 and body["result"]["text"] == "123"  # a string stays a string
    assert body["result"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "a"

    payload = {"chat_id": PRIVATE, "text": "json", "reply_markup": json.loads(markup)}
    status, body = _raw(
        fake_telegram, "sendMessage", json.dumps(payload).encode(), "application/json"
    )
    assert status == 200 and body["result"]["text"] == "json"

    boundary = "xyzzy"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="chat_id"\r\n\r\n{PRIVATE}\r\n',
        f'--{boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n<b>pic</b>\r\n',
        f'--{boundary}\r\nContent-Disposition: form-data; name="parse_mode"\r\n\r\nHTML\r\n',
        f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a.png"\r\n'
        f"Content-Type: image/png\r\n\r\nPNGDATA\r\n",
        f"--{boundary}--\r\n",
    ]
    status, body = _raw(
        fake_telegram,
        "sendPhoto",
        "".join(parts).encode(),
        f"multipart/form-data; boundary={boundary}",
    )
    assert status == 200 and body["result"]["caption"] == "pic"
    photo = fake_telegram.calls_to("sendPhoto")[0].params["photo"]
    assert (photo.filename, photo.data) == ("a.png", b"PNGDATA")

    request = urllib.request.Request(fake_telegram.method_url("getChat") + f"?chat_id={PRIVATE}")
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.loads(response.read())["result"]["id"] == PRIVATE


# ---------------------------------------------------------------- sending and Telegram's checks


async def test_send_html_message_recorded(fake_telegram: FakeTelegram, bot: Bot) -> None:
    html = '📰 <b>Title</b> &amp; <i>more</i> <a href="https://example.com/a">link</a>'
    sent = await bot.send_message(PRIVATE, html, parse_mode="HTML", reply_markup=_keyboard("f:1"))
    assert sent.text == "📰 Title & more link"
    bold, _italic, link = sent.entities
    assert (bold.type, bold.offset, bold.length) == ("bold", 3, 5)  # 📰 is 2 UTF-16 units
    assert (link.type, link.url) == ("text_link", "https://example.com/a")

    msg = fake_telegram.last_message(PRIVATE)
    assert msg is not None and msg.message_id == sent.message_id
    assert (msg.text, msg.raw, msg.parse_mode) == (sent.text, html, "HTML")
    assert msg.button_texts == ["f:1"]
    reply = await bot.send_message(PRIVATE, "again", reply_to_message_id=sent.message_id)
    assert reply.reply_to_message.message_id == sent.message_id
    assert fake_telegram.last_message(PRIVATE).reply_to_message_id == sent.message_id
    with pytest.raises(BadRequest, match=r"(?i)replied not found"):
        await bot.send_message(PRIVATE, "x", reply_to_message_id=999)


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<b>bold", 'end tag corresponding to start tag "b"'),
        ("<b>x</i>", "unmatched end tag"),
        ("<script>x</script>", 'unsupported start tag "script"'),
        ("1 < 2", 'unsupported start tag ""'),
        ('<span class="x">s</span>', "must have class"),
        ("<a href=x", "unclosed start tag"),
    ],
)
async def test_malformed_html_rejected(bot: Bot, html: str, reason: str) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities") as err:
        await bot.send_message(PRIVATE, html, parse_mode="HTML")
    assert reason.lower() in str(err.value).lower()


def test_html_parser_accepts_what_telegram_accepts() -> None:
    text, entities = parse_html(
        'AT&T &nbsp; &#8364; <tg-spoiler>s</tg-spoiler> <span class="tg-spoiler">t</span> '
        '<pre><code class="language-python">x = 1</code></pre> '
        "<blockquote expandable>q</blockquote>"
    )
    assert text == "AT&T &nbsp; € s t x = 1 q"  # unknown entities stay literal
    kinds = [(e["type"], e.get("language")) for e in entities]
    assert kinds == [
        ("spoiler", None),
        ("spoiler", None),
        ("pre", "python"),
        ("expandable_blockquote", None),
    ]


async def test_length_and_empty_text(bot: Bot) -> None:
    await bot.send_message(PRIVATE, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")  # tags free
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await bot.send_message(PRIVATE, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await bot.send_message(PRIVATE, "🎉" * 2049)  # 4098 UTF-16 units
    for empty in ("   ", "<b> </b>"):
        with pytest.raises(BadRequest, match=r"(?i)text is empty"):
            await bot.send_message(PRIVATE, empty, parse_mode="HTML")


async def test_callback_data_limit(bot: Bot) -> None:
    await bot.send_message(PRIVATE, "ok", reply_markup=_keyboard("é" * 32))  # 64 bytes
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(PRIVATE, "no", reply_markup=_keyboard("x" * 65))
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(PRIVATE, "no", reply_markup=_keyboard("é" * 33))


async def test_edits(fake_telegram: FakeTelegram, bot: Bot) -> None:
    sent = await bot.send_message(PRIVATE, "Reading example.com…")
    edited = await bot.edit_message_text(
        "<b>Digest</b>",
        PRIVATE,
        sent.message_id,
        parse_mode="HTML",
        reply_markup=_keyboard("follow"),
    )
    assert edited.text == "Digest"
    msg = fake_telegram.message(PRIVATE, sent.message_id)
    assert [v.text for v in msg.history] == ["Reading example.com…", "Digest"]
    assert msg.edited and msg.raw == "<b>Digest</b>"
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_text(
            "<b>Digest</b>",
            PRIVATE,
            sent.message_id,
            parse_mode="HTML",
            reply_markup=_keyboard("follow"),
        )
    await bot.edit_message_reply_markup(PRIVATE, sent.message_id, reply_markup=_keyboard("unf"))
    assert msg.button_texts == ["unf"] and len(msg.edits) == 2
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_reply_markup(PRIVATE, sent.message_id, reply_markup=_keyboard("unf"))
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", PRIVATE, 9999)
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await bot.edit_message_text("x" * 5000, PRIVATE, sent.message_id)
    assert await bot.delete_message(PRIVATE, sent.message_id)
    assert fake_telegram.last_message(PRIVATE) is None
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(PRIVATE, sent.message_id)


async def test_actions_commands_and_members(fake_telegram: FakeTelegram, bot: Bot) -> None:
    await bot.send_chat_action(PRIVATE, "typing")
    assert fake_telegram.actions(PRIVATE) == ["typing"]
    with pytest.raises(BadRequest):
        await bot.send_chat_action(PRIVATE, "dancing")

    await bot.set_my_commands([BotCommand("help", "Help")])
    await bot.set_my_commands(
        [BotCommand("digest", "Digest a link")],
        scope=BotCommandScopeAllGroupChats(),
        language_code="de",
    )
    assert fake_telegram.commands_for() == [{"command": "help", "description": "Help"}]
    assert fake_telegram.commands_for("all_group_chats", language_code="de")[0]["command"] == (
        "digest"
    )
    assert await bot.get_my_commands(scope=BotCommandScopeAllGroupChats()) == ()
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])
    fake_telegram.add_chat(GROUP, "group", title="Newsroom")
    await bot.set_my_commands(
        [BotCommand("settings", "Settings")], scope=BotCommandScopeChat(GROUP)
    )
    assert fake_telegram.commands_for("chat", chat_id=GROUP)[0]["command"] == "settings"
    await bot.delete_my_commands()
    assert fake_telegram.commands_for() is None

    fake_telegram.set_member(GROUP, 7, "administrator", can_delete_messages=False)
    fake_telegram.set_member(GROUP, 8, "creator")
    member = await bot.get_chat_member(GROUP, 7)
    assert member.status == "administrator" and member.can_delete_messages is False
    assert (await bot.get_chat_member(GROUP, 9)).status == "member"
    admins = await bot.get_chat_administrators(GROUP)
    assert sorted(a.user.id for a in admins) == [7, 8]
    chat = await bot.get_chat(GROUP)
    assert (chat.type, chat.title) == ("group", "Newsroom")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(-999, "nobody")


# ---------------------------------------------------------------- faults


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # retry_after
async def test_flood_fault_is_retry_after(fake_telegram: FakeTelegram, bot: Bot) -> None:
    fake_telegram.fail_next(PRIVATE, "sendMessage", "flood", retry_after=7)
    with pytest.raises(RetryAfter) as err:
        await bot.send_message(PRIVATE, "x")
    assert retry_after_seconds(err.value) == 7
    await bot.send_message(PRIVATE, "x")  # fail_next fails once
    call = fake_telegram.calls_to("sendMessage", PRIVATE)[0]
    assert (call.status, call.description) == (429, "Too Many Requests: retry after 7")


async def test_blocked_and_kicked(fake_telegram: FakeTelegram, bot: Bot) -> None:
    fake_telegram.block_bot(PRIVATE)
    with pytest.raises(Forbidden, match=r"(?i)blocked by the user"):
        await bot.send_message(PRIVATE, "x")
    fake_telegram.unblock_bot(PRIVATE)
    await bot.send_message(PRIVATE, "x")
    fake_telegram.fail_always(PRIVATE, "*", "403")
    for _ in range(2):
        with pytest.raises(Forbidden):
            await bot.send_chat_action(PRIVATE, "typing")
    fake_telegram.clear_faults()
    fake_telegram.add_bot_to_group(GROUP)
    fake_telegram.remove_bot_from_chat(GROUP)
    with pytest.raises(Forbidden, match=r"(?i)kicked from the group chat"):
        await bot.send_message(GROUP, "x")
    fake_telegram.fail_next(None, "getChat", "disconnect")
    with pytest.raises(NetworkError):
        await bot.get_chat(PRIVATE)


async def test_migration(fake_telegram: FakeTelegram, bot: Bot) -> None:
    fake_telegram.fail_next(GROUP, "sendMessage", "migrated", migrate_to=-1003)
    fake_telegram.add_chat(GROUP, "group")
    with pytest.raises(ChatMigrated) as err:
        await bot.send_message(GROUP, "x")
    assert err.value.new_chat_id == -1003

    old_msg, _ = fake_telegram.migrate_group(GROUP, -100777)
    assert old_msg.extra == {"migrate_to_chat_id": -100777}
    with pytest.raises(ChatMigrated) as err:
        await bot.send_message(GROUP, "x")
    assert err.value.new_chat_id == -100777
    await bot.send_message(-100777, "moved")
    assert fake_telegram.chats[-100777].type == "supergroup"


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # retry_after
def test_send_limits_when_enforced() -> None:
    with FakeTelegram(limits=Limits(group_per_minute=3)) as server:
        server.add_chat(GROUP, "group")

        async def burst() -> None:
            async with Bot(server.token, base_url=server.base_url) as bot:
                for i in range(3):
                    await bot.send_message(GROUP, f"m{i}")
                with pytest.raises(RetryAfter) as err:
                    await bot.send_message(GROUP, "one too many")
                assert 1 <= retry_after_seconds(err.value) <= 60

        asyncio.run(burst())
        times = [c.time for c in server.calls_to("sendMessage", GROUP)]
        assert times == sorted(times) and len(times) == 4


# ---------------------------------------------------------------- updates


def test_user_message_entities_are_detected(fake_telegram: FakeTelegram) -> None:
    msg = fake_telegram.send_user_message(PRIVATE, "🎉 read https://example.com/a, then /help")
    url, command = msg.entities
    assert url == {"type": "url", "offset": 8, "length": 21}  # UTF-16 offset, comma left out
    assert command["type"] == "bot_command" and utf16_len(msg.text[:-5]) == command["offset"]
    linked = fake_telegram.send_user_message(
        GROUP, 'see <a href="https://x.org/y">this</a> and x.org', parse_mode="HTML"
    )
    assert [e["type"] for e in linked.entities] == ["text_link", "url"]
    assert linked.user_id != GROUP and fake_telegram.chats[GROUP].type == "group"
    photo = fake_telegram.send_user_message(PRIVATE, "https://a.example/b", caption=True)
    data = fake_telegram.updates[-1]["message"]
    assert data["caption_entities"][0]["type"] == "url" and photo.kind == "photo"


async def test_get_updates_offsets_limit_and_long_poll(
    fake_telegram: FakeTelegram, bot: Bot
) -> None:
    for i in range(3):
        fake_telegram.send_user_message(PRIVATE, f"m{i}")
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first] == ["m0", "m1"]
    again = await bot.get_updates()  # nothing confirmed yet
    assert len(again) == 3
    rest = await bot.get_updates(offset=first[-1].update_id + 1)
    assert [u.message.text for u in rest] == ["m2"]
    assert await bot.get_updates(offset=rest[-1].update_id + 1, timeout=0) == ()

    # a long poll returns as soon as an update arrives
    started = time.monotonic()
    threading.Timer(0.3, fake_telegram.send_user_message, (PRIVATE, "late")).start()
    late = await bot.get_updates(offset=rest[-1].update_id + 1, timeout=5)
    assert [u.message.text for u in late] == ["late"]
    assert 0.25 < time.monotonic() - started < 3

    # allowed_updates filters (and drops) other kinds of updates
    fake_telegram.add_bot_to_group(GROUP, service_message=False)
    fake_telegram.send_user_message(PRIVATE, "kept")
    got = await bot.get_updates(offset=late[-1].update_id + 1, allowed_updates=["message"])
    assert [u.message.text for u in got] == ["kept"]
    assert [next(iter(set(u) - {"update_id"})) for u in fake_telegram.dropped] == ["my_chat_member"]


async def test_get_updates_conflicts_with_webhook(fake_telegram: FakeTelegram, bot: Bot) -> None:
    await bot.set_webhook("http://127.0.0.1:9/hook", secret_token="s3cret")
    assert (await bot.get_webhook_info()).url == "http://127.0.0.1:9/hook"
    with pytest.raises(Conflict):
        await bot.get_updates()
    await bot.delete_webhook()
    assert await bot.get_updates(timeout=0) == ()


def test_webhook_delivery(fake_telegram: FakeTelegram) -> None:
    received: list[tuple[str | None, dict[str, Any]]] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers.get("X-Telegram-Bot-Api-Secret-Token"), json.loads(body)))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    hook = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{hook.server_address[1]}/hook"
        status, _ = _raw(
            fake_telegram,
            "setWebhook",
            f"url={url}&secret_token=s3cret".encode(),
            "application/x-www-form-urlencoded",
        )
        assert status == 200
        fake_telegram.send_user_message(PRIVATE, "via hook")
        fake_telegram.wait_until_delivered(timeout=5)
        assert received[0][0] == "s3cret"
        assert received[0][1]["message"]["text"] == "via hook"
        assert not fake_telegram.pending
    finally:
        hook.shutdown()
        hook.server_close()


async def test_application_polls_and_replies(fake_telegram: FakeTelegram) -> None:
    """A real PTB Application: long polling, offsets, a reply, a button and its answer."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_html(
            f"<b>echo</b> {update.effective_message.text}",
            reply_markup=_keyboard("again"),
            do_quote=True,  # PTB 22 quotes only in groups by default
        )

    async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer(f"pressed {update.callback_query.data}")

    app = Application.builder().token(fake_telegram.token).base_url(fake_telegram.base_url)
    application = app.build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.add_handler(CallbackQueryHandler(button))
    async with application:
        await application.start()
        await application.updater.start_polling(timeout=1, drop_pending_updates=True)
        try:
            first = fake_telegram.send_user_message(PRIVATE, "hello")
            reply = await fake_telegram.wait_for_message_async(PRIVATE, after=first, timeout=10)
            assert (reply.text, reply.reply_to_message_id) == ("echo hello", first.message_id)

            second = fake_telegram.send_user_message(PRIVATE, "again")
            await fake_telegram.wait_for_message_async(
                PRIVATE, lambda m: m.text == "echo again", timeout=10
            )
            query = fake_telegram.press_button(PRIVATE, reply.message_id, text="again")
            answer = await fake_telegram.wait_for_callback_answer_async(query, timeout=10)
            assert answer.text == "pressed again"
        finally:
            await application.updater.stop()
            await application.stop()
    # each message handled exactly once: offsets confirmed what was delivered
    assert len(fake_telegram.chat_messages(PRIVATE)) == 2
    assert second.update_id in fake_telegram.delivered
    polls = fake_telegram.calls_to("getUpdates")
    assert any(c.params.get("offset", 0) > second.update_id for c in polls)
    assert fake_telegram.calls_to("deleteWebhook")[0].params["drop_pending_updates"] is True


def test_privacy_mode_in_groups(fake_telegram: FakeTelegram) -> None:
    fake_telegram.add_bot_to_group(GROUP, service_message=False)
    plain = fake_telegram.send_user_message(GROUP, "look https://example.com/a")
    other = fake_telegram.send_command(GROUP, "digest@some_other_bot")
    command = fake_telegram.send_command(GROUP, "digest", "https://example.com/a", mention=True)
    assert plain.update_id is None and other.update_id is None
    assert fake_telegram.hidden == [plain, other] and command.update_id is not None
    fake_telegram.set_member(GROUP, fake_telegram.bot_id, "administrator")
    assert fake_telegram.send_user_message(GROUP, "https://example.com/b").update_id
    with FakeTelegram(privacy_mode=False) as open_bot:
        assert open_bot.send_user_message(GROUP, "https://example.com/c").update_id


def test_wait_for_times_out_with_context(fake_telegram: FakeTelegram) -> None:
    fake_telegram.send_user_message(PRIVATE, "hello?")
    with pytest.raises(AssertionError, match=r"(?s)timed out.*hello"):
        fake_telegram.wait_for_message(PRIVATE, timeout=0.2)
