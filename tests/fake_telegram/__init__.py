"""A fake Telegram Bot API server for end-to-end tests; see server.FakeTelegram."""

from tests.fake_telegram.entities import detect_entities, parse_html, utf16_len
from tests.fake_telegram.server import (
    DEFAULT_TOKEN,
    DEFAULT_USER_ID,
    FakeTelegram,
    Limits,
    UploadedFile,
)
from tests.fake_telegram.state import (
    ApiError,
    Call,
    CallbackAnswer,
    CallbackQuery,
    Chat,
    ChatAction,
    Fault,
    Message,
    Version,
)

__all__ = [
    "DEFAULT_TOKEN",
    "DEFAULT_USER_ID",
    "ApiError",
    "Call",
    "CallbackAnswer",
    "CallbackQuery",
    "Chat",
    "ChatAction",
    "FakeTelegram",
    "Fault",
    "Limits",
    "Message",
    "UploadedFile",
    "Version",
    "detect_entities",
    "parse_html",
    "utf16_len",
]
