from __future__ import annotations

from audio_article.cli.errors import error_line, one_line


def test_control_characters_are_escaped() -> None:
    assert one_line("a\nb\r\tc\x1b[0m\x85\u2028d") == "a\\nb\\r\\tc\\x1b[0m\\x85\\u2028d"


def test_printable_text_is_kept() -> None:
    text = "Łódź — «café» 東京 ✓ C:\\path"
    assert one_line(text) == text


def test_error_line_has_one_prefix_and_no_line_break() -> None:
    line = error_line("x.md:\nline two", "internal error")
    assert line == "audio-article: internal error: x.md:\\nline two" and "\n" not in line
