"""Benchmark row for publishing into a large show: a show of 1 episode against one of 10,000."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def feed_scaling(
    seed: Path, work: Path, run: Callable[..., tuple[float, float]], cli: list[str]
) -> tuple[float, float]:
    """Publish (build reused) into a show of 1 episode, then of 10,000."""
    from audio_article.show import feed
    from audio_article.show.config import load_show

    times = []
    for episodes in (1, 10_000):
        show_dir = work / f"show{episodes}"
        show_dir.mkdir()
        show_file = show_dir / "show.toml"
        show_file.write_text(
            'title = "Bench"\ndescription = "d"\nauthor = "a"\nowner_name = "o"\n'
            'owner_email = "o@example.org"\nlink = "https://example.org"\n'
            'base_url = "https://example.org/a/"\noutput = "public"\n',
            encoding="utf-8",
        )
        voice = str(work / "fake.toml")
        publish = [*cli, "publish", str(seed), "--show", str(show_file), "-q", "--voice", voice]
        run(publish)
        show = load_show(show_file)
        with feed.locked_store(show) as db:
            row = db.execute(f"SELECT {', '.join(feed._COLUMNS)}, item_xml FROM episodes").fetchone()  # noqa: S608
            values = dict(zip([*feed._COLUMNS, "item_xml"], row, strict=True))
            db.execute("BEGIN")
            for i in range(episodes - 1):
                values["guid"] = f"bench-{i}"
                db.execute(
                    feed._INSERT,
                    [values[c] for c in feed._COLUMNS]
                    + [
                        f"bench-{i}",
                        values["item_xml"],
                        f"2020-01-01T00:{i // 60 % 60:02d}:{i % 60:02d}",
                        "2020-01-01T00:00:00+00:00",  # `updated`: the feed's lastBuildDate comes from it
                    ],
                )
            db.execute("COMMIT")
        times.append(min(run(publish)[0] for _ in range(3)))
    return times[0], times[1]
