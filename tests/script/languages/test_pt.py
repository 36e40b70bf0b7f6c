"""Portuguese golden cases, from Portuguese newsroom conventions.

Sources: the "Livro de Estilo" of the newspaper Público (hours "7h00",
"6h30"; dates "20 de julho de 2026"; "1.º", "1.ª"; the decimal comma and
the thousands dot), and the "Manual da Redação" of the Folha de S. Paulo
(amounts "R$ 1.234,56"; "8 %" said "oito por cento").
"""

from __future__ import annotations

import pytest

from audio_article.script.normalize.normalizer import normalize_text

GOLDEN = [
    ("Vieram 21 pessoas.", "Vieram vinte e um pessoas."),
    ("Custa 1,85 €.", "Custa um euro e oitenta e cinco cêntimos."),
    ("Custa 40 €.", "Custa quarenta euros."),
    ("Custa R$ 1.234,56.", "Custa mil duzentos e trinta e quatro reais e cinquenta e seis cêntimos."),
    ("Custou 48,5 M€.", "Custou quarenta e oito vírgula cinco milhões de euros."),
    ("São 15.000 passageiros.", "São quinze mil passageiros."),
    ("Mais 8 %.", "Mais oito por cento."),
    ("A 20 de julho de 2026.", "A vinte de julho de dois mil e vinte e seis."),
    ("A 1 de maio.", "A primeiro de maio."),
    ("Em 25/04/1974.", "Em vinte e cinco de abril de mil novecentos e setenta e quatro."),
    ("Às 7h00.", "Às sete horas."),
    ("Às 6h30.", "Às seis horas e trinta."),
    ("É a 1.ª linha.", "É a primeira linha."),
    ("O 2.º lugar.", "O segundo lugar."),
    ("O Sr. Almeida e a Dra. Costa.", "O senhor Almeida e a doutora Costa."),
    ("Tem 6,5 km.", "Tem seis vírgula cinco quilómetros."),
    ("Desde 1995.", "Desde mil novecentos e noventa e cinco."),
    ("Pão & vinho", "Pão e vinho"),
]


@pytest.mark.parametrize("written,spoken", GOLDEN)
def test_portuguese_golden(written: str, spoken: str) -> None:
    assert normalize_text(written, "pt") == spoken
