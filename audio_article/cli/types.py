"""Click parameter types shared by the commands: numbers that must be finite and in range.

`click.FloatRange` lets "nan" through (every comparison with NaN is false)
and "inf" through an open-ended range, so `--lufs nan` once built an episode
at -49 LUFS. Whole numbers use `click.IntRange`, which cannot see either.
"""

from __future__ import annotations

import math
from typing import Any

import click

from audio_article.schema import http_url


class FiniteFloat(click.FloatRange):
    """A float in [low, high] (both required); NaN and infinities are refused by name."""

    name = "number"

    def __init__(self, low: float, high: float) -> None:
        super().__init__(low, high)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """Parse and check one value; failures become click's usage error for the option."""
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number.", param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return super().convert(number, param, ctx)


class PublicUrl(click.types.StringParamType):
    """An http(s) URL with a host, no spaces and no query or fragment: a folder media links extend."""

    name = "url"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """Check one URL, with the same rule as show.toml's `base_url`."""
        text = super().convert(value, param, ctx)
        problem = http_url(query=False)(text)
        if problem:
            self.fail(f"{text!r}: {problem}", param, ctx)
        return text
