"""`inspect --spoken` in the article's language, `--language`, and the error for an unsupported one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES
from helpers import run

LANGUAGES = SAMPLES / "languages"
# What each sample's spoken text must hold: its numbers, dates and money in that language.
EXPECTED = {
    "de-stadtbibliothek.md": [
        "am sechzehnten März zweitausendsechsundzwanzig",
        "vier Komma zwei Millionen Euro",
        "fünfzehn Euro und fünfzig Cent",
        "zwölf Prozent",
        "neun Uhr dreißig",
    ],
    "fr-marche-couvert.md": [
        "le quatre avril deux mille vingt-six",
        "trois virgule cinq millions d'euros",
        "six euros et quatre-vingt-dix centimes",
        "huit heures trente",
    ],
    "es-bicicletas.md": [
        "el ocho de mayo de dos mil veintiséis",
        "cuarenta y cinco euros con cincuenta céntimos",
        "veinte por ciento",
        "veintitrés y treinta",
    ],
    "it-biblioteca.md": [
        "il quindici giugno duemilaventisei",
        "uno virgola nove milioni di euro",
        "dodici euro e cinquanta centesimi",
        "alle nove e trenta",
    ],
    "pt-eletricos.md": [
        "a vinte de julho de dois mil e vinte e seis",
        "um euro e oitenta e cinco cêntimos",
        "oito por cento",
        "às sete horas",
    ],
    "nl-fietsenstalling.md": [
        "op drie september tweeduizendzesentwintig",
        "één euro vijfentwintig",
        "zes procent",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_inspect_spoken_reads_each_sample_in_its_language(name: str) -> None:
    proc = run("inspect", str(LANGUAGES / name), "--spoken", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["language"] == name[:2]
    spoken = " ".join(segment["spoken"] for segment in data["segments"]).lower()
    for phrase in EXPECTED[name]:
        assert phrase.lower() in spoken
    assert not any(word in spoken for word in (" dollars", " percent", "audio edition"))


def test_language_option_overrides_the_declaration(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Titel\nlang: en\n---\n\nEs kostet 5 €.\n", encoding="utf-8")
    proc = run("inspect", str(path), "--spoken", "--language", "de")
    assert proc.returncode == 0, proc.stderr
    assert "language: de" in proc.stdout and "fünf Euro" in proc.stdout


def test_an_unsupported_language_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Otsikko\nlang: fi\n---\n\nSe maksaa 5 €.\n", encoding="utf-8")
    proc = run("inspect", str(path), "--spoken")
    assert proc.returncode != 0
    assert "language 'fi' is not supported" in proc.stderr and "de (German)" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_malformed_language_option_is_refused() -> None:
    proc = run("inspect", str(LANGUAGES / "de-stadtbibliothek.md"), "--language", "German")
    assert proc.returncode != 0 and "BCP 47" in proc.stderr
