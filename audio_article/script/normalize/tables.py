"""Data tables for the normalization rules, kept apart from the code.

Edit these to change what is said; the rules in `rules.py` only decide
where a table applies.
"""

from __future__ import annotations

from audio_article.textutil import MONTH_NAMES

ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["", "", *["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]]
SCALES = ["thousand", "million", "billion", "trillion", "quadrillion", "quintillion", "sextillion"]
ORDINAL_WORDS = {
    "zero": "zeroth",
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}

TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200a": " ",
        "\u3000": " ",
        "\u2026": "...",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00ba": "°",
        "\u02da": "°",
    }
)

MONTHS = {name[:3].lower(): name for name in MONTH_NAMES}  # "jan" -> "January"
MONTH_NUMBERS = dict(enumerate(MONTH_NAMES, start=1))

# symbol or code -> (singular, plural, minor singular, minor plural)
CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("US dollar", "US dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "R$": ("real", "reais", "centavo", "centavos"),
    "£": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "sen", "sen"),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "₩": ("won", "won", "jeon", "jeon"),
    "₽": ("ruble", "rubles", "kopek", "kopeks"),
    "₴": ("hryvnia", "hryvnias", "kopiyka", "kopiykas"),
    "₦": ("naira", "naira", "kobo", "kobo"),
    "₺": ("lira", "lira", "kurus", "kurus"),
    "₪": ("shekel", "shekels", "agora", "agorot"),
    "CHF": ("Swiss franc", "Swiss francs", "centime", "centimes"),
    "USD": ("US dollar", "US dollars", "cent", "cents"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "GBP": ("pound", "pounds", "penny", "pence"),
    "JPY": ("yen", "yen", "sen", "sen"),
    "INR": ("rupee", "rupees", "paisa", "paise"),
    "CAD": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "AUD": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "CNY": ("yuan", "yuan", "fen", "fen"),
    "RMB": ("yuan", "yuan", "fen", "fen"),
}
MONEY_SUFFIXES = {
    "k": "thousand",
    "thousand": "thousand",
    "m": "million",
    "mn": "million",
    "mln": "million",
    "million": "million",
    "b": "billion",
    "bn": "billion",
    "billion": "billion",
    "t": "trillion",
    "tn": "trillion",
    "trillion": "trillion",
    "lakh": "lakh",
    "crore": "crore",
}
PER_UNITS = {
    "h": "hour",
    "hr": "hour",
    "hour": "hour",
    "d": "day",
    "day": "day",
    "wk": "week",
    "week": "week",
    "mo": "month",
    "month": "month",
    "yr": "year",
    "year": "year",
    "min": "minute",
    "person": "person",
    "head": "head",
    "share": "share",
    "barrel": "barrel",
    "gallon": "gallon",
    "kg": "kilogram",
    "lb": "pound",
}

