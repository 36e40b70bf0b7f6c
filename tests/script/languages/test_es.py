"""Spanish golden cases, from Spanish newsroom conventions.

Sources: the RAE and ASALE's "Ortografía de la lengua española" (2010),
chapter on numbers (the thousands dot or space, the decimal comma, "1.º",
"1.er", dates "8 de mayo de 2026", hours "14:30"), Fundéu's recommendations
("el 1 de julio" or "el primero de julio"; "20 %" said "veinte por ciento")
and the "Libro de estilo de El País" (amounts "2,8 millones de euros").
"""

from __future__ import annotations

import pytest

from audio_article.script.normalize.normalizer import normalize_text

GOLDEN = [
    ("Llegaron 21 personas.", "Llegaron veintiún personas."),
    ("Cuesta 45,50 €.", "Cuesta cuarenta y cinco euros con cincuenta céntimos."),
    ("Cuesta 1 €.", "Cuesta un euro."),
    ("Cuesta 2,8 M€.", "Cuesta dos coma ocho millones de euros."),
    ("Hay 12.500 usuarios.", "Hay doce mil quinientos usuarios."),
    ("Sube un 20 %.", "Sube un veinte por ciento."),
    ("Sube un 3,5 %.", "Sube un tres coma cinco por ciento."),
    ("El 8 de mayo de 2026.", "El ocho de mayo de dos mil veintiséis."),
    ("El 1 de julio.", "El primero de julio."),
    ("El 12/10/1492.", "El doce de octubre de mil cuatrocientos noventa y dos."),
    ("Abre a las 14:30 horas.", "Abre a las catorce y treinta."),
    ("Abre a las 6:00.", "Abre a las seis en punto."),
    ("Quedó en 3.er lugar.", "Quedó en tercer lugar."),
    ("El 1.º de la lista.", "El primero de la lista."),
    ("La 2.ª vuelta.", "La segunda vuelta."),
    ("El Sr. Ortega y la Sra. Ruiz.", "El señor Ortega y la señora Ruiz."),
    ("Viajó a EE. UU. en 2024.", "Viajó a Estados Unidos en dos mil veinticuatro."),
    ("Una ruta de 12 km.", "Una ruta de doce kilómetros."),
    ("Hace 20 °C.", "Hace veinte grados centígrados."),
    ("Pan & vino", "Pan y vino"),
    ("Son las 23:30.", "Son las veintitrés y treinta."),
]


@pytest.mark.parametrize("written,spoken", GOLDEN)
def test_spanish_golden(written: str, spoken: str) -> None:
    assert normalize_text(written, "es") == spoken
