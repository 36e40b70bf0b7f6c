"""`python -m audio_article`: the same as the `audio-article` command."""

from audio_article.cli.main import main

main(prog_name="audio-article")
