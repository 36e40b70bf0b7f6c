"""espeak-ng's own phonemizer (`espeak_TextToPhonemes`): what espeak-ng will say for a text.

Used to write lexicon `espeak` entries (`audio-article phonemes WORD`) and, in
the tests, to check the normalizer's espeak-ng dialect against the engine
itself. The output is espeak-ng's phoneme mnemonics, the alphabet it reads
inside `[[ ]]`; `'` marks primary stress and `,` secondary.
"""

from __future__ import annotations

import ctypes
import threading

from audio_article.errors import EngineError
from audio_article.toolchain import load_espeak

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_CHARS_UTF8 = 1
_LOCK = threading.Lock()  # espeak-ng keeps one global state
_state: dict[str, object] = {}


def _library(voice: str) -> ctypes.CDLL:
    """libespeak-ng, initialised once for phonemizing, with `voice` selected."""
    lib = _state.get("lib")
    if not isinstance(lib, ctypes.CDLL):
        load_espeak()
        try:
            lib = ctypes.CDLL("libespeak-ng.so.1")
        except OSError as exc:
            raise EngineError(f"cannot load espeak-ng: {exc}") from exc
        if lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, None, 0) <= 0:
            raise EngineError("espeak-ng did not start (is its voice data installed?)")
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int]
        _state["lib"] = lib
    if _state.get("voice") != voice:
        if lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise EngineError(f"espeak-ng has no voice {voice!r}")
        _state["voice"] = voice
    return lib


def phonemize(text: str, voice: str = "en-us") -> str:
    """espeak-ng's phonemes for `text`, clause by clause, separated by spaces."""
    with _LOCK:
        lib = _library(voice)
        # espeak-ng advances the pointer clause by clause and sets it to NULL at the end.
        pointer = ctypes.c_char_p(text.encode("utf-8"))
        cursor = ctypes.pointer(pointer)
        clauses: list[str] = []
        while cursor.contents.value:
            result = lib.espeak_TextToPhonemes(cursor, _CHARS_UTF8, 0)
            if result:
                clauses.append(result.decode("utf-8", "replace").strip())
        return " ".join(c for c in clauses if c)
