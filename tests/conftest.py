from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "000_8dd281839903a95c.txt"
SHARED_TOOLS = ROOT.parent / "shared" / "tools"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own segment cache, never the user's."""
    monkeypatch.setenv("AUDIO_ARTICLE_CACHE", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def fake_voice(tmp_path: Path) -> Path:
    """A voice profile on the fast fake engine."""
    path = tmp_path / "fake.toml"
    path.write_text('engine = "fake"\nvoice = "tone"\nrate_wpm = 180\n', encoding="utf-8")
    return path


def requires_corpus() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not SEED.exists(), reason="../shared/corpus not present")


os.environ.setdefault("HYPOTHESIS_PROFILE", "ci")
