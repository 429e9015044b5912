"""Telegram-like text entities: the HTML parse mode, auto-detected links and commands.

Offsets and lengths are in UTF-16 code units, as in the Bot API. The HTML parser follows
tdlib's (the library behind the Bot API) closely enough that its error messages match what
Telegram answers, so a bot that passes here is unlikely to be rejected by Telegram.
"""

from __future__ import annotations

import re
from typing import Any

MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024

# tag -> entity type; span is a spoiler only with class="tg-spoiler" (checked below).
_TAG_TYPES = {
    "a": "text_link",
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")


class EntityParseError(ValueError):
    """The text is not valid for its parse mode; str() is Telegram's reason."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode an HTML entity at ``pos``: (char, end). Unknown ones stay literal, as in tdlib."""
    match = _ENTITY_RE.match(text, pos)
    if not match:
        return None
    dec, hexa, name = match.groups()
    if name is not None:
        char = _NAMED_ENTITIES.get(name)
        return (char, match.end()) if char else None
    code = int(dec) if dec is not None else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


def _unescape(value: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(value):
        if value[i] == "&" and (decoded := _decode_entity(value, i)):
            out.append(decoded[0])
            i = decoded[1]
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into (plain text, entities); raise EntityParseError like Telegram."""
    out: list[str] = []
    utf16_pos = 0
    entities: list[dict[str, Any]] = []
    # open tags: (tag name, entity dict without length, utf16 start)
    stack: list[tuple[str, dict[str, Any], int]] = []
    n = len(text)
    i = 0

    def byte_offset(pos: int) -> int:
        return len(text[:pos].encode("utf-8"))

    while i < n:
        c = text[i]
        if c == "&" and (decoded := _decode_entity(text, i)):
            out.append(decoded[0])
            utf16_pos += utf16_len(decoded[0])
            i = decoded[1]
            continue
        if c != "<":
            out.append(c)
            utf16_pos += utf16_len(c)
            i += 1
            continue
        begin = i
        i += 1
        if i < n and text[i] == "/":
            end = text.find(">", i)
            if end < 0:
                raise EntityParseError(f"Unclosed end tag at byte offset {byte_offset(begin)}")
            name = text[i + 1 : end].strip().lower()
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {byte_offset(begin)}")
            open_name, entity, start = stack.pop()
            if name != open_name:
                raise EntityParseError(
                    f"Unmatched end tag at byte offset {byte_offset(begin)}, "
                    f'expected "</{open_name}>", found "</{name}>"'
                )
            i = end + 1
            length = utf16_pos - start
            language = entity.pop("_language", None)
            if open_name == "code" and language and stack and stack[-1][0] == "pre":
                stack[-1][1]["language"] = language  # <pre><code class="language-x"> is one entity
                continue
            # empty entities vanish, and so does a link without a usable href
            if length > 0 and (entity["type"] != "text_link" or entity.get("url")):
                entities.append({**entity, "offset": start, "length": length})
            continue
        # start tag: the name runs to the first space or '>' (so "a < b" names tag "")
        while i < n and not text[i].isspace() and text[i] != ">":
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
        name = text[begin + 1 : i].lower()
        if name not in _TAG_TYPES:
            raise EntityParseError(
                f'Unsupported start tag "{name}" at byte offset {byte_offset(begin)}'
            )
        attrs: dict[str, str] = {}
        while True:
            while i < n and text[i].isspace():
                i += 1
            if i >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if text[i] == ">":
                i += 1
                break
            attr_begin = i
            while i < n and (text[i].isalnum() or text[i] == "-"):
                i += 1
            attr = text[attr_begin:i].lower()
            if not attr:
                raise EntityParseError(
                    f'Empty attribute name in the tag "{name}" at byte offset '
                    f"{byte_offset(attr_begin)}"
                )
            while i < n and text[i].isspace():
                i += 1
            if name == "blockquote" and attr == "expandable" and i < n and text[i] != "=":
                attrs[attr] = ""
                continue
            if i >= n or text[i] != "=":
                raise EntityParseError(
                    f'Expected equal sign in declaration of an attribute of the tag "{name}" '
                    f"at byte offset {byte_offset(begin)}"
                )
            i += 1
            while i < n and text[i].isspace():
                i += 1
            if i >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if text[i] in "'\"":
                close = text.find(text[i], i + 1)
                if close < 0:
                    raise EntityParseError(
                        f"Unclosed start tag at byte offset {byte_offset(begin)}"
                    )
                value = text[i + 1 : close]
                i = close + 1
            else:
                value_begin = i
                while i < n and not text[i].isspace() and text[i] != ">":
                    i += 1
                value = text[value_begin:i]
            attrs[attr] = _unescape(value)
        entity: dict[str, Any] = {"type": _TAG_TYPES[name]}
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}'
            )
        if name == "a":
            entity["url"] = attrs.get("href", "")
        elif name == "code" and attrs.get("class", "").startswith("language-"):
            entity["_language"] = attrs["class"].removeprefix("language-")
        elif name == "blockquote" and "expandable" in attrs:
            entity["type"] = "expandable_blockquote"
        elif name == "tg-emoji":
            entity["custom_emoji_id"] = attrs.get("emoji-id", "")
        stack.append((name, entity, utf16_pos))
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def strip_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Trim surrounding whitespace as Telegram does, shifting and clipping entities."""
    stripped = text.lstrip()
    shift = utf16_len(text) - utf16_len(stripped)
    stripped = stripped.rstrip()
    total = utf16_len(stripped)
    out = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, total)
        if end > start:
            out.append({**entity, "offset": start, "length": end - start})
    return stripped, out


# Links as Telegram's client-side detection finds them: with a scheme, or a bare domain.
_URL_RE = re.compile(
    r"(?<![\w@/.])(?:https?://[^\s<>\"]+|(?:[a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}(?::\d+)?(?:/[^\s<>\"]*)?)",
)
_COMMAND_RE = re.compile(r"(?<![\w/])/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?(?![\w/])")
_TRAILING = ".,;:!?'\")]}"


def _offset_entity(text: str, start: int, end: int, kind: str) -> dict[str, Any]:
    return {
        "type": kind,
        "offset": utf16_len(text[:start]),
        "length": utf16_len(text[start:end]),
    }


def detect_entities(text: str) -> list[dict[str, Any]]:
    """Entities Telegram adds to a user's message by itself: url and bot_command."""
    found: list[dict[str, Any]] = []
    for match in _URL_RE.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING:
            # keep a closing parenthesis that belongs to the URL, as in Wikipedia links
            if text[end - 1] == ")" and text[start:end].count("(") >= text[start:end].count(")"):
                break
            end -= 1
        found.append(_offset_entity(text, start, end, "url"))
    for match in _COMMAND_RE.finditer(text):
        found.append(_offset_entity(text, *match.span(), "bot_command"))
    found.sort(key=lambda e: e["offset"])
    return found
