"""The default engine: pyttsx3 driving espeak-ng.

pyttsx3 2.99's espeak driver has known pitfalls, handled here or by the
narrate stage: `runAndWait()` may return before the WAV is written (we wait
for the `finished-utterance` event and for a complete file); several queued
saves write only the last (we queue one at a time); repeated saves sometimes
write an empty WAV (the narrate stage verifies every segment and retries);
a forked child of an initialised process hangs (workers are spawned). The
driver also prints "Audio saved to ..." on stdout, which we silence because
only the CLI may print.
"""

from __future__ import annotations

import atexit
import functools
import importlib.metadata
import logging
import shutil
import tempfile
import threading
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from audio_article.errors import EngineError
from audio_article.models import AudioChunk, EngineInfo, VoiceProfile
from audio_article.toolchain import load_espeak

log = logging.getLogger(__name__)

SAMPLE_RATE_HZ = 22050  # what the pyttsx3 espeak driver writes
DEFAULT_VOICE = "en-us"
WAIT_S = 60.0
SEGMENTS_PER_WORKER = 48  # espeak-ng needs ~10 ms a sentence; a spawned worker ~300 ms to start


@functools.cache
def _espeak_identity() -> str:
    """The espeak-ng library in use; part of the cache key, since voices change between releases."""
    return load_espeak()


def describe(profile: VoiceProfile) -> EngineInfo:
    try:
        version = importlib.metadata.version("pyttsx3")
    except importlib.metadata.PackageNotFoundError as exc:
        raise EngineError("engine 'pyttsx3' is not installed (pip install pyttsx3)") from exc
    try:
        espeak_version = importlib.metadata.version("espeakng-loader")
    except importlib.metadata.PackageNotFoundError:
        espeak_version = "system"
    return EngineInfo(
        "pyttsx3", f"{version}+espeak-ng-{espeak_version}", profile.voice or DEFAULT_VOICE, SAMPLE_RATE_HZ
    )


def create(profile: VoiceProfile) -> Pyttsx3Engine:
    return Pyttsx3Engine(profile)


class Pyttsx3Engine:
    accepts_phonemes = False

    def __init__(self, profile: VoiceProfile) -> None:
        self.info = describe(profile)
        _espeak_identity()
        try:
            import pyttsx3
            import pyttsx3.drivers.espeak as espeak_driver
        except (ImportError, OSError, RuntimeError) as exc:
            raise EngineError(f"cannot start pyttsx3/espeak-ng: {exc}") from exc
        # Shadow the driver's print() (module globals win over builtins).
        espeak_driver.print = lambda *args, **kwargs: None
        try:
            self._tts: Any = pyttsx3.init("espeak")
        except Exception as exc:  # pyttsx3 raises bare RuntimeError/OSError/KeyError
            raise EngineError(f"cannot start pyttsx3/espeak-ng: {exc}") from exc
        self._done = threading.Event()
        self._tts.connect("finished-utterance", self._on_finished)
        try:
            self._tts.setProperty("voice", self.info.voice)
        except (ValueError, KeyError) as exc:
            raise EngineError(f"espeak-ng has no voice {self.info.voice!r}") from exc
        self._tts.setProperty("volume", profile.volume)
        self._rate = profile.rate_wpm
        self._dir = Path(tempfile.mkdtemp(prefix="audio-article-espeak-"))
        atexit.register(shutil.rmtree, self._dir, True)
        self._count = 0

    def _on_finished(self, name: object = None, completed: bool = True) -> None:
        self._done.set()

    def voices(self) -> list[tuple[str, str]]:
        return [(v.id, v.name) for v in self._tts.getProperty("voices")]

    def synthesize(self, text: str, rate_wpm: int | None = None) -> Iterator[AudioChunk]:
        # The rate travels inside the text as an espeak-ng embedded command (Ctrl-A,
        # number, "S"): a rate property changed between utterances is sometimes
        # applied late by the asynchronous driver, and whole runs of sentences then
        # kept a heading's slower rate (~9 % longer audio, different on every run).
        text = f"\x01{rate_wpm or self._rate}S{text}"
        self._count += 1
        path = self._dir / f"u{self._count}.wav"
        self._done.clear()
        self._tts.save_to_file(text, str(path))
        self._tts.runAndWait()
        if not self._done.wait(WAIT_S):
            raise EngineError(f"espeak-ng did not finish within {WAIT_S:.0f} s")
        try:
            with wave.open(str(path), "rb") as wav:
                rate_hz = wav.getframerate()
                pcm = wav.readframes(wav.getnframes())
        except (OSError, EOFError, wave.Error) as exc:
            raise EngineError(f"espeak-ng wrote no readable audio ({exc})") from exc
        finally:
            path.unlink(missing_ok=True)
        yield AudioChunk(rate_hz, pcm)
