"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests.

It runs in threads of the test process (``ThreadingHTTPServer``) while the bot under test runs
in a subprocess or in the test's event loop. It speaks the Bot API as python-telegram-bot 22
uses it: ``/bot<TOKEN>/<method>`` with form-encoded (complex values JSON-encoded inside the
form, which is what PTB's HTTPXRequest sends), multipart or JSON bodies.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import itertools
import json
import logging
import math
import re
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

from tests.fake_telegram.entities import (
    MAX_CAPTION_LENGTH,
    MAX_MESSAGE_LENGTH,
    EntityParseError,
    detect_entities,
    parse_html,
    strip_text,
    utf16_len,
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
    make_fault,
)

log = logging.getLogger("fake_telegram")

T = TypeVar("T")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_RESTRICTED_RIGHTS = _words(
    "change_info invite_users pin_messages send_messages send_polls send_other_messages "
    "add_web_page_previews manage_topics send_audios send_documents send_photos "
    "send_videos send_video_notes send_voice_notes edit_tag"
)

DEFAULT_TOKEN = "123456789:AAHfakeTokenForDigestbotTests_0123456789"
DEFAULT_USER_ID = 424242
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
CHAT_ACTIONS = _words(
    "typing upload_photo record_video upload_video record_voice upload_voice "
    "upload_document choose_sticker find_location record_video_note upload_video_note"
)
# Telegram leaves these out when allowed_updates is empty or was never set.
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
# Form values PTB sends as plain strings; everything else in a form is JSON (numbers, objects).
_STRING_FIELDS = _words(
    "text caption callback_query_id inline_query_id action parse_mode url secret_token "
    "language_code description short_description name title message_effect_id "
    "business_connection_id emoji sticker photo document audio video voice animation "
    "video_note thumbnail file_id inline_message_id ip_address query custom_emoji_id "
    "address first_name last_name phone_number next_offset start_parameter payload "
    "currency provider_token question explanation"
)
_SEND_METHODS = _words(
    "sendmessage sendphoto senddocument sendaudio sendvideo sendanimation sendvoice "
    "sendvideonote sendsticker sendmediagroup sendlocation sendvenue sendcontact sendpoll "
    "senddice copymessage forwardmessage"
)
_MEDIA_KEYS = {
    "sendphoto": "photo",
    "senddocument": "document",
    "sendaudio": "audio",
    "sendvideo": "video",
    "sendanimation": "animation",
    "sendvoice": "voice",
    "sendvideonote": "video_note",
    "sendsticker": "sticker",
}
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_SCOPES = _words(
    "default all_private_chats all_group_chats all_chat_administrators chat "
    "chat_administrators chat_member"
)
_DROP = object()  # dispatch result: close the connection without answering


@cache
def _bot_api_methods() -> frozenset[str]:
    """Lower-cased Bot API method names, from PTB's camelCase aliases; empty if PTB is absent."""
    try:
        from telegram import Bot
    except ImportError:  # pragma: no cover - PTB is a dependency of the project
        return frozenset()
    names = {n.lower() for n in dir(Bot) if re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]*)+", n)}
    return frozenset(names | {"close"})


@dataclass
class UploadedFile:
    filename: str
    content_type: str
    data: bytes


@dataclass
class Limits:
    """Telegram's documented send limits, enforced when FakeTelegram(limits=Limits())."""

    global_per_second: int = 30
    group_per_minute: int = 20
    private_per_second: int | None = None  # Telegram tolerates short bursts in private chats


