"""French golden cases, from French newsroom conventions.

Sources: the Imprimerie nationale's "Lexique des règles typographiques en
usage" (thousands with a space "1 800", decimals with a comma, "14 h 30",
"1er", "2e", "M." for monsieur, "n°"), and the AFP's style book as quoted
by the Académie française's "Dire, ne pas dire" on amounts ("3,5 M€" said
"trois virgule cinq millions d'euros") and dates ("le 1er mai" said "le
premier mai", other days as cardinals).
"""

from __future__ import annotations

import pytest

from audio_article.script.normalize.normalizer import normalize_text

GOLDEN = [
    ("Il y avait 21 personnes.", "Il y avait vingt et un personnes."),
    ("Le kilo coûte 6,90 €.", "Le kilo coûte six euros et quatre-vingt-dix centimes."),
    ("Le billet coûte 1 €.", "Le billet coûte un euro."),
    ("Les travaux ont coûté 3,5 M€.", "Les travaux ont coûté trois virgule cinq millions d'euros."),
    ("Il y a 1 800 places.", "Il y a mille huit cents places."),
    ("Il y a 2\u202f500 visiteurs.", "Il y a deux mille cinq cents visiteurs."),
    ("Une hausse de 15 %.", "Une hausse de quinze pour cent."),
    ("Une hausse de 3,5 %.", "Une hausse de trois virgule cinq pour cent."),
    ("Le 4 avril 2026.", "Le quatre avril deux mille vingt-six."),
    ("Le 1er mai.", "Le premier mai."),
    ("Le 14/07/1789.", "Le quatorze juillet mille sept cent quatre-vingt-neuf."),
    ("Rendez-vous à 8h30.", "Rendez-vous à huit heures trente."),
    ("Rendez-vous à 14 h 30.", "Rendez-vous à quatorze heures trente."),
    ("Ouvert de 8h à 13h.", "Ouvert de huit heures à treize heures."),
    ("Rendez-vous à 1 h.", "Rendez-vous à une heure."),
    ("Le 2e adjoint.", "Le deuxième adjoint."),
    ("La 1re fois.", "La première fois."),
    ("M. Dupont est là.", "Monsieur Dupont est là."),
    ("Il a vu Mme Durand.", "Il a vu madame Durand."),
    ("Il habite au n° 12.", "Il habite au numéro douze."),
    ("Une piste de 12 km.", "Une piste de douze kilomètres."),
    ("Il fait 20 °C.", "Il fait vingt degrés Celsius."),
    ("Depuis 1987.", "Depuis mille neuf cent quatre-vingt-sept."),
    ("Pain & fromage", "Pain et fromage"),
    # "drôle" and "Drôme" keep their letters: abbreviations are whole tokens only.
    ("Un film drôle dans la Drôme.", "Un film drôle dans la Drôme."),
]


@pytest.mark.parametrize("written,spoken", GOLDEN)
def test_french_golden(written: str, spoken: str) -> None:
    assert normalize_text(written, "fr") == spoken
