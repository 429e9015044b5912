"""/stories and /story N: the stories a chat reads or follows, and one story in full."""

from __future__ import annotations

import html

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.render import render_story
from handlers.common import runtime, send_html
from storage import repository

MAX_ARTICLES = 20  # the newest articles of a big story


async def stories(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    rt = runtime(context)
    found = await repository.stories_for_chat(rt.db, update.effective_chat.id)
    if not found:
        await update.effective_message.reply_text(
            "No stories here yet. Send me a link: every article joins a story, and "
            "“Follow the whole story” under a digest brings you its updates."
        )
        return
    lines = ["<b>Stories</b> (🔔 = you follow it)"]
    for story in found:
        bell = "🔔 " if story.followed else ""
        count = f"{story.articles} article{'s' if story.articles != 1 else ''}"
        title = html.escape(story.title or "Untitled story")
        lines.append(f"{bell}<b>{story.story_id}</b>. {title} — {count}")
    lines.append("\n/story N shows one in full.")
    await update.effective_message.reply_text("\n".join(lines), parse_mode=ParseMode.HTML)


async def story(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    rt = runtime(context)
    args = context.args or []
    if len(args) != 1 or not args[0].isdigit():
        await update.effective_message.reply_text("Usage: /story N (the numbers are in /stories)")
        return
    info = await repository.get_story(rt.db, int(args[0]))
    if info is None:
        await update.effective_message.reply_text(f"There is no story {args[0]}.")
        return
    analyses = []
    for article_id in info.article_ids[-MAX_ARTICLES:]:
        analysis = await repository.load_analysis(rt.db, article_id)
        if analysis is not None:
            analyses.append(analysis)
    await send_html(
        context,
        update.effective_chat.id,
        render_story(info.story_id, info.title, analyses, "html"),
        plain=render_story(info.story_id, info.title, analyses, "text"),
        reply_to=update.effective_message.message_id,
    )