# unit -> (singular, plural); matched case-sensitively first, then lowercased.
UNITS = {
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "m/s": ("meter per second", "meters per second"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
    "sq ft": ("square foot", "square feet"),
    "sq m": ("square meter", "square meters"),
    "sq km": ("square kilometer", "square kilometers"),
    "sq mi": ("square mile", "square miles"),
    "km²": ("square kilometer", "square kilometers"),
    "m²": ("square meter", "square meters"),
    "cm²": ("square centimeter", "square centimeters"),
    "m2": ("square meter", "square meters"),
    "km2": ("square kilometer", "square kilometers"),
    "km³": ("cubic kilometer", "cubic kilometers"),
    "m³": ("cubic meter", "cubic meters"),
    "cm³": ("cubic centimeter", "cubic centimeters"),
    "km": ("kilometer", "kilometers"),
    "m": ("meter", "meters"),
    "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"),
    "μm": ("micrometer", "micrometers"),
    "µm": ("micrometer", "micrometers"),
    "nm": ("nanometer", "nanometers"),
    "mi": ("mile", "miles"),
    "ft": ("foot", "feet"),
    "in": ("inch", "inches"),
    "yd": ("yard", "yards"),
    "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "t": ("tonne", "tonnes"),
    "l": ("liter", "liters"),
    "L": ("liter", "liters"),
    "ml": ("milliliter", "milliliters"),
    "mL": ("milliliter", "milliliters"),
    "gal": ("gallon", "gallons"),
    "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"),
    "W": ("watt", "watts"),
    "V": ("volt", "volts"),
    "Hz": ("hertz", "hertz"),
    "kHz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"),
    "GHz": ("gigahertz", "gigahertz"),
    "mbps": ("megabit per second", "megabits per second"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "kbps": ("kilobit per second", "kilobits per second"),
    "GB": ("gigabyte", "gigabytes"),
    "MB": ("megabyte", "megabytes"),
    "TB": ("terabyte", "terabytes"),
    "KB": ("kilobyte", "kilobytes"),
    "ha": ("hectare", "hectares"),
    "ms": ("millisecond", "milliseconds"),
    "hrs": ("hour", "hours"),
    "sec": ("second", "seconds"),
    "secs": ("second", "seconds"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "hr": ("hour", "hours"),
    "cc": ("CC", "CC"),
    "KG": ("kilogram", "kilograms"),
    "KM": ("kilometer", "kilometers"),
    "Kg": ("kilogram", "kilograms"),
    "MM": ("millimeter", "millimeters"),
}
# Units that are also ordinary words or letters: only expanded when glued to the number ("5m", "12in").
GLUED_ONLY_UNITS = frozenset({"m", "in", "g", "t", "l", "L", "W", "V", "mi", "ha", "ms", "cc"})

# Abbreviations that are always expanded (with their full stop).
ABBREVIATIONS = {
    "Dr.": "Doctor",
    "Mr.": "Mister",
    "Mrs.": "Misses",
    "Ms.": "Miz",
    "Prof.": "Professor",
    "Gen.": "General",
    "Lt.": "Lieutenant",
    "Col.": "Colonel",
    "Capt.": "Captain",
    "Sgt.": "Sergeant",
    "Maj.": "Major",
    "Adm.": "Admiral",
    "Cmdr.": "Commander",
    "Cpl.": "Corporal",
    "Sen.": "Senator",
    "Rep.": "Representative",
    "Gov.": "Governor",
    "Pres.": "President",
    "Rev.": "Reverend",
    "Hon.": "Honorable",
    "Supt.": "Superintendent",
    "Insp.": "Inspector",
    "Det.": "Detective",
    "Fr.": "Father",
    "Mt.": "Mount",
    "Ft.": "Fort",
    "Jr.": "Junior",
    "Sr.": "Senior",
    "vs.": "versus",
    "v.": "versus",
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "approx.": "approximately",
    "est.": "established",
    "Inc.": "Incorporated",
    "Ltd.": "Limited",
    "Corp.": "Corporation",
    "Co.": "Company",
    "Bros.": "Brothers",
    "Ave.": "Avenue",
    "Blvd.": "Boulevard",
    "Rd.": "Road",
    "Hwy.": "Highway",
    "Expy.": "Expressway",
    "Ct.": "Court",
    "Ln.": "Lane",
    "Apt.": "Apartment",
    "Ph.D.": "P H D",
    "a.k.a.": "also known as",
}
# Street words without a full stop, only after a capitalised word (123 Laguna Ct).
STREET_WORDS = {
    "St": "Street",
    "Ave": "Avenue",
    "Blvd": "Boulevard",
    "Rd": "Road",
    "Hwy": "Highway",
    "hwy": "Highway",
    "Expy": "Expressway",
    "Ct": "Court",
    "Ln": "Lane",
    "Dr": "Drive",
    "Pl": "Place",
    "Sq": "Square",
    "st": "Street",
}
COMPASS = {
    "N": "North",
    "S": "South",
    "E": "East",
    "W": "West",
    "NE": "Northeast",
    "NW": "Northwest",
    "SE": "Southeast",
    "SW": "Southwest",
}
US_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "DC": "D C",
}

