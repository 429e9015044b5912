"""Slash commands. Each parses its arguments, calls bot/ or storage/, and replies."""

from __future__ import annotations

import html

from telegram import Chat, Update
from telegram.constants import ChatMemberStatus, ParseMode
from telegram.ext import ContextTypes

from bot.errors import DigestError
from bot.render import (
    Button,
    encode_callback,
    follow_choice_keyboard,
    render_facts,
    render_positions,
    render_sources,
)
from bot.telegram_send import NO_PREVIEW
from bot.types import Analysis
from bot.urls import find_urls
from handlers.common import links_in, runtime, send_html, to_markup
from handlers.links import digest_links
from storage import repository

START_TEXT = (
    "👋 I read news articles for you.\n\n"
    "Send me a link and I reply with a digest: <b>key facts</b>, the <b>sources</b> the "
    "article cites, and <b>who says what</b>. Tap 🔔 Follow under a digest and I will tell you "
    "when the article is revised or its story moves on.\n\n"
    "In groups, use /digest with a link (or reply /digest to a message with one). /help lists "
    "every command."
)

HELP_TEXT = (
    "<b>How to use me</b>\n"
    "• Send a link (up to 5 per message) → a digest.\n"
    "• /digest URL, or /digest as a reply to a message with a link.\n"
    "• /facts, /positions, /sources → details of the last article (or /facts URL).\n"
    "• /follow, /unfollow, /following → updates when an article or its story changes.\n"
    "• /stories, /story N → the stories you read and follow: timeline, facts, who says what.\n"
    "• /watch URL, /watching, /unwatch → news feeds whose new articles join your stories.\n"
    "• /search TEXT → stored articles by title, name or speaker.\n"
    "• /settings (group admins) → digest every link automatically; short or full digests.\n"
    "• /forget → delete everything this chat has stored."
)

GROUP_PRIVACY_NOTE = (
    "\n\nIn groups I see commands and replies to me. To digest every link automatically, an "
    "admin turns it on in /settings, and the bot needs privacy mode off (@BotFather → "
    "/setprivacy) or admin rights."
)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text(START_TEXT, parse_mode=ParseMode.HTML)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    text = HELP_TEXT
    if update.effective_chat.type != Chat.PRIVATE:
        text += GROUP_PRIVACY_NOTE
    await update.effective_message.reply_text(text, parse_mode=ParseMode.HTML)


async def digest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    urls = find_urls(" ".join(context.args or []))
    target = message
    if not urls and message.reply_to_message is not None:
        urls = links_in(message.reply_to_message)
        target = message.reply_to_message
    if not urls:
        await message.reply_text(
            "Send /digest with a link, or reply /digest to a message that has one."
        )
        return
    await digest_links(update, context, urls, reply_to=target)


