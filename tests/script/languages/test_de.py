"""German golden cases, from German newsroom conventions.

Sources: DIN 5008:2020 (dates "16.03.2026", times "14:30 Uhr", the thousands
dot "1.000", the decimal comma), the dpa style guide as summarised in the
"dpa-Handbuch" (amounts "4,2 Mio. Euro" said "vier Komma zwei Millionen Euro";
years "neunzehnhundert...", ordinals "am 3. Mai" said "am dritten Mai") and
Duden's list of abbreviations ("z. B.", "u. a.", "bzw.", "Nr.").
"""

from __future__ import annotations

import pytest

from audio_article.script.normalize.normalizer import normalize_text

GOLDEN = [
    ("Es kamen 21 Gäste.", "Es kamen einundzwanzig Gäste."),
    ("Das kostet 12,50 €.", "Das kostet zwölf Euro und fünfzig Cent."),
    ("Das kostet € 3.", "Das kostet drei Euro."),
    ("Der Bau kostete 4,2 Mio. €.", "Der Bau kostete vier Komma zwei Millionen Euro."),
    ("Die Stadt hat 85.000 Einwohner.", "Die Stadt hat fünfundachtzigtausend Einwohner."),
    ("Die Quote liegt bei 3,5 %.", "Die Quote liegt bei drei Komma fünf Prozent."),
    ("Die Quote liegt bei 12%.", "Die Quote liegt bei zwölf Prozent."),
    ("Pi ist etwa 3,14.", "Pi ist etwa drei Komma eins vier."),
    ("Wir treffen uns am 16.03.2026.", "Wir treffen uns am sechzehnten März zweitausendsechsundzwanzig."),
    ("Der 3. Mai ist ein Sonntag.", "Der dritte Mai ist ein Sonntag."),
    ("Das war am 1. Mai 1990.", "Das war am ersten Mai neunzehnhundertneunzig."),
    ("Der Zug fährt um 14:30 Uhr.", "Der Zug fährt um vierzehn Uhr dreißig."),
    ("Der Zug fährt um 14.30 Uhr.", "Der Zug fährt um vierzehn Uhr dreißig."),
    ("Beginn ist um 9:00 Uhr.", "Beginn ist um neun Uhr."),
    ("Das Haus wurde 1958 gebaut.", "Das Haus wurde neunzehnhundertachtundfünfzig gebaut."),
    ("Seit 2021 gilt die Regel.", "Seit zweitausendeinundzwanzig gilt die Regel."),
    ("Er wurde im 2. Stock gefunden.", "Er wurde im zweiten Stock gefunden."),
    ("Sie belegte den 3. Platz.", "Sie belegte den dritten Platz."),
    ("Es gab z. B. Kuchen.", "Es gab zum Beispiel Kuchen."),
    ("Dr. Lang kam u. a. mit Prof. Weber.", "Doktor Lang kam unter anderem mit Professor Weber."),
    ("Haus Nr. 5 bzw. Nr. 7.", "Haus Nummer fünf beziehungsweise Nummer sieben."),
    ("Die Strecke ist 12 km lang.", "Die Strecke ist zwölf Kilometer lang."),
    ("Es hat 20 °C.", "Es hat zwanzig Grad Celsius."),
    ("Es waren -5 Grad.", "Es waren minus fünf Grad."),
    ("Er hat 1 Kind.", "Er hat ein Kind."),
    ("Tom & Jerry", "Tom und Jerry"),
    # Whole tokens only: "Nr" inside a word, "ca." inside "Mica." stay as written.
    ("Die Nrn sind Mica.", "Die Nrn sind Mica."),
]


@pytest.mark.parametrize("written,spoken", GOLDEN)
def test_german_golden(written: str, spoken: str) -> None:
    assert normalize_text(written, "de") == spoken
