"""Data for the engine dialects in `dialects.py`: words an engine says badly, and what to send instead.

Each entry was measured: espeak-ng's own phonemes for the word (what
`espeak_TextToPhonemes` gives) against what a listener, and Whisper base,
heard. tests/script/test_dialects.py checks every entry against espeak-ng.
"""

from __future__ import annotations

# espeak-ng (en-us) phonemes for number words it says in a way listeners mishear.
# "forty" gets the vowel of "for" and a flapped t (f'O@t#i): heard as "for the".
ESPEAK_WORDS: dict[str, str] = {
    "forty": "f'o@rti",
    "fortieth": "f'o@rti@T",
    "forties": "f'o@rtiz",
}

# At the end of a number the teens are stressed on "-teen", as a newsreader
# does to keep them apart from the tens ("fourteen" was heard as "forty");
# before another number word ("nineteen fourteen") the stress stays in front.
ESPEAK_TEENS: dict[str, str] = {
    "thirteen": "T,3:t'i:n",
    "fourteen": "f,o@rt'i:n",
    "fifteen": "f,Ift'i:n",
    "sixteen": "s,Ikst'i:n",
    "seventeen": "s,Ev@nt'i:n",
    "eighteen": ",eIt'i:n",
    "nineteen": "n,aInt'i:n",
    "thirteenth": "T,3:t'i:nT",
    "fourteenth": "f,o@rt'i:nT",
    "fifteenth": "f,Ift'i:nT",
    "sixteenth": "s,Ikst'i:nT",
    "seventeenth": "s,Ev@nt'i:nT",
    "eighteenth": ",eIt'i:nT",
    "nineteenth": "n,aInt'i:nT",
}

# The parts of spoken numbers: espeak-ng runs "forty-six" together as one
# word with one stress (f'O@t#is'Iks) where the digits get two; a space keeps
# the words apart. Measured: "eighty-one minutes" 53 % word errors, "eighty
# one minutes" 26 %.
_NUMBER_WORD_LIST = """
zero oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
thousand million billion trillion first second third fourth fifth sixth seventh eighth ninth tenth
twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth
millionth billionth twenties thirties forties fifties sixties seventies eighties nineties hundreds
thousands millions billions
"""
NUMBER_WORDS: frozenset[str] = frozenset(_NUMBER_WORD_LIST.split())
