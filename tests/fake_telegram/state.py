"""The fake server's state model: what tests read and assert on."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any


class ApiError(Exception):
    """An error answer, shaped like Telegram's: error_code, description, parameters."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


@dataclass(frozen=True)
class Fault:
    """An error the server answers instead of doing the call (see FakeTelegram.fail_next)."""

    code: int
    description: str
    parameters: dict[str, Any] | None = None
    disconnect: bool = False  # drop the connection without answering (a network error)


def make_fault(kind: str | Fault, *, retry_after: int = 1, migrate_to: int | None = None) -> Fault:
    if isinstance(kind, Fault):
        return kind
    kinds: dict[str, Fault] = {
        "flood": Fault(
            429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
        ),
        "blocked": Fault(403, "Forbidden: bot was blocked by the user"),
        "kicked": Fault(403, "Forbidden: bot was kicked from the group chat"),
        "deactivated": Fault(403, "Forbidden: user is deactivated"),
        "chat_not_found": Fault(400, "Bad Request: chat not found"),
        "server_error": Fault(500, "Internal Server Error"),
        "bad_gateway": Fault(502, "Bad Gateway"),
        "disconnect": Fault(0, "connection dropped", disconnect=True),
    }
    kinds["429"] = kinds["flood"]
    kinds["403"] = kinds["blocked"]
    if kind in ("migrated", "migrate"):
        if migrate_to is None:
            raise ValueError("a 'migrated' fault needs migrate_to=NEW_CHAT_ID")
        return Fault(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            {"migrate_to_chat_id": migrate_to},
        )
    if kind not in kinds:
        raise ValueError(f"unknown fault kind {kind!r}; one of {sorted(kinds)} or 'migrated'")
    return kinds[kind]


@dataclass
class Call:
    """One request to the server, in arrival order."""

    method: str  # as the client spelled it, e.g. "sendMessage"
    params: dict[str, Any]  # decoded: numbers and JSON objects are Python values
    time: float  # time.monotonic() when the request arrived
    status: int = 200
    description: str | None = None  # the error description when status != 200
    result: Any = None

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def chat_id(self) -> int | str | None:
        return self.params.get("chat_id")


@dataclass
class Version:
    """One state of a message's content: the original or an edit."""

    text: str | None  # what the user sees (markup parsed out)
    raw: str | None  # as sent, e.g. with HTML tags
    parse_mode: str | None
    entities: list[dict[str, Any]]
    reply_markup: dict[str, Any] | None
    time: float = field(default_factory=time.monotonic)


@dataclass
class Message:
    """A message in a chat, sent by the bot or injected as a user's."""

    chat_id: int
    message_id: int
    from_bot: bool
    text: str | None  # current visible text (or caption), entities parsed out
    raw: str | None = None  # current text as sent, with markup
    parse_mode: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    reply_to_message_id: int | None = None
    caption: bool = False  # text is a caption (of a photo or other media)
    kind: str = "text"  # text, photo, document, ... or service
    user_id: int | None = None  # sender, for user messages
    message_thread_id: int | None = None
    date: int = field(default_factory=lambda: int(time.time()))
    time: float = field(default_factory=time.monotonic)
    deleted: bool = False
    reactions: list[dict[str, Any]] = field(default_factory=list)
    history: list[Version] = field(default_factory=list)  # [original, edit 1, edit 2, ...]
    extra: dict[str, Any] = field(default_factory=dict)  # service fields, e.g. migrate_to_chat_id
    params: dict[str, Any] = field(default_factory=dict)  # the request that sent it
    update_id: int | None = None  # for injected messages

    @property
    def edits(self) -> list[Version]:
        return self.history[1:]

    @property
    def edited(self) -> bool:
        return len(self.history) > 1

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """The inline keyboard's buttons, row by row, flattened."""
        if not self.reply_markup:
            return []
        rows = self.reply_markup.get("inline_keyboard") or []
        return [button for row in rows for button in row]

    @property
    def button_texts(self) -> list[str]:
        return [b.get("text", "") for b in self.buttons]

    def button(self, text: str) -> dict[str, Any]:
        """The button whose text contains ``text`` (ValueError listing them if none does)."""
        for b in self.buttons:
            if text in b.get("text", ""):
                return b
        raise ValueError(f"no button with {text!r} in {self.button_texts}")


@dataclass
class Chat:
    id: int
    type: str  # private, group, supergroup, channel
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    bot_status: str = "member"  # creator is impossible; administrator, member, left, kicked
    bot_rights: dict[str, Any] = field(default_factory=dict)
    members: dict[int, dict[str, Any]] = field(default_factory=dict)  # user_id -> {status,...}
    migrated_to: int | None = None
    is_forum: bool = False

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private":
            data["first_name"] = self.first_name or f"User{self.id}"
        else:
            data["title"] = self.title or f"Chat {self.id}"
        if self.username:
            data["username"] = self.username
        if self.is_forum:
            data["is_forum"] = True
        return data


@dataclass
class ChatAction:
    chat_id: int
    action: str
    time: float
    message_thread_id: int | None = None


@dataclass
class CallbackAnswer:
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int | None
    time: float


@dataclass
class CallbackQuery:
    """A button press injected by press_button, and the bot's answer once it comes."""

    id: str
    chat_id: int
    message_id: int
    data: str
    user_id: int
    time: float
    update_id: int
    answer: CallbackAnswer | None = None
