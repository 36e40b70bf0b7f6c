"""Data tables for the normalization rules, kept apart from the code."""

from __future__ import annotations

TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200a": " ",
        "\u2026": "...",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
    }
)
