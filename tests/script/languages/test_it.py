"""Italian golden cases, from Italian newsroom conventions.

Sources: the Accademia della Crusca's advice on numbers and dates
("il 1º maggio" said "il primo maggio", other days as cardinals; the
decimal comma; "1.000"), and the ANSA style guide as given in its
"Vademecum" (hours "alle 9:30" said "alle nove e trenta", amounts
"1,9 mln €" said "uno virgola nove milioni di euro").
"""

from __future__ import annotations

import pytest

from audio_article.script.normalize.normalizer import normalize_text

GOLDEN = [
    ("Sono arrivate 21 persone.", "Sono arrivate ventuno persone."),
    ("Costa 12,50 €.", "Costa dodici euro e cinquanta centesimi."),
    ("Costa 1 €.", "Costa un euro."),
    ("Sono costati 1,9 mln €.", "Sono costati uno virgola nove milioni di euro."),
    ("Ci sono 48.000 volumi.", "Ci sono quarantottomila volumi."),
    ("Il 10 % in più.", "Il dieci per cento in più."),
    ("Il 15 giugno 2026.", "Il quindici giugno duemilaventisei."),
    ("Il 1º maggio.", "Il primo maggio."),
    ("Il 25/04/1945.", "Il venticinque aprile millenovecentoquarantacinque."),
    ("Alle 9:30.", "Alle nove e trenta."),
    ("Dalle 9:00 alle 19:30.", "Dalle nove alle diciannove e trenta."),
    ("Al 3º posto.", "Al terzo posto."),
    ("La 2ª volta.", "La seconda volta."),
    ("Il dott. Bianchi e il prof. Neri.", "Il dottor Bianchi e il professor Neri."),
    ("Dal 1962.", "Dal millenovecentosessantadue."),
    ("Un percorso di 12 km.", "Un percorso di dodici chilometri."),
    ("Ci sono 20 °C.", "Ci sono venti gradi centigradi."),
    ("Pane & vino", "Pane e vino"),
]


@pytest.mark.parametrize("written,spoken", GOLDEN)
def test_italian_golden(written: str, spoken: str) -> None:
    assert normalize_text(written, "it") == spoken