# Acronyms said as words: left alone. Everything else in capitals of 2-5 letters is spelled.
ACRONYM_WORDS = frozenset(
    [
        "NATO",
        "NASA",
        "UNESCO",
        "UNICEF",
        "OPEC",
        "FIFA",
        "COVID",
        "AIDS",
        "LASER",
        "RADAR",
        "SCUBA",
        "NAFTA",
        "ASEAN",
        "ISIS",
        "SARS",
        "MERS",
        "ANZAC",
        "OSHA",
        "FEMA",
        "DARPA",
        "NOAA",
        "ICE",
        "SWAT",
        "GIF",
        "JPEG",
        "NIMBY",
        "PIN",
        "RAM",
        "ROM",
        "CAPTCHA",
        "UEFA",
        "WHO",
    ]
)
# Acronyms with a fixed spoken form.
ACRONYM_SAY = {
    "R&D": "R and D",
    "AT&T": "A T and T",
    "P&O": "P and O",
    "M&A": "M and A",
    "Q&A": "Q and A",
    "B&B": "B and B",
    "S&P": "S and P",
    "WHO": "W H O",
    "tv": "TV",
}
# Single capital letters and short words that must never be spelled or read as Roman numerals.
NOT_ROMAN = frozenset(
    {"I", "V", "X", "L", "C", "D", "M", "MIX", "DIM", "LID", "MID", "CIVIL", "DC", "CD", "MD"}
)
# Words after which a Roman numeral is a regnal or sequence number.
ROMAN_CONTEXT_ORDINAL_NAMES = frozenset(
    [
        "Henry",
        "Elizabeth",
        "Charles",
        "George",
        "Edward",
        "William",
        "James",
        "Louis",
        "Richard",
        "John",
        "Mary",
        "Philip",
        "Frederick",
        "Pope",
        "Pius",
        "Benedict",
        "Gregory",
        "Leo",
        "Innocent",
        "Clement",
        "Alexander",
        "Peter",
        "Ivan",
        "Nicholas",
        "Catherine",
        "Napoleon",
        "Ramses",
        "Sam",
        "Constantine",
        "Otto",
        "Wilhelm",
        "Ferdinand",
        "Alfonso",
        "Juan",
        "Carlos",
        "Felipe",
        "Gustav",
        "Carl",
        "Olav",
        "Harald",
        "Haakon",
        "Christian",
        "Frederik",
        "Victor",
        "Umberto",
        "Rama",
        "Mohammed",
        "Hussein",
        "Abdullah",
        "Fahd",
        "Selim",
        "Suleiman",
        "Mehmed",
        "Murad",
    ]
)
ROMAN_CONTEXT_CARDINAL_WORDS = frozenset(
    [
        "War",
        "Chapter",
        "Part",
        "Volume",
        "Vol",
        "Act",
        "Scene",
        "Book",
        "Phase",
        "Stage",
        "Section",
        "Article",
        "Title",
        "Round",
        "Level",
        "Class",
        "Type",
        "Grade",
        "Division",
        "League",
        "Tier",
        "Super",
        "Bowl",
        "Apollo",
        "Vatican",
        "Star",
        "Rocky",
        "Mark",
        "Episode",
        "Season",
        "Schedule",
        "Annex",
        "Appendix",
        "Amendment",
        "Protocol",
        "Olympiad",
    ]
)
SYMBOLS = {"&": " and ", "+": " plus ", "=": " equals ", "%": " percent", "@": " at "}
# Symbols (Unicode category So) said as words; every other So character is dropped.
SYMBOL_NAMES = {"©": " copyright ", "®": " registered ", "™": " trademark ", "℗": " phonogram copyright "}

