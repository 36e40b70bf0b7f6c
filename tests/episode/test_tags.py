"""ID3 tags: the language frame (TLAN) and the summary's language, read back with mutagen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mutagen.id3 import ID3

from audio_article.episode.iso639 import ISO_639_2
from audio_article.episode.tags import TagData, write_tags

ISO_CODES = Path("/usr/share/iso-codes/json/iso_639-2.json")


def _tags(tmp_path: Path, language: str) -> ID3:
    mp3 = tmp_path / "x.mp3"
    mp3.write_bytes(b"")
    write_tags(mp3, TagData("T", "A", "Al", None, "Résumé", language, None, None, ()), id3_version=4)
    return ID3(str(mp3))


@pytest.mark.parametrize(
    "language,code",
    [("en", "eng"), ("de", "deu"), ("fr-CA", "fra"), ("pt-BR", "por"), ("sv", "swe"), ("fi", "fin")],
)
def test_tlan_is_the_three_letter_code(tmp_path: Path, language: str, code: str) -> None:
    tags = _tags(tmp_path, language)
    assert tags["TLAN"].text == [code]
    assert tags.getall("COMM")[0].lang == code


def test_an_unknown_language_is_undetermined(tmp_path: Path) -> None:
    assert _tags(tmp_path, "xx")["TLAN"].text == ["und"]


@pytest.mark.skipif(not ISO_CODES.exists(), reason="Debian's iso-codes not installed")
def test_every_two_letter_code_maps_as_iso_codes_says() -> None:
    entries = json.loads(ISO_CODES.read_text(encoding="utf-8"))["639-2"]
    expected = {e["alpha_2"]: e.get("terminology", e["alpha_3"]) for e in entries if "alpha_2" in e}
    assert expected == ISO_639_2
    assert len(ISO_639_2) > 180