async def _article_for(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Analysis | None:
    """The article a detail command is about: a link in its arguments, else the chat's last."""
    rt = runtime(context)
    message = update.effective_message
    urls = find_urls(" ".join(context.args or []))
    if urls:
        try:
            return await rt.service.digest(urls[0])
        except DigestError as exc:
            await message.reply_text(f"Sorry, I couldn't read that link: {exc}.")
            return None
    last = await repository.last_chat_digest(rt.db, update.effective_chat.id)
    if last is None:
        await message.reply_text("No article here yet: send me a link first.")
        return None
    return await repository.load_analysis(rt.db, last.article_id)


def _detail_command(render):  # type: ignore[no-untyped-def]
    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        analysis = await _article_for(update, context)
        if analysis is not None:
            await send_html(
                context,
                update.effective_chat.id,
                render(analysis, "html"),
                plain=render(analysis, "text"),
                reply_to=update.effective_message.message_id,
            )

    return handler


facts = _detail_command(render_facts)
sources = _detail_command(render_sources)
positions = _detail_command(render_positions)


async def follow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    analysis = await _article_for(update, context)
    if analysis is None or analysis.article_id is None:
        return
    title = html.escape(analysis.meta.title or analysis.meta.canonical_url or "this article")
    await update.effective_message.reply_text(
        f"Follow <b>{title}</b>:",
        parse_mode=ParseMode.HTML,
        reply_markup=to_markup(follow_choice_keyboard(analysis.article_id, analysis.story_id)),
    )


async def following(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    rt = runtime(context)
    items = await repository.list_following(rt.db, update.effective_chat.id)
    if not items:
        await update.effective_message.reply_text(
            "You follow nothing yet. Tap 🔔 Follow under a digest, or send /follow."
        )
        return
    lines = ["<b>You follow</b>"]
    rows: list[list[Button]] = []
    for index, item in enumerate(items, 1):
        label = html.escape(item.title or "untitled")
        what = "story" if item.story_id is not None and item.article_id is None else "article"
        lines.append(f"{index}. {label} ({what})")
        rows.append([Button(f"🔕 Unfollow {index}", callback_data=unfollow_callback(item))])
    await update.effective_message.reply_text(
        "\n".join(lines), parse_mode=ParseMode.HTML, reply_markup=to_markup(rows)
    )


def unfollow_callback(item: repository.Following) -> str:
    if item.article_id is not None:
        return encode_callback("u", item.article_id)
    return encode_callback("us", item.story_id)


async def unfollow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    rt = runtime(context)
    chat_id = update.effective_chat.id
    args = context.args or []
    items = await repository.list_following(rt.db, chat_id)
    if args and args[0].isdigit() and 1 <= int(args[0]) <= len(items):
        item = items[int(args[0]) - 1]
        await repository.unfollow(
            rt.db, chat_id, article_id=item.article_id, story_id=item.story_id
        )
        await update.effective_message.reply_text(
            f"Unfollowed: {item.title or 'untitled'}.", parse_mode=None
        )
        return
    if not items:
        await update.effective_message.reply_text("You follow nothing.")
        return
    await following(update, context)


async def search(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    rt = runtime(context)
    query = " ".join(context.args or []).strip()
    if len(query) < 2:
        await update.effective_message.reply_text("Usage: /search TEXT (a title word, a name…)")
        return
    hits = await repository.search_articles(rt.db, None, query, limit=10)
    if not hits:
        await update.effective_message.reply_text(f"Nothing stored matches “{query}”.")
        return
    lines = [f"<b>Articles matching</b> “{html.escape(query)}”"]
    for hit in hits:
        title = html.escape(hit.title or hit.canonical_url)
        if hit.url:
            lines.append(f'• <a href="{html.escape(hit.url)}">{title}</a>')
        else:
            lines.append(f"• {title}")
    await update.effective_message.reply_text(
        "\n".join(lines), parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
    )


async def is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    chat = update.effective_chat
    if chat.type in (Chat.PRIVATE, Chat.CHANNEL):
        return True  # in a channel, whoever can post is an administrator
    user = update.effective_user
    if user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


def settings_keyboard(settings: repository.ChatSettings) -> list[list[Button]]:
    auto = "on" if settings.auto_digest else "off"
    size = "short" if settings.short else "full"
    return [
        [Button(f"Digest every link: {auto}", callback_data="cfg:auto")],
        [Button(f"Digests: {size}", callback_data="cfg:short")],
    ]


async def settings_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    rt = runtime(context)
    chat = update.effective_chat
    if not await is_admin(update, context):
        await update.effective_message.reply_text("Only group administrators can change settings.")
        return
    await repository.upsert_chat(rt.db, chat.id, chat.type, chat.title)
    current = await repository.get_chat_settings(rt.db, chat.id)
    await context.bot.send_message(
        chat.id,
        "<b>Settings</b>",
        parse_mode=ParseMode.HTML,
        reply_markup=to_markup(settings_keyboard(current)),
    )


async def forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await is_admin(update, context):
        await update.effective_message.reply_text("Only group administrators can do that.")
        return
    await update.effective_message.reply_text(
        "Delete everything stored for this chat (follows, watched feeds, settings)?",
        reply_markup=to_markup([[Button("🗑 Yes, forget this chat", callback_data="forget:1")]]),
    )
