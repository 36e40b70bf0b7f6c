"""Cover art: the article's own image when it is a local file, else a generated title card.

Apple asks for square artwork of 1400-3000 px; a generated 1400x1400 JPEG
with the title in large type keeps episodes recognisable in any app.
"""

from __future__ import annotations

import hashlib
import io
import logging
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

log = logging.getLogger(__name__)

SIZE_PX = 1400
_PALETTES = ((20, 40, 70), (70, 25, 45), (15, 60, 55), (55, 45, 20), (35, 35, 60))


def cover_jpeg(title: str, byline: str | None, image_path: str | None) -> bytes:
    """The episode's cover as JPEG bytes: the article's image if usable, else a generated title card."""
    if image_path and Path(image_path).is_file():
        try:
            return _from_image(Path(image_path))
        except (OSError, UnidentifiedImageError, ValueError) as exc:
            log.warning("cover image %s unusable (%s); generating one", image_path, exc)
    return _title_card(title, byline)


def _from_image(path: Path) -> bytes:
    with Image.open(path) as original:
        rgb = original.convert("RGB")
    side = min(rgb.size)
    left, top = (rgb.width - side) // 2, (rgb.height - side) // 2
    square = rgb.crop((left, top, left + side, top + side)).resize(
        (SIZE_PX, SIZE_PX), Image.Resampling.LANCZOS
    )
    out = io.BytesIO()
    square.save(out, "JPEG", quality=88)
    return out.getvalue()


def _title_card(title: str, byline: str | None) -> bytes:
    colour = _PALETTES[hashlib.sha256(title.encode()).digest()[0] % len(_PALETTES)]
    img = Image.new("RGB", (SIZE_PX, SIZE_PX), colour)
    draw = ImageDraw.Draw(img)
    size = 120 if len(title) < 50 else 96 if len(title) < 90 else 72
    font = ImageFont.load_default(size)
    lines = textwrap.wrap(title, width=max(8, int(1150 / (size * 0.55))))[:8]
    y = 220
    for line in lines:
        draw.text((120, y), line, fill=(245, 245, 240), font=font)
        y += int(size * 1.2)
    small = ImageFont.load_default(56)
    if byline:
        draw.text((120, SIZE_PX - 260), byline[:40], fill=(210, 210, 200), font=small)
    draw.text((120, SIZE_PX - 170), "Audio edition", fill=(210, 210, 200), font=small)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()
