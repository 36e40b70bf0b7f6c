"""The `serve` command: preview a build folder or a show in a browser."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@click.option("--show", "show_file", type=click.Path(path_type=Path), help="Serve this show's folder.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0: any free port."
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (others can reach it)."
)
@click.option("--api", is_flag=True, help="Serve the intake API (POST /v1/articles) of --show's job list.")
def serve(folder: Path | None, show_file: Path | None, port: int, host: str, api: bool) -> None:
    """Serve FOLDER (default: output) or a show's folder over HTTP, for previewing its pages."""
    from audio_article.show.serve import make_folder_server, server_url

    if api:
        return _serve_api(show_file, host, port)
    if folder is not None and show_file is not None:
        raise click.UsageError("give a FOLDER or --show, not both")
    if show_file is not None:
        from audio_article.show.config import load_show

        folder = load_show(show_file).output_dir
    server = make_folder_server(folder or Path("output"), host, port)
    click.echo(f"serving {folder or Path('output')} at {server_url(server)}  (Ctrl-C to stop)")
    try:
        server.serve_forever()
    finally:
        server.server_close()


def _serve_api(show_file: Path | None, host: str, port: int) -> None:
    """The CMS intake API: signed POSTs into the show's job list ($AUDIO_ARTICLE_API_SECRET)."""
    from werkzeug.serving import make_server

    from audio_article.errors import ConfigError, OutputError
    from audio_article.jobs.intake import api_app, api_secret
    from audio_article.show.config import load_show
    from audio_article.show.serve import server_url

    if show_file is None:
        raise click.UsageError("--api needs --show")
    show = load_show(show_file)
    if show.store is None:
        raise ConfigError(f'{show_file}: the API keeps its jobs in the store; set store = "postgresql://..."')
    try:
        server = make_server(host, port, api_app(show, api_secret()), threaded=True)
    except (OSError, SystemExit) as exc:  # werkzeug exits when the port is taken
        raise OutputError(
            f"{host}:{port}: cannot serve there (the address is in use or not allowed)"
        ) from exc
    click.echo(f"intake API for {show_file} at {server_url(server)}v1/articles  (Ctrl-C to stop)")
    try:
        server.serve_forever()
    finally:
        server.server_close()
