"""Dutch golden cases, from Dutch newsroom conventions.

Sources: the Nederlandse Taalunie's taaladvies.net (the thousands dot
"7.500", the decimal comma, "€ 1,25" said "één euro vijfentwintig", times
"10.00 uur" said "tien uur", "1e", "2de", "o.a.", "dhr.") and the
Volkskrant stijlboek (years "1913" said "negentienhonderddertien").
"""

from __future__ import annotations

import pytest

from audio_article.script.normalize.normalizer import normalize_text

GOLDEN = [
    ("Er kwamen 21 mensen.", "Er kwamen eenentwintig mensen."),
    ("Een dag kost € 1,25.", "Een dag kost één euro vijfentwintig."),
    ("Het kost 12 euro.", "Het kost twaalf euro."),
    ("De bouw kostte € 21,5 miljoen.", "De bouw kostte eenentwintig komma vijf miljoen euro."),
    ("Plaats voor 7.500 fietsen.", "Plaats voor zevenduizendvijfhonderd fietsen."),
    ("Zes procent: 6%.", "Zes procent: zes procent."),
    ("Op 3 september 2026.", "Op drie september tweeduizendzesentwintig."),
    ("Op 3-9-2026.", "Op drie september tweeduizendzesentwintig."),
    ("Om 10.00 uur.", "Om tien uur."),
    ("Om 14:30 uur.", "Om veertien uur dertig."),
    ("De 2e verbouwing.", "De tweede verbouwing."),
    ("De 1ste keer.", "De eerste keer."),
    ("Dit o.a. met dhr. Bakker.", "Dit onder andere met de heer Bakker."),
    ("Het dateert uit 1913.", "Het dateert uit negentien honderd dertien."),
    ("Een rit van 12 km.", "Een rit van twaalf kilometer."),
    ("Brood & kaas", "Brood en kaas"),
]


@pytest.mark.parametrize("written,spoken", GOLDEN)
def test_dutch_golden(written: str, spoken: str) -> None:
    assert normalize_text(written, "nl") == spoken
