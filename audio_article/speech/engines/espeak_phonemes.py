"""espeak-ng's own phonemizer (`espeak_TextToPhonemes`): what espeak-ng will say for a text.

Used to write lexicon `espeak` entries (`audio-article phonemes WORD`) and, in
the tests, to check the normalizer's espeak-ng dialect against the engine
itself. The output is espeak-ng's phoneme mnemonics, the alphabet it reads
inside `[[ ]]`; `'` marks primary stress and `,` secondary.

espeak-ng keeps one global state per process: initialising it a second time
for phonemes takes the synthesis callback away from a pyttsx3 engine in the
same process, which then never finishes. So the phonemizer runs in a child
process of its own, one per call, for any number of texts.
"""

from __future__ import annotations

import ctypes
import json
import subprocess
import sys
from collections.abc import Sequence

from audio_article.errors import EngineError
from audio_article.toolchain import load_espeak, stderr_tail

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_CHARS_UTF8 = 1
TIMEOUT_S = 60.0


def phonemize(texts: Sequence[str], voice: str = "en-us") -> list[str]:
    """espeak-ng's phonemes for each text (clauses separated by spaces), from a child process."""
    request = json.dumps({"voice": voice, "texts": list(texts)})
    try:
        done = subprocess.run(
            [sys.executable, "-m", __name__],
            input=request,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EngineError(f"espeak-ng's phonemizer did not run: {exc}") from exc
    if done.returncode != 0:
        raise EngineError(stderr_tail(done.stderr, done.returncode))
    result = json.loads(done.stdout)
    if not isinstance(result, list) or len(result) != len(texts):
        raise EngineError("espeak-ng's phonemizer gave a different number of answers")
    return [str(r) for r in result]


def _library(voice: str) -> ctypes.CDLL:
    """libespeak-ng in this (child) process, started for phonemes with `voice` selected."""
    load_espeak()
    lib = ctypes.CDLL("libespeak-ng.so.1")
    if lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, None, 0) <= 0:
        raise EngineError("espeak-ng did not start (is its voice data installed?)")
    if lib.espeak_SetVoiceByName(voice.encode()) != 0:
        raise EngineError(f"espeak-ng has no voice {voice!r}")
    lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
    lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int]
    return lib


def _phonemes_of(lib: ctypes.CDLL, text: str) -> str:
    # espeak-ng advances the pointer clause by clause and sets it to NULL at the end.
    cursor = ctypes.pointer(ctypes.c_char_p(text.encode("utf-8")))
    clauses: list[str] = []
    while cursor.contents.value:
        result = lib.espeak_TextToPhonemes(cursor, _CHARS_UTF8, 0)
        if result:
            clauses.append(result.decode("utf-8", "replace").strip())
    return " ".join(c for c in clauses if c)


def _serve() -> int:
    """The child: a JSON request on stdin, a JSON list of phoneme strings on stdout."""
    request = json.loads(sys.stdin.read())
    try:
        lib = _library(str(request["voice"]))
    except EngineError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    sys.stdout.write(json.dumps([_phonemes_of(lib, str(t)) for t in request["texts"]]))
    return 0


if __name__ == "__main__":
    sys.exit(_serve())
