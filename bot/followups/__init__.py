"""Follow-ups: revision checks, story updates, feeds, and the outbox sender."""
