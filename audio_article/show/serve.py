"""A preview server for a build folder or a show: static files over HTTP, on 127.0.0.1 by default.

Werkzeug does the HTTP: `send_file` answers Range requests (206, or 416 for
a range past the end), conditional requests (ETag, Last-Modified, 304), and
its development server parses the requests; we only map a URL path to a file
inside the folder, refusing `..`, absolute paths, hidden files and links that
lead out of it. Browsers and podcast apps seek in an MP3 with Range requests,
so a preview that ignored them would not behave like a real host.
"""

from __future__ import annotations

import html
import logging
import mimetypes
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from werkzeug.exceptions import Forbidden, HTTPException, MethodNotAllowed, NotFound
from werkzeug.security import safe_join
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.utils import send_file
from werkzeug.wrappers import Request, Response

from audio_article.errors import OutputError

log = logging.getLogger(__name__)
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
# What a podcast host sends; the system's table may lack the newer ones or differ by platform.
MIME_TYPES = {
    ".mp3": "audio/mpeg",
    ".opus": "audio/ogg",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".xml": "application/xml",
    ".html": "text/html",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".css": "text/css",
    ".js": "text/javascript",
}


def folder_app(folder: Path) -> WSGIApp:
    """A WSGI application serving the files under `folder`, read-only."""
    root = folder.resolve()

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        try:
            response = _respond(root, request, environ)
        except HTTPException as exc:
            response = exc.get_response(environ)
        return response(environ, start_response)

    return app


def _respond(root: Path, request: Request, environ: dict[str, Any]) -> Response:
    if request.method not in ("GET", "HEAD"):
        raise MethodNotAllowed(["GET", "HEAD"])
    path = resolve_path(root, request.path)
    if path.is_dir():
        if not request.path.endswith("/"):
            return Response(status=301, headers={"Location": request.path + "/"})
        if (path / "index.html").is_file():
            path = path / "index.html"
        else:
            return _listing(root, path)
    if not path.is_file():
        raise NotFound()
    mimetype = MIME_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    response = send_file(
        path, environ, mimetype=mimetype or "application/octet-stream", conditional=True, max_age=0
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def resolve_path(root: Path, url_path: str) -> Path:
    """The file a (decoded) URL path names inside `root`; Forbidden for anything that would leave it."""
    relative = url_path[1:] if url_path.startswith("/") else url_path
    if "\\" in relative or "\x00" in relative:
        raise Forbidden()
    joined = safe_join(str(root), relative) if relative else str(root)
    if joined is None:  # "..", an absolute path, a drive letter
        raise Forbidden()
    path = Path(joined)
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        raise NotFound()  # temporary files being written, hidden state
    try:
        real = path.resolve(strict=False)
    except (OSError, RuntimeError) as exc:
        raise NotFound() from exc
    if not real.is_relative_to(root):  # a symbolic link out of the folder
        raise Forbidden()
    return real


def _listing(root: Path, folder: Path) -> Response:
    """A plain list of the folder's pages and files, for a build folder without an index page."""
    names = sorted(
        p.name + ("/" if p.is_dir() else "") for p in folder.iterdir() if not p.name.startswith(".")
    )
    names.sort(key=lambda n: not n.endswith(".html"))  # the pages first
    items = "".join(f'<li><a href="{html.escape(n)}">{html.escape(n)}</a></li>' for n in names)
    title = html.escape(f"/{folder.relative_to(root).as_posix()}".rstrip("/.") or "/")
    body = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><main><h1>{title}</h1><ul>{items}</ul></main></body></html>"
    )
    return Response(body, mimetype="text/html")


def make_folder_server(folder: Path, host: str = "127.0.0.1", port: int = 8000) -> BaseWSGIServer:
    """A threaded server for `folder`, bound but not yet serving; port 0 picks a free one."""
    if not folder.is_dir():
        raise OutputError(f"{folder}: no such folder to serve")
    try:
        return make_server(host, port, folder_app(folder), threaded=True)
    except (OSError, SystemExit) as exc:  # werkzeug exits when the port is taken
        detail = getattr(exc, "strerror", None) or "the address is in use or not allowed"
        raise OutputError(f"{host}:{port}: cannot serve there ({detail})") from exc


def server_url(server: BaseWSGIServer) -> str:
    """The http:// address a running server answers on."""
    host = server.host if ":" not in server.host else f"[{server.host}]"
    return f"http://{host}:{server.port}/"