# Words that do NOT make a measure or an amount before them an adjective: prepositions, conjunctions,
# determiners, pronouns, auxiliaries, common news verbs, time words and adverbs. After an amount, any
# other word is taken for a noun ("a 22 kg rover", "Approves $4.2bn Budget"); matched lowercased, so
# capitalisation never changes the reading. A closed list, because the nouns are an open class.
NOT_NOUNS_AFTER_AMOUNT = frozenset(
    """
    of in on at to for from by with without into onto over under above below across after before
    during since until till through throughout toward towards per via against among amid between
    beyond despite inside outside near off up down out around about like than as within behind
    beneath along past plus minus versus vs upon apart away ahead back ago apiece each
    and or but nor so yet because while whereas although though if unless when where whether
    which who whom whose that this these those the a an its his her their our my your some any no
    every all both either neither another other such what whatever
    i you he she it we they me him us them
    is was were are be been being am has had have having will would shall should can could may
    might must do does did not isn't wasn't aren't weren't won't can't
    went goes go came come comes rose rises fell falls grew grows stood stands remains says said
    saw sees got gets made makes took takes gave gives left leaves paid pays spent spends cost costs
    lost loses won wins set sets put puts hit hits cut cuts sold sells bought buys brought brings
    built builds found finds kept keeps meant means sent sends lent lends owe owes held holds
    helped helps covers covered includes included represents accounts marks topped tops
    worth more less fewer higher lower heavier lighter longer shorter bigger smaller larger greater
    wider deeper taller further farther faster slower high long wide deep tall thick short heavy
    hence thus however even just only nearly almost roughly respectively combined alone net
    total overall altogether instead too also already still again
    annually yearly monthly weekly daily nightly hourly quarterly initially originally previously
    recently collectively individually jointly together earlier later now then here there
    last next today tonight yesterday tomorrow
    monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    dollars euros pounds yen percent
    """.split()
)
# Words (lowercased) a designated number follows, read as a person reads it: "room two-oh-one",
# "flight fifteen forty-nine", "highway one-oh-one" (see designators.py).
DESIGNATOR_WORDS = frozenset(
    """
    room rooms flight route gate platform bus channel highway interstate suite apartment
    terminal pier track exit train tram studio ward berth dock hangar cabin cell unit building
    precinct engine ladder
    """.split()
)
# Time zones after a clock time. US broadcast style says the two-letter zones as words ("nine p.m.
# Eastern Time"); the three-letter ones are read as letters, as newsreaders and the public cases
# read them: written in capitals, which engines spell, or spaced where a code is also a word ("IST").
TIME_ZONES = {
    "ET": "Eastern Time",
    "CT": "Central Time",
    "MT": "Mountain Time",
    "PT": "Pacific Time",
    "AKT": "Alaska Time",
    "HT": "Hawaii Time",
    **{code: code for code in "EST EDT CST CDT MST MDT PST PDT GMT UTC BST CET JST".split()},
    "IST": "I S T",
    "CEST": "C E S T",
}
# Words that make a letter grade a credit rating when they stand in the same sentence.
RATING_CONTEXT = frozenset(
    """
    rating ratings rated rate rates downgrade downgraded downgrades upgrade upgraded upgrades
    moody's moodys s&p fitch dbrs scope outlook credit creditworthiness bond bonds debt
    investment-grade junk sovereign issuer notch notches
    """.split()
)
# Regnal names beyond ROMAN_CONTEXT_ORDINAL_NAMES (popes, monarchs): "Pope John Paul II".
MORE_REGNAL_NAMES = frozenset(
    """
    Paul Urban Sixtus Boniface Celestine Adrian Hadrian Julius Stephen Baldwin Robert David Edmund
    Harold Ethelred Anne Isabella Joseph Franz Leopold Rudolf Maximilian Sigismund Casimir Vladimir
    Boris Simeon Mswati Letsie Tupou Albert Rainier Baudouin Hassan Faisal Ramesses Thutmose
    Amenhotep Ptolemy Antiochus Cleopatra Darius Xerxes Artaxerxes Philippe Willem Adam Hans
    Sobhuza Norodom Tamar Bagrat Manuel Afonso Sancho Pedro Jaime Alfonso Fernando Enrique Ludwig
    Friedrich Karl Christina Margrethe Gustaf Oscar Magnus Eric Erik Valdemar Sverre Olaf Knut
    Canute Hirohito Kamehameha Lalibela Menelik Tewodros Yohannes Zara Michael Andronikos Basil
    Leo Justinian Theodosius Alexios Ioannis Mstislav Yaroslav Innocent Felix Sergius Marcellus
    """.split()
)
