"""audio-article: turn a written article into a chaptered, tagged podcast episode."""

__version__ = "0.1.0"
