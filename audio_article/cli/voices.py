"""The `voices` command: voice profiles, engines (and whether each is installed), and their voices."""

from __future__ import annotations

import click

from audio_article.errors import AudioArticleError


@click.command()
@click.option(
    "--engine", "engine_name", help="List this engine's voices (default: the engines the profiles use)."
)
@click.option("--all", "all_languages", is_flag=True, help="Voices in every language, not only English.")
def voices(engine_name: str | None, all_languages: bool) -> None:
    """List voice profiles, the engines, and the engines' available voices."""
    from audio_article.models import VoiceProfile
    from audio_article.script.profiles import list_profiles, load_profile
    from audio_article.speech.engines import create_engine, engine_names, engine_spec

    profiles = [load_profile(str(path)) for path in list_profiles()]
    click.echo("profiles:")
    for profile in profiles:
        click.echo(
            f"  {profile.name:12s} {profile.engine:8s} {profile.rate_wpm:3d} wpm  {profile.description}"
        )
    click.echo("\nengines:")
    for name in engine_names():
        click.echo(f"  {name:12s} {_engine_status(name)}")
    engines = [engine_name] if engine_name else sorted({p.engine for p in profiles if p.engine != "fake"})
    for name in engines:
        spec = engine_spec(name)
        heading = f"\n{name} voices{'' if all_languages else ' (English; --all for every language)'}:"
        if spec.missing():
            click.echo(f"\n{name} voices: not installed ({spec.install_hint()})")
            continue
        engine = create_engine(VoiceProfile(name="list", engine=name))
        listed = [(v, d) for v, d in engine.voices() if all_languages or "en" in v.split("/")[-1][:2]]
        click.echo(heading)
        for voice_id, description in listed:
            click.echo(f"  {voice_id:28s} {description}")


def _engine_status(name: str) -> str:
    """An engine's one-line summary, or why it cannot be used here."""
    from audio_article.speech.engines import engine_spec

    try:
        spec = engine_spec(name)
    except AudioArticleError as exc:
        return f"cannot be used: {exc}"
    if spec.missing():
        return f"{spec.summary}; not installed ({spec.install_hint()})"
    return spec.summary


@click.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--voice", "voice", default="en-us", show_default=True, help="The espeak-ng voice.")
def phonemes(text: tuple[str, ...], voice: str) -> None:
    """Show espeak-ng's phonemes for TEXT (for a lexicon's `espeak` entries)."""
    from audio_article.speech.engines.espeak_phonemes import phonemize

    click.echo(phonemize([" ".join(text)], voice)[0])
