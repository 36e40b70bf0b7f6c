"""The one record every build step reads, and the audio the steps hand to the episode's files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from audio_article.cache import BuildCache
from audio_article.models import Article, Progress, Script, Timeline, VoiceProfile
from audio_article.pipeline.options import BuildOptions
from audio_article.speech.plan import NarrationPlan
from audio_article.speech.workers import NarrationPool


@dataclass(frozen=True)
class BuildContext:
    """Everything fixed before the first step runs; the steps pass their results along, not in here."""

    article: Article
    profile: VoiceProfile
    script: Script
    options: BuildOptions
    slug: str  # the episode's name in the output folder (unique per article there)
    key: str  # the build key recorded in the manifest
    cache: BuildCache
    narration: NarrationPlan  # the cache looked up once, before the workers started
    pool: NarrationPool | None  # workers started early, or None to narrate in-process
    staging: Path  # hidden folder in the output folder; files move out of it when all are done
    progress: Progress | None

    @property
    def workers(self) -> int:
        """Processes for the audio steps (analysis, encoding): `jobs`, or one per CPU."""
        return self.options.jobs or os.cpu_count() or 1


@dataclass(frozen=True)
class JoinedAudio:
    """The episode's MP3 in the staging folder, before its tags."""

    path: Path
    timeline: Timeline  # on the MP3's clock
    sha256: str  # of the audio alone, before the tags (which hold the build date)
