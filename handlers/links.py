"""Links to digests: private messages, /digest, automatic digests in groups and channels."""

from __future__ import annotations

import asyncio
import html
import logging
from datetime import timedelta
from urllib.parse import urlsplit

from telegram import Chat, Message, Update
from telegram.ext import ContextTypes

from bot.errors import DigestError
from bot.flood import BULK
from bot.render import digest_keyboard, render_digest
from bot.runtime import MAX_LINKS_PER_MESSAGE
from bot.telegram_send import NO_PREVIEW
from handlers.common import keep_typing, links_in, runtime, send_html, to_markup
from storage import repository

log = logging.getLogger(__name__)
REPEAT_WINDOW = timedelta(hours=6)  # a link digested in a group this recently gets a pointer


async def on_private_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    urls = links_in(message)
    if not urls:
        await message.reply_text(
            "Send me a link to a news article and I will digest it: key facts, sources, "
            "and who says what. /help lists everything I can do."
        )
        return
    await digest_links(update, context, urls)


async def on_group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every message with a link in a group or channel: digest it if the chat asked for that."""
    chat = update.effective_chat
    urls = links_in(update.effective_message)
    if not urls or chat is None:
        return
    rt = runtime(context)
    await repository.upsert_chat(rt.db, chat.id, chat.type, chat.title)
    settings = await repository.get_chat_settings(rt.db, chat.id)
    if settings.auto_digest:
        await digest_links(update, context, urls, quiet_when_flooded=True)


async def digest_links(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    urls: list[str],
    *,
    reply_to: Message | None = None,
    quiet_when_flooded: bool = False,
) -> None:
    rt = runtime(context)
    chat = update.effective_chat
    message = reply_to or update.effective_message
    BULK.set(True)  # this task's sends queue behind replies to commands (see PriorityRateLimiter)
    await repository.upsert_chat(rt.db, chat.id, chat.type, chat.title or chat.full_name)
    settings = await repository.get_chat_settings(rt.db, chat.id)
    if len(urls) > MAX_LINKS_PER_MESSAGE:
        await message.reply_text(
            f"That message has {len(urls)} links; I will read the first "
            f"{MAX_LINKS_PER_MESSAGE}. Send the others separately."
        )
        urls = urls[:MAX_LINKS_PER_MESSAGE]
    allowed = []
    for url in urls:
        if rt.flood.allow(chat.id):
            allowed.append(url)
        elif not quiet_when_flooded and rt.flood.should_warn(chat.id):
            await message.reply_text(
                "That is a lot of links at once. I read about 10 a minute per chat; please "
                f"send the rest in {rt.flood.retry_in(chat.id)} seconds."
            )
            break
    short = settings.short
    await asyncio.gather(*(_digest_one(context, chat, message, url, short) for url in allowed))


async def _digest_one(
    context: ContextTypes.DEFAULT_TYPE, chat: Chat, message: Message, url: str, short: bool
) -> None:
    rt = runtime(context)
    host = urlsplit(url).hostname or url
    placeholder = await message.reply_text(
        f"Reading {html.escape(host)}…", link_preview_options=NO_PREVIEW
    )
    typing = asyncio.create_task(keep_typing(context, chat.id))
    try:
        analysis = await rt.service.digest(url)
    except DigestError as exc:
        await placeholder.edit_text(f"Sorry, I couldn't read {host}: {exc}.")
        return
    except Exception:
        # One bad link must not leave a "Reading…" placeholder behind; the others go on.
        log.exception("digest of %s for chat %s failed", url, chat.id)
        await placeholder.edit_text(
            f"Sorry, something went wrong reading {host}. Please try again later."
        )
        return
    finally:
        typing.cancel()
    if chat.type != Chat.PRIVATE and analysis.article_id is not None:
        earlier = await repository.recent_chat_digest(
            rt.db, chat.id, analysis.article_id, within=REPEAT_WINDOW
        )
        if earlier is not None:
            await placeholder.delete()
            await context.bot.send_message(
                chat.id,
                "↑ This article was digested here a little while ago.",
                reply_to_message_id=earlier.message_id,
                allow_sending_without_reply=True,
            )
            return
    following = analysis.article_id is not None and await repository.is_following(
        rt.db, chat.id, article_id=analysis.article_id
    )
    if analysis.article_id is not None:
        # Recorded before the digest shows, so a /facts or /follow right after it finds it;
        # the placeholder becomes the digest's first message, which pointers refer to.
        await repository.record_chat_digest(
            rt.db, chat.id, analysis.article_id, placeholder.message_id
        )
    await send_html(
        context,
        chat.id,
        render_digest(analysis, "html", short=short),
        plain=render_digest(analysis, "text", short=short),
        markup=to_markup(digest_keyboard(analysis, following=following)),
        edit_message_id=placeholder.message_id,
    )
    log.info("digested %s for chat %s", host, chat.id)
