"""Text analysis on spaCy: positions, sources, key facts, summary, entities."""
