"""The default engine: pyttsx3 driving espeak-ng.

pyttsx3 2.99's espeak driver has known pitfalls, handled here or by the
narrate stage: `runAndWait()` may return before the WAV is written (we wait
for the `finished-utterance` event and for a complete file); several queued
saves write only the last (we queue one at a time); repeated saves sometimes
write an empty WAV (the narrate stage verifies every segment and retries);
a forked child of an initialised process hangs (workers are spawned). The
driver also prints "Audio saved to ..." on stdout, which we silence because
only the CLI may print. It synthesizes without espeak-ng's phoneme-input
flag, which we add, so that `[[phonemes]]` from the normalizer's espeak-ng
dialect and from lexicon `espeak` entries are spoken as phonemes.
"""

from __future__ import annotations

import atexit
import difflib
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
from audio_article.models import AudioChunk, Dialect, EngineInfo, VoiceProfile
from audio_article.speech.engine_spec import EngineSpec
from audio_article.speech.language_voices import espeak_voice
from audio_article.toolchain import load_espeak

log = logging.getLogger(__name__)

SAMPLE_RATE_HZ = 22050  # what the pyttsx3 espeak driver writes
DEFAULT_VOICE = "en-us"
WAIT_S = 60.0
WORD_GAP = 7  # espeakWORDGAP in espeak-ng's speak_lib.h


@functools.cache
def _espeak_identity() -> str:
    """The espeak-ng library in use; part of the cache key, since voices change between releases."""
    return load_espeak()


def describe(profile: VoiceProfile) -> EngineInfo:
    """pyttsx3's and espeak-ng's versions and the voice name (no engine start)."""
    try:
        version = importlib.metadata.version("pyttsx3")
    except importlib.metadata.PackageNotFoundError as exc:
        raise EngineError("engine 'pyttsx3' is not installed (pip install pyttsx3)") from exc
    try:
        espeak_version = importlib.metadata.version("espeakng-loader")
    except importlib.metadata.PackageNotFoundError:
        espeak_version = "system"
    gap = (
        f"+word-gap-{_word_gap(profile)}" if _word_gap(profile) else ""
    )  # changes the audio: in the cache key
    return EngineInfo(
        "pyttsx3",
        f"{version}+espeak-ng-{espeak_version}{gap}",
        profile.voice or DEFAULT_VOICE,
        SAMPLE_RATE_HZ,
    )


def _word_gap(profile: VoiceProfile) -> int:
    """espeak-ng's word gap parameter: units of 10 ms at its default speed."""
    return round(profile.word_gap_ms / 10)


def create(profile: VoiceProfile) -> Pyttsx3Engine:
    """Start pyttsx3 with espeak-ng and select the profile's voice."""
    return Pyttsx3Engine(profile)


class Pyttsx3Engine:
    """pyttsx3's espeak driver, one utterance at a time."""

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
        _accept_phonemes(espeak_driver._espeak)
        try:
            self._tts: Any = pyttsx3.init("espeak")
        except Exception as exc:  # pyttsx3 raises bare RuntimeError/OSError/KeyError
            raise EngineError(f"cannot start pyttsx3/espeak-ng: {exc}") from exc
        self._espeak = espeak_driver._espeak
        # Whisper heard "officials said" as "officials and": a little air between words helps.
        self._espeak.SetParameter(WORD_GAP, _word_gap(profile), 0)
        self._done = threading.Event()
        self._tts.connect("finished-utterance", self._on_finished)
        self._settle()
        self._select_voice(profile.name)
        self._tts.setProperty("volume", profile.volume)
        self._settle()
        self._rate = profile.rate_wpm
        self._dir = Path(tempfile.mkdtemp(prefix="audio-article-espeak-"))
        atexit.register(shutil.rmtree, self._dir, True)
        self._count = 0

    def _select_voice(self, profile_name: str) -> None:
        """Select the voice, refusing a name espeak-ng does not know (it would fall back silently)."""
        voice = self.info.voice
        known = _voice_names(self._tts.getProperty("voices"))
        if voice.split("+", 1)[0].lower() not in known:  # "+f3": an espeak-ng variant of a voice
            short = sorted({name.rsplit("/", 1)[-1] for name in known if " " not in name})
            close = difflib.get_close_matches(voice.lower(), short, n=4, cutoff=0.5)
            hint = f"; close: {', '.join(close)}" if close else ""
            raise EngineError(
                f"voice profile {profile_name}: voice {voice!r} is not an espeak-ng voice{hint}"
                " (`audio-article voices --all` lists them)"
            )
        try:
            self._tts.setProperty("voice", voice)
            self._voice_now = voice
        except (ValueError, KeyError) as exc:
            raise EngineError(f"voice profile {profile_name}: espeak-ng cannot use voice {voice!r}") from exc

    def use_language(self, language: str | None) -> None:
        """Speak what follows in `language`'s espeak-ng voice (a passage); None: the profile's voice again."""
        voice = espeak_voice(language) if language else self.info.voice
        if voice != self._voice_now:
            self._settle()
            self._tts.setProperty("voice", voice)
            self._voice_now = voice

    def _settle(self) -> None:
        """Wait until espeak-ng's own thread has applied every queued command.

        In the mode pyttsx3 starts it in, espeak-ng applies parameters (rate, volume, word gap)
        and synthesis on a thread of its own, but loads a voice at once on the caller's thread:
        a voice loaded while that thread still works on the parameters races it (the Spanish
        voice's engine process died of SIGSEGV now and then, several times running on a loaded
        machine). espeak_Synchronize returns when the queue is empty.
        """
        self._espeak.dll.espeak_Synchronize()

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


def _accept_phonemes(espeak: Any) -> None:
    """Make the driver's every `Synth` call read `[[ ]]` as espeak-ng phonemes (once per process)."""
    original = espeak.Synth
    if getattr(original, "reads_phonemes", False):
        return

    def synth(text: bytes, *args: Any, flags: int = 0, **kwargs: Any) -> Any:
        return original(text, *args, flags=flags | espeak.PHONEMES, **kwargs)

    synth.reads_phonemes = True  # type: ignore[attr-defined]
    espeak.Synth = synth


def _voice_names(voices: list[Any]) -> set[str]:
    """Every spelling espeak-ng accepts for a voice, lowercased: `gmw/en-us`, `en-us`, `english (america)`."""
    names: set[str] = set()
    for voice in voices:
        names.update({voice.id.lower(), voice.id.lower().rsplit("/", 1)[-1], str(voice.name).lower()})
    return names


SPEC = EngineSpec(
    name="pyttsx3",
    create=create,
    describe=describe,
    summary="espeak-ng through pyttsx3: fast, many languages (the default)",
    segments_per_worker=48,  # espeak-ng needs ~10 ms a sentence; a spawned worker ~300 ms to start
    requires=("pyttsx3",),
    dialect=Dialect(forms="espeak-ng", phonemes="espeak"),
)
