"""Audio stage: narrated segments -> one mastered, gapless MP3."""
