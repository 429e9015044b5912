"""bot.telegram_send: HTML with a plain-text fallback, and RetryAfter waits in seconds."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, RetryAfter

from bot.telegram_send import retry_after_seconds, send_html_or_plain
from tests.fake_telegram import FakeTelegram

CHAT = 4242
BAD_HTML = "<b>Key facts</i>"  # Telegram: "can't parse entities"


@pytest.fixture
async def bot(fake_telegram: FakeTelegram) -> AsyncIterator[Bot]:
    fake_telegram.add_chat(CHAT)
    async with Bot(fake_telegram.token, base_url=fake_telegram.base_url) as client:
        yield client


# ---------------------------------------------------------------- retry_after_seconds


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # int retry_after
def test_retry_after_in_int_or_float_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PTB_TIMEDELTA", raising=False)
    assert isinstance(RetryAfter(7).retry_after, int)
    assert retry_after_seconds(RetryAfter(7)) == 7.0
    assert retry_after_seconds(RetryAfter(timedelta(seconds=2.5))) == 2.5  # given as a float


def test_retry_after_as_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # the type PTB announces for later versions
    assert RetryAfter(90).retry_after == timedelta(seconds=90)
    assert retry_after_seconds(RetryAfter(90)) == 90.0
    assert retry_after_seconds(RetryAfter(timedelta(minutes=2, milliseconds=500))) == 120.5


# ---------------------------------------------------------------- send_html_or_plain


def _previews(fake: FakeTelegram, method: str) -> list[object]:
    return [c.params.get("link_preview_options") for c in fake.calls_to(method, CHAT) if c.ok]


async def test_html_goes_out_as_html_without_previews(
    fake_telegram: FakeTelegram, bot: Bot
) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Follow", callback_data="f")]])
    last = await send_html_or_plain(
        bot, CHAT, ["<b>one</b> https://example.com", "two"], ["one", "two"], markup=keyboard
    )
    first, second = fake_telegram.chat_messages(CHAT)
    assert last is not None and last.message_id == second.message_id
    assert (first.text, first.parse_mode) == ("one https://example.com", "HTML")
    assert first.reply_markup is None and second.button_texts == ["Follow"]
    assert _previews(fake_telegram, "sendMessage") == [{"is_disabled": True}] * 2


async def test_rejected_html_is_sent_as_plain_text(
    fake_telegram: FakeTelegram, bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.telegram_send"):
        last = await send_html_or_plain(
            bot, CHAT, [BAD_HTML], ["Key facts", "(plain part 2)"], what="an update"
        )
    sent = fake_telegram.chat_messages(CHAT)
    assert [(m.text, m.parse_mode) for m in sent] == [
        ("Key facts", None),
        ("(plain part 2)", None),
    ]  # all of the plain rendering, however it is split
    assert last is not None and last.message_id == sent[-1].message_id
    assert _previews(fake_telegram, "sendMessage") == [{"is_disabled": True}] * 2
    assert f"Telegram rejected an update in chat {CHAT}" in caplog.text
    assert "can't parse entities" in caplog.text.lower() and "sending plain text" in caplog.text


async def test_without_plain_the_html_is_sent_unparsed(
    fake_telegram: FakeTelegram, bot: Bot
) -> None:
    await send_html_or_plain(bot, CHAT, [BAD_HTML])
    [message] = fake_telegram.chat_messages(CHAT)
    assert (message.text, message.parse_mode) == (BAD_HTML, None)


async def test_fallback_edits_the_placeholder_too(fake_telegram: FakeTelegram, bot: Bot) -> None:
    placeholder = await bot.send_message(CHAT, "Reading…")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Follow", callback_data="f")]])
    await send_html_or_plain(
        bot, CHAT, [BAD_HTML], ["Key facts"], markup=keyboard, edit_message_id=placeholder.id
    )
    [message] = fake_telegram.chat_messages(CHAT)
    assert message.message_id == placeholder.message_id
    assert (message.text, message.parse_mode) == ("Key facts", None)
    assert message.button_texts == ["Follow"]
    assert _previews(fake_telegram, "editMessageText") == [{"is_disabled": True}]


async def test_other_bad_requests_are_raised(fake_telegram: FakeTelegram, bot: Bot) -> None:
    fake_telegram.fail_next(CHAT, "sendMessage", "chat_not_found")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await send_html_or_plain(bot, CHAT, ["<b>fine</b>"], ["fine"])
    assert fake_telegram.chat_messages(CHAT) == []
