"""/watch, /watching, /unwatch: the RSS/Atom feeds a chat watches.

Replies are plain text (no parse mode): feed titles come from third-party sites and would need
escaping for HTML anyway.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from telegram import Update
from telegram.ext import ContextTypes

from bot.errors import DigestError
from bot.followups.feeds import resolve_feed
from bot.telegram_send import NO_PREVIEW
from bot.urls import find_urls, normalize_url
from handlers.commands import is_admin
from handlers.common import links_in, runtime
from storage import feeds as store

# Every feed is polled every interval: a bound per chat keeps one chat from loading the poller.
MAX_FEEDS_PER_CHAT = 20
ADMINS_ONLY = "Only group administrators can change the watched feeds."


async def _reply(update: Update, text: str) -> None:
    await update.effective_message.reply_text(text, link_preview_options=NO_PREVIEW)


async def watch(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/watch URL (or as a reply to a message with a link): a feed, or a site with one."""
    message = update.effective_message
    urls = find_urls(" ".join(context.args or []))
    if not urls and message.reply_to_message is not None:
        urls = links_in(message.reply_to_message)
    if not urls:
        await _reply(update, "Send /watch with the link of an RSS/Atom feed or of a news site.")
        return
    if not await is_admin(update, context):
        await _reply(update, ADMINS_ONLY)
        return
    rt = runtime(context)
    chat_id = update.effective_chat.id
    if len(await store.list_feeds(rt.db, chat_id)) >= MAX_FEEDS_PER_CHAT:
        await _reply(
            update,
            f"This chat already watches {MAX_FEEDS_PER_CHAT} feeds, the most it can. "
            "Drop one with /unwatch first.",
        )
        return
    try:
        feed = await resolve_feed(rt.fetcher, urls[0])
    except DigestError as exc:  # FetchError and FeedError: one line meant for users
        await _reply(update, f"Could not watch {urls[0]}: {exc}.")
        return
    title = feed.title or feed.url
    _, created = await store.add_feed(rt.db, chat_id, feed.url, feed.title)
    if not created:
        await _reply(update, f"Already watching {title} ({feed.url}).")
        return
    await _reply(
        update,
        f"Watching {title} ({feed.url}). New articles will be digested and added to their "
        "stories; follow a story to get its updates.",
    )


async def watching(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/watching: the chat's feeds, numbered for /unwatch N."""
    feeds = await store.list_feeds(runtime(context).db, update.effective_chat.id)
    if not feeds:
        await _reply(update, "This chat watches no feeds. Add one with /watch URL.")
        return
    lines = ["Watched feeds:"]
    lines += [f"{n}. {f.title or f.url} ({f.url})" for n, f in enumerate(feeds, 1)]
    lines.append("\n/unwatch N stops watching one.")
    await _reply(update, "\n".join(lines))


async def unwatch(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unwatch N (its number in /watching) or /unwatch URL."""
    args = context.args or []
    if not args:
        await _reply(update, "Send /unwatch N (the number /watching shows) or /unwatch URL.")
        return
    if not await is_admin(update, context):
        await _reply(update, ADMINS_ONLY)
        return
    db = runtime(context).db
    chat_id = update.effective_chat.id
    feeds = await store.list_feeds(db, chat_id)
    target = args[0]
    if target.isdigit():
        number = int(target)
        if not 1 <= number <= len(feeds):
            await _reply(update, f"There is no feed number {number}. /watching lists them.")
            return
        feed = feeds[number - 1]
        await store.remove_feed(db, chat_id, feed.id)
        await _reply(update, f"Stopped watching {feed.title or feed.url}.")
        return
    try:
        url = normalize_url(target)
    except ValueError:
        await _reply(update, "Send /unwatch N (the number /watching shows) or /unwatch URL.")
        return
    # The feed's own URL, or the site's that /watch was given: then its one feed on that host.
    matches = [f for f in feeds if f.url == url] or [
        f for f in feeds if urlsplit(f.url).hostname == urlsplit(url).hostname
    ]
    if len(matches) != 1:
        why = "several feeds of" if matches else "no feed at"
        await _reply(update, f"This chat watches {why} {url}. /watching lists them by number.")
        return
    match = matches[0]
    await store.remove_feed(db, chat_id, match.id)
    await _reply(update, f"Stopped watching {match.title or match.url}.")
