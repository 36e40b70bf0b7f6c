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
def serve(folder: Path | None, show_file: Path | None, port: int, host: str) -> None:
    """Serve FOLDER (default: output) or a show's folder over HTTP, for previewing its pages."""
    from audio_article.show.serve import make_folder_server, server_url

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
