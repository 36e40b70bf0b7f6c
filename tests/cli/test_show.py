"""`publish --force` builds again (`--rebuild`: its hidden old name); without it a fresh build is reused."""

from __future__ import annotations

from pathlib import Path

from helpers import SHOW, run


def _mp3_stamp(folder: Path) -> list[tuple[str, int]]:
    return sorted((p.name, p.stat().st_ino) for p in folder.glob("*.mp3"))


def test_force_builds_again_and_rebuild_is_its_old_name(tmp_path: Path, fake_voice: Path) -> None:
    show = tmp_path / "show.toml"
    show.write_text(SHOW, encoding="utf-8")
    article = tmp_path / "story.md"
    article.write_text("# A story\n\nThe body of the story has several words in it.\n", encoding="utf-8")
    base = ["publish", "--show", str(show), "--voice", str(fake_voice), "-j", "1", "-q", str(article)]
    public = tmp_path / "public"
    assert run(*base).returncode == 0
    first = _mp3_stamp(public)
    assert len(first) == 1
    assert run(*base).returncode == 0 and _mp3_stamp(public) == first  # fresh: reused
    assert run(*base, "--force").returncode == 0
    forced = _mp3_stamp(public)
    assert forced != first and len(forced) == 1  # written again (a new file renamed into place)
    assert run(*base, "--rebuild").returncode == 0 and _mp3_stamp(public) != forced


def test_help_shows_force_not_rebuild() -> None:
    proc = run("publish", "--help")
    assert proc.returncode == 0 and "--force" in proc.stdout and "--rebuild" not in proc.stdout


def test_every_subcommand_has_a_help_line() -> None:
    for group in ("feed", "cache"):
        commands = run(group, "--help").stdout.split("Commands:", 1)[1].strip().splitlines()
        assert commands and all(len(line.split(None, 1)) == 2 for line in commands), commands
