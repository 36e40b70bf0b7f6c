"""Speech stage: `Script` -> one verified WAV per segment."""
