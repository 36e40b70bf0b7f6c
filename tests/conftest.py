from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from servers import Postgres, S3Server

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


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """A real PostgreSQL server for the session (tests/servers.py); each test takes its own database."""
    from servers import postgres_server

    with postgres_server() as server:
        yield server


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    """A real SeaweedFS S3 server for the session; each test takes its own bucket."""
    from servers import seaweedfs_server

    with seaweedfs_server() as server:
        yield server


@pytest.fixture
def s3(s3_server: S3Server, monkeypatch: pytest.MonkeyPatch) -> S3Server:
    """The S3 server, with the AWS variables set for this process and the children it starts."""
    from audio_article.show import media

    for name, value in s3_server.env.items():
        monkeypatch.setenv(name, value)
    media._client.cache_clear()
    return s3_server
