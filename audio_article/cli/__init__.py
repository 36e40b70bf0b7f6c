"""The `audio-article` command."""
