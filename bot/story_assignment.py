"""Every analysed article joins a story (the same event, any outlet) or starts one.

The matching itself is pure (bot.stories); this module reads and writes the stories' profiles.
"""

from __future__ import annotations

from datetime import timedelta

from bot.stories import StoryProfile, article_fingerprint, assign_story, story_title
from bot.types import Analysis
from storage import repository
from storage.db import Database
from storage.types import utcnow

# Stories idle for longer than this are not offered to new articles (and matching stays cheap).
CANDIDATE_WINDOW = timedelta(days=14)


async def assign_article_to_story(db: Database, analysis: Analysis) -> int:
    """Put the stored article in its story; returns the story id."""
    assert analysis.article_id is not None, "store the article first"
    if analysis.story_id is not None:
        return analysis.story_id
    fingerprint = article_fingerprint(analysis)
    stories = await repository.recent_stories(db, since=utcnow() - CANDIDATE_WINDOW)
    profiles = {s.story_id: StoryProfile.from_json(s.terms) for s in stories if s.terms}
    story_id = assign_story(fingerprint, profiles.items())
    if story_id is None:
        profile = StoryProfile.from_fingerprint(fingerprint)
        story_id = await repository.create_story(db, story_title(profile), profile.to_json())
    else:
        profile = profiles[story_id]
        profile.add(fingerprint)
        await repository.update_story(
            db, story_id, title=story_title(profile), terms=profile.to_json()
        )
    await repository.set_article_story(db, analysis.article_id, story_id)
    return story_id
