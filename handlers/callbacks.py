"""Inline buttons. Callback data carries everything needed (ids), so buttons work after a
restart; nothing is kept in memory between the digest and the press."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.render import (
    decode_callback,
    digest_keyboard,
    follow_choice_keyboard,
    render_facts,
    render_positions,
    render_sources,
)
from handlers.commands import is_admin, settings_keyboard
from handlers.common import runtime, send_html, to_markup
from storage import repository

log = logging.getLogger(__name__)
VIEWS = {"p": render_positions, "s": render_sources, "k": render_facts}


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    data = query.data or ""
    if data.startswith("cfg:"):
        await _toggle_setting(update, context, data.removeprefix("cfg:"))
        return
    if data == "forget:1":
        await _forget(update, context)
        return
    try:
        action, ids = decode_callback(data)
    except ValueError:
        await query.answer("This button is no longer valid.")
        return
    rt = runtime(context)
    chat_id = update.effective_chat.id
    if action in VIEWS:
        analysis = await repository.load_analysis(rt.db, ids[0])
        if analysis is None:
            await query.answer("That article is no longer stored.", show_alert=True)
            return
        await query.answer()
        render = VIEWS[action]
        await send_html(
            context,
            chat_id,
            render(analysis, "html"),
            plain=render(analysis, "text"),
            reply_to=query.message.message_id if query.message else None,
        )
        return
    if action in ("f", "fa"):
        await repository.upsert_chat(rt.db, chat_id, update.effective_chat.type, None)
        added = await rt.followups.follow_article(chat_id, ids[0])
        await query.answer("Following this article." if added else "Already following.")
        await _refresh_digest_keyboard(update, context, ids[0], following=True)
        if added and action == "f":
            await _offer_story(update, context, ids[0])
        return
    if action == "fs":
        await repository.upsert_chat(rt.db, chat_id, update.effective_chat.type, None)
        added = await rt.followups.follow_story(chat_id, ids[0])
        await query.answer("Following the whole story." if added else "Already following.")
        return
    if action == "u":
        removed = await repository.unfollow(rt.db, chat_id, article_id=ids[0])
        await query.answer("Unfollowed." if removed else "You were not following it.")
        await _refresh_digest_keyboard(update, context, ids[0], following=False)
        return
    if action == "us":
        removed = await repository.unfollow(rt.db, chat_id, story_id=ids[0])
        await query.answer("Unfollowed the story." if removed else "You were not following it.")
        return
    await query.answer("This button is no longer valid.")


async def _offer_story(update: Update, context: ContextTypes.DEFAULT_TYPE, article_id: int) -> None:
    """Following an article: offer its whole story too (every outlet's reports on it)."""
    rt = runtime(context)
    analysis = await repository.load_analysis(rt.db, article_id)
    if analysis is None or analysis.story_id is None:
        return
    if await repository.is_following(rt.db, update.effective_chat.id, story_id=analysis.story_id):
        return
    await context.bot.send_message(
        update.effective_chat.id,
        "🔔 You will get updates when this article changes. Follow the whole story too, "
        "with new facts from other outlets?",
        reply_markup=to_markup(follow_choice_keyboard(article_id, analysis.story_id)[1:]),
    )


async def _refresh_digest_keyboard(
    update: Update, context: ContextTypes.DEFAULT_TYPE, article_id: int, *, following: bool
) -> None:
    """Flip Follow/Unfollow under the digest the button belongs to."""
    query = update.callback_query
    if query.message is None or query.message.reply_markup is None:
        return
    buttons = [b.callback_data for row in query.message.reply_markup.inline_keyboard for b in row]
    if not any(d and d.split(":", 1)[0] in ("f", "u") for d in buttons):
        return  # not a digest keyboard (e.g. the /follow choice)
    analysis = await repository.load_analysis(runtime(context).db, article_id)
    if analysis is None:
        return
    try:
        await query.edit_message_reply_markup(
            to_markup(digest_keyboard(analysis, following=following))
        )
    except BadRequest as exc:  # "message is not modified" after a double tap
        log.debug("keyboard not refreshed: %s", exc)


async def _toggle_setting(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str) -> None:
    query = update.callback_query
    if not await is_admin(update, context):
        await query.answer("Only administrators can change settings.", show_alert=True)
        return
    rt = runtime(context)
    chat = update.effective_chat
    key = {"auto": "auto_digest", "short": "short"}.get(name)
    if key is None:
        await query.answer("This button is no longer valid.")
        return
    current = await repository.get_chat_settings(rt.db, chat.id)
    await repository.update_chat_settings(rt.db, chat.id, **{key: not getattr(current, key)})
    updated = await repository.get_chat_settings(rt.db, chat.id)
    await query.answer("Saved.")
    await query.edit_message_reply_markup(to_markup(settings_keyboard(updated)))


async def _forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if not await is_admin(update, context):
        await query.answer("Only administrators can do that.", show_alert=True)
        return
    await repository.forget_chat(runtime(context).db, update.effective_chat.id)
    await query.answer("Forgotten.")
    await query.edit_message_text("Done: everything stored for this chat is deleted.")


__all__ = ["on_button", "send_html"]