class _Params:
    """Request parameters with typed getters that fail like Telegram does."""

    def __init__(self, data: dict[str, Any]):
        self.data = data

    def __contains__(self, name: str) -> bool:
        return self.data.get(name) not in (None, "")

    def get(self, name: str, default: Any = None) -> Any:
        value = self.data.get(name)
        return default if value is None else value

    def str(self, name: str, default: str | None = None) -> str | None:
        value = self.data.get(name)
        return default if value is None else str(value)

    def int(self, name: str, default: int | None = None) -> int | None:
        value = self.data.get(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ApiError(400, f"Bad Request: invalid {name} specified") from None

    def float(self, name: str, default: float = 0.0) -> float:
        value = self.data.get(name)
        try:
            return default if value in (None, "") else float(value)
        except (TypeError, ValueError):
            raise ApiError(400, f"Bad Request: invalid {name} specified") from None

    def bool(self, name: str) -> bool:
        return self.data.get(name) in (True, 1, "true", "True", "1")

    def json(self, name: str) -> Any:
        value = self.data.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise ApiError(400, f"Bad Request: can't parse {name} JSON object") from None
        return value


def _decode_form_value(name: str, value: str) -> Any:
    """PTB JSON-encodes every non-string parameter into the form; undo that."""
    if name in _STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # e.g. chat_id "@channelname"


class FakeTelegram:
    """A fake Bot API server. Thread-safe; every state change wakes the wait_* helpers.

    >>> server = FakeTelegram().start()
    >>> server.base_url   # 'http://127.0.0.1:PORT/bot' — PTB appends the token
    >>> server.stop()
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "digest_test_bot",
        bot_first_name: str = "Digest Test Bot",
        privacy_mode: bool = True,
        limits: Limits | None = None,
        require_https_webhook: bool = False,
    ):
        self.token = token
        self.bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.privacy_mode = privacy_mode
        self.limits = limits
        self.require_https_webhook = require_https_webhook

        self._cond = threading.Condition(threading.RLock())
        self.calls: list[Call] = []
        self.unhandled: list[Call] = []  # Bot API methods this fake only records
        self.chats: dict[int, Chat] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.messages: dict[int, list[Message]] = {}  # chat_id -> messages, bot's and users'
        self.chat_actions: list[ChatAction] = []
        self.callback_queries: dict[str, CallbackQuery] = {}
        self.commands: dict[tuple[tuple[str, int | None, int | None], str], list[dict]] = {}
        self.webhook: dict[str, Any] | None = None
        self.webhook_errors: list[str] = []
        self.updates: list[dict[str, Any]] = []  # every update injected, in order
        self.pending: list[dict[str, Any]] = []  # not yet confirmed by the bot
        self.delivered: set[int] = set()  # update_ids handed to the bot at least once
        self.dropped: list[dict[str, Any]] = []  # filtered out by allowed_updates
        self.hidden: list[Message] = []  # user messages the bot never got (privacy mode)
        self.allowed_updates: list[str] | None = None
        self.closed = False  # close/logOut was called
        self._faults: list[list[Any]] = []  # [chat_id|None, method|"*", Fault, remaining|None]
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._update_ids = itertools.count(10_000)
        self._query_ids = itertools.count(5_000_000)
        self._poll_generation = 0
        self._sends: dict[int | None, deque[float]] = {}  # for Limits
        self._stopping = False
        self._watched: subprocess.Popen[Any] | None = None

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._httpd.daemon_threads = True
        self.port: int = self._httpd.server_address[1]
        self._threads = [
            threading.Thread(
                # a short poll interval keeps stop() (and so each test's teardown) fast
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="fake-telegram",
                daemon=True,
            ),
            threading.Thread(target=self._webhook_loop, name="fake-telegram-hook", daemon=True),
        ]

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeTelegram:
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._stopping = True  # wakes long polls so shutdown does not wait for them
            self._cond.notify_all()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._threads[1].join(timeout=5)

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def watch(self, process: subprocess.Popen[Any] | None) -> None:
        """Make every wait_* fail at once if this process (the bot under test) exits."""
        self._watched = process

    @property
    def base_url(self) -> str:
        """For PTB's ``base_url`` and ``digestbot run --api-url``: the token gets appended."""
        return f"http://127.0.0.1:{self.port}/bot"

    def method_url(self, method: str, token: str | None = None) -> str:
        return f"{self.base_url}{token or self.token}/{method}"

    @property
    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    # ------------------------------------------------------------------ setup

    def add_user(
        self, user_id: int, *, first_name: str | None = None, username: str | None = None
    ) -> dict[str, Any]:
        with self._cond:
            user = self.users.get(user_id)
            if user is None:
                user = {
                    "id": user_id,
                    "is_bot": False,
                    "first_name": first_name or f"User{user_id}",
                }
                if username:
                    user["username"] = username
                user["language_code"] = "en"
                self.users[user_id] = user
            return user

    def add_chat(
        self,
        chat_id: int,
        chat_type: str | None = None,
        *,
        title: str | None = None,
        username: str | None = None,
        first_name: str | None = None,
    ) -> Chat:
        """Create the chat if new (type guessed from the id: >0 private, -100… supergroup)."""
        with self._cond:
            chat = self.chats.get(chat_id)
            if chat is None:
                if chat_type is None:
                    chat_type = (
                        "private"
                        if chat_id > 0
                        else "supergroup"
                        if str(chat_id).startswith("-100")
                        else "group"
                    )
                chat = Chat(chat_id, chat_type, title=title, username=username)
                if chat_type == "private":
                    chat.first_name = first_name or self.add_user(chat_id)["first_name"]
                self.chats[chat_id] = chat
                self.messages.setdefault(chat_id, [])
                self._cond.notify_all()
            return chat

    def set_member(self, chat_id: int, user_id: int, status: str = "member", **fields: Any) -> None:
        """Set a user's role in a chat: creator, administrator, member, restricted, left, kicked.

        Extra fields override the defaults of getChatMember's answer (e.g. can_delete_messages).
        """
        with self._cond:
            chat = self.add_chat(chat_id)
            if user_id == self.bot_id:
                chat.bot_status, chat.bot_rights = status, dict(fields)
            else:
                self.add_user(user_id)
                chat.members[user_id] = {"status": status, **fields}
            self._cond.notify_all()

    # ------------------------------------------------------------------ faults

    def fail_next(
        self,
        chat_id: int | None,
        method: str = "*",
        kind: str | Fault = "flood",
        *,
        times: int = 1,
        retry_after: int = 1,
        migrate_to: int | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` for ``chat_id`` with an error.

        chat_id None matches any call (with or without chat), method "*" any method. kinds:
        flood/429 (retry_after), blocked/403, kicked, deactivated, migrated (migrate_to),
        chat_not_found, server_error, bad_gateway, disconnect; or any Fault.
        """
        self._add_fault(
            chat_id, method, make_fault(kind, retry_after=retry_after, migrate_to=migrate_to), times
        )

    def fail_always(
        self,
        chat_id: int | None,
        method: str = "*",
        kind: str | Fault = "flood",
        *,
        retry_after: int = 1,
        migrate_to: int | None = None,
    ) -> None:
        """Like fail_next, until clear_faults()."""
        self._add_fault(
            chat_id, method, make_fault(kind, retry_after=retry_after, migrate_to=migrate_to), None
        )

    def _add_fault(self, chat_id: int | None, method: str, fault: Fault, times: int | None):
        with self._cond:
            self._faults.append([chat_id, method.lower(), fault, times])

    def clear_faults(self, chat_id: int | None = None) -> None:
        with self._cond:
            self._faults = [f for f in self._faults if chat_id is not None and f[0] != chat_id]

    def _take_fault(self, method: str, chat_id: Any) -> Fault | None:
        for entry in self._faults:
            f_chat, f_method, fault, remaining = entry
            if f_method not in ("*", method) or (f_chat is not None and f_chat != chat_id):
                continue
            if remaining is not None:
                entry[3] -= 1
                if entry[3] <= 0:
                    self._faults.remove(entry)
            return fault
        return None

    # ------------------------------------------------------------------ injecting updates

    def _enqueue(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        with self._cond:
            update = {"update_id": next(self._update_ids), kind: payload}
            self.updates.append(update)
            self.pending.append(update)
            self._cond.notify_all()
            return update

    def _new_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _user_id_for(self, chat: Chat, user_id: int | None) -> int:
        if user_id is None:
            user_id = chat.id if chat.type == "private" else DEFAULT_USER_ID
        self.add_user(user_id)
        return user_id

    def send_user_message(
        self,
        chat_id: int,
        text: str,
        *,
        chat_type: str | None = None,
        user_id: int | None = None,
        entities: list[dict[str, Any]] | None = None,
        parse_mode: str | None = None,
        caption: bool = False,
        reply_to: int | Message | None = None,
        message_thread_id: int | None = None,
        title: str | None = None,
    ) -> Message:
        """A user writes ``text`` in a chat; returns the stored message (with update_id).

        entities None: url and bot_command entities are detected as Telegram does (UTF-16
        offsets); parse_mode="HTML" builds them from markup instead, e.g. a text_link from
        ``<a href="...">``. caption=True sends a photo with ``text`` as its caption.
        A message the bot would not get (privacy mode in a group, bot not in the chat) is
        stored, listed in ``hidden`` and has update_id None.
        """
        with self._cond:
            chat = self.add_chat(chat_id, chat_type, title=title)
            raw = text
            if parse_mode and parse_mode.lower() == "html":
                text, parsed = parse_html(text)
                entities = parsed + [
                    e for e in detect_entities(text) if not any(_overlaps(e, p) for p in parsed)
                ]
                entities.sort(key=lambda e: e["offset"])
            elif entities is None:
                entities = detect_entities(text)
            msg = Message(
                chat_id=chat.id,
                message_id=self._new_message_id(chat.id),
                from_bot=False,
                text=text,
                raw=raw,
                parse_mode=parse_mode,
                entities=entities,
                caption=caption,
                kind="photo" if caption else "text",
                user_id=None if chat.type == "channel" else self._user_id_for(chat, user_id),
                reply_to_message_id=reply_to.message_id
                if isinstance(reply_to, Message)
                else reply_to,
                message_thread_id=message_thread_id,
            )
            msg.history.append(Version(text, raw, parse_mode, entities, None))
            self.messages[chat.id].append(msg)
            if not self._bot_sees(chat, msg):
                self.hidden.append(msg)
                return msg
            kind = "channel_post" if chat.type == "channel" else "message"
            msg.update_id = self._enqueue(kind, self._message_dict(msg))["update_id"]
            return msg

    def _bot_sees(self, chat: Chat, msg: Message) -> bool:
        """Whether Telegram would send this message to the bot at all.

        Not when the bot is not in the chat; in groups with privacy mode on (Telegram's
        default) and the bot not an administrator, only commands (bare or @this_bot),
        replies to the bot's messages and mentions of the bot arrive.
        """
        if chat.bot_status in ("left", "kicked"):
            return False
        if chat.type == "channel":
            return chat.bot_status == "administrator"
        if chat.type == "private" or not self.privacy_mode:
            return True
        if chat.bot_status == "administrator":
            return True
        text = msg.text or ""
        for entity in msg.entities:
            if entity["type"] == "bot_command":
                command = _utf16_slice(text, entity["offset"], entity["length"])
                target = command.partition("@")[2]
                if not target or target.lower() == self.bot_username.lower():
                    return True
            if entity["type"] == "mention":
                mention = _utf16_slice(text, entity["offset"], entity["length"])
                if mention[1:].lower() == self.bot_username.lower():
                    return True
        if f"@{self.bot_username}".lower() in text.lower():
            return True
        target = self._find(chat.id, msg.reply_to_message_id)
        return target is not None and target.from_bot

    def edit_user_message(self, chat_id: int, message_id: int, text: str) -> Message:
        """The user edits their message: an edited_message (or edited_channel_post) update."""
        with self._cond:
            msg = self._find(chat_id, message_id)
            if msg is None or msg.from_bot:
                raise ValueError(f"no user message {message_id} in chat {chat_id}")
            msg.text = msg.raw = text
            msg.entities = detect_entities(text)
            msg.history.append(Version(text, text, None, msg.entities, None))
            data = self._message_dict(msg)
            data["edit_date"] = int(time.time())
            chat = self.chats[chat_id]
            kind = "edited_channel_post" if chat.type == "channel" else "edited_message"
            self._enqueue(kind, data)
            return msg

    def send_command(
        self, chat_id: int, command: str, args: str = "", *, mention: bool = False, **kwargs: Any
    ) -> Message:
        """``/command[@bot] args`` with its bot_command entity (and url entities in args)."""
        text = "/" + command.lstrip("/") + (f"@{self.bot_username}" if mention else "")
        if args:
            text += " " + args
        return self.send_user_message(chat_id, text, **kwargs)

    def send_channel_post(
        self,
        chat_id: int,
        text: str,
        *,
        title: str = "Test channel",
        username: str | None = None,
        **kwargs: Any,
    ) -> Message:
        with self._cond:
            chat = self.add_chat(chat_id, "channel", title=title, username=username)
            if chat.type != "channel":
                raise ValueError(f"chat {chat_id} is a {chat.type}, not a channel")
        return self.send_user_message(chat_id, text, **kwargs)

    def press_button(
        self,
        chat_id: int,
        message_id: int,
        callback_data: str | None = None,
        *,
        text: str | None = None,
        user_id: int | None = None,
        check: bool = True,
    ) -> CallbackQuery:
        """A user taps an inline button (by callback_data, or by a part of its text).

        With check=True the button must be on the message now; check=False presses stale or
        made-up data, as an old client might.
        """
        with self._cond:
            msg = self._find(chat_id, message_id)
            if msg is None:
                raise ValueError(f"no message {message_id} in chat {chat_id}")
            if text is not None:
                callback_data = msg.button(text).get("callback_data")
            if callback_data is None:
                raise ValueError("press_button needs callback_data or text of a callback button")
            if check and callback_data not in [b.get("callback_data") for b in msg.buttons]:
                raise ValueError(f"{callback_data!r} is not on the message: {msg.buttons}")
            chat = self.chats[chat_id]
            uid = self._user_id_for(chat, user_id)
            query_id = str(next(self._query_ids))
            payload = {
                "id": query_id,
                "from": self.users[uid],
                "message": self._message_dict(msg),
                "chat_instance": str(abs(chat_id) * 7919 % 10**12),
                "data": callback_data,
            }
            update = self._enqueue("callback_query", payload)
            query = CallbackQuery(
                query_id,
                chat_id,
                message_id,
                callback_data,
                uid,
                time.monotonic(),
                update["update_id"],
            )
            self.callback_queries[query_id] = query
            return query

    def _member_dict(self, chat: Chat, user: dict[str, Any], info: dict[str, Any]) -> dict:
        status = info.get("status", "member")
        extra = {k: v for k, v in info.items() if k != "status"}
        data: dict[str, Any] = {"status": status, "user": user}
        if status == "creator":
            data["is_anonymous"] = False
        elif status == "administrator":
            data.update(
                can_be_edited=False,
                is_anonymous=False,
                can_manage_chat=True,
                can_delete_messages=True,
                can_manage_video_chats=True,
                can_restrict_members=True,
                can_promote_members=False,
                can_change_info=True,
                can_invite_users=True,
                can_post_stories=True,
                can_edit_stories=True,
                can_delete_stories=True,
                can_pin_messages=True,
            )
            if chat.type == "channel":
                data.update(can_post_messages=True, can_edit_messages=True)
        elif status == "restricted":
            data.update(
                {
                    "is_member": True,
                    "until_date": 0,
                    **{f"can_{r}": True for r in _RESTRICTED_RIGHTS},
                }
            )
        elif status == "kicked":
            data["until_date"] = 0
        data.update(extra)
        return data

    def _bot_member_update(
        self, chat: Chat, old: str, new: str, by_user_id: int, rights: dict[str, Any]
    ) -> dict[str, Any]:
        by = self.add_user(by_user_id)
        return self._enqueue(
            "my_chat_member",
            {
                "chat": chat.to_api(),
                "from": by,
                "date": int(time.time()),
                "old_chat_member": self._member_dict(chat, self.bot_user, {"status": old}),
                "new_chat_member": self._member_dict(
                    chat, self.bot_user, {"status": new, **rights}
                ),
            },
        )

    def add_bot_to_group(
        self,
        chat_id: int,
        *,
        chat_type: str | None = None,
        title: str | None = None,
        status: str = "member",
        by_user_id: int = DEFAULT_USER_ID,
        service_message: bool = True,
        **rights: Any,
    ) -> dict[str, Any]:
        """The bot is added to a group, supergroup or channel: a my_chat_member update.

        In groups Telegram also posts a new_chat_members service message (service_message).
        The adding user becomes the chat's creator unless the test set roles already.
        """
        with self._cond:
            chat = self.add_chat(chat_id, chat_type, title=title)
            old = chat.bot_status if chat.bot_status in ("left", "kicked") else "left"
            chat.bot_status, chat.bot_rights = status, dict(rights)
            if not chat.members:
                chat.members[by_user_id] = {"status": "creator"}
            update = self._bot_member_update(chat, old, status, by_user_id, rights)
            if service_message and chat.type in ("group", "supergroup"):
                msg = Message(
                    chat.id,
                    self._new_message_id(chat.id),
                    False,
                    None,
                    kind="service",
                    user_id=by_user_id,
                    extra={"new_chat_members": [self.bot_user]},
                )
                self.messages[chat.id].append(msg)
                msg.update_id = self._enqueue("message", self._message_dict(msg))["update_id"]
            return update

    def add_bot_to_channel(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("status", "administrator")
        kwargs.setdefault("title", "Test channel")
        return self.add_bot_to_group(chat_id, chat_type="channel", **kwargs)

    def remove_bot_from_chat(
        self, chat_id: int, *, kicked: bool = True, by_user_id: int = DEFAULT_USER_ID
    ) -> dict[str, Any]:
        """The bot is removed (kicked) or leaves: my_chat_member; later sends get 403."""
        with self._cond:
            chat = self.add_chat(chat_id)
            old, chat.bot_status = chat.bot_status, "kicked" if kicked else "left"
            return self._bot_member_update(chat, old, chat.bot_status, by_user_id, {})

    def block_bot(self, user_id: int) -> dict[str, Any]:
        """The user blocks the bot: my_chat_member (kicked); later sends get 403 blocked."""
        return self.remove_bot_from_chat(user_id, kicked=True, by_user_id=user_id)

    def unblock_bot(self, user_id: int) -> dict[str, Any]:
        with self._cond:
            chat = self.add_chat(user_id)
            old, chat.bot_status = chat.bot_status, "member"
            return self._bot_member_update(chat, old, "member", user_id, {})

    def migrate_group(
        self, old_id: int, new_id: int, *, by_user_id: int = DEFAULT_USER_ID
    ) -> tuple[Message, Message]:
        """A group becomes a supergroup: service messages in both chats (migrate_to_chat_id in
        the old, migrate_from_chat_id in the new); later calls on the old id get 400 with
        migrate_to_chat_id, as Telegram answers."""
        with self._cond:
            old = self.add_chat(old_id, "group")
            new = self.add_chat(new_id, "supergroup", title=old.title)
            new.members = dict(old.members)
            new.bot_status, new.bot_rights = old.bot_status, dict(old.bot_rights)
            uid = self._user_id_for(old, by_user_id)
            out = []
            for chat, field_name, value in (
                (old, "migrate_to_chat_id", new_id),
                (new, "migrate_from_chat_id", old_id),
            ):
                msg = Message(
                    chat.id,
                    self._new_message_id(chat.id),
                    False,
                    None,
                    kind="service",
                    user_id=uid,
                    extra={field_name: value},
                )
                self.messages[chat.id].append(msg)
                msg.update_id = self._enqueue("message", self._message_dict(msg))["update_id"]
                out.append(msg)
            old.migrated_to = new_id
            return out[0], out[1]

    # ------------------------------------------------------------------ reading state

    def chat_messages(self, chat_id: int, *, from_bot: bool | None = True) -> list[Message]:
        """Messages in a chat still there (not deleted); by default only the bot's."""
        with self._cond:
            return [
                m
                for m in self.messages.get(chat_id, [])
                if not m.deleted and (from_bot is None or m.from_bot == from_bot)
            ]

    def last_message(self, chat_id: int, *, from_bot: bool | None = True) -> Message | None:
        msgs = self.chat_messages(chat_id, from_bot=from_bot)
        return msgs[-1] if msgs else None

    def message(self, chat_id: int, message_id: int) -> Message | None:
        with self._cond:
            return self._find(chat_id, message_id)

    def calls_to(self, method: str, chat_id: int | None = None) -> list[Call]:
        """Calls of one method (case-insensitive), optionally for one chat, in order."""
        with self._cond:
            return [
                c
                for c in self.calls
                if c.method.lower() == method.lower()
                and (chat_id is None or c.params.get("chat_id") == chat_id)
            ]

    def actions(self, chat_id: int) -> list[str]:
        with self._cond:
            return [a.action for a in self.chat_actions if a.chat_id == chat_id]

    def commands_for(
        self,
        scope: str = "default",
        *,
        chat_id: int | None = None,
        user_id: int | None = None,
        language_code: str = "",
    ) -> list[dict[str, Any]] | None:
        """The command list set for a scope (None if never set)."""
        with self._cond:
            return self.commands.get(((scope, chat_id, user_id), language_code))

    def describe(self, chat_id: int | None = None, last: int = 15) -> str:
        """Recent calls and messages, for assertion messages."""
        with self._cond:
            lines = ["recent calls:"]
            calls = [c for c in self.calls if c.method.lower() != "getupdates"]
            if chat_id is not None:
                calls = [c for c in calls if c.params.get("chat_id") == chat_id]
            for c in calls[-last:]:
                brief = {k: v for k, v in c.params.items() if k != "reply_markup"}
                lines.append(f"  {c.method} {c.status} {c.description or ''} {brief}"[:300])
            chats = [chat_id] if chat_id is not None else list(self.messages)
            for cid in chats:
                lines.append(f"messages in {cid}:")
                for m in self.messages.get(cid, [])[-last:]:
                    who = "bot" if m.from_bot else f"user {m.user_id}"
                    lines.append(
                        f"  #{m.message_id} {who}{' deleted' if m.deleted else ''}: "
                        f"{(m.text or m.kind)[:200]!r}"
                    )
            return "\n".join(lines)

    # ------------------------------------------------------------------ waiting

    def wait_for(self, predicate: Callable[[], T], timeout: float = 10.0, what: str = "") -> T:
        """Wait until predicate() is truthy (checked on every state change); return it."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                result = predicate()
                if result:
                    return result
                if self._watched is not None and self._watched.poll() is not None:
                    raise AssertionError(
                        f"the bot process exited ({self._watched.returncode}) while waiting "
                        f"for {what or predicate}\n" + self.describe()
                    )
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"timed out after {timeout}s waiting for {what or predicate}\n"
                        + self.describe()
                    )
                self._cond.wait(min(remaining, 0.25))

    def wait_for_message(
        self,
        chat_id: int,
        predicate: Callable[[Message], Any] | None = None,
        timeout: float = 10.0,
        *,
        from_bot: bool | None = True,
        after: int | Message | None = None,
    ) -> Message:
        """The first message in the chat matching predicate (on its current, edited state).

        after: only messages with a greater message_id (e.g. a reply to an injected message).
        """
        floor = after.message_id if isinstance(after, Message) else after or 0

        def find() -> Message | None:
            for m in self.messages.get(chat_id, []):
                if (
                    not m.deleted
                    and m.message_id > floor
                    and (from_bot is None or m.from_bot == from_bot)
                    and (predicate is None or predicate(m))
                ):
                    return m
            return None

        return self.wait_for(find, timeout, f"a message in chat {chat_id}")

    def wait_for_call(
        self,
        method: str,
        predicate: Callable[[Call], Any] | None = None,
        timeout: float = 10.0,
        *,
        chat_id: int | None = None,
    ) -> Call:
        def find() -> Call | None:
            for c in self.calls_to(method, chat_id):
                if predicate is None or predicate(c):
                    return c
            return None

        return self.wait_for(find, timeout, f"a call to {method}")

    def wait_for_callback_answer(
        self, query: CallbackQuery | str, timeout: float = 10.0
    ) -> CallbackAnswer:
        query_id = query.id if isinstance(query, CallbackQuery) else query

        def answered() -> CallbackAnswer | None:
            return self.callback_queries[query_id].answer

        return self.wait_for(answered, timeout, f"an answer to callback query {query_id}")

    def wait_until_delivered(self, timeout: float = 10.0) -> None:
        """Until every injected update was handed to the bot (getUpdates or webhook)."""

        def done() -> bool:
            return all(u["update_id"] in self.delivered for u in self.pending)

        self.wait_for(done, timeout, "all updates to be delivered")

    # Async twins, for tests whose event loop also runs the bot: never block that loop.
    async def wait_for_async(self, predicate: Callable[[], T], timeout: float = 10.0) -> T:
        return await asyncio.to_thread(self.wait_for, predicate, timeout)

    async def wait_for_message_async(self, chat_id: int, *args: Any, **kwargs: Any) -> Message:
        return await asyncio.to_thread(self.wait_for_message, chat_id, *args, **kwargs)

    async def wait_for_call_async(self, method: str, *args: Any, **kwargs: Any) -> Call:
        return await asyncio.to_thread(self.wait_for_call, method, *args, **kwargs)

    async def wait_for_callback_answer_async(
        self, query: CallbackQuery | str, timeout: float = 10.0
    ) -> CallbackAnswer:
        return await asyncio.to_thread(self.wait_for_callback_answer, query, timeout)

    # ------------------------------------------------------------------ dispatch

    def dispatch(self, token: str, method: str, data: dict[str, Any]) -> tuple[int, Any]:
        """Handle one API call; returns (HTTP status, JSON body) or (0, _DROP)."""
        call = Call(method, data, time.monotonic())
        status, body = self._dispatch(token, method, _Params(data), call)
        call.status = status
        if body is not _DROP:
            call.description = body.get("description")
            call.result = body.get("result")
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()
        return status, body

    def _dispatch(self, token: str, method: str, p: _Params, call: Call) -> tuple[int, Any]:
        name = method.lower()
        if token != self.token:
            # Telegram: 404 for a malformed token, 401 for a well-formed one it does not know
            if not re.fullmatch(r"\d+:[\w-]+", token):
                return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        known = _bot_api_methods()
        handler = getattr(self, f"_api_{name}", None)
        if handler is None and known and name not in known:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        try:
            with self._cond:
                fault = self._take_fault(name, p.get("chat_id"))
                if (
                    fault is None
                    and self.limits
                    and name
                    in _SEND_METHODS
                    | {
                        "editmessagetext",
                        "editmessagereplymarkup",
                        "editmessagecaption",
                    }
                ):
                    self._check_limits(p.get("chat_id"))
            if fault is not None:
                if fault.disconnect:
                    return 0, _DROP
                raise ApiError(fault.code, fault.description, fault.parameters)
            if handler is not None:
                result = handler(p)
            elif name in _SEND_METHODS and "chat_id" in p:
                result = self._send_other(name, p)
            else:
                log.info("fake Telegram: %s is only recorded, answering true", method)
                with self._cond:
                    self.unhandled.append(call)
                result = True
        except ApiError as err:
            body: dict[str, Any] = {
                "ok": False,
                "error_code": err.code,
                "description": err.description,
            }
            if err.parameters:
                body["parameters"] = err.parameters
            return err.code, body
        return 200, {"ok": True, "result": result}

    def _check_limits(self, chat_id: Any) -> None:
        assert self.limits is not None
        now = time.monotonic()
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        checks: list[tuple[int | None, int, float]] = [(None, self.limits.global_per_second, 1.0)]
        if chat and chat.type in ("group", "supergroup"):
            checks.append((chat.id, self.limits.group_per_minute, 60.0))
        elif chat and chat.type == "private" and self.limits.private_per_second:
            checks.append((chat.id, self.limits.private_per_second, 1.0))
        for key, limit, window in checks:
            sent = self._sends.setdefault(key, deque())
            while sent and sent[0] <= now - window:
                sent.popleft()
            if len(sent) >= limit:
                wait = max(1, math.ceil(sent[0] + window - now))
                raise ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})
        for key, _, _ in checks:
            self._sends[key].append(now)

    # ------------------------------------------------------------------ helpers for methods

    def _find(self, chat_id: int, message_id: int | None) -> Message | None:
        for m in self.messages.get(chat_id, []):
            if m.message_id == message_id:
                return m
        return None

    def _chat(self, p: _Params, *, send: bool = True) -> Chat:
        """The chat a call is about, failing like Telegram for unknown, migrated, blocked."""
        if "chat_id" not in p:
            raise ApiError(400, "Bad Request: chat_id is empty")
        raw = p.get("chat_id")
        chat: Chat | None = None
        if isinstance(raw, str) and raw.startswith("@"):
            chat = next((c for c in self.chats.values() if c.username == raw[1:]), None)
        else:
            try:
                chat = self.chats.get(int(raw))
            except (TypeError, ValueError):
                chat = None
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        if chat.migrated_to is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if send and chat.bot_status in ("left", "kicked"):
            if chat.type == "private":
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            kind = {"group": "group chat", "supergroup": "supergroup chat"}.get(
                chat.type, "channel chat"
            )
            if chat.bot_status == "kicked" and chat.type != "channel":
                raise ApiError(403, f"Forbidden: bot was kicked from the {kind}")
            raise ApiError(403, f"Forbidden: bot is not a member of the {kind}")
        return chat

    def _format(
        self,
        text: str | None,
        parse_mode: str | None,
        entities: list[dict[str, Any]] | None,
        *,
        caption: bool = False,
    ) -> tuple[str, list[dict[str, Any]]]:
        """Parse text like Telegram; the visible text and its entities, or an ApiError."""
        if text is None or text == "":
            if caption:
                return "", []
            raise ApiError(400, "Bad Request: message text is empty")
        mode = (parse_mode or "").lower()
        if mode == "html":
            try:
                visible, found = parse_html(text)
            except EntityParseError as err:
                raise ApiError(400, f"Bad Request: can't parse entities: {err}") from None
        elif mode in ("", "markdown", "markdownv2"):
            # Markdown is not emulated (the bot uses HTML): text and entities pass through.
            visible, found = text, list(entities or [])
        else:
            raise ApiError(400, "Bad Request: unsupported parse_mode")
        visible, found = strip_text(visible, found)
        if not visible and not caption:
            raise ApiError(400, "Bad Request: message text is empty")
        limit = MAX_CAPTION_LENGTH if caption else MAX_MESSAGE_LENGTH
        if utf16_len(visible) > limit:
            what = "message caption" if caption else "message"
            raise ApiError(400, f"Bad Request: {what} is too long")
        return visible, found

    @staticmethod
    def _check_markup(markup: Any) -> dict[str, Any] | None:
        if not markup:
            return None
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return None  # reply keyboards are not part of the message
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise ApiError(
                400,
                "Bad Request: can't parse inline keyboard button: "
                "InlineKeyboardMarkup must be an Array",
            )
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not button.get("text"):
                    raise ApiError(
                        400,
                        "Bad Request: can't parse inline keyboard button: Text must be non-empty",
                    )
                actions = set(button) - {"text"}
                if not actions:
                    raise ApiError(
                        400, "Bad Request: text buttons are unallowed in the inline keyboard"
                    )
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                url = button.get("url")
                if url is not None:
                    parts = urlsplit(str(url))
                    if parts.scheme not in ("http", "https", "tg") or (
                        parts.scheme != "tg" and not parts.hostname
                    ):
                        raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")
        if sum(len(r) for r in rows) > 100:
            raise ApiError(400, "Bad Request: reply markup is too long")
        return markup

    def _message_dict(self, msg: Message, *, nested: bool = True) -> dict[str, Any]:
        chat = self.chats[msg.chat_id]
        data: dict[str, Any] = {
            "message_id": msg.message_id,
            "date": msg.date,
            "chat": chat.to_api(),
        }
        if msg.from_bot:
            data["from"] = self.bot_user
        elif chat.type == "channel":
            data["sender_chat"] = chat.to_api()
        elif msg.user_id is not None:
            data["from"] = self.users[msg.user_id]
        if msg.message_thread_id is not None:
            data["message_thread_id"] = msg.message_thread_id
            data["is_topic_message"] = True
        media_key = msg.kind if msg.kind not in ("text", "service") else None
        if media_key == "photo":
            data["photo"] = [_file(msg, width=320, height=240)]
        elif media_key:
            data[media_key] = _file(msg)
        if msg.text is not None:
            if msg.caption:
                data["caption"] = msg.text
                if msg.entities:
                    data["caption_entities"] = msg.entities
            else:
                data["text"] = msg.text
                if msg.entities:
                    data["entities"] = msg.entities
        if msg.reply_markup:
            data["reply_markup"] = msg.reply_markup
        if msg.edited:
            data["edit_date"] = msg.date + 1
        if nested and msg.reply_to_message_id is not None:
            target = self._find(msg.chat_id, msg.reply_to_message_id)
            if target is not None:
                data["reply_to_message"] = self._message_dict(target, nested=False)
        data.update(msg.extra)
        return data

    def _reply_target(self, chat: Chat, p: _Params) -> int | None:
        params = p.json("reply_parameters") or {}
        target = params.get("message_id", p.int("reply_to_message_id"))
        if target is None:
            return None
        allow = params.get("allow_sending_without_reply") or p.bool("allow_sending_without_reply")
        msg = self._find(int(params.get("chat_id", chat.id)), int(target))
        if msg is None or msg.deleted:
            if allow:
                return None
            raise ApiError(400, "Bad Request: message to be replied not found")
        return int(target)

    def _store_sent(
        self,
        chat: Chat,
        p: _Params,
        kind: str,
        text: str | None,
        entities: list[dict[str, Any]],
        *,
        caption: bool,
    ) -> dict[str, Any]:
        markup = self._check_markup(p.json("reply_markup"))
        reply_to = self._reply_target(chat, p)
        raw = p.str("caption" if caption else "text")
        parse_mode = p.str("parse_mode")
        msg = Message(
            chat_id=chat.id,
            message_id=self._new_message_id(chat.id),
            from_bot=True,
            text=text,
            raw=raw,
            parse_mode=parse_mode,
            entities=entities,
            reply_markup=markup,
            reply_to_message_id=reply_to,
            caption=caption,
            kind=kind,
            message_thread_id=p.int("message_thread_id"),
            params=dict(p.data),
        )
        msg.history.append(Version(text, raw, parse_mode, entities, markup))
        self.messages[chat.id].append(msg)
        return self._message_dict(msg)

    # ------------------------------------------------------------------ Bot API methods
    # Each _api_<lowercased method> takes the params and returns the result or raises ApiError.

    def _api_getme(self, p: _Params) -> dict[str, Any]:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _api_logout(self, p: _Params) -> bool:
        self.closed = True
        return True

    _api_close = _api_logout

    def _api_getupdates(self, p: _Params) -> list[dict[str, Any]]:
        offset = p.int("offset", 0) or 0
        limit = min(max(p.int("limit", 100) or 100, 1), 100)
        timeout = max(p.float("timeout", 0.0), 0.0)
        deadline = time.monotonic() + timeout
        with self._cond:
            if self.webhook:
                raise ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            if "allowed_updates" in p:
                self.allowed_updates = list(p.json("allowed_updates") or [])
            self._poll_generation += 1
            generation = self._poll_generation
            if offset > 0:
                self.pending = [u for u in self.pending if u["update_id"] >= offset]
            elif offset < 0:
                self.pending = self.pending[offset:]
            self._cond.notify_all()
            while True:
                ready = self._deliverable()[:limit]
                if ready or self._stopping or time.monotonic() >= deadline:
                    break
                self._cond.wait(deadline - time.monotonic())
                if generation != self._poll_generation:
                    # a newer getUpdates took over, as when two bot instances poll at once
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; make sure that "
                        "only one bot instance is running",
                    )
            self.delivered.update(u["update_id"] for u in ready)
            self._cond.notify_all()
            return ready

    def _deliverable(self) -> list[dict[str, Any]]:
        """Pending updates of allowed types; updates of other types are dropped, as in Telegram."""
        allowed = self.allowed_updates
        keep, ready = [], []
        for update in self.pending:
            kind = next(k for k in update if k != "update_id")
            if (kind in allowed) if allowed else (kind not in NOT_BY_DEFAULT):
                keep.append(update)
                ready.append(update)
            else:
                self.dropped.append(update)
        self.pending = keep
        return ready

    def _api_setwebhook(self, p: _Params) -> bool:
        url = p.str("url", "") or ""
        with self._cond:
            if not url:
                self.webhook = None
                return True
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ApiError(400, "Bad Request: bad webhook: Failed to resolve host")
            if self.require_https_webhook and parts.scheme != "https":
                raise ApiError(
                    400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
                )
            if p.bool("drop_pending_updates"):
                self.pending.clear()
            if "allowed_updates" in p:
                self.allowed_updates = list(p.json("allowed_updates") or [])
            self.webhook = {
                "url": url,
                "secret_token": p.str("secret_token"),
                "max_connections": p.int("max_connections", 40),
                "ip_address": p.str("ip_address"),
            }
            self._poll_generation += 1  # ends a pending long poll
            self._cond.notify_all()
        return True

    def _api_deletewebhook(self, p: _Params) -> bool:
        with self._cond:
            self.webhook = None
            if p.bool("drop_pending_updates"):
                self.pending.clear()
            self._cond.notify_all()
        return True

    def _api_getwebhookinfo(self, p: _Params) -> dict[str, Any]:
        with self._cond:
            info: dict[str, Any] = {
                "url": self.webhook["url"] if self.webhook else "",
                "has_custom_certificate": False,
                "pending_update_count": len(self.pending),
            }
            if self.webhook:
                info["max_connections"] = self.webhook["max_connections"]
                if self.allowed_updates:
                    info["allowed_updates"] = self.allowed_updates
                if self.webhook_errors:
                    info["last_error_date"] = int(time.time())
                    info["last_error_message"] = self.webhook_errors[-1]
            return info

    def _scope_key(self, p: _Params) -> tuple[tuple[str, int | None, int | None], str]:
        scope = p.json("scope") or {"type": "default"}
        kind = scope.get("type")
        if kind not in _SCOPES:
            raise ApiError(400, "Bad Request: wrong parameter scope type")
        chat_id = user_id = None
        if kind.startswith("chat"):
            chat = self._chat(_Params({"chat_id": scope.get("chat_id")}), send=False)
            chat_id = chat.id
        if kind == "chat_member":
            user_id = int(scope.get("user_id") or 0) or None
            if user_id is None:
                raise ApiError(400, "Bad Request: user not found")
        lang = p.str("language_code", "") or ""
        if lang and not re.fullmatch(r"[a-z]{2}", lang):
            raise ApiError(400, "Bad Request: invalid language code specified")
        return (kind, chat_id, user_id), lang

    def _api_setmycommands(self, p: _Params) -> bool:
        commands = p.json("commands")
        if not isinstance(commands, list):
            raise ApiError(400, 'Bad Request: parameter "commands" is required')
        if len(commands) > 100:
            raise ApiError(400, "Bad Request: too many bot commands")
        for cmd in commands:
            if not _COMMAND_RE.fullmatch(str(cmd.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(cmd.get("description", "")).strip()) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        with self._cond:
            key = self._scope_key(p)
            self.commands[key] = [
                {"command": c["command"], "description": c["description"]} for c in commands
            ]
            if not commands:
                del self.commands[key]
        return True

    def _api_getmycommands(self, p: _Params) -> list[dict[str, Any]]:
        with self._cond:
            return list(self.commands.get(self._scope_key(p), []))

    def _api_deletemycommands(self, p: _Params) -> bool:
        with self._cond:
            self.commands.pop(self._scope_key(p), None)
        return True

    def _api_sendmessage(self, p: _Params) -> dict[str, Any]:
        with self._cond:
            chat = self._chat(p)
            text, entities = self._format(p.str("text"), p.str("parse_mode"), p.json("entities"))
            result = self._store_sent(chat, p, "text", text, entities, caption=False)
            self._cond.notify_all()
            return result

    def _send_other(self, name: str, p: _Params) -> dict[str, Any]:
        """sendPhoto, sendDocument, copyMessage…: a message with media and a caption."""
        with self._cond:
            chat = self._chat(p)
            text: str | None = None
            entities: list[dict[str, Any]] = []
            if "caption" in p:
                text, entities = self._format(
                    p.str("caption"),
                    p.str("parse_mode"),
                    p.json("caption_entities"),
                    caption=True,
                )
            kind = _MEDIA_KEYS.get(name, "document" if name != "sendlocation" else "location")
            result = self._store_sent(chat, p, kind, text, entities, caption=text is not None)
            self._cond.notify_all()
            if name == "copymessage":
                return {"message_id": result["message_id"]}
            return result

    def _editable(self, p: _Params) -> Message:
        chat = self._chat(p)
        msg = self._find(chat.id, p.int("message_id"))
        if msg is None or msg.deleted:
            raise ApiError(400, "Bad Request: message to edit not found")
        if not msg.from_bot:
            raise ApiError(400, "Bad Request: message can't be edited")
        return msg

    def _apply_edit(
        self,
        msg: Message,
        text: str | None,
        raw: str | None,
        parse_mode: str | None,
        entities: list[dict[str, Any]],
        markup: dict[str, Any] | None,
    ) -> dict[str, Any]:
        if text == msg.text and entities == msg.entities and markup == msg.reply_markup:
            raise ApiError(400, NOT_MODIFIED)
        msg.text, msg.raw, msg.parse_mode = text, raw, parse_mode
        msg.entities, msg.reply_markup = entities, markup
        msg.history.append(Version(text, raw, parse_mode, entities, markup))
        self._cond.notify_all()
        return self._message_dict(msg)

    def _api_editmessagetext(self, p: _Params) -> dict[str, Any] | bool:
        if "inline_message_id" in p:
            return True
        with self._cond:
            msg = self._editable(p)
            if msg.caption or msg.kind != "text":
                raise ApiError(400, "Bad Request: there is no text in the message to edit")
            text, entities = self._format(p.str("text"), p.str("parse_mode"), p.json("entities"))
            # an edit without reply_markup removes the inline keyboard, as on Telegram
            markup = self._check_markup(p.json("reply_markup"))
            return self._apply_edit(msg, text, p.str("text"), p.str("parse_mode"), entities, markup)

    def _api_editmessagecaption(self, p: _Params) -> dict[str, Any] | bool:
        if "inline_message_id" in p:
            return True
        with self._cond:
            msg = self._editable(p)
            if msg.kind == "text":
                raise ApiError(400, "Bad Request: there is no caption in the message to edit")
            text, entities = self._format(
                p.str("caption"),
                p.str("parse_mode"),
                p.json("caption_entities"),
                caption=True,
            )
            markup = self._check_markup(p.json("reply_markup"))
            msg.caption = True
            return self._apply_edit(
                msg, text, p.str("caption"), p.str("parse_mode"), entities, markup
            )

    def _api_editmessagereplymarkup(self, p: _Params) -> dict[str, Any] | bool:
        if "inline_message_id" in p:
            return True
        with self._cond:
            msg = self._editable(p)
            markup = self._check_markup(p.json("reply_markup"))
            return self._apply_edit(msg, msg.text, msg.raw, msg.parse_mode, msg.entities, markup)

    def _api_deletemessage(self, p: _Params) -> bool:
        with self._cond:
            chat = self._chat(p)
            msg = self._find(chat.id, p.int("message_id"))
            if msg is None or msg.deleted:
                raise ApiError(400, "Bad Request: message to delete not found")
            msg.deleted = True
            self._cond.notify_all()
        return True

    def _api_deletemessages(self, p: _Params) -> bool:
        with self._cond:
            chat = self._chat(p)
            for message_id in p.json("message_ids") or []:
                msg = self._find(chat.id, int(message_id))
                if msg is not None:
                    msg.deleted = True
            self._cond.notify_all()
        return True

    def _api_answercallbackquery(self, p: _Params) -> bool:
        with self._cond:
            query = self.callback_queries.get(p.str("callback_query_id") or "")
            if query is None or query.answer is not None:
                raise ApiError(
                    400,
                    "Bad Request: query is too old and response timeout expired or query ID "
                    "is invalid",
                )
            query.answer = CallbackAnswer(
                text=p.str("text"),
                show_alert=p.bool("show_alert"),
                url=p.str("url"),
                cache_time=p.int("cache_time"),
                time=time.monotonic(),
            )
            self._cond.notify_all()
        return True

    def _api_sendchataction(self, p: _Params) -> bool:
        with self._cond:
            chat = self._chat(p)
            action = p.str("action") or ""
            if action not in CHAT_ACTIONS:
                raise ApiError(400, "Bad Request: wrong parameter action in request")
            self.chat_actions.append(
                ChatAction(chat.id, action, time.monotonic(), p.int("message_thread_id"))
            )
            self._cond.notify_all()
        return True

    def _api_setmessagereaction(self, p: _Params) -> bool:
        with self._cond:
            chat = self._chat(p)
            msg = self._find(chat.id, p.int("message_id"))
            if msg is None or msg.deleted:
                raise ApiError(400, "Bad Request: message to react not found")
            msg.reactions = list(p.json("reaction") or [])
            self._cond.notify_all()
        return True

    def _api_getchat(self, p: _Params) -> dict[str, Any]:
        with self._cond:
            chat = self._chat(p, send=False)
            return {
                **chat.to_api(),
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }

    def _member_info(self, chat: Chat, user_id: int) -> dict[str, Any]:
        if user_id == self.bot_id:
            return self._member_dict(
                chat, self.bot_user, {"status": chat.bot_status, **chat.bot_rights}
            )
        user = self.add_user(user_id)
        info = chat.members.get(user_id, {"status": "member"})
        return self._member_dict(chat, user, info)

    def _api_getchatmember(self, p: _Params) -> dict[str, Any]:
        with self._cond:
            chat = self._chat(p, send=False)
            user_id = p.int("user_id")
            if not user_id:
                raise ApiError(400, "Bad Request: user not found")
            return self._member_info(chat, user_id)

    def _api_getchatadministrators(self, p: _Params) -> list[dict[str, Any]]:
        with self._cond:
            chat = self._chat(p, send=False)
            if chat.type == "private":
                raise ApiError(400, "Bad Request: there are no administrators in the private chat")
            admins = [
                self._member_info(chat, uid)
                for uid, info in chat.members.items()
                if info.get("status") in ("creator", "administrator")
            ]
            if chat.bot_status == "administrator":
                admins.append(self._member_info(chat, self.bot_id))
            return admins

    def _api_getchatmembercount(self, p: _Params) -> int:
        with self._cond:
            chat = self._chat(p, send=False)
            present = [m for m in chat.members.values() if m["status"] not in ("left", "kicked")]
            return len(present) + (chat.bot_status not in ("left", "kicked"))

    def _api_leavechat(self, p: _Params) -> bool:
        with self._cond:
            chat = self._chat(p)
            chat.bot_status = "left"
            self._cond.notify_all()
        return True

    # ------------------------------------------------------------------ webhook delivery

    def _webhook_loop(self) -> None:
        """POST pending updates to the webhook one at a time, as Telegram does (in order)."""
        while True:
            with self._cond:
                while not self._stopping and not (self.webhook and self._deliverable()):
                    self._cond.wait(0.5)
                if self._stopping:
                    return
                hook = dict(self.webhook or {})
                update = self.pending[0]
            headers = {"Content-Type": "application/json"}
            if hook.get("secret_token"):
                headers["X-Telegram-Bot-Api-Secret-Token"] = hook["secret_token"]
            request = urllib.request.Request(
                hook["url"], data=json.dumps(update).encode(), headers=headers, method="POST"
            )
            error: str | None = None
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    if not 200 <= response.status < 300:
                        error = f"Wrong response from the webhook: {response.status}"
            except urllib.error.HTTPError as exc:
                error = f"Wrong response from the webhook: {exc.code} {exc.reason}"
            except OSError as exc:
                error = f"Connection refused: {exc}"
            with self._cond:
                if error is None:
                    self.delivered.add(update["update_id"])
                    if self.pending and self.pending[0] is update:
                        self.pending.pop(0)
                else:
                    self.webhook_errors.append(error)
                self._cond.notify_all()
                if error is not None:
                    self._cond.wait(0.2)  # retry later, like Telegram's backoff, only faster


def _utf16_slice(text: str, offset: int, length: int) -> str:
    units = text.encode("utf-16-le")
    return units[offset * 2 : (offset + length) * 2].decode("utf-16-le")


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["offset"] < b["offset"] + b["length"] and b["offset"] < a["offset"] + a["length"]


def _file(msg: Message, **extra: Any) -> dict[str, Any]:
    file_id = f"file-{msg.chat_id}-{msg.message_id}"
    return {"file_id": file_id, "file_unique_id": file_id, **extra}


def _read_body(handler: BaseHTTPRequestHandler) -> bytes:
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int(handler.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                handler.rfile.readline()
                return b"".join(chunks)
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


def _parse_params(handler: BaseHTTPRequestHandler, query: str, body: bytes) -> dict[str, Any]:
    data: dict[str, Any] = {
        k: _decode_form_value(k, v) for k, v in parse_qsl(query, keep_blank_values=True)
    }
    ctype = handler.headers.get_content_type()
    if ctype == "application/json" and body:
        loaded = json.loads(body)
        if not isinstance(loaded, dict):
            raise ValueError("JSON body is not an object")
        data.update(loaded)
    elif ctype == "application/x-www-form-urlencoded":
        for k, v in parse_qsl(body.decode("utf-8"), keep_blank_values=True):
            data[k] = _decode_form_value(k, v)
    elif ctype == "multipart/form-data":
        head = f"Content-Type: {handler.headers['Content-Type']}\r\n\r\n".encode()
        parsed = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        for part in parsed.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            filename = part.get_filename()
            if filename is not None:
                data[name] = UploadedFile(filename, part.get_content_type(), payload)
            else:
                data[name] = _decode_form_value(name, payload.decode("utf-8"))
    return data


def _make_handler(fake: FakeTelegram) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects from Telegram
        # headers and body go out in two writes; without this, Nagle plus delayed ACKs add
        # ~40 ms to every call, which would distort latency benchmarks
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            self._handle()

        def do_POST(self) -> None:
            self._handle()

        def _handle(self) -> None:
            body = _read_body(self)
            url = urlsplit(self.path)
            match = re.fullmatch(r"/bot([^/]*)/([A-Za-z0-9_]+)/?", url.path)
            if not match:
                self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                return
            try:
                data = _parse_params(self, url.query, body)
            except ValueError as exc:
                self._reply(
                    400,
                    {
                        "ok": False,
                        "error_code": 400,
                        "description": f"Bad Request: can't parse request: {exc}",
                    },
                )
                return
            status, payload = fake.dispatch(match.group(1), match.group(2), data)
            if payload is _DROP:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self._reply(status, payload)

        def _reply(self, status: int, payload: dict[str, Any]) -> None:
            raw = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)
            except OSError:
                pass  # the client gave up (e.g. a cancelled long poll); nothing to answer

        def log_message(self, format: str, *args: object) -> None:
            # the request line holds the token; keep it out of test logs
            pass

    return Handler


def iter_update_types(updates: Iterable[dict[str, Any]]) -> list[str]:
    """The kind of each update (message, callback_query, ...), for assertions."""
    return [next(k for k in u if k != "update_id") for u in updates]
