"""Locate the external pieces: ffmpeg and the espeak-ng library.

A system install wins when present (it is what the user maintains); the
pip-shipped copies (`imageio-ffmpeg`, `espeakng-loader`) make a machine with
only Python and pip work too. Nothing is downloaded.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import os
import shutil
from pathlib import Path

from audio_article.errors import EngineError, ToolError

log = logging.getLogger(__name__)


@functools.cache
def ffmpeg_path() -> str:
    """Path of an ffmpeg binary: $AUDIO_ARTICLE_FFMPEG, then PATH, then imageio-ffmpeg."""
    override = os.environ.get("AUDIO_ARTICLE_FFMPEG")
    if override:
        if not (Path(override).is_file() and os.access(override, os.X_OK)):
            raise ToolError(f"AUDIO_ARTICLE_FFMPEG={override} is not an executable file")
        return override
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError) as exc:
        raise ToolError("ffmpeg not found: install ffmpeg or `pip install imageio-ffmpeg`") from exc


def stderr_tail(stderr: str, returncode: int) -> str:
    """The last line a tool (ffmpeg) wrote to stderr, its error; the exit status when it wrote none."""
    lines = stderr.strip().splitlines()
    return lines[-1] if lines else f"exit status {returncode}"


@functools.cache
def load_espeak() -> str:
    """Make libespeak-ng loadable by pyttsx3 and return a description of which one.

    pyttsx3 opens `libespeak-ng.so.1` by name. When the system has none, we
    load the copy from espeakng-loader first: the dynamic loader then hands
    that already-loaded library to pyttsx3. Its voice data must be announced
    through ESPEAK_DATA_PATH before espeak initialises.
    """
    system = ctypes.util.find_library("espeak-ng")
    if system:
        return f"system {system}"
    try:
        import espeakng_loader
    except ImportError as exc:
        raise EngineError("espeak-ng not found: install espeak-ng or `pip install espeakng-loader`") from exc
    data_path = Path(espeakng_loader.get_data_path())
    os.environ["ESPEAK_DATA_PATH"] = str(data_path.parent)
    library = espeakng_loader.get_library_path()
    try:
        ctypes.CDLL(library, mode=ctypes.RTLD_GLOBAL)
    except OSError as exc:
        raise EngineError(f"cannot load espeak-ng from {library}: {exc}") from exc
    log.debug("using bundled espeak-ng %s with data %s", library, data_path)
    return f"bundled {library}"
