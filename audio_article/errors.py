"""One error hierarchy for the whole tool.

Every failure a user can cause or meet is raised as an `AudioArticleError`
subclass with a message that reads as one complete line; the CLI prints that
line and exits non-zero. Anything else escaping a stage is a bug.
"""

from __future__ import annotations


class AudioArticleError(Exception):
    """Base class; `exit_code` is what the CLI exits with."""

    exit_code = 1


class InputError(AudioArticleError):
    """The article cannot be read or has nothing to narrate."""

    exit_code = 2


class ConfigError(AudioArticleError):
    """A voice profile, lexicon, show file or option is invalid."""

    exit_code = 2


class EngineError(AudioArticleError):
    """A speech engine is unknown, missing, or failed to start."""

    exit_code = 3


class NarrationError(AudioArticleError):
    """A segment could not be narrated after retries."""

    exit_code = 3


class ToolError(AudioArticleError):
    """An external tool (ffmpeg) is missing or failed."""

    exit_code = 4


class OutputError(AudioArticleError):
    """Writing, tagging or publishing an output failed."""

    exit_code = 5
