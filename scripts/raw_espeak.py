"""Baseline for scripts/bench: espeak-ng itself writing one WAV of a whole text.

No pyttsx3, no splitting, no checks: the library's synchronous API and a
callback that collects samples. Usage: raw_espeak.py TEXT_FILE OUT_WAV [RATE_WPM [VOICE [WORD_GAP_MS]]]
"""

from __future__ import annotations

import ctypes
import sys
import wave
from pathlib import Path

from audio_article.toolchain import load_espeak

AUDIO_OUTPUT_SYNCHRONOUS = 2
POS_CHARACTER = 1
CHARS_UTF8 = 1
RATE = 1
WORD_GAP = 7  # espeak-ng parameter: units of 10 ms at the default speed
CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


def main() -> None:
    text = Path(sys.argv[1]).read_text(encoding="utf-8").encode("utf-8") + b"\0"
    rate_wpm = int(sys.argv[3]) if len(sys.argv) > 3 else 175
    load_espeak()
    lib = ctypes.CDLL("libespeak-ng.so.1")
    sample_rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, None, 0)
    lib.espeak_SetVoiceByName((sys.argv[4] if len(sys.argv) > 4 else "en-us").encode())
    lib.espeak_SetParameter(RATE, rate_wpm, 0)
    if len(sys.argv) > 5:
        lib.espeak_SetParameter(WORD_GAP, round(int(sys.argv[5]) / 10), 0)
    chunks: list[bytes] = []

    def collect(wav, count, events):  # type: ignore[no-untyped-def]
        if count > 0:
            chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    callback = CALLBACK(collect)
    lib.espeak_SetSynthCallback(callback)
    lib.espeak_Synth(text, len(text), 0, POS_CHARACTER, 0, CHARS_UTF8, None, None)
    lib.espeak_Synchronize()
    with wave.open(sys.argv[2], "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(b"".join(chunks))


if __name__ == "__main__":
    main()
