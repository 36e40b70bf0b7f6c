"""Episode stage: the MP3 -> a tagged episode with its companion files."""
