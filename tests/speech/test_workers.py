from __future__ import annotations

import time
from pathlib import Path

from helpers import narrator_processes

from audio_article.models import VoiceProfile
from audio_article.speech.engines import register_engine
from audio_article.speech.workers import NarrationPool

register_engine("flaky", "flaky_engine")


def test_a_pool_started_early_grows_to_the_work_then_stops_at_once(tmp_path: Path) -> None:
    profile = VoiceProfile("t", engine="flaky")
    pool = NarrationPool(profile, tmp_path, 1)
    pool.grow(2)
    assert narrator_processes() == 2
    assert pool.reusable(profile, tmp_path, 2)
    assert not pool.reusable(VoiceProfile("u", engine="flaky"), tmp_path, 1)
    started = time.monotonic()
    pool.discard()  # while the workers may still be starting: no wait for them
    pool.discard()
    assert time.monotonic() - started < 1.0
    assert narrator_processes() == 0 and not pool.reusable(profile, tmp_path, 1)
