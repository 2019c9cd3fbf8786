#!/usr/bin/env python3
"""Generate the synthetic, labelled UK-school test corpus for safecarry.

Every person in this corpus is FICTIONAL.  Names are assembled at random from
hand-written pools below; identifiers are generated to satisfy (or, for the
look-alikes in clean files, to fail) the published check-digit rules; phone
numbers come from Ofcom's drama ranges; e-mail domains are example.org or the
fictional schools' .sch.uk domains.

Output:
    tests/corpus/files/...      the corpus files
    tests/corpus/labels.csv     path,personal_data,special_category,description

Run:  python3 tests/corpus/generate.py      (deterministic: fixed seed and
fixed timestamps inside every container format)

Needs: pip install python-docx openpyxl python-pptx odfpy reportlab Pillow xlwt
       apt-get install fonts-dejavu-core   (PDF/image text; falls back if absent)
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import os
import random
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20240902
rng = random.Random(SEED)
ROOT = Path(__file__).resolve().parent
FILES = ROOT / "files"
FIXED_ZIP_TIME = (2024, 11, 4, 9, 15, 0)
FIXED_ISO = "2024-11-04T09:15:00Z"
TODAY = dt.date(2024, 11, 4)  # "now" inside the corpus (autumn term 2024-25)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# ---------------------------------------------------------------------------
# Identifier validation (the product's rules)
# ---------------------------------------------------------------------------
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # 23 letters, I O S excluded; index = value
UCI_LETTERS = "ABCDEFGHKLMRTVWXY"  # 17 letters; index = value


def upn_check_letter(body12: str):
    """Check letter for the 12 characters at positions 2..13, or None."""
    total = 0
    for pos, ch in enumerate(body12, start=2):
        if ch.isdigit():
            v = int(ch)
        elif pos == 13 and ch in UPN_LETTERS:
            v = UPN_LETTERS.index(ch)
        else:
            return None
        total += pos * v
    return UPN_LETTERS[total % 23]


def upn_valid(s: str) -> bool:
    s = s.strip().upper()
    if not re.fullmatch(r"[A-Z]\d{11}[0-9A-Z]", s):
        return False
    return upn_check_letter(s[1:]) == s[0]


def uln_valid(s: str) -> bool:
    s = re.sub(r"\s", "", s)
    if not re.fullmatch(r"[1-9]\d{9}", s):
        return False
    return sum(int(d) * w for d, w in zip(s, range(10, 0, -1))) % 11 == 10


def nhs_valid(s: str) -> bool:
    s = re.sub(r"[\s-]", "", s)
    if not re.fullmatch(r"\d{10}", s):
        return False
    r = sum(int(d) * w for d, w in zip(s[:9], range(10, 1, -1))) % 11
    check = 11 - r
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(s[9])


def ni_valid(s: str) -> bool:
    s = re.sub(r"\s", "", s.upper())
    m = re.fullmatch(r"([A-Z])([A-Z])(\d{6})([A-D])", s)
    if not m:
        return False
    a, b = m.group(1), m.group(2)
    if a in "DFIQUV" or b in "DFIQUVO":
        return False
    return a + b not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def uci_valid(s: str) -> bool:
    # Only all-digit 6th characters are generated/validated here.
    if not re.fullmatch(r"\d{12}[A-Z]", s):
        return False
    total = sum(int(c) * w for c, w in zip(s[:12], range(16, 4, -1)))
    return UCI_LETTERS[total % 17] == s[12]


def iban_valid(s: str) -> bool:
    s = s.replace(" ", "").upper()
    if not re.fullmatch(r"GB\d{2}[A-Z]{4}\d{14}", s):
        return False
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


POSTCODE_RE = re.compile(r"^(GIR 0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2})$")


def postcode_valid(s: str) -> bool:
    return bool(POSTCODE_RE.match(s))


def drama_phone(s: str) -> bool:
    d = re.sub(r"[\s()\-]", "", str(s))
    if d.startswith("+44"):
        d = "0" + d[3:]
    if re.fullmatch(r"\d{10}", d):  # stored as a number in a spreadsheet
        d = "0" + d
    return bool(re.fullmatch(r"07700900\d{3}|01632960\d{3}|02079460\d{3}|01134960\d{3}", d))


# ---------------------------------------------------------------------------
# Identifier generators (valid by construction, asserted)
# ---------------------------------------------------------------------------
def make_upn(la: str, estab: str, year2: str, temporary=False) -> str:
    if temporary:
        body = la + estab + year2 + "".join(rng.choice("0123456789") for _ in range(2)) + rng.choice(UPN_LETTERS)
    else:
        body = la + estab + year2 + "".join(rng.choice("0123456789") for _ in range(3))
    upn = upn_check_letter(body) + body
    assert upn_valid(upn), upn
    return upn


def make_uln() -> str:
    while True:
        d = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
        s = sum(x * w for x, w in zip(d, range(10, 1, -1)))
        last = (10 - s) % 11
        if last < 10:
            uln = "".join(map(str, d + [last]))
            assert uln_valid(uln)
            return uln


def make_nhs() -> str:
    while True:
        d = [9, 9, 9] + [rng.randint(0, 9) for _ in range(6)]
        r = sum(x * w for x, w in zip(d, range(10, 1, -1))) % 11
        c = 11 - r
        c = 0 if c == 11 else c
        if c != 10:
            s = "".join(map(str, d + [c]))
            assert nhs_valid(s)
            return f"{s[:3]} {s[3:6]} {s[6:]}"


NI_OK_FIRST = [c for c in "ABCEGHJKLMNOPRSTWXYZ"]
NI_OK_SECOND = [c for c in "ABCEGHJKLMNPRSTWXYZ"]


def make_ni() -> str:
    while True:
        p = rng.choice(NI_OK_FIRST) + rng.choice(NI_OK_SECOND)
        s = p + "".join(rng.choice("0123456789") for _ in range(6)) + rng.choice("ABCD")
        if ni_valid(s):
            return s


def make_uci(centre: str, year2: str, cand: str) -> str:
    body = centre + "0" + year2 + cand
    total = sum(int(c) * w for c, w in zip(body, range(16, 4, -1)))
    uci = body + UCI_LETTERS[total % 17]
    assert uci_valid(uci), uci
    return uci


def make_iban(bank: str, sort: str, acct: str) -> str:
    bban = bank + sort.replace("-", "") + acct
    r = bban + "GB00"
    n = int("".join(str(int(c, 36)) for c in r))
    iban = f"GB{98 - n % 97:02d}{bban}"
    assert iban_valid(iban), iban
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))


_used_phones: set = set()


def make_phone(kind="mobile") -> str:
    while True:
        n = rng.randint(1, 999)
        s = {"mobile": f"07700 900{n:03d}", "leeds": f"0113 496 0{n:03d}",
             "london": f"020 7946 0{n:03d}", "bradford": f"01632 960{n:03d}"}[kind]
        if s not in _used_phones:
            _used_phones.add(s)
            assert drama_phone(s)
            return s


# ---------------------------------------------------------------------------
# Look-alike generators for clean files (asserted to FAIL the checks)
# ---------------------------------------------------------------------------
def fake_ten_digits() -> str:
    """A 10-digit number that is neither a valid ULN nor NHS number nor a phone."""
    while True:
        s = str(rng.randint(1, 6)) + "".join(rng.choice("0123456789") for _ in range(9))
        variants = [s] + [str(round(int(s), -k)) for k in (3, 4, 6)]  # rounded answers must fail too
        if not any(uln_valid(v) or nhs_valid(v) or drama_phone(v) for v in variants):
            return s


def fake_upn() -> str:
    """Letter + 12 digits with the WRONG check letter."""
    while True:
        body = "".join(rng.choice("0123456789") for _ in range(12))
        good = upn_check_letter(body)
        bad = rng.choice([c for c in UPN_LETTERS if c != good])
        if not upn_valid(bad + body):
            return bad + body


def fake_uci() -> str:
    while True:
        s = "".join(rng.choice("0123456789") for _ in range(12)) + rng.choice(UCI_LETTERS)
        if not uci_valid(s):
            return s


def fake_ni() -> str:
    """NI-shaped part number that fails (bad prefix letter or suffix)."""
    bad_first = rng.choice("DFIQUV")
    s = bad_first + rng.choice("ABCEGH") + "".join(rng.choice("0123456789") for _ in range(6)) + rng.choice("ABCD")
    assert not ni_valid(s)
    return s


def isbn13() -> str:
    while True:
        d = [9, 7, 8, 1] + [rng.randint(0, 9) for _ in range(8)]
        c = (10 - sum(x * (1 if i % 2 == 0 else 3) for i, x in enumerate(d)) % 10) % 10
        s = "".join(map(str, d + [c]))
        return f"{s[:3]}-{s[3]}-{s[4:8]}-{s[8:12]}-{s[12]}"


# ---------------------------------------------------------------------------
# Fictional people
# ---------------------------------------------------------------------------
# Gendered surnames are tuples: (male form, daughter/girl form, married woman form).
HERITAGE = {
    "british": dict(w=30, eth=["WBRI"] * 5 + ["WOTH"], rel=["No religion", "Christian", "No religion", "Christian", "Information not yet obtained"],
                    girls=["Amelia", "Isla", "Poppy", "Freya", "Evie", "Ivy", "Maisie", "Elsie", "Harriet", "Xanthe", "Tilly-Mae", "Rosalind", "Imogen", "Lexi"],
                    boys=["Oliver", "Harry", "George", "Alfie", "Jack", "Arthur", "Reggie", "Theo", "Bartholomew", "Ellis", "Jenson", "Kit", "Rory", "Finley"],
                    sur=["Hartley", "Pennington", "Whitworth", "Briggs", "Ashdown", "Cartwright", "Fairbrother", "Oakes", "Ramsbottom", "Sowerby", "Threlfall",
                         "Quennell", "Fenwick-Lowe", "Hart-Davies", "Beaumont-Clarke", "Pryce-Jones", "Featherstonehaugh", "Entwistle", "Haigh", "Illingworth",
                         "Pritchard", "MacLeod", "Llewellyn", "Garside"],
                    af=["Claire", "Gemma", "Rebecca", "Joanne", "Hayley", "Kirsty", "Nicola", "Bethan", "Fiona", "Leanne"],
                    am=["Darren", "Craig", "Lee", "Matthew", "Stuart", "Gareth", "Neil", "Andrew", "Callum", "Martyn"]),
    "irish": dict(w=4, eth=["WIRI"], rel=["Roman Catholic", "Christian"],
                  girls=["Niamh", "Aoife", "Saoirse", "Róisín", "Caoimhe", "Siobhán"], boys=["Cian", "Oisín", "Ciarán", "Tadhg", "Darragh", "Fionn"],
                  sur=["O'Sullivan", "McGrath", "Kavanagh", "Ó Ceallaigh", "Breathnach", "Doherty", "Fitzgerald-Nolan"],
                  af=["Orla", "Máire", "Deirdre", "Aisling"], am=["Seán", "Pádraig", "Declan", "Colm"]),
    "polish": dict(w=6, eth=["WEEU", "WOTH"], rel=["Roman Catholic"],
                   girls=["Zofia", "Wiktoria", "Łucja", "Maja", "Zuzanna", "Oliwia"], boys=["Jakub", "Szymon", "Antoni", "Filip", "Kacper", "Mikołaj"],
                   sur=[("Kowalczyk",) * 3, ("Wiśniewski", "Wiśniewska", "Wiśniewska"), ("Zieliński", "Zielińska", "Zielińska"),
                        ("Grabowski", "Grabowska", "Grabowska"), ("Wróbel",) * 3, ("Dąbrowski", "Dąbrowska", "Dąbrowska")],
                   af=["Agnieszka", "Katarzyna", "Magdalena", "Joanna"], am=["Tomasz", "Krzysztof", "Paweł", "Marcin"]),
    "romanian": dict(w=4, eth=["WEEU"], rel=["Orthodox Christian"],
                     girls=["Ioana", "Bianca", "Andreea", "Maria-Elena", "Denisa"], boys=["Andrei", "Ștefan", "Mihai", "Darius", "Luca"],
                     sur=["Popescu", "Dumitrescu", "Constantinescu", "Stoica", "Munteanu"],
                     af=["Elena", "Mihaela", "Alina"], am=["Florin", "Cătălin", "Bogdan"]),
    "lithuanian": dict(w=3, eth=["WEEU"], rel=["Roman Catholic", "No religion"],
                       girls=["Gabija", "Austėja", "Ugnė", "Emilija"], boys=["Lukas", "Matas", "Dominykas", "Jokūbas"],
                       sur=[("Kazlauskas", "Kazlauskaitė", "Kazlauskienė"), ("Petrauskas", "Petrauskaitė", "Petrauskienė"),
                            ("Jankauskas", "Jankauskaitė", "Jankauskienė"), ("Žukauskas", "Žukauskaitė", "Žukauskienė")],
                       af=["Rasa", "Jurgita", "Inga"], am=["Tomas", "Mindaugas", "Darius"]),
    "pakistani": dict(w=7, eth=["APKN"], rel=["Muslim"],
                      girls=["Zainab", "Mehreen", "Aisha", "Hafsa", "Inaaya", "Maryam"], boys=["Hamza", "Ayaan", "Zayn", "Ibrahim", "Musa", "Rayyan"],
                      sur=["Hussain", "Chaudhry", "Akhtar", "Iqbal", "Mahmood", "Siddiqui", "Bashir"],
                      af=["Nasreen", "Samina", "Rubina", "Shazia"], am=["Imran", "Tariq", "Asif", "Naveed"]),
    "indian_hindu": dict(w=3, eth=["AIND"], rel=["Hindu"],
                         girls=["Priya", "Anaya", "Diya", "Ishani", "Kavya"], boys=["Aarav", "Arjun", "Ishaan", "Rohan", "Vihaan"],
                         sur=["Patel", "Iyer", "Sharma", "Bhattacharya", "Mistry", "Chauhan"],
                         af=["Sunita", "Deepa", "Anjali"], am=["Rajesh", "Sanjay", "Vikram"]),
    "indian_sikh": dict(w=3, eth=["AIND"], rel=["Sikh"],
                        girls=["Simran", "Harleen", "Jasleen", "Navneet"], boys=["Gurveer", "Harjot", "Arjan", "Manveer"],
                        sur=["Sandhu", "Gill", "Dhillon", "Bains"], af=["Manpreet", "Rajwinder", "Kulvinder"], am=["Harjit", "Jaswinder", "Sukhdev"]),
    "bangladeshi": dict(w=3, eth=["ABAN"], rel=["Muslim"],
                        girls=["Nusrat", "Tasnim", "Ayesha", "Sumaiya"], boys=["Rahim", "Tahmid", "Farhan", "Arif"],
                        sur=["Rahman", "Miah", "Uddin", "Islam", "Chowdhury"], af=["Shirin", "Rokeya", "Nazma"], am=["Abdul", "Jamal", "Shahid"]),
    "nigerian": dict(w=4, eth=["BNGN", "BAFR"], rel=["Christian", "Christian", "Muslim"],
                     girls=["Chidera", "Adaeze", "Temitope", "Ifeoluwa", "Chiamaka", "Amara"], boys=["Tobenna", "Oluwatobi", "Chinedu", "Ayomide", "Kelechi", "Chukwuemeka"],
                     sur=["Okonkwo", "Adeyemi", "Balogun", "Nwosu", "Okafor", "Adebayo-Williams", "Eze"],
                     af=["Ngozi", "Funmilayo", "Bukola"], am=["Olumide", "Babatunde", "Ikenna"]),
    "ghanaian": dict(w=2, eth=["BGHA"], rel=["Christian"],
                     girls=["Akosua", "Ama", "Efua", "Adwoa"], boys=["Kwame", "Kofi", "Yaw", "Kwabena"],
                     sur=["Mensah", "Asante", "Boateng", "Owusu", "Agyeman"], af=["Abena", "Comfort", "Gifty"], am=["Kwesi", "Emmanuel", "Kojo"]),
    "somali": dict(w=2, eth=["BSOM"], rel=["Muslim"],
                   girls=["Hodan", "Ifrah", "Sagal", "Hamdi"], boys=["Abdirahman", "Mahad", "Liban", "Abdullahi"],
                   sur=["Warsame", "Abdi", "Osman", "Jama", "Hirsi"], af=["Faadumo", "Hibaaq", "Sahra"], am=["Abdiweli", "Abdikarim", "Yasin"]),
    "caribbean": dict(w=4, eth=["BCRB", "BCRB", "MWBC"], rel=["Christian", "No religion", "Pentecostal"],
                      girls=["Shanice", "Tia-Rose", "Jada", "Kiana", "Nevaeh"], boys=["Kemar", "Malachi", "Jaden", "Tyrese", "Josiah"],
                      sur=["Campbell", "Beckford", "Gayle", "Chambers", "Clarke-Fraser", "McKenzie", "Thompson-Reid"],
                      af=["Marcia", "Sharon", "Simone"], am=["Delroy", "Leon", "Errol"]),
    "chinese": dict(w=3, eth=["CHNE"], rel=["No religion", "Buddhist"],
                    girls=["Zihan", "Yuxuan", "Xinyi", "Hoi Yan", "Ka Yee"], boys=["Jun Hao", "Zhiwei", "Ho Yin", "Haoran", "Kai"],
                    sur=["Zhang", "Chen", "Wong", "Lau", "Cheung", "Ng"], af=["Siu Ling", "Xiaoyan", "Wai Man"], am=["Jianguo", "Ka Wai", "Hongwei"]),
    "vietnamese": dict(w=2, eth=["OVIE"], rel=["Buddhist", "No religion"],
                       girls=["Minh Anh", "Linh", "Thảo", "Ngọc Hân"], boys=["Bảo", "Quang", "Đức Anh", "Khang"],
                       sur=["Nguyen", "Tran", "Pham", "Hoang", "Vu"], af=["Hương", "Lan", "Mai"], am=["Tuấn", "Hùng", "Long"]),
    "turkish": dict(w=2, eth=["WTUR"], rel=["Muslim"],
                    girls=["Elif", "Zeynep", "Defne", "Ecrin"], boys=["Emir", "Kerem", "Yusuf", "Mert"],
                    sur=["Yılmaz", "Demir", "Şahin", "Aydın", "Öztürk", "Kaya"], af=["Ayşe", "Fatma", "Derya"], am=["Mehmet", "Hakan", "Serkan"]),
    "arab": dict(w=2, eth=["OARA"], rel=["Muslim"],
                 girls=["Layla", "Noor", "Rania", "Lina"], boys=["Omar", "Khalid", "Yahya", "Karim"],
                 sur=["Al-Hashimi", "Haddad", "Mansour", "El-Sayed", "Al-Amin"], af=["Huda", "Samira", "Dalia"], am=["Tarek", "Walid", "Hassan"]),
    "portuguese": dict(w=2, eth=["WPOR"], rel=["Roman Catholic"],
                       girls=["Beatriz", "Inês", "Leonor", "Carolina"], boys=["Tomás", "Rodrigo", "Duarte", "Gonçalo", "Afonso"],
                       sur=["Ferreira", "Carvalho", "Sousa Pinto", "da Silva", "Gonçalves", "Rodrigues"],
                       af=["Ana Paula", "Sónia", "Filipa"], am=["João", "Rui", "Nuno"]),
}
ETHNICITY_WORDS = {"WBRI": "White - British", "WOTH": "Any other White background", "WIRI": "White - Irish",
                   "WEEU": "White - Eastern European", "APKN": "Pakistani", "AIND": "Indian", "ABAN": "Bangladeshi",
                   "BNGN": "Black - Nigerian", "BAFR": "Black - African", "BGHA": "Black - Ghanaian", "BSOM": "Black - Somali",
                   "BCRB": "Black Caribbean", "MWBC": "White and Black Caribbean", "CHNE": "Chinese", "OVIE": "Vietnamese",
                   "WTUR": "White - Turkish", "OARA": "Arab", "WPOR": "White - Portuguese"}
PREFERRED = {"Oliver": "Ollie", "Bartholomew": "Barty", "Mikołaj": "Mikey", "Abdirahman": "Abdi", "Chukwuemeka": "Emeka",
             "Oluwatobi": "Tobi", "Temitope": "Temi", "Ifeoluwa": "Ife", "Zhiwei": "David", "Jun Hao": "Jason", "Xinyi": "Cindy",
             "Ka Yee": "Kay", "Harriet": "Hattie", "Rosalind": "Ros", "Maria-Elena": "Elena", "Abdullahi": "Abdul", "Jokūbas": "Jake"}
STREETS = ["Beechwood Crescent", "Roundhay Grove", "Harehills Avenue", "Chapeltown Road", "Gledhow Terrace", "Cowper Street",
           "Spencer Place", "Easterly Road", "Oakwood Lane", "Victoria Road", "Lumb Lane", "Manningham Lane", "Toller Grove",
           "Carlisle Road", "Heaton Park Drive", "Whetley Lane", "St Martin's View", "Bankfield Terrace", "Mill Pond Close", "Brackenwood Drive"]
AREAS = [("Leeds", ["LS7", "LS8", "LS9", "LS17", "LS6", "LS11"]), ("Bradford", ["BD3", "BD5", "BD8", "BD9", "BD18", "BD7"])]
INCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
SEN_NEEDS = ["SPLD", "MLD", "SLCN", "ASD", "SEMH", "HI", "VI", "PD", "SPLD", "SLCN", "SEMH", "ASD"]
NEED_WORDS = {"SPLD": "Specific Learning Difficulty (dyslexia)", "MLD": "Moderate Learning Difficulty", "SLCN": "Speech, Language and Communication Needs",
              "ASD": "Autistic Spectrum Disorder", "SEMH": "Social, Emotional and Mental Health", "HI": "Hearing Impairment",
              "VI": "Visual Impairment", "PD": "Physical Disability"}
MEDICAL = [("Asthma", "Salbutamol inhaler (blue), 2 puffs as needed; spare in class medical bag"),
           ("Severe peanut allergy", "Adrenaline auto-injector (EpiPen 0.3mg) x2, one in office, one with child"),
           ("Type 1 diabetes", "Insulin pump; blood glucose check before lunch and PE; hypo box in classroom"),
           ("Epilepsy", "Buccal midazolam 5mg per care plan if seizure > 5 minutes; call 999"),
           ("Eczema", "Emollient cream applied by child at lunchtime"),
           ("Coeliac disease", "Strict gluten-free diet - kitchen informed"),
           ("ADHD", "Methylphenidate 10mg taken at home before school"),
           ("Egg and sesame allergy", "Antihistamine (cetirizine) in office; avoid egg and sesame"),
           ("Sickle cell disease", "Keep warm and hydrated; penicillin V daily at home")]


@dataclass
class Contact:
    title: str
    forename: str
    surname: str
    relationship: str
    phone: str
    email: str
    work_phone: str = ""

    @property
    def full(self):
        return f"{self.forename} {self.surname}"

    @property
    def formal(self):
        return f"{self.title} {self.forename} {self.surname}"


@dataclass
class Pupil:
    forename: str
    surname: str
    gender: str
    dob: dt.date
    year: int
    reg: str
    upn: str
    uln: str
    nhs: str
    heritage: str
    ethnicity: str
    religion: str
    address: str
    town: str
    postcode: str
    contacts: list
    preferred: str = ""
    sen: str = "N"
    need: str = ""
    fsm: bool = False
    pp: bool = False
    eal: bool = False
    medical: list = field(default_factory=list)
    cp: str = ""
    social_worker: str = ""
    attendance: float = 96.0
    photo_consent: bool = True
    biometric: bool = True
    candidate: str = ""
    uci: str = ""

    @property
    def full(self):
        return f"{self.forename} {self.surname}"

    @property
    def known_as(self):
        return self.preferred or self.forename

    @property
    def known_full(self):
        return f"{self.known_as} {self.surname}"

    @property
    def he(self):
        return "he" if self.gender == "M" else "she"

    @property
    def his(self):
        return "his" if self.gender == "M" else "her"

    @property
    def him(self):
        return "him" if self.gender == "M" else "her"


@dataclass
class Staff:
    title: str
    forename: str
    surname: str
    role: str
    gender: str
    email: str
    dob: dt.date
    ni: str
    trn: str
    sort_code: str
    account: str
    iban: str
    salary: int
    phone: str
    address: str
    postcode: str
    start: dt.date
    dbs: str
    ethnicity: str
    religion: str

    @property
    def full(self):
        return f"{self.forename} {self.surname}"

    @property
    def formal(self):
        return f"{self.title} {self.surname}"

    @property
    def initials(self):
        letters = re.sub(r"[^A-Za-z]", "", self.surname)
        return self.forename[0].upper() + letters[0].upper() + letters[1].lower()


ALL_NAMES: set = set()  # every full name used, to keep clean files free of them


def pick_heritage():
    keys = list(HERITAGE)
    return rng.choices(keys, weights=[HERITAGE[k]["w"] for k in keys])[0]


def pick_surname(h, form):
    s = rng.choice(HERITAGE[h]["sur"])
    return s[form] if isinstance(s, tuple) else s


def make_address():
    town, outs = rng.choice(AREAS)
    pc = f"{rng.choice(outs)} {rng.randint(1, 9)}{rng.choice(INCODE_LETTERS)}{rng.choice(INCODE_LETTERS)}"
    assert postcode_valid(pc), pc
    return f"{rng.randint(1, 148)} {rng.choice(STREETS)}", town, pc


def email_for(fore, sur):
    import unicodedata

    def clean(x):
        x = x.lower().replace("ł", "l").replace("đ", "d").replace("ı", "i")
        x = unicodedata.normalize("NFKD", x)
        return re.sub(r"[^a-z]", "", x)
    return f"{clean(fore.split()[0])}.{clean(sur)}@example.org"


def make_contact(h, rel, child_surname):
    if rel in ("Mother", "Grandmother", "Aunt"):
        fore = rng.choice(HERITAGE[h]["af"])
        title = rng.choice(["Mrs", "Ms", "Miss", "Mrs", "Dr"])
        sur = child_surname
        s = [x for x in HERITAGE[h]["sur"] if isinstance(x, tuple) and child_surname in x]
        if s:
            sur = s[0][2]
        if h == "bangladeshi" and rng.random() < 0.5:
            sur = "Begum"
        if rng.random() < 0.15:
            sur = pick_surname(h, 2)
    else:
        fore = rng.choice(HERITAGE[h]["am"])
        title = rng.choice(["Mr", "Mr", "Mr", "Dr"])
        sur = child_surname
        s = [x for x in HERITAGE[h]["sur"] if isinstance(x, tuple) and child_surname in x]
        if s:
            sur = s[0][0]
    c = Contact(title, fore, sur, rel, make_phone("mobile"), email_for(fore, sur))
    if rng.random() < 0.4:
        c.work_phone = make_phone(rng.choice(["leeds", "london"]))
    ALL_NAMES.add(c.full)
    return c


def make_pupil(year, reg, la, estab, used):
    while True:
        h = pick_heritage()
        g = rng.choice("MF")
        fore = rng.choice(HERITAGE[h]["boys" if g == "M" else "girls"])
        sur = pick_surname(h, 0 if g == "M" else 1)
        if (fore, sur) not in used:
            used.add((fore, sur))
            break
    # academic year 2024-25: Year Y born 1 Sep (2019-Y) .. 31 Aug (2020-Y)
    start = dt.date(2019 - year, 9, 1)
    dob = start + dt.timedelta(days=rng.randint(0, 364))
    addr, town, pc = make_address()
    hd = HERITAGE[h]
    contacts = [make_contact(h, rng.choice(["Mother", "Mother", "Father"]), sur)]
    contacts.append(make_contact(h, "Father" if contacts[0].relationship == "Mother" else "Mother", sur) if rng.random() < 0.7
                    else make_contact(h, rng.choice(["Grandmother", "Aunt", "Uncle"]), sur))
    entry_year = f"{(dob.year + 4) % 100:02d}"
    temp = rng.random() < 0.03
    p = Pupil(fore, sur, g, dob, year, reg, make_upn(la if rng.random() < 0.85 else rng.choice(["380", "383", "384", "352", "330"]),
                                                      estab if rng.random() < 0.8 else f"{rng.randint(2000, 2999)}", entry_year, temporary=temp),
              make_uln(), make_nhs(), h, rng.choice(hd["eth"]), rng.choice(hd["rel"]), addr, town, pc, contacts)
    p.preferred = PREFERRED.get(fore, "") if rng.random() < 0.8 else ""
    r = rng.random()
    p.sen = "E" if r < 0.04 else ("K" if r < 0.18 else "N")
    p.need = rng.choice(SEN_NEEDS) if p.sen != "N" else ""
    p.fsm = rng.random() < 0.24
    p.pp = p.fsm or rng.random() < 0.06
    p.eal = h not in ("british", "irish", "caribbean") and rng.random() < 0.7
    if rng.random() < 0.22:
        p.medical = rng.sample(MEDICAL, rng.choice([1, 1, 2]))
    rc = rng.random()
    p.cp = "CP" if rc < 0.04 else ("CIN" if rc < 0.09 else ("Early Help" if rc < 0.13 else ""))
    if p.cp in ("CP", "CIN"):
        sh = pick_heritage()
        p.social_worker = f"{rng.choice(HERITAGE[sh]['af'] + HERITAGE[sh]['am'])} {pick_surname(sh, 2)}"
        ALL_NAMES.add(p.social_worker)
    p.attendance = round(rng.choice([rng.uniform(97, 100)] * 5 + [rng.uniform(82, 97)] * 3 + [rng.uniform(60, 82)]), 1)
    p.photo_consent = rng.random() < 0.88
    p.biometric = rng.random() < 0.8
    ALL_NAMES.add(p.full)
    ALL_NAMES.add(p.known_full)
    return p


ROLES_PRIMARY = ["Headteacher", "Deputy Headteacher & DSL", "SENCo", "Reception Teacher", "Year 1 Teacher", "Year 2 Teacher",
                 "Year 3 Teacher", "Year 4 Teacher", "Year 5 Teacher", "Year 6 Teacher", "Teaching Assistant", "Teaching Assistant",
                 "HLTA", "School Business Manager", "Office Manager", "Site Manager", "Midday Supervisor", "Learning Mentor"]
ROLES_SECONDARY = ["Principal", "Vice Principal", "Assistant Principal (DSL)", "SENCo", "Head of Maths", "Teacher of Maths",
                   "Head of English", "Teacher of English", "Head of Science", "Teacher of Science", "Teacher of History",
                   "Teacher of Geography", "Teacher of MFL", "Teacher of PE", "Head of Year 7", "Head of Year 11", "Exams Officer",
                   "Attendance Officer", "Data Manager", "Cover Supervisor", "Teaching Assistant", "Finance Officer"]


def make_staff(roles, domain, used_initials):
    out = []
    used_surnames = set()
    for role in roles:
        while True:
            h = rng.choices(["british", "irish", "pakistani", "indian_hindu", "indian_sikh", "caribbean", "nigerian", "polish", "chinese", "portuguese", "ghanaian"],
                            weights=[40, 5, 6, 3, 3, 4, 4, 3, 2, 2, 2])[0]
            g = rng.choice("MF")
            fore = rng.choice(HERITAGE[h]["am" if g == "M" else "af"])
            sur = pick_surname(h, 0 if g == "M" else 2)
            init = fore[0] + sur[0]
            if init not in used_initials and sur not in used_surnames and f"{fore} {sur}" not in ALL_NAMES:
                used_initials.add(init)
                used_surnames.add(sur)
                break
        teacher = any(k in role for k in ("Teacher", "Head", "Principal", "SENCo", "DSL"))
        title = ("Mr" if g == "M" else rng.choice(["Mrs", "Ms", "Miss"])) if (rng.random() < 0.88 or not teacher) else "Dr"
        email = f"{fore[0].lower()}.{re.sub(r'[^a-z]', '', email_for('x', sur).split('.')[1].split('@')[0])}@{domain}"
        teacher = any(k in role for k in ("Teacher", "Head", "Principal", "SENCo", "DSL"))
        dob = dt.date(rng.randint(1962, 1999), rng.randint(1, 12), rng.randint(1, 28))
        addr, town, pc = make_address()
        sort = rng.choice(["12-34-56", "20-45-77", "40-11-62", "30-94-57", "09-01-28"])
        acct = f"{rng.randint(10000000, 99999999)}"
        bank = {"12-34-56": "NWBK", "20-45-77": "BARC", "40-11-62": "HBUK", "30-94-57": "LOYD", "09-01-28": "ABBY"}[sort]
        trn = f"{rng.randint(1000000, 9999999)}" if teacher else ""
        salary = rng.randint(31650, 49084) if teacher else rng.randint(19000, 29000)
        if "Head" in role or "Principal" in role:
            salary = rng.randint(58000, 92000)
        s = Staff(title, fore, sur, role, g, email, dob, make_ni(), trn, sort, acct, make_iban(bank, sort, acct), salary,
                  make_phone("mobile"), f"{addr}, {town}", pc, dt.date(rng.randint(2004, 2024), 9, 1),
                  f"00{rng.randint(1000000000, 1999999999)}", rng.choice(HERITAGE[h]["eth"]),
                  rng.choice(HERITAGE[h]["rel"]))
        ALL_NAMES.add(s.full)
        out.append(s)
    return out


class School:
    def __init__(self, name, short, domain, la, estab, phone, postcode, address, years, classes_per_year, per_class, roles, reg_fmt):
        self.name, self.short, self.domain, self.la, self.estab = name, short, domain, la, estab
        self.phone, self.postcode, self.address = phone, postcode, address
        self.office = f"office@{domain}"
        used = set()
        self.pupils = []
        for y in years:
            for c in range(classes_per_year):
                reg = reg_fmt(y, c)
                for _ in range(per_class):
                    self.pupils.append(make_pupil(y, reg, la, estab, used))
        for p in [p for p in self.pupils if p.sen == "K"][:max(0, 3 - sum(p.sen == "E" for p in self.pupils))]:
            p.sen = "E"  # every school has a few pupils with an EHC plan
        self.staff = make_staff(roles, domain, set())

    def year(self, y):
        return [p for p in self.pupils if p.year == y]

    def reg(self, r):
        return [p for p in self.pupils if p.reg == r]

    def role(self, word):
        return next(s for s in self.staff if word in s.role)


TREES = ["Willow", "Rowan", "Hazel", "Birch"]
OAK = School("Oakfield Primary School", "Oakfield", "oakfieldprimary.sch.uk", "383", "2417", "0113 496 0000", "LS8 4QP",
             "Oakfield Road, Leeds", [0, 1, 2, 3, 4, 5, 6], 2, 7, ROLES_PRIMARY,
             lambda y, c: f"{'R' if y == 0 else y} {TREES[c + (y % 2) * 2]}")
HBA = School("Hollins Brook Academy", "Hollins Brook", "hollinsbrook.sch.uk", "380", "4602", "01632 960000", "BD9 6RY",
             "Hollins Brook Lane, Bradford", [7, 8, 9, 10, 11, 12, 13], 2, 7, ROLES_SECONDARY,
             lambda y, c: f"{y}{'HB'[c]}")
CENTRE = "36215"
for _i, _p in enumerate([p for p in HBA.pupils if p.year in (11, 13)]):
    _p.candidate = f"{1000 + _i * 7 + rng.randint(0, 6):04d}"
    _p.uci = make_uci(CENTRE, "25", _p.candidate)
SCHOOL_GENERIC = {OAK.phone, HBA.phone, OAK.office, HBA.office}


# ---------------------------------------------------------------------------
# Labels registry and content checks
# ---------------------------------------------------------------------------
LABELS = []  # (path, personal, special, description)
TEXTS = {}   # path -> text used for the self-checks


def flatten(obj) -> str:
    """All strings/numbers inside a nested content structure, for scanning."""
    if obj is None:
        return ""
    if isinstance(obj, (str, int, float)):
        return str(obj)
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, dict):
        return "\n".join(flatten(k) + " " + flatten(v) for k, v in obj.items())
    if isinstance(obj, (list, tuple)):
        return "\n".join(flatten(x) for x in obj)
    return ""


def label(path, personal, special, description, content):
    assert not (special and not personal), path
    assert (FILES / path).exists(), path
    LABELS.append((path, personal, special, description))
    TEXTS[path] = flatten(content)


def check_text(path, text, personal):
    """Assert identifier look-alikes fail in clean files and identifiers pass in positive ones."""
    for m in re.finditer(r"(?<![A-Za-z0-9])[A-Z]\d{11}[0-9A-Z](?![A-Za-z0-9])", text):
        tok = m.group(0)
        if personal:
            assert upn_valid(tok), (path, "invalid UPN in positive file", tok)
        else:
            assert not upn_valid(tok), (path, "valid UPN in clean file", tok)
    for m in re.finditer(r"(?<![\d])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d])", text):
        tok = "".join(m.groups())
        if not personal:
            assert not (uln_valid(tok) or nhs_valid(tok)), (path, "valid ULN/NHS in clean file", tok)
    for m in re.finditer(r"(?<![A-Za-z0-9])\d{12}[A-Z](?![A-Za-z0-9])", text):
        tok = m.group(0)
        assert uci_valid(tok) == personal, (path, "UCI check", tok)
    for m in re.finditer(r"(?<![A-Za-z0-9])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])", text):
        tok = m.group(0)
        if personal:
            assert ni_valid(tok), (path, "invalid NI in positive file", tok)
        else:
            assert not ni_valid(tok), (path, "valid NI in clean file", tok)
    for m in re.finditer(r"GB\d{2}(?: ?[A-Z0-9]{4}){4}(?: ?\d{2})", text):
        assert iban_valid(m.group(0)) == personal, (path, "IBAN check", m.group(0))
    if not personal:
        for name in ALL_NAMES:
            assert name not in text, (path, "personal name in clean file", name)
        for s in OAK.staff + HBA.staff:
            assert f"{s.title} {s.surname}" not in text, (path, "staff name in clean file", s.formal)
        for m in re.finditer(r"[\w.+-]+@[\w.-]+", text):
            assert m.group(0).split("@")[0] in ("office", "admin", "senco", "exams", "attendance", "safeguarding", "kitchen"), (path, m.group(0))
        for m in re.finditer(r"(?<![\dA-Za-z])(?:0\d{3,4} ?\d{3} ?\d{3,4}|07\d{3} ?\d{6})(?![\dA-Za-z])", text):
            assert m.group(0).replace(" ", "") in {x.replace(" ", "") for x in SCHOOL_GENERIC}, (path, "phone in clean file", m.group(0))


# ---------------------------------------------------------------------------
# Writers.  Documents use a tiny block model:
#   "text"                  paragraph
#   ("h", text) / ("h2", text)   headings
#   ("ul", [items])         bullet list
#   ("table", header, rows) table
#   ("comment", text, anchor, comment_text, author)   paragraph with a Word comment (docx only)
# Spreadsheets: list of dict(name=, header=[...], rows=[[...]], hidden=False)
# Presentations: list of (title, [bullets], notes)
# ---------------------------------------------------------------------------
def out(path) -> Path:
    p = FILES / path
    p.parent.mkdir(parents=True, exist_ok=True)
    return p


def normalize_zip(p: Path):
    """Rewrite an OOXML/ODF/zip container with fixed timestamps (determinism)."""
    with zipfile.ZipFile(p) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(p, "w") as z:
        for info, data in items:
            if info.filename in ("docProps/core.xml", "meta.xml") or "comments" in info.filename:
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", FIXED_ISO.encode(), data)
            ni = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            ni.compress_type = info.compress_type
            ni.external_attr = 0o644 << 16
            z.writestr(ni, data)


def cell_str(v):
    if isinstance(v, dt.datetime):
        return v.strftime("%d/%m/%Y %H:%M")
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    if isinstance(v, bool):
        return "Y" if v else "N"
    if v is None:
        return ""
    return str(v)


def blocks_text(blocks, md=False):
    lines = []
    for b in blocks:
        if isinstance(b, str):
            lines += [b, ""]
        elif b[0] in ("h", "h2"):
            lines += [("# " if b[0] == "h" else "## ") + b[1] if md else b[1].upper() if b[0] == "h" else b[1], ""]
        elif b[0] == "ul":
            lines += [("- " if md else "  * ") + x for x in b[1]] + [""]
        elif b[0] == "table":
            if md:
                lines.append("| " + " | ".join(b[1]) + " |")
                lines.append("|" + "---|" * len(b[1]))
                lines += ["| " + " | ".join(cell_str(c) for c in r) + " |" for r in b[2]]
            else:
                rows = [list(b[1])] + [[cell_str(c) for c in r] for r in b[2]]
                w = [max(len(r[i]) for r in rows) for i in range(len(b[1]))]
                lines += ["  ".join(c.ljust(w[i]) for i, c in enumerate(r)).rstrip() for r in rows]
            lines.append("")
        elif b[0] == "comment":
            lines += [b[1], ""]
    return "\n".join(lines).rstrip() + "\n"


def write_text(path, text, encoding="utf-8"):
    out(path).write_bytes(text.encode(encoding))


def write_csv(path, header, rows, delimiter=",", encoding="utf-8", bom=False, newline="\r\n"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    if header:
        w.writerow(header)
    for r in rows:
        w.writerow([cell_str(c) for c in r])
    data = buf.getvalue()
    if encoding == "utf-16":
        raw = b"\xff\xfe" + data.encode("utf-16-le")
    else:
        raw = (b"\xef\xbb\xbf" if bom else b"") + data.encode(encoding)
    out(path).write_bytes(raw)


def write_md(path, blocks):
    write_text(path, blocks_text(blocks, md=True))


def write_html(path, title, blocks, style=True):
    e = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">', f"<title>{e(title)}</title>"]
    if style:
        parts.append("<style>body{font-family:Arial,sans-serif;max-width:60em;margin:auto}table{border-collapse:collapse}"
                     "td,th{border:1px solid #999;padding:2px 6px}</style>")
    parts += ["</head>", "<body>"]
    for b in blocks:
        if isinstance(b, str):
            parts.append(f"<p>{e(b)}</p>")
        elif b[0] in ("h", "h2"):
            tag = "h1" if b[0] == "h" else "h2"
            parts.append(f"<{tag}>{e(b[1])}</{tag}>")
        elif b[0] == "ul":
            parts.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in b[1]) + "</ul>")
        elif b[0] == "table":
            parts.append("<table>\n<tr>" + "".join(f"<th>{e(h)}</th>" for h in b[1]) + "</tr>")
            parts += ["<tr>" + "".join(f"<td>{e(cell_str(c))}</td>" for c in r) + "</tr>" for r in b[2]]
            parts.append("</table>")
        elif b[0] == "comment":
            parts.append(f"<p>{e(b[1])}</p>")
    parts += ["</body>", "</html>", ""]
    write_text(path, "\n".join(parts))


def rtf_escape(s):
    o = []
    for ch in s:
        c = ord(ch)
        if ch in "\\{}":
            o.append("\\" + ch)
        elif ch == "\n":
            o.append("\\line ")
        elif c < 128:
            o.append(ch)
        else:
            o.append(f"\\u{c if c < 32768 else c - 65536}?")
    return "".join(o)


def write_rtf(path, blocks):
    o = [r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Calibri;}}", r"\viewkind4\uc1\pard\f0\fs22"]
    for b in blocks:
        if isinstance(b, str):
            o.append(r"\pard\sa120 " + rtf_escape(b) + r"\par")
        elif b[0] in ("h", "h2"):
            o.append(r"\pard\sa120\b\fs" + ("32 " if b[0] == "h" else "26 ") + rtf_escape(b[1]) + r"\b0\fs22\par")
        elif b[0] == "ul":
            o += [r"\pard\fi-240\li480 \bullet  " + rtf_escape(x) + r"\par" for x in b[1]]
        elif b[0] == "table":
            n = len(b[1])
            cellx = "".join(f"\\cellx{int(9000 * (i + 1) / n)}" for i in range(n))
            for r in [b[1]] + [[cell_str(c) for c in row] for row in b[2]]:
                o.append(r"\trowd\trgaph80" + cellx + " " + "".join(r"\pard\intbl " + rtf_escape(str(c)) + r"\cell" for c in r) + r"\row")
            o.append(r"\pard\par")
    o.append("}")
    write_text(path, "\n".join(o) + "\n", "ascii")


def write_docx(path, blocks, header=None, footer=None, author="Office", title=""):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(11)
    cp = d.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = title
    cp.created = cp.modified = dt.datetime(2024, 11, 4, 9, 15)
    sec = d.sections[0]
    if header:
        sec.header.paragraphs[0].text = header
    if footer:
        sec.footer.paragraphs[0].text = footer
    for b in blocks:
        if isinstance(b, str):
            d.add_paragraph(b)
        elif b[0] in ("h", "h2"):
            d.add_heading(b[1], level=1 if b[0] == "h" else 2)
        elif b[0] == "ul":
            for x in b[1]:
                d.add_paragraph(x, style="List Bullet")
        elif b[0] == "table":
            t = d.add_table(rows=1, cols=len(b[1]))
            t.style = "Table Grid"
            for i, h in enumerate(b[1]):
                t.rows[0].cells[i].text = h
            for r in b[2]:
                cells = t.add_row().cells
                for i, c in enumerate(r):
                    cells[i].text = cell_str(c)
            d.add_paragraph("")
        elif b[0] == "comment":
            _, text, anchor, ctext, cauthor = b
            para = d.add_paragraph()
            i = text.index(anchor)
            para.add_run(text[:i])
            run = para.add_run(anchor)
            para.add_run(text[i + len(anchor):])
            d.add_comment(run, text=ctext, author=cauthor, initials="".join(w[0] for w in cauthor.split()[:2]))
    p = out(path)
    d.save(p)
    normalize_zip(p)


def _pdf_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    if (FONT_DIR / "DejaVuSans.ttf").exists():
        if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVu", str(FONT_DIR / "DejaVuSans.ttf")))
            pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
        return "DejaVu", "DejaVu-Bold"
    return "Helvetica", "Helvetica-Bold"


def write_pdf(path, title, blocks, author="Office"):
    from reportlab import rl_config
    rl_config.invariant = 1
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    font, bold = _pdf_fonts()
    ss = getSampleStyleSheet()
    for n in ("Normal", "BodyText"):
        ss[n].fontName = font
    for n in ("Heading1", "Heading2"):
        ss[n].fontName = bold
    small = ss["Normal"].clone("small", fontSize=7.5, leading=9)
    e = lambda s: html.escape(str(s), quote=False)
    story = []
    for b in blocks:
        if isinstance(b, str):
            story += [Paragraph(e(b), ss["BodyText"]), Spacer(1, 4)]
        elif b[0] in ("h", "h2"):
            story.append(Paragraph(e(b[1]), ss["Heading1" if b[0] == "h" else "Heading2"]))
        elif b[0] == "ul":
            story += [Paragraph("• " + e(x), ss["BodyText"]) for x in b[1]]
        elif b[0] == "table":
            data = [[Paragraph("<b>" + e(h) + "</b>", small) for h in b[1]]] + [[Paragraph(e(cell_str(c)), small) for c in r] for r in b[2]]
            t = Table(data, repeatRows=1, colWidths=[(A4[0] - 3 * cm) / len(b[1])] * len(b[1]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee"))]))
            story += [t, Spacer(1, 8)]
        elif b[0] == "comment":
            story.append(Paragraph(e(b[1]), ss["BodyText"]))
    doc = SimpleDocTemplate(str(out(path)), pagesize=A4, title=title, author=author, leftMargin=1.5 * cm, rightMargin=1.5 * cm,
                            topMargin=1.5 * cm, bottomMargin=1.5 * cm)
    doc.build(story)


def write_xlsx(path, sheets, creator="Office"):
    import openpyxl
    from openpyxl.styles import Font
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.creator = creator
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 11, 4, 9, 15)
    for sh in sheets:
        ws = wb.create_sheet(sh["name"])
        if sh.get("title"):
            ws.append([sh["title"]])
            ws.cell(1, 1).font = Font(bold=True, size=13)
            ws.append([])
        if sh.get("header"):
            ws.append(sh["header"])
            for c in ws[ws.max_row]:
                c.font = Font(bold=True)
        for r in sh.get("rows", []):
            ws.append(list(r))
            for c in ws[ws.max_row]:
                if isinstance(c.value, dt.datetime):
                    c.number_format = "dd/mm/yyyy hh:mm"
                elif isinstance(c.value, dt.date):
                    c.number_format = "dd/mm/yyyy"
        for i, h in enumerate(sh.get("header") or [], start=1):
            ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = max(10, min(40, len(str(h)) + 4))
        for row, col, text in sh.get("notes", []):
            from openpyxl.comments import Comment
            ws.cell(row, col).comment = Comment(text, "Head of Year")
        if sh.get("hidden"):
            ws.sheet_state = "hidden"
        ws.freeze_panes = None
    p = out(path)
    wb.save(p)
    normalize_zip(p)


def write_xls(path, sheets):
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    bold = xlwt.easyxf("font: bold on")
    for sh in sheets:
        ws = wb.add_sheet(sh["name"])
        r0 = 0
        if sh.get("header"):
            for i, h in enumerate(sh["header"]):
                ws.write(0, i, h, bold)
            r0 = 1
        for ri, row in enumerate(sh["rows"], start=r0):
            for ci, v in enumerate(row):
                if isinstance(v, dt.date):
                    ws.write(ri, ci, dt.datetime(v.year, v.month, v.day), date_style)
                elif v is None:
                    continue
                else:
                    ws.write(ri, ci, v)
    wb.save(str(out(path)))


def write_ods(path, sheets):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P
    doc = OpenDocumentSpreadsheet()
    for sh in sheets:
        t = Table(name=sh["name"])
        ncol = max(len(sh.get("header") or []), max((len(r) for r in sh["rows"]), default=1))
        t.addElement(TableColumn(numbercolumnsrepeated=ncol))
        for r in ([sh["header"]] if sh.get("header") else []) + list(sh["rows"]):
            tr = TableRow()
            for v in r:
                if isinstance(v, bool) or isinstance(v, str) or v is None:
                    tc = TableCell(valuetype="string")
                    tc.addElement(P(text=cell_str(v)))
                elif isinstance(v, dt.date):
                    tc = TableCell(valuetype="date", datevalue=v.isoformat())
                    tc.addElement(P(text=cell_str(v)))
                else:
                    tc = TableCell(valuetype="float", value=v)
                    tc.addElement(P(text=str(v)))
                tr.addElement(tc)
            t.addElement(tr)
        doc.spreadsheet.addElement(t)
    p = out(path)
    doc.save(str(p))
    normalize_zip(p)


def write_odt(path, blocks):
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, P
    doc = OpenDocumentText()
    n = 0
    for b in blocks:
        if isinstance(b, str):
            doc.text.addElement(P(text=b))
        elif b[0] in ("h", "h2"):
            doc.text.addElement(H(outlinelevel=1 if b[0] == "h" else 2, text=b[1]))
        elif b[0] == "ul":
            lst = List()
            for x in b[1]:
                li = ListItem()
                li.addElement(P(text=x))
                lst.addElement(li)
            doc.text.addElement(lst)
        elif b[0] == "table":
            n += 1
            t = Table(name=f"Table{n}")
            t.addElement(TableColumn(numbercolumnsrepeated=len(b[1])))
            for r in [b[1]] + list(b[2]):
                tr = TableRow()
                for v in r:
                    tc = TableCell(valuetype="string")
                    tc.addElement(P(text=cell_str(v)))
                    tr.addElement(tc)
                t.addElement(tr)
            doc.text.addElement(t)
        elif b[0] == "comment":
            doc.text.addElement(P(text=b[1]))
    p = out(path)
    doc.save(str(p))
    normalize_zip(p)


def write_pptx(path, slides, author="Office"):
    from pptx import Presentation
    prs = Presentation()
    prs.core_properties.author = author
    prs.core_properties.last_modified_by = author
    for title, bullets, notes in slides:
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = title
        tf = s.placeholders[1].text_frame
        tf.text = bullets[0] if bullets else ""
        for b in bullets[1:]:
            tf.add_paragraph().text = b
        if notes:
            s.notes_slide.notes_text_frame.text = notes
    p = out(path)
    prs.save(p)
    normalize_zip(p)


def write_odp(path, slides):
    from odf.draw import Frame, Page, TextBox
    from odf.opendocument import OpenDocumentPresentation
    from odf.presentation import Notes
    from odf.style import MasterPage, PageLayout, PageLayoutProperties
    from odf.text import P
    doc = OpenDocumentPresentation()
    pl = PageLayout(name="PM1")
    pl.addElement(PageLayoutProperties(margin="0cm", pagewidth="28cm", pageheight="21cm", printorientation="landscape"))
    doc.automaticstyles.addElement(pl)
    mp = MasterPage(name="Default", pagelayoutname=pl)
    doc.masterstyles.addElement(mp)
    for i, (title, bullets, notes) in enumerate(slides, 1):
        page = Page(masterpagename=mp, name=f"page{i}")
        fr = Frame(width="24cm", height="3cm", x="2cm", y="1cm")
        tb = TextBox()
        tb.addElement(P(text=title))
        fr.addElement(tb)
        page.addElement(fr)
        fr = Frame(width="24cm", height="14cm", x="2cm", y="5cm")
        tb = TextBox()
        for b in bullets:
            tb.addElement(P(text="• " + b))
        fr.addElement(tb)
        page.addElement(fr)
        if notes:
            nt = Notes()
            nf = Frame(width="16cm", height="10cm", x="2cm", y="14cm")
            ntb = TextBox()
            ntb.addElement(P(text=notes))
            nf.addElement(ntb)
            nt.addElement(nf)
            page.addElement(nt)
        doc.presentation.addElement(page)
    p = out(path)
    doc.save(str(p))
    normalize_zip(p)


def write_zip(path, members):
    """members: list of (name, bytes)."""
    p = out(path)
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)


def build_to_bytes(writer, name, *args, **kw):
    """Render a file with a writer into a temp path and return its bytes."""
    tmp = f"_tmp/{name}"
    writer(tmp, *args, **kw)
    data = (FILES / tmp).read_bytes()
    (FILES / tmp).unlink()
    return data


def pil_font(size, bold=False):
    from PIL import ImageFont
    f = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if f.exists():
        return ImageFont.truetype(str(f), size)
    return ImageFont.load_default()


# ---------------------------------------------------------------------------
# Helpers for content
# ---------------------------------------------------------------------------
def yg(p):
    return "Reception" if p.year == 0 else f"Year {p.year}"


def fmt_dob(d):
    return d.strftime("%d/%m/%Y")


def sen_word(p):
    return {"N": "No Special Educational Need", "K": "SEN Support", "E": "Education, Health and Care Plan"}[p.sen]


def sample(pupils, n, pred=lambda p: True):
    pool = [p for p in pupils if pred(p)]
    return rng.sample(pool, min(n, len(pool)))


def staff_sig(s):
    return f"{s.title} {s.forename} {s.surname}, {s.role}"


def strengths(p):
    k = p.known_as
    return rng.choice([
        f"{k} has worked hard this term and {p.his} confidence in reading aloud has grown noticeably.",
        f"{k} is a kind and thoughtful member of the class who always includes others at playtime.",
        f"{k} has made strong progress in maths, particularly with multiplication facts and reasoning problems.",
        f"{k} brings real enthusiasm to our science lessons and asks excellent questions.",
        f"{k} has settled well and now contributes regularly to class discussions.",
    ])


def targets(p):
    k = p.known_as
    return rng.choice([
        f"Next term {k} should focus on using paragraphs to organise {p.his} writing.",
        f"{k}'s next step is to learn the 7 and 8 times tables by heart.",
        f"To improve further, {k} needs to check {p.his} work carefully before handing it in.",
        f"{k} should keep reading at home every evening and talk about the books with an adult.",
    ])


# ---------------------------------------------------------------------------
# POSITIVE files: MIS exports
# ---------------------------------------------------------------------------
def f_sims_export_csv():
    path = "mis/SIMS_pupil_export_2024-09-06.csv"
    hdr = ["UPN", "Legal Surname", "Legal Forename", "Preferred Forename", "DOB", "Gender", "Year Group", "Reg Group",
           "SEN Status", "Primary Need", "FSM Eligible", "Pupil Premium", "EAL", "Ethnicity", "Home Address", "Postcode"]
    rows = [[p.upn, p.surname, p.forename, p.known_as, fmt_dob(p.dob), p.gender, "R" if p.year == 0 else p.year, p.reg, p.sen,
             p.need, "Y" if p.fsm else "N", "Y" if p.pp else "N", "Y" if p.eal else "N", p.ethnicity, f"{p.address}, {p.town}", p.postcode]
            for p in OAK.pupils]
    write_csv(path, hdr, rows)
    label(path, True, True, "SIMS-style full pupil export (Oakfield, 98 pupils): UPN, names, DOB, SEN status/need, FSM, PP, ethnicity, address", rows)


def f_arbor_semicolon_csv():
    path = "mis/arbor_students_export_semicolon.csv"
    hdr = ["Student ID", "UPN", "ULN", "Legal first name", "Legal last name", "Preferred first name", "Date of birth", "Year",
           "Registration form", "SEN status", "Ever 6 FSM", "Ethnicity", "Religion", "Primary contact", "Primary contact mobile", "Primary contact email"]
    rows = [[f"STU{4000 + i}", p.upn, p.uln, p.forename, p.surname, p.known_as, p.dob.isoformat(), f"Year {p.year}", p.reg,
             sen_word(p) if p.sen != "N" else "", "Yes" if p.pp else "No", ETHNICITY_WORDS[p.ethnicity], p.religion,
             p.contacts[0].formal, p.contacts[0].phone, p.contacts[0].email] for i, p in enumerate(HBA.pupils[:60])]
    write_csv(path, hdr, rows, delimiter=";", bom=True)
    label(path, True, True, "Arbor-style student export, semicolon-delimited with UTF-8 BOM: UPN, ULN, SEN, Ever-6 FSM, ethnicity, religion, parent contacts", rows)


def f_contacts_tsv():
    path = "mis/pupil_contacts_Y5.tsv"
    hdr = ["Pupil", "Reg", "Contact", "Relationship", "Priority", "Mobile", "Work", "Email", "Address", "Postcode"]
    rows = []
    for p in OAK.year(5):
        for pri, c in enumerate(p.contacts, 1):
            rows.append([f"{p.surname}, {p.forename}", p.reg, c.formal, c.relationship, pri, c.phone, c.work_phone, c.email,
                         f"{p.address}, {p.town}", p.postcode])
    write_csv(path, hdr, rows, delimiter="\t", newline="\n")
    label(path, True, False, "Tab-separated parent/carer contact list for Year 5: names, phones, emails, home addresses", rows)


def f_class_list_txt():
    path = "mis/class list 4 Willow.txt"
    ps = OAK.reg("4 Willow")
    t = OAK.role("Year 4")
    lines = [f"Class list - {ps[0].reg} - {OAK.name}", f"Class teacher: {t.formal}", ""]
    lines += [f"{i:2d}. {p.known_as} {p.surname}" for i, p in enumerate(sorted(ps, key=lambda p: p.surname), 1)]
    write_text(path, "\n".join(lines) + "\n")
    label(path, True, False, "Plain text class list with pupils' full names and the class teacher's name", lines)


def f_utf16_csv():
    path = "mis/basic_details_Y9_unicode.csv"
    hdr = ["UPN", "Surname", "Forename", "DOB", "Gender", "Tutor group"]
    rows = [[p.upn, p.surname, p.forename, fmt_dob(p.dob), p.gender, p.reg] for p in HBA.year(9)]
    write_csv(path, hdr, rows, delimiter="\t", encoding="utf-16")
    label(path, True, False, "UTF-16LE with BOM, tab-delimited (Excel 'Unicode Text' save): UPN, names, DOB for Year 9", rows)


def f_cp1252_csv():
    path = "mis/Y6_leavers_dinner_money_cp1252.csv"
    names = [("Siobhán", "Ó Ceallaigh", "F"), ("Zoë", "Beaumont-Clarke", "F"), ("José", "Gonçalves", "M"), ("Inês", "Sousa Pinto", "F"),
             ("Chloë", "Threlfall", "F"), ("Dónal", "McGrath", "M"), ("Renée", "Fairbrother", "F"), ("Mátyás", "Haigh", "M")]
    hdr = ["Pupil", "Class", "Balance", "Last payment", "Parent email"]
    rows = []
    for f, s, g in names:
        ALL_NAMES.add(f"{f} {s}")
        rows.append([f"{f} {s}", rng.choice(["6 Rowan", "6 Willow"]), (lambda v: f"{'-' if v < 0 else ''}£{abs(v)}.{rng.choice(['00', '30', '60', '90'])}")(rng.randint(-25, 40)),
                     dt.date(2024, rng.randint(9, 10), rng.randint(1, 28)), email_for(rng.choice(HERITAGE['british']['af']), s)])
    write_csv(path, hdr, rows, encoding="cp1252")
    label(path, True, False, "Windows-1252 CSV (£ signs, accented names): Year 6 dinner money balances with pupil names and parent emails", rows)


def f_ctf_xml():
    path = "mis/CTF_383-2417_to_380-4602_2024.xml"
    ps = OAK.year(6)
    e = html.escape
    x = ['<?xml version="1.0" encoding="utf-8"?>', "<CTfile>", "  <Header>", "    <DocumentName>Common Transfer File</DocumentName>",
         "    <CTFversion>25.0</CTFversion>", "    <DateTime>2024-07-19T14:02:11</DateTime>", "    <DocumentQualifier>full</DocumentQualifier>",
         "    <SupplierID>SIMS</SupplierID>", "    <SourceSchool>", f"      <LEA>{OAK.la}</LEA>", f"      <Estab>{OAK.estab}</Estab>",
         f"      <SchoolName>{OAK.name}</SchoolName>", "      <AcademicYear>2023</AcademicYear>", "    </SourceSchool>",
         "    <DestSchool>", f"      <LEA>{HBA.la}</LEA>", f"      <Estab>{HBA.estab}</Estab>", "    </DestSchool>", "  </Header>",
         "  <CTFpupilData>"]
    for p in ps:
        x += ["    <Pupil>", f"      <UPN>{p.upn}</UPN>", f"      <UniqueLearnerNumber>{p.uln}</UniqueLearnerNumber>",
              f"      <Surname>{e(p.surname)}</Surname>", f"      <Forename>{e(p.forename)}</Forename>",
              f"      <PreferredSurname>{e(p.surname)}</PreferredSurname>", f"      <PreferredForename>{e(p.known_as)}</PreferredForename>",
              f"      <DOB>{p.dob.isoformat()}</DOB>", f"      <Gender>{p.gender}</Gender>", "      <BasicDetails>",
              f"        <Ethnicity>{p.ethnicity}</Ethnicity>", "        <EthnicitySource>P</EthnicitySource>",
              f"        <FSMhistory><FSMreviewDate>2024-04-01</FSMreviewDate><FSMeligible>{'true' if p.fsm else 'false'}</FSMeligible></FSMhistory>",
              "      </BasicDetails>", "      <SENhistory>", f"        <SEN><StartDate>2022-09-01</StartDate><SENprovision>{p.sen}</SENprovision></SEN>"]
        if p.need:
            x.append(f"        <SENneeds><SENneed><Type>{p.need}</Type><Ranking>1</Ranking></SENneed></SENneeds>")
        x += ["      </SENhistory>", "      <Address>", f"        <PAON>{e(p.address.split(' ', 1)[0])}</PAON>",
              f"        <Street>{e(p.address.split(' ', 1)[1])}</Street>", f"        <Town>{p.town}</Town>", f"        <Postcode>{p.postcode}</Postcode>",
              "      </Address>", "      <Contacts>"]
        for c in p.contacts:
            x += ["        <Contact>", f"          <Title>{c.title}</Title>", f"          <Surname>{e(c.surname)}</Surname>",
                  f"          <Forename>{e(c.forename)}</Forename>", f"          <Relationship>{c.relationship}</Relationship>",
                  f"          <Phones><Phone><TelephoneType>M</TelephoneType><PhoneNo>{c.phone}</PhoneNo></Phone></Phones>",
                  f"          <Email>{c.email}</Email>", "        </Contact>"]
        x += ["      </Contacts>", "    </Pupil>"]
    x += ["  </CTFpupilData>", "</CTfile>", ""]
    write_text(path, "\n".join(x))
    label(path, True, True, "CTF-style XML (Common Transfer File) for Year 6 leavers: UPN, ULN, ethnicity, FSM, SEN provision/need, addresses, contacts", x)


def f_pupil_json():
    path = "mis/api_students_page1.json"
    ps = sample(HBA.pupils, 12)
    data = {"meta": {"page": 1, "per_page": 12, "school": HBA.name, "generated": "2024-11-04T09:15:00Z"},
            "students": [{"id": 8000 + i, "upn": p.upn, "legalFirstName": p.forename, "legalLastName": p.surname, "preferredFirstName": p.known_as,
                          "dateOfBirth": p.dob.isoformat(), "gender": p.gender, "yearGroup": p.year, "tutorGroup": p.reg,
                          "senStatus": p.sen, "medicalConditions": [m[0] for m in p.medical], "dietary": "Halal" if p.religion == "Muslim" else None,
                          "contacts": [{"name": c.formal, "relationship": c.relationship, "mobile": c.phone, "email": c.email} for c in p.contacts]}
                         for i, p in enumerate(ps)]}
    write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    label(path, True, True, "JSON API page of students: UPN, names, DOB, SEN status, medical conditions, religion-based diet, contacts", data)


def f_mis_xlsx():
    path = "mis/MIS export autumn 2024.xlsx"
    ps = HBA.pupils
    s1 = dict(name="Students", header=["UPN", "Legal Surname", "Legal Forename", "Preferred Forename", "DOB", "Gender", "Year", "Tutor Group",
                                       "SEN Status", "Primary Need", "FSM", "Ethnicity", "Attendance %"],
              rows=[[p.upn, p.surname, p.forename, p.known_as, p.dob, p.gender, p.year, p.reg, p.sen, p.need, p.fsm, p.ethnicity, p.attendance] for p in ps])
    s2 = dict(name="Contacts", header=["UPN", "Contact", "Relationship", "Mobile", "Email", "Address", "Postcode"],
              rows=[[p.upn, c.formal, c.relationship, int(c.phone.replace(" ", "")), c.email, f"{p.address}, {p.town}", p.postcode]
                    for p in ps for c in p.contacts[:1]])
    s3 = dict(name="Summary", header=["Year", "Pupils", "SEN K", "SEN E", "FSM"],
              rows=[[y, len(HBA.year(y)), sum(p.sen == "K" for p in HBA.year(y)), sum(p.sen == "E" for p in HBA.year(y)),
                     sum(p.fsm for p in HBA.year(y))] for y in range(7, 14)])
    write_xlsx(path, [s1, s2, s3], creator="Data Manager")
    label(path, True, True, "xlsx MIS export, 3 sheets: students (UPN, DOB as Excel dates, SEN, FSM, ethnicity), contacts (mobiles stored as numbers), summary", [s1, s2, s3])


def f_legacy_xls():
    path = "mis/pupil_list_2009_legacy.xls"
    ps = OAK.pupils[:30]
    sh = dict(name="Pupils", header=["UPN", "Surname", "Forename", "DOB", "Class", "FSM", "Address"],
              rows=[[p.upn, p.surname, p.forename, p.dob, p.reg, "Y" if p.fsm else "N", f"{p.address}, {p.town} {p.postcode}"] for p in ps])
    write_xls(path, [sh])
    label(path, True, True, "Legacy Excel 97-2003 .xls (xlwt): pupil list with UPN, DOB, FSM flag and home address", sh)


def f_census_ods():
    path = "mis/school_census_spring_check.ods"
    ps = OAK.pupils
    sh = dict(name="Census", header=["UPN", "Surname", "Forename", "DOB", "Ethnicity", "Language", "FSM", "SEN provision", "Primary need"],
              rows=[[p.upn, p.surname, p.forename, p.dob, p.ethnicity, "ENB" if not p.eal else rng.choice(["POL", "PNJ", "URD", "BNG", "YOR", "SOM", "TUR", "ARA", "POR", "VIE", "CHI", "LIT", "RUM"]),
                     p.fsm, p.sen, p.need] for p in ps])
    sh2 = dict(name="Notes", rows=[["Checked against paper records by office", "", ""], ["Ethnicity codes per DfE extended list", "", ""]])
    write_ods(path, [sh, sh2])
    label(path, True, True, "ODS census check: UPN, names, DOB, ethnicity and first-language codes, FSM, SEN provision and need", [sh, sh2])


def f_upn_only_csv():
    path = "attendance/attendance_by_upn_wk8.csv"
    ps = sample(HBA.pupils, 20)
    rows = [[p.upn, round(p.attendance, 1), rng.randint(0, 6), rng.randint(0, 4)] for p in ps]
    write_csv(path, ["UPN", "Attendance %", "Authorised absences", "Unauthorised absences"], rows)
    label(path, True, False, "Hard: attendance figures keyed only by UPN (no names) - UPN is a personal identifier", rows)


# ---------------------------------------------------------------------------
# POSITIVE: assessment, reports
# ---------------------------------------------------------------------------
def f_markbook_xlsx():
    path = "assessment/markbook 9 science.xlsx"
    ps = HBA.year(9)
    hdr = ["Student", "Form", "Cells test", "Forces test", "Practical write-up", "Mid-year exam", "Working at"]
    rows = [[p.known_full, p.reg, rng.randint(8, 30), rng.randint(5, 25), rng.choice(["A", "B", "C", "D"]), rng.randint(20, 95),
             rng.choice(["Secure", "Developing", "Exceeding", "Emerging"])] for p in ps]
    sh = dict(name="9 Science", title="Year 9 Science mark book 2024-25", header=hdr, rows=rows)
    write_xlsx(path, [sh], creator=HBA.role("Science").full)
    label(path, True, False, "xlsx mark book: student full names with test marks (no identifiers)", sh)


def f_markbook_csv():
    path = "assessment/7B_maths_markbook.csv"
    ps = HBA.reg("7B")
    assert ps
    rows = [[p.known_full, rng.randint(10, 50), rng.randint(10, 50), rng.randint(10, 50)] for p in ps]
    write_csv(path, ["Student", "Test 1 (/50)", "Test 2 (/50)", "Test 3 (/50)"], rows)
    label(path, True, False, "CSV mark book: 'Student' full names and marks", rows)


def f_names_sheet2_xlsx():
    path = "assessment/Y6_SATs_mock_analysis.xlsx"
    ps = OAK.year(6)
    s1 = dict(name="Overview", title="Year 6 mock SATs - cohort overview", header=["Subject", "Cohort size", "% EXS+", "% GDS", "Average scaled score"],
              rows=[["Reading", len(ps), 71, 24, 104.2], ["GPS", len(ps), 76, 31, 105.8], ["Maths", len(ps), 68, 19, 103.1]])
    s2 = dict(name="Pupils", header=["Pupil", "Class", "Reading", "GPS", "Maths", "Combined"],
              rows=[[p.full, p.reg, rng.randint(92, 118), rng.randint(90, 119), rng.randint(90, 117), rng.choice(["EXS", "WTS", "GDS"])] for p in ps])
    write_xlsx(path, [s1, s2])
    label(path, True, False, "Hard: sheet 1 is cohort-only statistics; pupils' full names and scores are on sheet 2", [s1, s2])


def f_hidden_sheet_xlsx():
    path = "assessment/KS3_english_tracker.xlsx"
    ps = HBA.year(8)
    s1 = dict(name="Tracker", title="KS3 English - assessment objectives", header=["AO", "Description", "Weighting"],
              rows=[["AO1", "Identify and interpret explicit and implicit information", 0.25], ["AO2", "Analyse language and structure", 0.35],
                    ["AO5", "Communicate clearly and effectively", 0.25], ["AO6", "Vocabulary, sentence structure, spelling", 0.15]])
    s2 = dict(name="data", hidden=True, header=["Student", "Form", "AO1", "AO2", "AO5", "AO6"],
              rows=[[p.known_full, p.reg] + [rng.randint(1, 9) for _ in range(4)] for p in ps])
    write_xlsx(path, [s1, s2])
    label(path, True, False, "Hard: visible sheet is generic; a HIDDEN sheet 'data' holds Year 8 students' full names and grades", [s1, s2])


def f_report_drafts_txt():
    path = "reports/Y3_report_drafts_3Hazel.txt"
    ps = OAK.reg("3 Hazel")
    parts = []
    for p in ps:
        parts.append(f"{p.forename} {p.surname} ({p.reg})\n{strengths(p)} {targets(p)}\n")
    write_text(path, "Report comments - DRAFT - do not send\n\n" + "\n".join(parts))
    label(path, True, False, "Plain text end-of-term report drafts, each headed with the pupil's full name", parts)


def f_report_one_name_txt():
    path = "reports/report_comment_bank_v2_draft.txt"
    p = rng.choice(OAK.year(4))
    body = ("General comments for the autumn term (use and adapt):\n\n"
            "- [Name] has settled well into Year 4 and follows class routines confidently.\n"
            "- [Name] is beginning to use a wider range of vocabulary in [his/her] writing.\n"
            "- [Name] should practise times tables little and often at home.\n\n"
            "Worked example (please keep to this length): This term the class studied the Romans and built model aqueducts; "
            f"the design by {p.known_as} {p.surname} was shared in assembly because it actually carried water, and "
            "the whole class learned from it. Keep comments positive and specific.\n\n"
            "- [Name] listens carefully and shares ideas with a partner.\n- [Name] needs reminders to present work neatly.\n")
    write_text(path, body)
    label(path, True, False, "Hard: comment bank of [Name] placeholders whose only personal data is ONE pupil's full name mid-paragraph", body)


def f_reports_docx():
    path = "reports/Year 5 reports - 5 Birch.docx"
    ps = OAK.reg("5 Birch")
    t = OAK.role("Year 5")
    blocks = [("h", "End of year reports 2024-25 - class 5 Birch")]
    for p in ps:
        blocks += [("h2", f"{p.known_as} {p.surname}"), f"{strengths(p)} {targets(p)}",
                   f"Attendance: {p.attendance}%.  Class teacher: {t.formal}"]
    p = ps[0]
    blocks.append(("comment", f"Please proofread {p.known_as}'s comment before it goes to parents.", p.known_as,
                   f"Checked - also mention {p.his} swimming certificate. {OAK.role('Headteacher').formal}", OAK.role("Headteacher").full))
    write_docx(path, blocks, header=f"{OAK.name} - pupil reports", footer=f"Prepared by {t.full}, {t.email}", author=t.full)
    label(path, True, False, "docx report drafts: pupil full names in headings/body, teacher name+email in footer, a Word comment by the head", blocks + [t.full, t.email])


def f_report_rtf():
    path = "reports/end_of_year_report_draft.rtf"
    p = rng.choice(OAK.year(2))
    t = OAK.role("Year 2")
    blocks = [("h", f"{OAK.name} - End of Year Report"), ("table", ["Name", "Class", "Date of birth"], [[p.full, p.reg, fmt_dob(p.dob)]]),
              f"{strengths(p)} {targets(p)}", ("ul", ["Reading: expected standard", "Writing: working towards", "Maths: expected standard"]),
              f"Class teacher: {t.formal}"]
    write_rtf(path, blocks)
    label(path, True, False, "RTF single-pupil report with full name, class and date of birth", blocks)


def f_reports_odt():
    path = "reports/Y2 reports - first draft.odt"
    ps = OAK.year(2)[:7]
    blocks = [("h", "Year 2 reports - first draft")]
    for p in ps:
        blocks += [("h2", p.full), f"{strengths(p)} {targets(p)}"]
    write_odt(path, blocks)
    label(path, True, False, "ODT report drafts with pupil full names", blocks)


def f_reading_groups_docx():
    path = "reports/Y4 guided reading groups.docx"
    ps = OAK.year(4)
    groups = ["Dragons", "Phoenixes", "Griffins", "Unicorns"]
    blocks = [("h", "Guided reading groups - spring term"),
              "Groups rotate through the carousel each week: teacher-led reading, comprehension task, independent reading, vocabulary work and "
              "library time. Texts are matched to each group's phonics and fluency assessment from the end of the autumn term.",
              ("h2", "Group lists"),
              ("table", ["Group", "Pupil", "Book band"], [[groups[i % 4], p.known_full, rng.choice(["Lime", "Brown", "Grey", "Dark Red"])] for i, p in enumerate(ps)]),
              "Please keep this sheet in the reading folder."]
    write_docx(path, blocks, author="Year 4 team")
    label(path, True, False, "Hard: docx whose pupil names appear ONLY inside a table (body text generic)", blocks)


def f_lesson_plan_comment_docx():
    path = "planning/Y3 science plan - rocks (reviewed).docx"
    p = next(x for x in OAK.year(3) if x.sen != "N") if any(x.sen != "N" for x in OAK.year(3)) else OAK.year(3)[0]
    senco = OAK.role("SENCo")
    blocks = [("h", "Year 3 Science - Rocks and soils (week 2)"),
              "Learning objective: to compare and group different kinds of rocks on the basis of their appearance and simple physical properties.",
              ("ul", ["Starter: rock or not a rock? picture sort", "Main: scratch, water and magnifier tests in groups of four",
                      "Plenary: sort rocks into a Venn diagram"]),
              ("comment", "Adaptation: provide a word mat and pre-cut recording sheet for pupils who need them.", "word mat",
               f"For {p.full} ({NEED_WORDS.get(p.need, 'SEN Support')}, {sen_word(p)}) please use the visual version and seat near the front. - {senco.formal}",
               senco.full)]
    write_docx(path, blocks, author="Year 3 team")
    label(path, True, True, "Hard: a generic lesson plan whose only personal data is a Word review comment naming a pupil with SEN need", blocks)


def f_footer_only_docx():
    path = "planning/KS2 spelling overview.docx"
    s = OAK.role("Year 6")
    blocks = [("h", "KS2 spelling overview"),
              ("table", ["Year", "Autumn", "Spring", "Summer"],
               [["3", "-ly suffix, 'ou' words", "prefixes un-, dis-, mis-", "homophones"], ["4", "-ation suffix", "possessive apostrophe plurals", "-sion/-tion"],
                ["5", "silent letters", "-cious / -tious", "hyphens"], ["6", "-ible / -able", "-ough words", "statutory list review"]]),
              "Spelling is taught daily for fifteen minutes and assessed fortnightly through dictation."]
    write_docx(path, blocks, footer=f"Document owner: {s.title} {s.forename} {s.surname} (English lead) - reviewed Sept 2024", author="English lead")
    label(path, True, False, "Hard: generic curriculum document; the only personal data is a staff member's full name in the footer", blocks + [s.full])


# ---------------------------------------------------------------------------
# POSITIVE: safeguarding
# ---------------------------------------------------------------------------
CONCERNS = ["arrived without coat again, said there was no food at home last night",
            "disclosed that an older cousin hits them when parents are out",
            "unexplained bruising on upper arm noticed during PE; child said they 'fell'",
            "very withdrawn, tearful in class; said mum 'sleeps all day'",
            "collected by an unknown adult who was not on the contact list",
            "mentioned chatting online with an adult 'friend' who asked for photos",
            "self-harm marks seen on forearm by TA during art"]


def cp_pupils(school, n):
    return sample(school.pupils, n, lambda p: p.cp in ("CP", "CIN")) or sample(school.pupils, n)


def f_cpoms_csv():
    path = "safeguarding/CPOMS_incident_export_Oct24.csv"
    ps = sample(OAK.pupils, 10)
    rows = []
    for p in ps:
        rows.append([f"{rng.randint(1, 31):02d}/10/2024 {rng.randint(8, 15)}:{rng.choice(['05', '20', '42'])}", p.full, p.reg,
                     rng.choice(["Safeguarding", "Child Protection", "Behaviour", "Attendance", "Bullying"]), rng.choice(CONCERNS),
                     rng.choice([s.full for s in OAK.staff[:6]]), rng.choice(["Open", "Closed", "Referred to MASH"])])
    write_csv(path, ["Date", "Student", "Class", "Category", "Incident", "Reported by", "Status"], rows)
    label(path, True, True, "CPOMS-style safeguarding incident export: concerns logged about named pupils", rows)


def f_concern_log_txt():
    path = "safeguarding/concern_log_2024-11-04.txt"
    p = cp_pupils(OAK, 1)[0]
    dsl = OAK.role("DSL")
    t = f"""SAFEGUARDING CONCERN - CONFIDENTIAL
Date/time: 04/11/2024 08:50
Child: {p.full}   DOB: {fmt_dob(p.dob)}   Class: {p.reg}
Recorded by: {OAK.role('Teaching Assistant').formal}

What was seen/heard (child's own words where possible):
{p.known_as} came into class crying and said "{rng.choice(['I do not want to go home tonight', 'my dad shouted and threw the plate', 'nobody picked me up on Friday'])}".
{p.he.capitalize()} has a {p.cp or 'no'} plan in place; allocated social worker {p.social_worker or 'not yet allocated'}.

Action taken: passed to DSL ({dsl.formal}) at 09:05. DSL phoned children's social care front door.
Parent informed? No - advised not to by social care.
"""
    write_text(path, t)
    label(path, True, True, "Plain-text safeguarding concern about a named child with DOB, CP/CIN status and social worker", t)


def f_cp_case_docx():
    path = "safeguarding/CP case summary - strictly confidential.docx"
    p = cp_pupils(OAK, 1)[0]
    dsl = OAK.role("DSL")
    blocks = [("h", "Child Protection case summary"),
              ("table", ["Field", "Detail"], [["Child", p.full], ["DOB", fmt_dob(p.dob)], ["UPN", p.upn], ["Address", f"{p.address}, {p.town} {p.postcode}"],
                                              ["Status", "Child Protection Plan - category: neglect"], ["Social worker", f"{p.social_worker or 'TBC'}, 0113 496 0{rng.randint(100, 999)}"],
                                              ["Parents", "; ".join(c.formal for c in p.contacts)]]),
              ("h2", "Chronology"),
              ("ul", ["12/09/2024 - core group meeting, school to monitor attendance and lunch", "30/09/2024 - concern logged: hungry, unwashed uniform",
                      "21/10/2024 - review child protection conference, plan continues"]),
              f"DSL: {dsl.formal}"]
    write_docx(path, blocks, author=dsl.full, header="STRICTLY CONFIDENTIAL - CHILD PROTECTION")
    label(path, True, True, "docx child-protection case summary: CP plan, social worker, chronology, parents, UPN", blocks)


def f_dsl_handover_md():
    path = "safeguarding/DSL_handover_notes.md"
    ps = cp_pupils(HBA, 4)
    blocks = [("h", "DSL handover - half term"), "Open cases to keep an eye on while I am away:",
              ("table", ["Student", "Form", "Status", "Social worker", "Notes"],
               [[p.known_full, p.reg, p.cp or "Early Help", p.social_worker or "-", rng.choice(CONCERNS)] for p in ps]),
              f"Cover DSL: {HBA.role('Vice Principal').formal}"]
    write_md(path, blocks)
    label(path, True, True, "Markdown DSL handover: named students with CP/CIN status, social workers and concerns", blocks)


def f_mash_referral_pdf():
    path = "safeguarding/MASH referral form - completed.pdf"
    p = cp_pupils(HBA, 1)[0]
    dsl = HBA.role("DSL")
    blocks = [("h", "Multi-Agency Safeguarding Hub - referral"),
              ("table", ["Field", "Detail"], [["Child's name", p.full], ["Date of birth", fmt_dob(p.dob)], ["NHS number", p.nhs], ["Ethnicity", ETHNICITY_WORDS[p.ethnicity]],
                                              ["Home address", f"{p.address}, {p.town} {p.postcode}"], ["School", HBA.name], ["Parent/carer", p.contacts[0].formal + ", " + p.contacts[0].phone]]),
              ("h2", "Reason for referral"),
              f"{p.known_as} disclosed to {p.his} form tutor that {rng.choice(CONCERNS)}. This is the third concern this term.",
              f"Referrer: {dsl.formal}, {dsl.role}, {dsl.email}"]
    write_pdf(path, "MASH referral", blocks, author=dsl.full)
    label(path, True, True, "PDF MASH referral: child name, DOB, NHS number, ethnicity, address, disclosure", blocks)


def f_safeguarding_eml():
    path = "safeguarding/FW_ concern about a Year 10 student.eml"
    from email.charset import QP, Charset
    from email.mime.text import MIMEText
    p = cp_pupils(HBA, 1)[0]
    dsl, hoy = HBA.role("DSL"), HBA.role("Head of Year 11")
    body = (f"Hi {dsl.forename},\n\nForwarding this as discussed. {p.full} ({p.reg}) told me at break that {rng.choice(CONCERNS)}. "
            f"I have logged it on CPOMS. {p.he.capitalize()} is already known to children’s social care ({p.cp or 'Early Help'}).\n\n"
            f"Thanks,\n{hoy.full}\n{hoy.role}\n")
    cs = Charset("utf-8")
    cs.body_encoding = QP
    m = MIMEText(body, "plain", cs)
    m["From"] = f"{hoy.full} <{hoy.email}>"
    m["To"] = f"{dsl.full} <{dsl.email}>"
    m["Subject"] = "FW: concern about a Year 10 student"
    m["Date"] = "Mon, 04 Nov 2024 10:42:17 +0000"
    m["Message-ID"] = "<20241104104217.5521@hollinsbrook.sch.uk>"
    out(path).write_bytes(m.as_bytes())
    label(path, True, True, "Email (quoted-printable) between staff about a safeguarding concern for a named student", body + m["From"] + m["To"])


# ---------------------------------------------------------------------------
# POSITIVE: SEN
# ---------------------------------------------------------------------------
def sen_pupils(school):
    return [p for p in school.pupils if p.sen != "N"]


def f_sen_register_xlsx():
    path = "sen/SEN register 2024-25.xlsx"
    ps = sen_pupils(OAK)
    sh = dict(name="Register", title=f"{OAK.name} SEN register", header=["UPN", "Name", "DOB", "Class", "SEN status", "Primary need", "Outside agencies", "Review date"],
              rows=[[p.upn, p.full, p.dob, p.reg, p.sen, p.need, rng.choice(["EP", "SALT", "CAMHS", "OT", "STARS", ""]), dt.date(2025, rng.randint(1, 7), rng.randint(1, 28))] for p in ps])
    write_xlsx(path, [sh], creator=OAK.role("SENCo").full)
    label(path, True, True, "xlsx SEN register: UPN, names, DOB, SEN status K/E, primary need codes, agencies", sh)


def f_sen_first_names_csv():
    path = "sen/intervention_groups_Y2.csv"
    ps = sample(OAK.pupils, 9, lambda p: p.sen != "N") or OAK.pupils[:9]
    rows = [[f"{p.known_as} {p.surname[0]}.", p.reg, p.sen, p.need, rng.choice(["Precision teaching", "Talk Boost", "Lego therapy", "Zones of Regulation"])] for p in ps]
    write_csv(path, ["Pupil", "Class", "SEN", "Need", "Intervention"], rows)
    label(path, True, True, "Hard: only first name + surname initial in 'Pupil' column, but with class and SEN codes (identifiable within school)", rows)


def f_provision_map_html():
    path = "sen/provision_map_Y3.html"
    ps = [p for p in OAK.year(3) if p.sen != "N"] or OAK.year(3)[:3]
    blocks = [("h", "Provision map - Year 3 - autumn 2"), ("table", ["Pupil", "SEN", "Need", "Provision", "Hours/week", "Outcome"],
                                                         [[p.full, sen_word(p), NEED_WORDS.get(p.need, ""), rng.choice(["1:1 reading", "Social skills group", "Fine motor group", "Sensory breaks"]),
                                                           rng.choice([1, 2, 3]), "On track"] for p in ps])]
    write_html(path, "Provision map", blocks)
    label(path, True, True, "HTML provision map: named pupils with SEN status and need", blocks)


def f_ehcp_review_odt():
    path = "sen/EHCP annual review notes.odt"
    p = next((x for x in OAK.pupils if x.sen == "E"), OAK.pupils[0])
    senco = OAK.role("SENCo")
    blocks = [("h", "EHCP annual review"), f"Child: {p.full}   DOB: {fmt_dob(p.dob)}   UPN: {p.upn}",
              f"Primary need: {NEED_WORDS.get(p.need, 'ASD')}. Attendees: {p.contacts[0].formal} ({p.contacts[0].relationship.lower()}), {senco.formal} (SENCo), educational psychologist.",
              ("ul", [f"{p.known_as} uses a visual timetable and now transitions with less distress.", "Outcome 2 (communication) partly met.",
                      "Request: increase speech and language therapy to fortnightly."])]
    write_odt(path, blocks)
    label(path, True, True, "ODT EHCP annual review for a named pupil (need, attendees, outcomes)", blocks)


def f_ehcp_pdf():
    path = "sen/EHCP_draft_section_B.pdf"
    p = next((x for x in HBA.pupils if x.sen == "E"), HBA.pupils[1])
    blocks = [("h", "Education, Health and Care Plan - DRAFT"), ("table", ["", ""], [["Name", p.full], ["Date of birth", fmt_dob(p.dob)], ["NHS number", p.nhs],
                                                                                     ["Home language", "English" if not p.eal else "Other"], ["Parent/carer", p.contacts[0].formal]]),
              ("h2", "Section B: Special educational needs"),
              f"{p.known_as} has a diagnosis of {NEED_WORDS.get(p.need, 'Autistic Spectrum Disorder')}. {p.he.capitalize()} finds unstructured times very difficult and needs adult support at break.",
              ("h2", "Section C: Health needs"), (p.medical[0][0] + ": " + p.medical[0][1]) if p.medical else "Anxiety; under review by CAMHS."]
    write_pdf(path, "EHCP draft", blocks)
    label(path, True, True, "PDF EHCP draft: name, DOB, NHS number, SEN and health needs", blocks)


def f_access_arrangements_tsv():
    path = "exams/access_arrangements_Y11.tsv"
    ps = sample(HBA.year(11), 6)
    rows = [[p.candidate, p.full, rng.choice(["25% extra time", "Reader", "Scribe", "Separate room", "Rest breaks"]),
             rng.choice(["Dyslexia (SpLD) - assessed Y10", "Anxiety - CAMHS letter", "Hearing impairment", "ASD - EHCP"])] for p in ps]
    write_csv(path, ["Cand No", "Candidate", "Arrangement", "Evidence"], rows, delimiter="\t", newline="\n")
    label(path, True, True, "TSV exam access arrangements: candidate numbers, names and medical/SEN evidence", rows)


def f_sen_letter_rtf():
    path = "sen/letter to parent - SEN support meeting.rtf"
    p = next((x for x in OAK.pupils if x.sen == "K"), OAK.pupils[2])
    c = p.contacts[0]
    senco = OAK.role("SENCo")
    blocks = [OAK.name, f"{OAK.address} {OAK.postcode}", f"{c.formal}", f"{p.address}", f"{p.town}", p.postcode, "4 November 2024",
              f"Dear {c.title} {c.surname},", f"Re: {p.full} - SEN Support review",
              f"I would like to invite you to a meeting to review {p.known_as}'s SEN Support plan. {p.known_as}'s identified need is "
              f"{NEED_WORDS.get(p.need, 'Speech, Language and Communication Needs')} and we will discuss the targets set in September.",
              "Yours sincerely,", senco.full, "SENCo"]
    write_rtf(path, blocks)
    label(path, True, True, "RTF letter to a parent (name, home address) about their child's SEN Support plan", blocks)


# ---------------------------------------------------------------------------
# POSITIVE: staff
# ---------------------------------------------------------------------------
def f_staff_list_xlsx():
    path = "staff/staff list 2024-25 (payroll).xlsx"
    ss = OAK.staff
    sh = dict(name="Staff", header=["Title", "Forename", "Surname", "Role", "DOB", "NI Number", "Teacher Reference Number", "Sort Code", "Account No", "Salary", "Mobile"],
              rows=[[s.title, s.forename, s.surname, s.role, s.dob, s.ni, s.trn, s.sort_code, s.account, s.salary, int(s.phone.replace(" ", ""))] for s in ss])
    write_xlsx(path, [sh], creator=OAK.role("Business").full)
    label(path, True, False, "xlsx staff payroll list: names, DOB, NI numbers, TRNs, sort codes and account numbers, salaries", sh)


def f_staff_contacts_csv():
    path = "staff/staff_contact_list.csv"
    rows = [[s.formal, s.full, s.role, s.email, s.phone, s.postcode] for s in HBA.staff]
    write_csv(path, ["Known as", "Full name", "Role", "Work email", "Personal mobile", "Home postcode"], rows)
    label(path, True, False, "Staff contact list: names, work emails, personal mobiles, home postcodes", rows)


def f_scr_xlsx():
    path = "staff/Single Central Record.xlsx"
    ss = HBA.staff
    sh = dict(name="SCR", header=["Surname", "Forename", "DOB", "Address", "Postcode", "Role", "Start date", "ID checked", "DBS certificate no.", "DBS date", "TRN", "Prohibition check", "Right to work"],
              rows=[[s.surname, s.forename, s.dob, s.address, s.postcode, s.role, s.start, "Passport", s.dbs, dt.date(s.start.year, 8, rng.randint(1, 28)),
                     s.trn, "Clear" if s.trn else "N/A", "Checked"] for s in ss])
    sh2 = dict(name="Volunteers", header=["Name", "Role", "DBS certificate no."],
               rows=[[f"{c.forename} {c.surname}", "Parent volunteer (reading)", f"00{rng.randint(1000000000, 1999999999)}"] for c in [p.contacts[0] for p in HBA.pupils[:3]]])
    write_xlsx(path, [sh, sh2])
    label(path, True, False, "xlsx Single Central Record: staff DOB, addresses, DBS numbers, TRNs; parent volunteers on sheet 2", [sh, sh2])


def f_payroll_pdf():
    path = "staff/payroll changes October 2024.pdf"
    ss = rng.sample(OAK.staff, 4)
    blocks = [("h", "Payroll changes - October 2024"), f"To: payroll provider. From: {OAK.role('Business').formal}, School Business Manager.",
              ("table", ["Employee", "NI number", "Change", "Bank details"],
               [[s.full, s.ni, rng.choice(["New bank account", "Increment to M3", "Change of address", "Change of hours"]),
                 f"Sort code {s.sort_code}, account {s.account}, IBAN {s.iban}"] for s in ss])]
    write_pdf(path, "Payroll changes", blocks)
    label(path, True, False, "PDF payroll change notice: staff names, NI numbers, sort codes, account numbers, IBANs", blocks)


def f_workforce_ods():
    path = "staff/workforce_census_2024.ods"
    sh = dict(name="Workforce", header=["Staff ID", "Surname", "Forename", "Gender", "DOB", "NI Number", "Ethnicity", "Religion", "Disability", "Contract", "FTE"],
              rows=[[f"S{100 + i}", s.surname, s.forename, s.gender, s.dob, s.ni, s.ethnicity, s.religion, rng.choice(["No", "No", "No", "Yes - hearing", "Prefer not to say"]),
                     rng.choice(["Permanent", "Fixed term"]), rng.choice([1.0, 1.0, 0.8, 0.6])] for i, s in enumerate(HBA.staff)])
    write_ods(path, [sh])
    label(path, True, True, "ODS school workforce census: staff names, NI numbers, ethnicity, religion, disability", sh)


def f_staff_absence_json():
    path = "staff/staff_absence_2024_autumn.json"
    ss = rng.sample(OAK.staff, 5)
    data = [{"staff": s.full, "role": s.role, "from": f"2024-{rng.randint(9, 10):02d}-{rng.randint(1, 28):02d}", "days": rng.randint(1, 15),
             "reason": rng.choice(["Stress / anxiety - GP fit note", "Back injury", "Operation (planned)", "Covid-19", "Pregnancy-related illness"]),
             "occupational_health_referral": rng.choice([True, False])} for s in ss]
    write_text(path, json.dumps(data, indent=2) + "\n")
    label(path, True, True, "JSON staff sickness absence records with health reasons", data)


def f_new_starter_docx():
    path = "staff/new starter form - completed.docx"
    s = OAK.staff[-4]
    blocks = [("h", "New starter details"), ("table", ["Field", "Entry"], [["Name", f"{s.title} {s.full}"], ["Date of birth", fmt_dob(s.dob)],
                                                                        ["Home address", f"{s.address} {s.postcode}"], ["NI number", s.ni], ["Personal mobile", s.phone],
                                                                        ["Bank", f"Sort code {s.sort_code}  Account {s.account}"], ["Emergency contact", f"{make_contact('british', 'Mother', s.surname).full} (mother) {make_phone()}"]]),
              "I confirm the above details are correct."]
    write_docx(path, blocks, author=s.full)
    label(path, True, False, "docx completed new starter form: staff name, DOB, address, NI, bank details, emergency contact", blocks)


def f_staff_directory_html():
    path = "staff/staff_directory.html"
    blocks = [("h", f"{HBA.name} - who's who"), ("table", ["Name", "Role", "Email"], [[s.formal, s.role, s.email] for s in HBA.staff]),
              f"General enquiries: {HBA.office} / {HBA.phone}"]
    write_html(path, "Staff directory", blocks)
    label(path, True, False, "HTML staff directory: staff titles+surnames, roles and individual work emails", blocks)


def f_governors_md():
    path = "governance/FGB minutes 2024-10-14.md"
    head, sbm = OAK.role("Headteacher"), OAK.role("Business")
    blocks = [("h", "Full Governing Body - minutes (draft)"), f"Present: {head.full} (Headteacher), {sbm.full} (SBM), and 7 governors.",
              ("ul", ["Budget: forecast surplus of £12,400 carried forward.", f"Staffing: {OAK.staff[6].full} returns from secondment in January.",
                      "Safeguarding: no named cases discussed; annual report received."]), "Next meeting: 9 December 2024."]
    write_md(path, blocks)
    label(path, True, False, "Markdown governors' minutes naming the headteacher and staff (staffing matter)", blocks)


# ---------------------------------------------------------------------------
# POSITIVE: trips, medical, attendance, exams, PP, photos, catering
# ---------------------------------------------------------------------------
def f_trip_consent_docx():
    path = "trips/Y4 Chester Zoo consent - returned.docx"
    p = next((x for x in OAK.year(4) if x.medical), OAK.year(4)[0])
    c1, c2 = p.contacts[0], p.contacts[1]
    med = p.medical[0] if p.medical else MEDICAL[0]
    blocks = [("h", "Educational visit consent form - Chester Zoo, Thursday 14 November"),
              ("table", ["", ""], [["Child's name", p.full], ["Class", p.reg], ["Date of birth", fmt_dob(p.dob)],
                                   ["Medical conditions", med[0]], ["Medication", med[1]], ["Dietary needs", "Halal" if p.religion == "Muslim" else "None"],
                                   ["Emergency contact 1", f"{c1.formal} ({c1.relationship}) {c1.phone}"], ["Emergency contact 2", f"{c2.formal} ({c2.relationship}) {c2.phone}"],
                                   ["NHS number", p.nhs]]),
              f"I give permission for my child to attend. Signed: {c1.full}    Date: 21/10/2024"]
    write_docx(path, blocks, header=f"{OAK.name} - educational visits", author="Office")
    label(path, True, True, "docx completed trip consent form: child name, DOB, medical condition/medication, NHS number, emergency contacts", blocks)


def f_residential_xlsx():
    path = "trips/Y6 Robinwood residential - medical and dietary.xlsx"
    ps = OAK.year(6)
    sh = dict(name="Medical", header=["Pupil", "DOB", "Room", "Medical", "Medication", "Dietary", "Emergency contact", "Phone"],
              rows=[[p.full, p.dob, f"Room {i // 4 + 1}", "; ".join(m[0] for m in p.medical), "; ".join(m[1] for m in p.medical),
                     "Halal" if p.religion == "Muslim" else ("Vegetarian" if p.religion in ("Hindu", "Sikh") else ""), p.contacts[0].formal,
                     int(p.contacts[0].phone.replace(" ", ""))] for i, p in enumerate(ps)])
    sh2 = dict(name="Staff", header=["Staff", "Role on trip", "Mobile"], rows=[[s.full, r, s.phone] for s, r in zip(OAK.staff[1:4], ["Trip leader", "First aider", "Group leader"])])
    write_xlsx(path, [sh, sh2])
    label(path, True, True, "xlsx residential trip list: pupil medical conditions, medication, diets (religion), emergency contacts; staff mobiles", [sh, sh2])


def f_trip_list_txt():
    path = "trips/Y8_Castleton_coach_list.txt"
    ps = HBA.year(8)
    lines = ["Castleton geography field trip - coach list", "Coach 1 - leave 08:15 from front car park", ""]
    lines += [f"{p.known_full:<32} {p.reg:<5} emergency: {p.contacts[0].phone}" for p in ps]
    write_text(path, "\n".join(lines) + "\n")
    label(path, True, False, "Plain-text coach list: student names, forms and emergency contact phone numbers", lines)


def f_trip_returns_pdf():
    path = "trips/Y10 Berlin trip - consent returns summary.pdf"
    ps = HBA.year(10)
    blocks = [("h", "Berlin history trip - consent and medical summary"),
              ("table", ["Student", "Passport", "EHIC/GHIC", "Medical notes", "Consent"],
               [[p.full, "Seen", "Yes", "; ".join(m[0] for m in p.medical) or "None", rng.choice(["Returned", "Returned", "Outstanding"])] for p in ps])]
    write_pdf(path, "Berlin trip returns", blocks)
    label(path, True, True, "PDF trip consent summary: student names and medical notes", blocks)


def f_allergy_pdf():
    path = "medical/kitchen allergy list - autumn 2024.pdf"
    ps = [p for p in OAK.pupils if any("allergy" in m[0].lower() or "Coeliac" in m[0] for m in p.medical)] or OAK.pupils[:5]
    blocks = [("h", "Kitchen allergy and dietary list - DISPLAY IN KITCHEN ONLY"),
              ("table", ["Pupil", "Class", "Allergy / condition", "Action"], [[p.known_full, p.reg, "; ".join(m[0] for m in p.medical) or "Nut allergy", "; ".join(m[1] for m in p.medical)] for p in ps])]
    write_pdf(path, "Allergy list", blocks)
    label(path, True, True, "PDF kitchen allergy list: named pupils with allergies/coeliac disease and emergency medication", blocks)


def f_medication_log_csv():
    path = "medical/medication_administration_log.csv"
    ps = [p for p in OAK.pupils if p.medical][:8] or OAK.pupils[:8]
    rows = []
    for p in ps:
        for d in range(3):
            rows.append([dt.date(2024, 10, 14 + d), f"12:{rng.randint(0, 59):02d}", p.full, p.reg, p.medical[0][0] if p.medical else "Asthma",
                         "Salbutamol 2 puffs" if "Asthma" in (p.medical[0][0] if p.medical else "Asthma") else p.medical[0][1][:40],
                         rng.choice([s.formal for s in OAK.staff[10:14]])])
    write_csv(path, ["Date", "Time", "Pupil", "Class", "Condition", "Dose given", "Given by"], rows)
    label(path, True, True, "CSV medication log: pupil names, conditions and doses administered", rows)


def f_care_plans_docx():
    path = "medical/individual healthcare plans summary.docx"
    ps = [p for p in HBA.pupils if p.medical][:6] or HBA.pupils[:6]
    blocks = [("h", "Individual healthcare plans - summary for staff"),
              "This summary lists students with an IHP. Full plans are in the medical room.",
              ("table", ["Student", "Form", "Condition", "What to do", "NHS number"], [[p.full, p.reg, p.medical[0][0] if p.medical else "", p.medical[0][1] if p.medical else "", p.nhs] for p in ps])]
    write_docx(path, blocks, author="First aid lead")
    label(path, True, True, "docx healthcare-plan summary: student names, medical conditions, emergency actions, NHS numbers", blocks)


def f_attendance_register_csv():
    path = "attendance/register_6 Willow_wk36.csv"
    ps = OAK.reg("6 Willow")
    days = ["Mon AM", "Mon PM", "Tue AM", "Tue PM", "Wed AM", "Wed PM", "Thu AM", "Thu PM", "Fri AM", "Fri PM"]
    rows = [[p.surname, p.forename] + [rng.choice("//////\\\\\\LNUCB") for _ in days] for p in ps]
    write_csv(path, ["Surname", "Forename"] + days, rows)
    label(path, True, False, "CSV weekly attendance register with mark codes per named pupil", rows)


def f_attendance_concerns_xlsx():
    path = "attendance/persistent absence tracker.xlsx"
    ps = sorted(HBA.pupils, key=lambda p: p.attendance)[:12]
    sh = dict(name="PA", header=["UPN", "Student", "Form", "Attendance %", "Stage", "Parent contacted", "Parent phone"],
              rows=[[p.upn, p.full, p.reg, p.attendance / 100, rng.choice(["Letter 1", "Letter 2", "Meeting", "Fixed penalty warning"]), dt.date(2024, 10, rng.randint(1, 28)),
                     int(p.contacts[0].phone.replace(" ", ""))] for p in ps])
    write_xlsx(path, [sh], creator="Attendance Officer")
    label(path, True, False, "xlsx persistent absence tracker: UPN, names, attendance %, parent phone numbers", sh)


def f_late_book_txt():
    path = "attendance/late book Oct.txt"
    lines = [f"{dt.date(2024, 10, rng.randint(1, 31)).strftime('%d/%m')} {rng.randint(8, 9)}:{rng.randint(40, 59)}  {p.known_full} ({p.reg}) - {rng.choice(['bus late', 'overslept', 'dentist', 'no reason given'])}"
             for p in sample(HBA.pupils, 14)]
    write_text(path, "LATE BOOK - signed in at reception\n" + "\n".join(sorted(lines)) + "\n")
    label(path, True, False, "Plain-text late book: dates, times, student names and reasons", lines)


def f_exam_entries_csv():
    path = "exams/GCSE_entries_summer2025.csv"
    ps = [p for p in HBA.pupils if p.year == 11]
    rows = [[CENTRE, p.candidate, p.uci, p.surname.upper(), p.forename, p.dob.strftime("%d%m%y"), p.gender,
             ";".join(rng.sample(["8300H", "8700", "8702", "8464H", "8035", "8145", "8658H"], 4))] for p in ps]
    write_csv(path, ["Centre", "Candidate No", "UCI", "Surname", "Forenames", "DOB", "Sex", "Entries"], rows)
    label(path, True, False, "CSV exam entries: centre, candidate numbers, UCIs, names, DOB", rows)


def f_statement_of_entry_pdf():
    path = "exams/statement of entry - candidate.pdf"
    p = [x for x in HBA.pupils if x.year == 11][0]
    blocks = [("h", "Statement of Entry - Summer 2025"), f"Centre: {CENTRE} {HBA.name}",
              ("table", ["Candidate name", "Candidate number", "UCI", "Date of birth"], [[p.full, p.candidate, p.uci, fmt_dob(p.dob)]]),
              ("table", ["Date", "Session", "Paper", "Title"], [["15/05/2025", "AM", "8300/1H", "Mathematics Paper 1"], ["21/05/2025", "PM", "8702/1", "English Literature Paper 1"]]),
              "Please check your name is spelt correctly and tell the Exams Officer of any errors."]
    write_pdf(path, "Statement of entry", blocks)
    label(path, True, False, "PDF statement of entry for one candidate: name, candidate number, UCI, DOB", blocks)


def f_seating_plan_xlsx():
    path = "exams/seating plan - sports hall - Y13 mocks.xlsx"
    ps = [p for p in HBA.pupils if p.year == 13]
    sh = dict(name="Sports hall", header=["Desk", "Candidate No", "Candidate"], rows=[[f"{'ABCD'[i % 4]}{i // 4 + 1}", int(p.candidate), p.full] for i, p in enumerate(ps)])
    write_xlsx(path, [sh])
    label(path, True, False, "xlsx exam seating plan: desk, candidate number, candidate full name", sh)


def f_results_xml():
    path = "exams/results_A_level_import.xml"
    ps = [p for p in HBA.pupils if p.year == 13]
    x = ['<?xml version="1.0" encoding="UTF-8"?>', f'<Results centre="{CENTRE}" series="June 2025 (mock)">']
    for p in ps:
        x.append(f'  <Candidate number="{p.candidate}" uci="{p.uci}"><Name>{html.escape(p.full)}</Name>'
                 + "".join(f'<Result subject="{s}" grade="{rng.choice(["A*", "A", "B", "C", "D"])}"/>' for s in rng.sample(["Maths", "Biology", "History", "Psychology", "Sociology", "Chemistry"], 3))
                 + "</Candidate>")
    x.append("</Results>")
    write_text(path, "\n".join(x) + "\n")
    label(path, True, False, "XML mock results import: candidate numbers, UCIs, names, grades", x)


def f_pp_xlsx():
    path = "pupil premium/PP and FSM list 2024-25.xlsx"
    ps = [p for p in OAK.pupils if p.pp]
    sh = dict(name="PP", header=["UPN", "Name", "Class", "FSM", "Ever 6", "LAC/PLAC", "PP funding £", "Barrier"],
              rows=[[p.upn, p.full, p.reg, "Y" if p.fsm else "N", "Y", rng.choice(["N", "N", "N", "PLAC"]), 1480, rng.choice(["Attendance", "Language", "Reading at home", "Wellbeing"])] for p in ps])
    write_xlsx(path, [sh])
    label(path, True, True, "xlsx pupil premium/FSM list with UPNs and names", sh)


def f_pp_pptx():
    path = "pupil premium/PP case studies - governors.pptx"
    ps = sample(OAK.pupils, 3, lambda p: p.pp) or OAK.pupils[:3]
    slides = [("Pupil premium: impact 2023-24", ["Attendance gap reduced from 4.1% to 2.6%", "Reading: 68% of PP pupils at expected standard"], "Keep this brief - 5 minutes."),
              ("Case study A", ["Breakfast club place funded", "Weekly 1:1 reading", "Attendance now above 95%"],
               f"Case study A is {ps[0].full} in {ps[0].reg}; eligible for free school meals since Year 1. Do not read the name aloud."),
              ("Case study B", ["Music tuition funded", "Mentoring with learning mentor"], f"This is {ps[1].known_as} {ps[1].surname} (FSM, {sen_word(ps[1])})."),
              ("Next steps", ["Targeted tutoring", "Uniform and trip subsidy"], "")]
    write_pptx(path, slides, author=OAK.role("Deputy").full)
    label(path, True, True, "Hard: pptx whose slides are anonymised; the speaker notes name pupils and their FSM/SEN status", slides)


def f_staff_briefing_pptx():
    path = "presentations/Monday staff briefing.pptx"
    p = cp_pupils(HBA, 1)[0]
    q = next((x for x in HBA.pupils if x.medical), HBA.pupils[0])
    slides = [("Staff briefing - Monday 4 November", ["Duty rota changes", "Fire drill Wednesday P3", "Reports window opens"], ""),
              ("Student updates", ["Please see notes / speak to DSL", "New medical needs - see notes"],
               f"Please be aware: {p.full} ({p.reg}) - {p.cp or 'Early Help'} - social worker {p.social_worker or 'TBC'}. "
               f"{q.known_full} ({q.reg}) now has {q.medical[0][0] if q.medical else 'asthma'}."),
              ("Reminders", ["Lanyards on at all times", "Report concerns the same day"], "")]
    write_pptx(path, slides, author="SLT")
    label(path, True, True, "Hard: pptx staff briefing; names with safeguarding status and a medical condition only in speaker notes", slides)


def f_celebration_odp():
    path = "presentations/celebration assembly.odp"
    ps = sample(OAK.pupils, 8)
    slides = [("Celebration assembly", ["Friday 1 November"], None),
              ("Stars of the week", [f"{p.known_full} - {p.reg}" for p in ps[:4]], "Call each child to the front."),
              ("Reading champions", [f"{p.known_full}" for p in ps[4:]], None)]
    write_odp(path, slides)
    label(path, True, False, "ODP assembly slides naming pupils (stars of the week)", slides)


def f_photo_consent_csv():
    path = "photos/photo_consent_list.csv"
    ps = OAK.year(1) + OAK.year(2)
    rows = [[p.full, p.reg, "Yes" if p.photo_consent else "NO", "Yes" if p.photo_consent and rng.random() < 0.8 else "No"] for p in ps]
    write_csv(path, ["Pupil", "Class", "Photos in school", "Website / social media"], rows)
    label(path, True, False, "CSV photo consent list: pupil names and consent decisions", rows)


def f_biometric_csv():
    path = "catering/biometric_consent_fingerprint.csv"
    ps = HBA.year(7)
    rows = [[p.upn, p.surname, p.forename, p.reg, "Consent given" if p.biometric else "Refused - PIN issued", "Fingerprint template enrolled" if p.biometric else "", p.contacts[0].full] for p in ps]
    write_csv(path, ["UPN", "Surname", "Forename", "Form", "Biometric consent", "Status", "Consent given by"], rows)
    label(path, True, True, "CSV biometric (fingerprint cashless catering) consent tied to named students", rows)


def draw_people(draw, w, h, n, seed):
    r = random.Random(seed)
    for i in range(n):
        x = int((i + 0.5) * w / n)
        skin = r.choice([(241, 194, 155), (198, 134, 66), (141, 85, 36), (224, 172, 105), (255, 219, 172)])
        shirt = r.choice([(30, 60, 120), (180, 30, 40), (40, 120, 60)])
        draw.ellipse([x - 14, h // 2 - 40, x + 14, h // 2 - 10], fill=skin)
        draw.rectangle([x - 18, h // 2 - 8, x + 18, h // 2 + 45], fill=shirt)


def f_images():
    from PIL import Image, ImageDraw
    # class photo
    path = "photos/class photo.jpg"
    im = Image.new("RGB", (360, 220), (150, 190, 225))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 150, 360, 220], fill=(90, 150, 80))
    draw_people(d, 360, 200, 7, 1)
    d.text((10, 195), "Class 3 Hazel 2024", fill=(255, 255, 255), font=pil_font(14))
    im.save(out(path), "JPEG", quality=80)
    label(path, True, False, "Tiny JPEG standing in for a class photograph of pupils (drawn figures; treated as an image of identifiable children; no metadata)", "")
    # sports day PNG
    path = "photos/sports_day_2024_Y5.png"
    im = Image.new("RGB", (320, 180), (120, 180, 90))
    d = ImageDraw.Draw(im)
    for y in (60, 100, 140):
        d.line([0, y, 320, y], fill=(255, 255, 255), width=2)
    draw_people(d, 320, 160, 4, 2)
    im.save(out(path), "PNG", optimize=True)
    label(path, True, False, "Tiny PNG standing in for a sports-day photo of pupils (drawn figures; treated as an image of identifiable children)", "")
    # star of the week with EXIF caption
    p = OAK.year(0)[0]
    path = f"photos/Star of the Week - {p.known_as}.jpeg"
    im = Image.new("RGB", (200, 240), (250, 230, 120))
    d = ImageDraw.Draw(im)
    draw_people(d, 200, 220, 1, 3)
    d.text((30, 200), "Star of the Week!", fill=(80, 40, 0), font=pil_font(16, True))
    exif = Image.Exif()
    exif[0x010E] = f"{p.full} - Reception - Star of the Week"   # ImageDescription
    exif[0x013B] = "Reception class iPad"                      # Artist
    im.save(out(path), "JPEG", quality=80, exif=exif)
    label(path, True, False, "Tiny JPEG standing in for a photo of a Reception pupil; EXIF ImageDescription holds the child's full name", p.full)


def f_scanned_pdf():
    """Image-only PDF (no text layer): a scanned, handwritten-style medical consent form."""
    from PIL import Image, ImageDraw, ImageFilter
    from reportlab import rl_config
    rl_config.invariant = 1
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    path = "scans/scan_0017_medical_consent.pdf"
    p = next((x for x in OAK.year(3) if x.medical), OAK.year(3)[0])
    med = p.medical[0] if p.medical else MEDICAL[0]
    W, H = 827, 1169
    im = Image.new("L", (W, H), 246)
    d = ImageDraw.Draw(im)
    f, fb = pil_font(20), pil_font(26, True)
    d.text((60, 60), f"{OAK.name}", font=fb, fill=30)
    d.text((60, 110), "Parental agreement for school to administer medicine", font=pil_font(22, True), fill=30)
    y = 190
    for k, v in [("Name of child", p.full), ("Date of birth", fmt_dob(p.dob)), ("Class", p.reg), ("Medical condition", med[0]),
                 ("Medicine", med[1].split(";")[0][:40]), ("Parent/carer", p.contacts[0].formal), ("Daytime phone", p.contacts[0].phone)]:
        d.text((60, y), k + ":", font=f, fill=40)
        d.text((300, y), v, font=pil_font(21), fill=60)
        d.line([295, y + 26, 770, y + 26], fill=120)
        y += 60
    d.text((60, y + 40), f"Signed: {p.contacts[0].full}      Date: 02/09/2024", font=f, fill=50)
    r = random.Random(17)
    for _ in range(1500):
        d.point((r.randrange(W), r.randrange(H)), fill=r.choice([160, 190, 210]))
    im = im.rotate(0.7, fillcolor=246).filter(ImageFilter.GaussianBlur(0.6))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=55)
    buf.seek(0)
    c = canvas.Canvas(str(out(path)), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(buf), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    label(path, True, True, "IMAGE ONLY (scanned, no text layer) PDF: medicine consent form with child name, DOB, condition, parent phone - needs OCR",
          [p.full, fmt_dob(p.dob), med[0], p.contacts[0].phone])


def f_logins_json():
    path = "ict/pupil_logins_Y3.json"
    ps = OAK.year(3)
    data = {"class_accounts": [{"display_name": p.known_full, "username": f"{p.known_as.lower().replace(' ', '')}{p.surname[0].lower()}{p.dob.strftime('%y')}",
                                "password": rng.choice(["green", "tiger", "rocket", "maple"]) + str(rng.randint(10, 99)), "reading_platform": "enabled"} for p in ps]}
    write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    label(path, True, False, "JSON class logins: pupil display names, usernames and passwords", data)


# ---------------------------------------------------------------------------
# POSITIVE: communications, archives
# ---------------------------------------------------------------------------
def eml_bytes(msg_id, frm, to, subject, date, parts, attachment=None, boundary="==corpus_boundary_001=="):
    from email.charset import QP, Charset
    from email.mime.application import MIMEApplication
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    cs = Charset("utf-8")
    cs.body_encoding = QP
    m = MIMEMultipart("mixed")
    m.set_boundary(boundary)
    alt = MIMEMultipart("alternative")
    alt.set_boundary(boundary + "alt")
    alt.attach(MIMEText(parts[0], "plain", cs))
    if len(parts) > 1:
        alt.attach(MIMEText(parts[1], "html", cs))
    m.attach(alt)
    if attachment:
        name, data, mime = attachment
        a = MIMEApplication(data, _subtype=mime.split("/")[1])
        a.replace_header("Content-Type", f'{mime}; name="{name}"')
        a.add_header("Content-Disposition", "attachment", filename=name)
        m.attach(a)
    m["From"], m["To"], m["Subject"], m["Date"], m["Message-ID"] = frm, to, subject, date, msg_id
    return m.as_bytes()


def f_sen_transition_eml():
    path = "comms/RE_ Y6 transition - SEN information.eml"
    senco_o, senco_h = OAK.role("SENCo"), HBA.role("SENCo")
    ps = [p for p in OAK.year(6) if p.sen != "N"] or OAK.year(6)[:4]
    csvbuf = io.StringIO()
    w = csv.writer(csvbuf, lineterminator="\r\n")
    w.writerow(["UPN", "Surname", "Forename", "DOB", "SEN status", "Primary need", "EHCP", "Medical"])
    rows = [[p.upn, p.surname, p.forename, fmt_dob(p.dob), p.sen, p.need, "Yes" if p.sen == "E" else "No", "; ".join(m[0] for m in p.medical)] for p in ps]
    w.writerows(rows)
    body = (f"Dear {senco_h.forename},\n\nFurther to our transition meeting, please find attached the list of Year 6 pupils on our SEN register who will be joining "
            f"{HBA.name} in September. I’ve included primary need codes – do give me a ring on 0113 496 0000 if you’d like to talk any of them through. "
            f"Particular thanks for offering the extra visits for {ps[0].known_as}.\n\nBest wishes,\n{senco_o.full}\nSENCo, {OAK.name}\n")
    htmlbody = "<p>" + html.escape(body).replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>"
    data = eml_bytes("<CAF4x1_transition_2024@oakfieldprimary.sch.uk>", f"{senco_o.full} <{senco_o.email}>", f"{senco_h.full} <{senco_h.email}>",
                     "RE: Y6 transition - SEN information", "Fri, 05 Jul 2024 16:20:03 +0100", [body, htmlbody],
                     ("Y6_SEN_transition.csv", csvbuf.getvalue().encode("utf-8"), "text/csv"))
    out(path).write_bytes(data)
    label(path, True, True, "MIME multipart email: quoted-printable text+HTML body between SENCos; base64 CSV attachment with UPNs, DOB, SEN needs, medical",
          [body, rows, senco_o.email, senco_h.email])


def f_parent_email_eml():
    path = "comms/Attendance - your child.eml"
    p = sorted(OAK.pupils, key=lambda x: x.attendance)[0]
    c = p.contacts[0]
    ao = OAK.role("Office Manager")
    body = (f"Dear {c.title} {c.surname},\n\nI am writing because {p.known_as}'s attendance this term is {p.attendance}%, which is below the school's target of 96%. "
            f"{p.known_as} has missed {rng.randint(6, 14)} sessions since September.\n\nPlease could you ring the office on {OAK.phone} to arrange a short meeting "
            f"with {p.his} class teacher.\n\nKind regards,\n{ao.full}\nOffice Manager\n")
    data = eml_bytes("<att-2024-1104-0007@oakfieldprimary.sch.uk>", f"{OAK.name} <{OAK.office}>", f"{c.full} <{c.email}>",
                     f"Attendance - {p.known_full} ({p.reg})", "Mon, 04 Nov 2024 13:05:44 +0000", [body], boundary="==att_boundary==")
    out(path).write_bytes(data)
    label(path, True, False, "Email to a parent (name, personal email) about their named child's attendance", [body, c.email, p.known_full])


def f_newsletter_head_html():
    path = "comms/newsletter_autumn2_week3.html"
    head = OAK.role("Headteacher")
    blocks = [("h", f"{OAK.name} - Newsletter"), "Autumn 2, week 3",
              "What a busy fortnight! Our Year 4 classes visited the Royal Armouries, Reception have been learning about autumn and "
              "the choir sang beautifully at the care home on Friday.",
              ("h2", "Dates for your diary"), ("ul", ["Mon 11 Nov - Remembrance assembly", "Fri 15 Nov - Children in Need (non-uniform, £1)",
                                                      "Thu 12 Dec - KS1 nativity, 2pm"]),
              f"Warm wishes, {head.title} {head.forename} {head.surname}, Headteacher",
              f"{OAK.address} {OAK.postcode} | {OAK.phone} | {OAK.office}"]
    write_html(path, "Newsletter", blocks)
    label(path, True, False, "Hard: generic newsletter whose only personal data is the headteacher's full name in the sign-off (staff full name)", blocks)


def f_parent_meeting_md():
    path = "comms/parents evening notes - Y9.md"
    ps = HBA.year(9)[:6]
    blocks = [("h", "Parents' evening notes - Year 9")] + sum([[("h2", f"{p.full} ({p.reg})"), f"Met {p.contacts[0].formal}. {strengths(p)} {targets(p)}"] for p in ps], [])
    write_md(path, blocks)
    label(path, True, False, "Markdown parents' evening notes: student and parent names, progress comments", blocks)


def f_transition_zip():
    path = "archive/Y6 transition pack.zip"
    ps = OAK.year(6)
    blocks = [("h", "Pupil profiles for secondary transition")] + [f"{p.full} - {strengths(p)}" for p in ps[:6]]
    docx_bytes = build_to_bytes(write_docx, "profiles.docx", blocks, author="Year 6 team")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    rows = [[p.upn, p.full, p.sen, p.need, "Y" if p.fsm else "N"] for p in ps]
    w.writerow(["UPN", "Name", "SEN", "Need", "FSM"])
    w.writerows(rows)
    write_zip(path, [("Transition/Pupil profiles.docx", docx_bytes), ("Transition/transition_list.csv", buf.getvalue().encode())])
    label(path, True, True, "ZIP containing a docx of pupil profiles and a CSV with UPN, names, SEN need and FSM", [blocks, rows])


def f_staff_xml():
    path = "staff/hr_sync_export.xml"
    e = html.escape
    x = ['<?xml version="1.0" encoding="UTF-8"?>', "<Employees>"]
    for s in OAK.staff[:8]:
        x.append(f'  <Employee id="E{OAK.staff.index(s) + 1:03d}"><Name>{e(s.full)}</Name><NINO>{s.ni}</NINO>'
                 f"<TRN>{s.trn}</TRN><DateOfBirth>{s.dob.isoformat()}</DateOfBirth><Email>{s.email}</Email></Employee>")
    x.append("</Employees>")
    write_text(path, "\n".join(x) + "\n")
    label(path, True, False, "XML HR export: staff names, NI numbers, Teacher Reference Numbers, DOB, emails", x)


def f_staff_trn_txt():
    path = "staff/ECT induction - registration details.txt"
    s = next(x for x in HBA.staff if x.trn)
    t = (f"ECT induction registration\nName: {s.title} {s.full}\nTeacher Reference Number (TRN): {s.trn}\nDate of birth: {fmt_dob(s.dob)}\n"
         f"NI number: {s.ni}\nInduction start: 02/09/2024\nAppropriate body: West Yorkshire Teaching School Hub\n")
    write_text(path, t)
    label(path, True, False, "Plain-text ECT registration: teacher name, TRN, DOB, NI number", t)


# ---------------------------------------------------------------------------
# CLEAN files (no personal data)
# ---------------------------------------------------------------------------
def f_c_nightingale_docx():
    path = "planning/Y2 history - Florence Nightingale and Mary Seacole.docx"
    blocks = [("h", "Year 2 History: significant individuals"), "Learning objective: to compare the lives of two significant nurses.",
              ("table", ["Person", "Born", "Died", "Known for"],
               [["Florence Nightingale", "12 May 1820, Florence, Italy", "13 August 1910", "Nursing reform; the 'Lady with the Lamp' at Scutari"],
                ["Mary Seacole", "23 November 1805, Kingston, Jamaica", "14 May 1881", "The 'British Hotel' near Balaclava in the Crimean War"]]),
              ("ul", ["Sequence pictures of each woman's life on a timeline", "Discuss: why did Mary Seacole pay for her own journey?",
                      "Hot-seat: the teacher in role as a Crimean War soldier"]),
              "Assessment: children can name two similarities and two differences between the two nurses."]
    write_docx(path, blocks, author="History lead")
    label(path, False, False, "Hard negative: history lesson with historical figures' full names AND dates of birth (public figures, not pupils/staff)", blocks)


def f_c_tom_kitten_md():
    path = "planning/Y1 English - The Tale of Tom Kitten.md"
    blocks = [("h", "Year 1 English - The Tale of Tom Kitten (Beatrix Potter, 1907)"),
              "Learning objective: to retell a familiar story using time connectives.",
              ("ul", ["Read the story; pause at Mrs. Tabitha Twitchit dressing the kittens", "Role-play Tom Kitten, Mittens and Moppet losing their clothes",
                      "Puddle-ducks: who found the clothes?", "Write three sentences: First..., Next..., Finally..."]),
              ("table", ["Lesson", "Focus", "Resource"], [["1", "Predict from the cover", "Big book"], ["2", "Character feelings", "Emotion cards"],
                                                         ["3", "Retell with story map", "Story map template"]])]
    write_md(path, blocks)
    label(path, False, False, "Lesson plan naming only fictional characters (Tom Kitten, Mrs. Tabitha Twitchit) and the author Beatrix Potter", blocks)


def f_c_matilda_odt():
    path = "planning/Y5 English - Matilda.odt"
    blocks = [("h", "Year 5 English: Matilda by Roald Dahl"),
              "Roald Dahl was born on 13 September 1916 in Llandaff, Cardiff. Matilda was published in 1988.",
              ("h2", "Characters"), ("ul", ["Matilda Wormwood - a gifted reader", "Miss Honey - her kind teacher", "Miss Trunchbull - the terrifying headmistress",
                                            "Mr and Mrs Wormwood - Matilda's parents"]),
              ("h2", "Tasks"), ("ul", ["Write a diary entry as Miss Honey", "Persuasive letter to the governors about Miss Trunchbull", "Newspaper report: the chalk incident"])]
    write_odt(path, blocks)
    label(path, False, False, "ODT lesson plan: fictional characters (Matilda, Miss Honey, Miss Trunchbull) and the public author Roald Dahl", blocks)


def f_c_mr_fox_rtf():
    path = "planning/Y4 English - Fantastic Mr Fox.rtf"
    blocks = [("h", "Fantastic Mr Fox - unit overview"), "Text: Fantastic Mr Fox by Roald Dahl (1970).",
              ("ul", ["Week 1: character profiles of Boggis, Bunce and Bean", "Week 2: Mr Fox's plan - instructions", "Week 3: persuasive speech by Mrs Fox",
                      "Week 4: alternative ending"]),
              "Success criteria: uses fronted adverbials and expanded noun phrases."]
    write_rtf(path, blocks)
    label(path, False, False, "RTF unit plan naming fictional characters (Mr Fox, Boggis, Bunce and Bean)", blocks)


def f_c_churchill_pdf():
    path = "worksheets/Y6 WW2 - Winston Churchill worksheet.pdf"
    blocks = [("h", "World War II: Winston Churchill"), "Winston Churchill was born on 30 November 1874 at Blenheim Palace and became Prime Minister on 10 May 1940.",
              ("ul", ["1. Find two facts about the Blitz.", "2. Why was the 'We shall fight on the beaches' speech important?",
                      "3. Compare Churchill with Neville Chamberlain.", "4. Put these events in order: Dunkirk, D-Day, VE Day, Battle of Britain."]),
              ("table", ["Event", "Date"], [["Outbreak of war", "3 September 1939"], ["Dunkirk evacuation", "26 May - 4 June 1940"], ["VE Day", "8 May 1945"]])]
    write_pdf(path, "WW2 worksheet", blocks)
    label(path, False, False, "PDF history worksheet about Winston Churchill (public figure) with his date of birth", blocks)


def f_c_macbeth_pptx():
    path = "worksheets/KS3 Macbeth - introduction.pptx"
    slides = [("Macbeth - William Shakespeare", ["Written c.1606", "Shakespeare baptised 26 April 1564, Stratford-upon-Avon"], "Ask who has seen a Shakespeare play."),
              ("Key characters", ["Macbeth", "Lady Macbeth", "Banquo", "The three witches", "Duncan"], "Students annotate the character grid."),
              ("Themes", ["Ambition", "Guilt", "The supernatural", "Kingship"], "Think-pair-share: which theme matters most today?")]
    write_pptx(path, slides, author="English department")
    label(path, False, False, "pptx English lesson (speaker notes) with Shakespeare and fictional characters only", slides)


def f_c_place_value_pdf():
    path = "worksheets/Y6 place value - really big numbers.pdf"
    nums = [fake_ten_digits() for _ in range(12)]
    blocks = [("h", "Place value challenge - numbers up to 10 billion"), "Write each number in words, then round it to the nearest million.",
              ("table", ["#", "Number", "In words", "Nearest million"], [[i + 1, n, "", ""] for i, n in enumerate(nums[:8])]),
              ("h2", "Order these from smallest to largest"), "   ".join(nums[8:]),
              f"Challenge: what is the difference between {nums[0]} and {nums[1]}?"]
    write_pdf(path, "Place value", blocks)
    label(path, False, False, "PDF maths sheet full of 10-digit numbers that FAIL ULN and NHS check digits", blocks)


def f_c_rounding_xlsx():
    path = "worksheets/Y5 rounding and estimating.xlsx"
    rows = []
    for i in range(20):
        n = int(fake_ten_digits())
        rows.append([i + 1, n, round(n, -3), round(n, -6), ""])
    sh = dict(name="Rounding", title="Rounding large numbers", header=["Q", "Number", "Nearest 1000", "Nearest million", "Answer"], rows=rows)
    sh2 = dict(name="Answers", header=["Q", "Answer"], rows=[[r[0], r[3]] for r in rows])
    write_xlsx(path, [sh, sh2], creator="Maths lead")
    label(path, False, False, "xlsx maths sheet: 10-digit numbers stored as numbers, all failing ULN/NHS checks", [sh, sh2])


def f_c_code_breakers_txt():
    path = "worksheets/code breakers - secret agent ID cards.txt"
    codes = [fake_upn() for _ in range(8)]
    ucis = [fake_uci() for _ in range(3)]
    t = ("CODE BREAKERS - Year 6 maths club\n\nEach secret agent has a 13-character ID card. The first letter is a CHECK LETTER worked out from the other 12 digits.\n"
         "Use the rule on the board to decide which ID cards are forged.\n\n" + "\n".join(f"Agent {i + 1}: {c}" for i, c in enumerate(codes))
         + "\n\nBonus: the museum passes below also have a check letter at the END:\n" + "\n".join(ucis)
         + "\n\n(Teacher note: every code on this sheet is forged - none passes the check.)\n")
    write_text(path, t)
    label(path, False, False, "Hard negative: worksheet of pseudo-UPNs (letter + 12 digits) and pseudo-UCIs that all FAIL the check letter", t)


def f_c_number_puzzles_tsv():
    path = "worksheets/number_puzzles_answers.tsv"
    rows = [[i + 1, fake_ten_digits(), sum(int(d) for d in fake_ten_digits()), rng.choice(["odd", "even"])] for i in range(15)]
    write_csv(path, ["Puzzle", "Start number", "Digit sum", "Odd/even"], rows, delimiter="\t", newline="\n")
    label(path, False, False, "TSV answer sheet with 10-digit numbers failing ULN/NHS checks", rows)


def f_c_staff_timetable_csv():
    path = "timetables/staff timetable - initials and rooms.csv"
    initials = sorted({s.initials for s in HBA.staff})
    rooms = ["M1", "M2", "E4", "S3", "S5", "H2", "G1", "L6", "SH", "IT2"]
    rows = [[d, p, rng.choice(["7B", "8H", "9B", "10H", "11B", "12/Ma", "13/Bi"]), rng.choice(["Ma", "En", "Sc", "Hi", "Gg", "Fr", "PE"]),
             rng.choice(initials), rng.choice(rooms)] for d in ["Mon", "Tue", "Wed", "Thu", "Fri"] for p in range(1, 6)]
    write_csv(path, ["Day", "Period", "Class", "Subject", "Staff", "Room"], rows)
    label(path, False, False, "Timetable with only staff initials (e.g. 'KHa') and room codes", rows)


def f_c_y7_timetable_xlsx():
    path = "timetables/7B timetable.xlsx"
    subj = ["Maths", "English", "Science", "History", "Geography", "French", "PE", "Art", "Music", "Computing", "RE", "Drama"]
    rows = [[f"P{p}"] + [rng.choice(subj) + " (" + rng.choice(["M1", "E4", "S3", "H2", "SH", "IT2"]) + ")" for _ in range(5)] for p in range(1, 6)]
    sh = dict(name="Week A", header=["Period", "Mon", "Tue", "Wed", "Thu", "Fri"], rows=rows)
    write_xlsx(path, [sh, dict(name="Week B", header=sh["header"], rows=list(reversed(rows)))])
    label(path, False, False, "xlsx class timetable (subjects and rooms only)", sh)


def f_c_room_bookings_html():
    path = "timetables/ICT suite bookings.html"
    blocks = [("h", "ICT suite bookings - week beginning 4 November"),
              ("table", ["Period", "Mon", "Tue", "Wed", "Thu", "Fri"], [[f"P{p}"] + [rng.choice(["7B Computing", "9H", "", "Year 11 coursework", "Free"]) for _ in range(5)] for p in range(1, 6)]),
              "To book, email office@hollinsbrook.sch.uk."]
    write_html(path, "ICT bookings", blocks)
    label(path, False, False, "HTML room booking grid (classes only) with the generic office email", blocks)


def f_c_mis_template_csv():
    path = "templates/MIS_import_template.csv"
    write_csv(path, ["UPN", "Forename", "Surname", "DOB", "Gender", "Year Group", "SEN Status", "FSM", "Ethnicity", "Home Address", "Postcode"], [])
    label(path, False, False, "Empty MIS import template: column headers only, no rows", "UPN,Forename,Surname,DOB")


def f_c_sen_template_xlsx():
    path = "templates/SEN register TEMPLATE.xlsx"
    sh = dict(name="Register", title="SEN register - template", header=["UPN", "Name", "DOB", "Class", "SEN status (K/E)", "Primary need", "Agencies", "Review date"], rows=[])
    sh2 = dict(name="Codes", header=["Code", "Meaning"], rows=[[k, v] for k, v in NEED_WORDS.items()] + [["K", "SEN Support"], ["E", "EHC plan"]])
    write_xlsx(path, [sh, sh2])
    label(path, False, False, "Empty SEN register template (headers + code key only)", [sh, sh2])


def f_c_consent_blank_docx():
    path = "templates/trip consent form - BLANK.docx"
    blocks = [("h", "Educational visit consent form"),
              ("table", ["", ""], [["Child's name", ""], ["Class", ""], ["Date of birth", ""], ["Medical conditions", ""], ["Medication", ""],
                                   ["Emergency contact 1", ""], ["Emergency contact 2", ""]]),
              "Signed (parent/carer): ________________    Date: ____________",
              "Please return to the school office or email office@oakfieldprimary.sch.uk."]
    write_docx(path, blocks, header="Oakfield Primary School - educational visits", author="Office")
    label(path, False, False, "Blank consent form template (field labels only, generic office email)", blocks)


def f_c_ctf_empty_xml():
    path = "templates/CTF_header_only.xml"
    x = ['<?xml version="1.0" encoding="utf-8"?>', "<CTfile>", "  <Header>", "    <DocumentName>Common Transfer File</DocumentName>",
         "    <CTFversion>25.0</CTFversion>", "    <DateTime>2024-11-04T09:15:00</DateTime>", "    <DocumentQualifier>partial</DocumentQualifier>",
         "    <SourceSchool>", f"      <LEA>{OAK.la}</LEA>", f"      <Estab>{OAK.estab}</Estab>", f"      <SchoolName>{OAK.name}</SchoolName>",
         "    </SourceSchool>", "  </Header>", "  <CTFpupilData/>", "</CTfile>"]
    write_text(path, "\n".join(x) + "\n")
    label(path, False, False, "CTF XML with header only and an empty <CTFpupilData/> (no pupils)", x)


def f_c_starter_blank_odt():
    path = "templates/new starter form (blank).odt"
    blocks = [("h", "New starter details"), ("table", ["Field", "Entry"], [["Name", ""], ["Date of birth", ""], ["Home address", ""], ["NI number", ""],
                                                                        ["Bank sort code", ""], ["Account number", ""], ["Emergency contact", ""]]),
              "Return to the School Business Manager with your ID documents."]
    write_odt(path, blocks)
    label(path, False, False, "Blank ODT HR form with field labels only", blocks)


def f_c_safeguarding_policy_pdf():
    path = "policies/Safeguarding and Child Protection Policy 2024.pdf"
    blocks = [("h", "Safeguarding and Child Protection Policy"), "Approved by the governing body: September 2024. Review: September 2025.",
              ("h2", "1. Purpose"), "This policy sets out how the school meets its duties under Keeping Children Safe in Education 2024 and Working Together to Safeguard Children 2023.",
              ("h2", "2. Roles"), "The Designated Safeguarding Lead (DSL) is a member of the senior leadership team. Names of the DSL and deputies are displayed in the staff room and reception.",
              ("h2", "3. Recognising abuse"), ("ul", ["Physical abuse", "Emotional abuse", "Sexual abuse, including child-on-child abuse", "Neglect"]),
              ("h2", "4. Reporting"), "Any concern about a child must be recorded on the same day and passed to the DSL. Where a child is at immediate risk, staff call 999.",
              "Children with an EHC plan, children in receipt of free school meals and looked-after children may face additional barriers to disclosure."]
    write_pdf(path, "Safeguarding policy", blocks)
    label(path, False, False, "Generic safeguarding policy (roles, not named people)", blocks)


def f_c_send_policy_docx():
    path = "policies/SEND policy.docx"
    blocks = [("h", "Special Educational Needs and Disabilities (SEND) policy"),
              "We follow the SEND Code of Practice 0-25 (2015). Pupils may be placed on SEN Support (code K) or have an Education, Health and Care Plan (code E).",
              ("h2", "Areas of need"), ("ul", ["Communication and interaction (SLCN, ASD)", "Cognition and learning (MLD, SpLD)", "Social, emotional and mental health (SEMH)",
                                               "Sensory and/or physical (HI, VI, PD)"]),
              "Parents can contact the SENCo via senco@oakfieldprimary.sch.uk."]
    write_docx(path, blocks, author="Governors")
    label(path, False, False, "Generic SEND policy using SEN codes and need types without any individual", blocks)


def f_c_medical_policy_md():
    path = "policies/supporting pupils with medical conditions.md"
    blocks = [("h", "Supporting pupils with medical conditions"), "Individual healthcare plans are written with parents for conditions such as asthma, epilepsy, diabetes and severe allergy.",
              ("ul", ["Medicines must be in original packaging with the pharmacy label.", "Adrenaline auto-injectors are stored in the office and travel on trips.",
                      "Staff receive annual epilepsy and anaphylaxis training."]), "Questions: office@oakfieldprimary.sch.uk"]
    write_md(path, blocks)
    label(path, False, False, "Generic medical-conditions policy (conditions discussed in general only)", blocks)


def f_c_privacy_html():
    path = "policies/privacy notice for parents.html"
    blocks = [("h", "Privacy notice - how we use pupil information"),
              "We collect and hold personal information such as names, unique pupil numbers, contact details, characteristics (ethnicity, language, free school meal eligibility), "
              "attendance, assessment results, relevant medical information and special educational needs.",
              ("h2", "Why we collect it"), ("ul", ["to support pupil learning", "to monitor and report on progress", "to keep children safe", "to meet the statutory duties placed on us by the DfE"]),
              f"Contact our Data Protection Officer via {HBA.office} or {HBA.phone}. {HBA.address} {HBA.postcode}."]
    write_html(path, "Privacy notice", blocks)
    label(path, False, False, "Generic privacy notice describing data categories; only the school's generic contact details", blocks)


def f_c_biometric_policy_txt():
    path = "policies/biometric data policy.txt"
    t = ("BIOMETRIC DATA POLICY\n\nThe academy uses a fingerprint-based cashless catering system. Under the Protection of Freedoms Act 2012, written consent from "
         "at least one parent is required before any biometric data is processed. Students who object, or whose parents do not consent, are issued a PIN instead.\n"
         "Templates are deleted when a student leaves.\n")
    write_text(path, t)
    label(path, False, False, "Generic biometric policy (no individuals)", t)


def f_c_pshe_allergies_pptx():
    path = "pshe/Y5 PSHE - allergies and keeping healthy.pptx"
    slides = [("What is an allergy?", ["The immune system reacts to something harmless", "Common: nuts, eggs, pollen, pets"], "Ask: what does 'anaphylaxis' mean?"),
              ("What to do", ["Tell an adult straight away", "Know where auto-injectors are kept", "Never share food on trips"], "Practice with the trainer pen - no needle."),
              ("Healthy habits", ["Sleep", "Water", "Exercise", "Talking about feelings"], "")]
    write_pptx(path, slides, author="PSHE lead")
    label(path, False, False, "PSHE lesson about allergies and health in general (no individual)", slides)


def f_c_pshe_feelings_docx():
    path = "pshe/Y6 PSHE - feelings and mental health.docx"
    blocks = [("h", "Year 6 PSHE: feelings and mental health"), "Learning objective: to recognise that everyone has mental health, and to know where to get help.",
              ("ul", ["Feelings thermometer", "Worry monster post-its (anonymous)", "Who can help? Trusted adults, ChildLine 0800 1111"]),
              "Safeguarding note: if a child discloses during the lesson, follow the safeguarding policy and inform the DSL."]
    write_docx(path, blocks, author="PSHE lead")
    label(path, False, False, "PSHE lesson on mental health/feelings with generic safeguarding note", blocks)


def f_c_pshe_plan_md():
    path = "pshe/PSHE long term plan 2024-25.md"
    blocks = [("h", "PSHE long term plan 2024-25"),
              ("table", ["Term", "Theme", "Adaptations"], [["Autumn 1", "Being me in my world", "Visual timetables for pupils with an EHCP"],
                                                          ["Autumn 2", "Celebrating difference", "Pre-teach vocabulary for EAL learners"],
                                                          ["Spring 1", "Dreams and goals", "Pupil premium / free school meals pupils prioritised for enrichment clubs"],
                                                          ["Spring 2", "Healthy me (allergies, asthma, healthy eating)", "Check allergy list before food tasting"],
                                                          ["Summer 1", "Relationships", "Safeguarding: follow policy for any disclosure"],
                                                          ["Summer 2", "Changing me", "SEN Support pupils: social stories"]])]
    write_md(path, blocks)
    label(path, False, False, "Hard negative: PSHE plan mentioning EHCP, free school meals, SEN Support and safeguarding GENERICALLY", blocks)


def f_c_keeping_safe_odp():
    path = "pshe/KS2 keeping safe online.odp"
    slides = [("Keeping safe online", ["Never share passwords", "Think before you post"], "Link to the computing curriculum."),
              ("Who can I tell?", ["A trusted adult at home", "Any adult in school", "ChildLine"], None),
              ("Quiz", ["Is it OK to meet an online friend?", "What is personal information?"], "Answers: no; your full name, address, school, photos.")]
    write_odp(path, slides)
    label(path, False, False, "ODP PSHE e-safety lesson (no individuals)", slides)


def f_c_newsletter_html():
    path = "comms/newsletter_Y3_spring.html"
    blocks = [("h", "Year 3 spring newsletter"), "Welcome back! This term our topic is 'Stone Age to Iron Age'.",
              ("ul", ["PE is on Tuesdays and Thursdays", "Spellings go home on Fridays", "Library books are changed on Wednesdays"]),
              "With best wishes, The Year 3 team",
              f"{OAK.name}, {OAK.address} {OAK.postcode} - {OAK.phone} - {OAK.office}"]
    write_html(path, "Year 3 newsletter", blocks)
    label(path, False, False, "Newsletter with no individuals: signed 'The Year 3 team', only generic office email/phone/postcode", blocks)


def f_c_letterhead_docx():
    path = "templates/school letterhead.docx"
    blocks = ["[Date]", "Dear Parent/Carer,", "[Letter text]", "Yours faithfully,", "The School Office"]
    write_docx(path, blocks, header=f"{OAK.name} | {OAK.address} {OAK.postcode}", footer=f"Tel {OAK.phone} | {OAK.office} | www.oakfieldprimary.sch.uk", author="Office")
    label(path, False, False, "Letterhead template: school address/postcode, office phone and generic office@ email only", blocks + [OAK.phone, OAK.office])


def f_c_forest_school_xlsx():
    path = "risk assessments/forest school risk assessment.xlsx"
    rows = [["Fire pit", "Burns", "Children", 3, 4, "Fire circle, kneel not sit, bucket of water, 1:4 ratio", 1],
            ["Tools (bow saw, peelers)", "Cuts", "Children, adults", 3, 3, "Tool talk, gloves, 1:1 supervision", 1],
            ["Ticks", "Lyme disease", "All", 2, 4, "Long sleeves, tick check after session", 1],
            ["Allergic reaction (stings)", "Anaphylaxis", "Children with known allergies", 2, 5, "Auto-injectors carried by leader", 2]]
    sh = dict(name="RA", title="Forest school - generic risk assessment", header=["Hazard", "Risk", "Who", "Likelihood", "Severity", "Control measures", "Residual"], rows=rows)
    write_xlsx(path, [sh])
    label(path, False, False, "Generic risk assessment spreadsheet (roles/groups, no names)", sh)


def f_c_science_ra_ods():
    path = "risk assessments/science practicals RA.ods"
    sh = dict(name="Practicals", header=["Practical", "Hazard", "CLEAPSS ref", "Control"],
              rows=[["Rates of reaction", "HCl 1M irritant", "HC047a", "Goggles"], ["Flame tests", "Bunsen burner", "GL115", "Hair tied back"],
                    ["Microscopy", "Broken slides", "GL210", "Dispose in glass bin"]])
    write_ods(path, [sh])
    label(path, False, False, "ODS science risk assessment (no people)", sh)


def f_c_curriculum_csv():
    path = "curriculum/KS2 curriculum map.csv"
    rows = [[y, "Autumn", t1, "Spring", t2, "Summer", t3] for y, t1, t2, t3 in [
        ("Y3", "Stone Age to Iron Age", "Rocks and soils", "Ancient Egypt"), ("Y4", "Romans in Britain", "Rivers", "Electricity"),
        ("Y5", "Anglo-Saxons and Vikings", "Space", "Ancient Greece"), ("Y6", "WW2 and the Blitz", "Evolution", "Mayan civilisation")]]
    write_csv(path, ["Year", "Term 1", "Topic", "Term 2", "Topic", "Term 3", "Topic"], rows, delimiter=";")
    label(path, False, False, "Semicolon-delimited curriculum map (topics only)", rows)


def f_c_curriculum_json():
    path = "curriculum/ks3_history_units.json"
    data = {"subject": "History", "key_stage": 3, "units": [{"year": 7, "title": "The Norman Conquest", "weeks": 6, "key_figures": ["William the Conqueror", "Harold Godwinson"]},
                                                            {"year": 8, "title": "The British Empire", "weeks": 8, "key_figures": ["Mary Seacole", "Olaudah Equiano"]},
                                                            {"year": 9, "title": "The Second World War", "weeks": 7, "key_figures": ["Winston Churchill", "Noor Inayat Khan"]}]}
    write_text(path, json.dumps(data, indent=2) + "\n")
    label(path, False, False, "JSON curriculum units naming historical figures only", data)


def f_c_reading_list_md():
    path = "curriculum/Y7 reading list.md"
    books = [("Noughts & Crosses", "Malorie Blackman"), ("Private Peaceful", "Michael Morpurgo"), ("Northern Lights", "Philip Pullman"),
             ("The Boy at the Back of the Class", "Onjali Q. Raúf"), ("Cogheart", "Peter Bunzl"), ("Holes", "Louis Sachar"), ("Wonder", "R. J. Palacio"),
             ("Boy: Tales of Childhood", "Roald Dahl"), ("Refugee Boy", "Benjamin Zephaniah"), ("The Explorer", "Katherine Rundell")]
    blocks = [("h", "Year 7 reading list"), "Library copies are available - ISBNs are for the school's stock records.",
              ("table", ["Title", "Author", "ISBN"], [[t, a, isbn13()] for t, a in books])]
    write_md(path, blocks)
    label(path, False, False, "Reading list naming published authors (public figures) with ISBN-13s", blocks)


def f_c_asset_register_tsv():
    path = "ict/asset register.tsv"
    rows = []
    for i in range(20):
        rows.append([f"HBA-{1000 + i}", rng.choice(["Laptop", "iPad", "Visualiser", "Projector", "Desktop"]), f"SN{fake_ten_digits()}", fake_ni(),
                     f"INV-{fake_ten_digits()}", rng.choice(["IT2", "S3", "Library", "Staff room", "M1"]), dt.date(2023, rng.randint(1, 12), rng.randint(1, 28))])
    write_csv(path, ["Asset tag", "Type", "Serial", "Part number", "Invoice", "Location", "Purchased"], rows, delimiter="\t", newline="\n")
    label(path, False, False, "TSV ICT asset register: serials, NI-shaped part numbers and invoice numbers that all fail identifier checks; no people", rows)


def f_c_invoice_pdf():
    path = "finance/supplier invoice INV-20931.pdf"
    blocks = [("h", "INVOICE"), "Northern Educational Supplies Ltd, Unit 4, Canal Wharf, Leeds LS11 5PS. VAT reg 482 7719 06.",
              f"Bill to: {OAK.name}, {OAK.address} {OAK.postcode}",
              ("table", ["Item", "Code", "Qty", "Unit £", "Total £"], [["Exercise books A4 8mm", fake_ten_digits(), 500, "0.32", "160.00"],
                                                                     ["Whiteboard pens (box 12)", fake_ten_digits(), 40, "6.10", "244.00"],
                                                                     ["Glue sticks (box 30)", fake_ten_digits(), 10, "11.50", "115.00"]]),
              f"Invoice number INV-20931, order ref PO-{fake_ten_digits()}. Payment terms 30 days."]
    write_pdf(path, "Invoice", blocks)
    label(path, False, False, "Supplier invoice to the school: product codes and order refs are 10-digit numbers failing ULN/NHS checks; company data only", blocks)


def f_c_lunch_menu_json():
    path = "catering/lunch_menu_autumn.json"
    data = {"week1": {"Mon": ["Cheese and tomato pizza", "Jacket potato"], "Tue": ["Chicken curry (halal)", "Vegetable korma"], "Wed": ["Roast dinner", "Quorn roast"],
                      "Thu": ["Pasta bolognese", "Pasta arrabbiata"], "Fri": ["Fish fingers", "Veggie fingers"]},
            "allergens_note": "All 14 allergens are listed on the menu board. Contact kitchen@oakfieldprimary.sch.uk"}
    write_text(path, json.dumps(data, indent=2) + "\n")
    label(path, False, False, "JSON lunch menu with a generic allergen note", data)


def f_c_maths_zip():
    path = "resources/Y5 maths resources.zip"
    nums = [fake_ten_digits() for _ in range(6)]
    blocks = [("h", "Y5 maths - mixed practice"), ("ul", [f"Round {n} to the nearest 10 000" for n in nums[:3]]), "Show your working."]
    docx_bytes = build_to_bytes(write_docx, "ws.docx", blocks, author="Maths lead")
    ans = "Question,Number,Answer\r\n" + "".join(f"{i + 1},{n},{round(int(n), -4)}\r\n" for i, n in enumerate(nums[:3]))
    write_zip(path, [("maths/mixed practice.docx", docx_bytes), ("maths/answers.csv", ans.encode())])
    label(path, False, False, "Clean ZIP: a maths worksheet docx and an answers CSV (numbers fail ID checks)", [blocks, ans])


def f_c_term_dates_eml():
    path = "comms/Term dates 2025-26.eml"
    body = ("Dear Parents and Carers,\n\nPlease find below the term dates for 2025–26.\n\nAutumn term: Wednesday 3 September – Friday 19 December 2025\n"
            "Spring term: Monday 5 January – Friday 27 March 2026\nSummer term: Monday 13 April – Tuesday 21 July 2026\n\n"
            f"INSET days will be confirmed in the next newsletter.\n\nKind regards,\nThe School Office\n{OAK.name} · {OAK.phone}\n")
    data = eml_bytes("<termdates-2025@oakfieldprimary.sch.uk>", f"{OAK.name} <{OAK.office}>", "undisclosed-recipients:;", "Term dates 2025-26",
                     "Tue, 01 Oct 2024 15:30:00 +0100", [body], boundary="==terms==")
    out(path).write_bytes(data)
    label(path, False, False, "Email to all parents (undisclosed recipients) with term dates, signed by 'The School Office'", body)


def f_c_spec_xml():
    path = "curriculum/gcse_spec_units.xml"
    x = ['<?xml version="1.0" encoding="UTF-8"?>', '<Specification board="Example Board" code="8300">',
         '  <Unit code="8300/1H" title="Paper 1 (non-calculator)" duration="PT1H30M" marks="80"/>',
         '  <Unit code="8300/2H" title="Paper 2 (calculator)" duration="PT1H30M" marks="80"/>',
         '  <Unit code="8300/3H" title="Paper 3 (calculator)" duration="PT1H30M" marks="80"/>', "</Specification>"]
    write_text(path, "\n".join(x) + "\n")
    label(path, False, False, "XML exam specification units (no candidates)", x)


def f_c_library_xls():
    path = "resources/library stock 2008.xls"
    rows = [[isbn13(), t, rng.randint(1, 6), rng.choice(["Fiction", "Non-fiction", "Poetry"])] for t in
            ["The Iron Man", "Charlotte's Web", "The Hobbit", "Stig of the Dump", "Goodnight Mister Tom", "Kensuke's Kingdom", "The Borrowers", "Tom's Midnight Garden"]]
    write_xls(path, [dict(name="Stock", header=["ISBN", "Title", "Copies", "Section"], rows=rows)])
    label(path, False, False, "Legacy .xls library stock list (titles, ISBNs)", rows)


def f_c_logo_png():
    from PIL import Image, ImageDraw
    path = "branding/school logo.png"
    im = Image.new("RGB", (160, 160), (255, 255, 255))
    d = ImageDraw.Draw(im)
    d.ellipse([10, 10, 150, 150], fill=(20, 90, 50))
    d.rectangle([72, 80, 88, 130], fill=(110, 70, 30))
    d.ellipse([40, 30, 120, 95], fill=(60, 160, 70))
    im.save(out(path), "PNG", optimize=True)
    label(path, False, False, "School logo image (an oak tree drawing) - not a photo of a person", "")


def f_c_sports_day_tsv():
    path = "timetables/sports day running order.tsv"
    rows = [[f"{9 + i // 4}:{(i % 4) * 15:02d}", rng.choice(["Sack race", "Egg and spoon", "80m sprint", "Relay", "Obstacle course"]), f"Year {rng.randint(1, 6)}",
             rng.choice(["Red (Brontë)", "Blue (Turing)", "Green (Seacole)", "Yellow (Attenborough)"])] for i in range(12)]
    write_csv(path, ["Time", "Event", "Year group", "House"], rows, delimiter="\t", newline="\n")
    label(path, False, False, "TSV sports day running order (houses named after public figures' surnames)", rows)


def f_c_rse_odt():
    path = "pshe/Y4 RSE - growing up.odt"
    blocks = [("h", "Year 4 RSE: growing and changing"), "Ground rules: no personal questions; use correct vocabulary; it is OK to pass.",
              ("ul", ["Life cycles of animals and humans", "How our bodies change", "Question box answered next lesson"]),
              "If any child seems worried, speak to the DSL after the lesson."]
    write_odt(path, blocks)
    label(path, False, False, "ODT RSE lesson plan (general, no individuals)", blocks)


def f_c_class_rules_txt():
    path = "planning/classroom_rules_and_routines.txt"
    t = ("OUR CLASS CHARTER\n\n1. We are kind.\n2. We listen when others speak.\n3. We try our best and learn from mistakes.\n\n"
         "Morning routine: bags on pegs, reading book on table, lunch choice on the board, early-morning work.\n"
         "Home time: chairs up, coats on, line up by the door.\n- The Year 2 team\n")
    write_text(path, t)
    label(path, False, False, "Class charter and routines, signed 'The Year 2 team'", t)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------
GENERATORS = [
    # positive
    f_sims_export_csv, f_arbor_semicolon_csv, f_contacts_tsv, f_class_list_txt, f_utf16_csv, f_cp1252_csv, f_ctf_xml, f_pupil_json,
    f_mis_xlsx, f_legacy_xls, f_census_ods, f_upn_only_csv, f_markbook_xlsx, f_markbook_csv, f_names_sheet2_xlsx, f_hidden_sheet_xlsx,
    f_report_drafts_txt, f_report_one_name_txt, f_reports_docx, f_report_rtf, f_reports_odt, f_reading_groups_docx,
    f_lesson_plan_comment_docx, f_footer_only_docx, f_cpoms_csv, f_concern_log_txt, f_cp_case_docx, f_dsl_handover_md,
    f_mash_referral_pdf, f_safeguarding_eml, f_sen_register_xlsx, f_sen_first_names_csv, f_provision_map_html, f_ehcp_review_odt,
    f_ehcp_pdf, f_access_arrangements_tsv, f_sen_letter_rtf, f_staff_list_xlsx, f_staff_contacts_csv, f_scr_xlsx, f_payroll_pdf,
    f_workforce_ods, f_staff_absence_json, f_new_starter_docx, f_staff_directory_html, f_governors_md, f_trip_consent_docx,
    f_residential_xlsx, f_trip_list_txt, f_trip_returns_pdf, f_allergy_pdf, f_medication_log_csv, f_care_plans_docx,
    f_attendance_register_csv, f_attendance_concerns_xlsx, f_late_book_txt, f_exam_entries_csv, f_statement_of_entry_pdf,
    f_seating_plan_xlsx, f_results_xml, f_pp_xlsx, f_pp_pptx, f_staff_briefing_pptx, f_celebration_odp, f_photo_consent_csv,
    f_biometric_csv, f_images, f_scanned_pdf, f_logins_json, f_sen_transition_eml, f_parent_email_eml, f_newsletter_head_html,
    f_parent_meeting_md, f_transition_zip, f_staff_xml, f_staff_trn_txt,
    # clean
    f_c_nightingale_docx, f_c_tom_kitten_md, f_c_matilda_odt, f_c_mr_fox_rtf, f_c_churchill_pdf, f_c_macbeth_pptx,
    f_c_place_value_pdf, f_c_rounding_xlsx, f_c_code_breakers_txt, f_c_number_puzzles_tsv, f_c_staff_timetable_csv,
    f_c_y7_timetable_xlsx, f_c_room_bookings_html, f_c_mis_template_csv, f_c_sen_template_xlsx, f_c_consent_blank_docx,
    f_c_ctf_empty_xml, f_c_starter_blank_odt, f_c_safeguarding_policy_pdf, f_c_send_policy_docx, f_c_medical_policy_md,
    f_c_privacy_html, f_c_biometric_policy_txt, f_c_pshe_allergies_pptx, f_c_pshe_feelings_docx, f_c_pshe_plan_md,
    f_c_keeping_safe_odp, f_c_newsletter_html, f_c_letterhead_docx, f_c_forest_school_xlsx, f_c_science_ra_ods,
    f_c_curriculum_csv, f_c_curriculum_json, f_c_reading_list_md, f_c_asset_register_tsv, f_c_invoice_pdf, f_c_lunch_menu_json,
    f_c_maths_zip, f_c_term_dates_eml, f_c_spec_xml, f_c_library_xls, f_c_logo_png, f_c_sports_day_tsv, f_c_rse_odt,
    f_c_class_rules_txt,
]


# ---------------------------------------------------------------------------
# Published documents: what schools put on their websites. They name staff (personal
# data) beside sensitive topics discussed in general terms (not special category).
# Appended last, so the files above stay as they were.
# ---------------------------------------------------------------------------
def staff_named(s):
    return f"{s.title} {s.forename} {s.surname}"


def f_p_safeguarding_policy_docx():
    path = "policies/Child protection and safeguarding policy 2025-26.docx"
    dsl, head, senco = OAK.role("DSL"), OAK.role("Headteacher"), OAK.role("SENCo")
    gov = HBA.role("Finance")
    blocks = [("h", "Child Protection and Safeguarding Policy 2025-26"),
              ("h2", "Key contacts"),
              ("table", ["Role", "Name"], [["Designated Safeguarding Lead (DSL)", staff_named(dsl)],
                                           ["Deputy Designated Safeguarding Lead", staff_named(head)],
                                           ["Designated teacher for looked after children", staff_named(senco)],
                                           ["Nominated governor for safeguarding and child protection", staff_named(gov)]]),
              ("h2", "1. Purpose"),
              "All staff must read Keeping Children Safe in Education. Abuse can take many forms, including neglect, physical abuse, "
              "emotional abuse and sexual abuse. Staff who have a concern should speak to the DSL without delay and record it on CPOMS.",
              ("h2", "2. Early help and children with a social worker"),
              "The school offers early help where a child would benefit from coordinated support. Where a child has a social worker, "
              "or is subject to a child protection plan, the DSL shares relevant information with the child's teachers.",
              f"If a child discloses abuse, staff listen to what he or she says and pass it to {staff_named(dsl)} the same day.",
              ("h2", "3. Looked after children"),
              "The designated teacher works with the virtual school head to promote the education of looked after children.",
              f"Approved by the governing body. Signed: {staff_named(gov)}, Chair of Governors"]
    write_docx(path, blocks, author="Governors")
    label(path, True, False, "Published safeguarding policy: staff named in key-contact roles (personal), abuse, CP plans and "
          "looked-after children discussed in general (not special)", blocks)


def f_p_newsletter_html():
    path = "comms/newsletter_spring1_week4.html"
    head, ta = OAK.role("Headteacher"), OAK.role("Learning Mentor")
    y4 = OAK.year(4)
    blocks = [("h", f"{OAK.name} - Newsletter"), "Spring 1, week 4",
              f"Congratulations to {y4[0].full} and {y4[1].full} in Year 4, who won the county spelling bee on Tuesday. "
              "We are very proud of them both.",
              "Year 6 visited the Science Museum on Wednesday and were a credit to the school.",
              "On Thursday the school nurse ran an asthma awareness session for staff, and we reminded families that inhalers "
              "must be clearly labelled with the child's name.",
              f"Our Mental Health Lead, {staff_named(ta)}, has started a lunchtime club for Years 5 and 6.",
              ("h2", "Star of the week"), ("ul", [f"{p.reg}: {p.full}" for p in OAK.year(2)[:2]]),
              f"Warm wishes, {staff_named(head)}, Headteacher",
              f"{OAK.address} {OAK.postcode} | {OAK.phone} | {OAK.office}"]
    write_html(path, "Newsletter", blocks)
    label(path, True, False, "Newsletter naming pupils (awards) and staff; an asthma awareness session and a Mental Health "
          "Lead nearby are not about them", blocks)


def f_p_sen_report_pdf():
    path = "sen/SEN information report 2025-26.pdf"
    senco, gov = HBA.role("SENCo"), HBA.role("Data Manager")
    blocks = [("h", "SEN Information Report 2025-26"),
              f"Our Special Educational Needs Coordinator (SENCo) is {staff_named(senco)}. {'He' if senco.gender == 'M' else 'She'} "
              "can be contacted through the school office.",
              "We support students with a range of needs, including autism, ADHD, dyslexia, speech and language difficulties "
              "and social, emotional and mental health needs. Some students have an Education, Health and Care Plan (EHCP); "
              "others receive SEN support.",
              "If a student has a diagnosis of autism, the SENCo meets parents before the student starts.",
              f"Our SEN governor is {staff_named(gov)}."]
    write_pdf(path, "SEN information report", blocks)
    label(path, True, False, "Published SEN information report: SENCo and SEN governor named, needs described in general", blocks)


def f_p_pp_statement_docx():
    path = "pupil premium/Pupil premium strategy statement 2025-26.docx"
    lead, head = OAK.role("Deputy"), OAK.role("Business")
    blocks = [("h", "Pupil premium strategy statement 2025-26"),
              ("table", ["Detail", "Data"], [["School name", OAK.name], ["Number of pupils in school", "98"],
                                             ["Proportion of disadvantaged pupils", "23%"],
                                             ["Pupil premium lead", staff_named(lead)],
                                             ["Governor lead", staff_named(head)]]),
              "Our intention is that all pupils, irrespective of their background, make good progress. Disadvantaged pupils, "
              "including those eligible for free school meals, receive targeted support in reading and maths."]
    write_docx(path, blocks, author="Office")
    label(path, True, False, "Published pupil premium statement: leads named in a table, FSM/PP discussed as school figures", blocks)


def f_p_medical_policy_odt():
    path = "policies/Supporting pupils with medical conditions policy.odt"
    bm, head = OAK.role("Business"), OAK.role("Headteacher")
    blocks = [("h", "Supporting Pupils with Medical Conditions Policy"),
              f"The named person with responsibility for medical conditions is {staff_named(bm)}, School Business Manager.",
              "If a pupil has asthma, their inhaler must be in school. Pupils with diabetes, epilepsy or allergies have an "
              "individual healthcare plan agreed with parents and the school nurse.",
              f"Signed: {staff_named(head)}, Headteacher"]
    write_odt(path, blocks)
    label(path, True, False, "Published medical-conditions policy naming the responsible member of staff; conditions in general", blocks)


def f_p_inhaler_letter_docx():
    path = "medical/letter to parents - spare inhaler.docx"
    p = OAK.year(2)[3]
    c = p.contacts[0]
    t = OAK.role("Year 2")
    blocks = [f"Dear {c.title} {c.surname},",
              f"Thank you for coming in on Monday to talk about {p.full}.",
              f"As agreed, {p.forename} will keep a spare inhaler in the school office, and {p.his} asthma plan will be "
              "reviewed in June.",
              f"Yours sincerely, {staff_named(t)}, Class Teacher"]
    write_docx(path, blocks, author="Office")
    label(path, True, True, "Letter about one pupil: the health details are two paragraphs below the name, "
          "about the pupil by given name and pronoun", blocks)


def f_c_word_problems_docx():
    path = "worksheets/Y5 word problems - money and measures.docx"
    blocks = [("h", "Year 5 maths: word problems"),
              "1. Mr Jones buys 4 boxes of pencils. Each box holds 12 pencils. How many pencils does he buy?",
              "2. Mrs Okafor has 36 sweets. She shares them equally between 4 children. How many sweets does each child get?",
              "3. Miss Taylor drives 45 miles on Monday and 38 miles on Tuesday. How far does she drive altogether?",
              "4. Mr Kowalski pays with a £20 note for a book costing £7.45. How much change does he get?",
              "Challenge: how many pencils would Mr Jones need for 9 classes of 30?"]
    write_docx(path, blocks, author="Maths lead")
    label(path, False, False, "Hard negative: maths word problems whose characters have a title and surname", blocks)


def f_p_minutes_pdf():
    path = "governance/FGB minutes - spring term (approved).pdf"
    chair, head, senco, lead = HBA.role("Finance"), HBA.role("Principal"), HBA.role("SENCo"), HBA.role("Vice")
    blocks = [("h", "Minutes of the Full Governing Body"),
              f"Present: {staff_named(chair)} (Chair), {staff_named(head)} (Principal), {staff_named(lead)}",
              ("h2", "4. SEND update"),
              f"{staff_named(senco)} (SENCo) reported that 61 students are on the SEN register and 9 have an EHCP. "
              "Two annual reviews are overdue because of delays at the local authority.",
              ("h2", "5. Safeguarding"),
              "The annual safeguarding audit has been completed. 7 children are currently subject to child protection plans.",
              ("h2", "6. Pupil premium"),
              f"{staff_named(lead)} said that 31% of students are eligible for free school meals."]
    write_pdf(path, "FGB minutes", blocks)
    label(path, True, False, "Published governors' minutes: governors and staff named; SEN, CP plans and FSM only as "
          "school figures", blocks)


def f_p_staff_page_html():
    path = "comms/website - our staff.html"
    picks = [OAK.role("Headteacher"), OAK.role("SENCo"), OAK.role("Learning Mentor"), OAK.role("DSL"), OAK.role("Office")]
    jobs = ["Headteacher", "SENCo and Mental Health Lead", "Learning Mentor (Early Help)", "Designated Safeguarding Lead",
            "Office Manager and First Aider"]
    blocks = [("h", "Meet our staff"), ("table", ["Name", "Role"], [[staff_named(s), j] for s, j in zip(picks, jobs)])]
    write_html(path, "Our staff", blocks)
    label(path, True, False, "Website staff page: names with job titles that contain sensitive words (Mental Health Lead, "
          "Early Help)", blocks)


PUBLISHED = [f_p_minutes_pdf, f_p_staff_page_html, f_p_safeguarding_policy_docx, f_p_newsletter_html, f_p_sen_report_pdf, f_p_pp_statement_docx,
             f_p_medical_policy_odt, f_p_inhaler_letter_docx, f_c_word_problems_docx]
GENERATORS += PUBLISHED


def f_f_profile_csv():
    """A pupil profile exported from a form as two columns: labels and values."""
    path = "sen/pupil profile - export.csv"
    p = next(q for q in OAK.year(5) if q.sen != "N" and q.medical)
    c = p.contacts[0]
    rows = [["Pupil name", p.full], ["Date of birth", p.dob.strftime("%d/%m/%Y")], ["Year group", f"Year {p.year}"],
            ["Class", p.reg], ["SEN status", p.sen], ["Need", p.need or "Cognition and learning"],
            ["Medical", "; ".join(m[0] for m in p.medical)], ["Parent/carer", c.formal], ["Emergency contact", c.phone],
            ["What helps me", "Short instructions, one at a time"]]
    write_csv(path, ["Field", "Detail"], rows)
    label(path, True, True, "Two-column pupil profile (label, value): name, DOB, SEN need and medical in rows of their own", rows)


def f_f_profile_xlsx():
    """A one-page profile in Excel: a title, then labels and values with no header row."""
    path = "sen/one-page profile.xlsx"
    p = next(q for q in OAK.year(3) if q.sen != "N")
    rows = [["Name", p.full], ["UPN", p.upn], ["Date of birth", p.dob], ["Need", p.need or "Communication and interaction"],
            ["What people like about me", "Kind, funny, great at Lego"], ["How best to support me", "Visual timetable; quiet space"]]
    write_xlsx(path, [{"name": "Profile", "title": "One-page profile", "rows": rows}])
    label(path, True, True, "Excel one-page profile under a title row: labels and values, SEN need two rows below the name", rows)


def f_f_consent_none_docx():
    """A returned trip consent form whose health answers all say there is nothing."""
    path = "trips/Y5 museum consent - returned.docx"
    p = OAK.year(5)[1]
    c = p.contacts[0]
    rows = [["Child's name", p.full], ["Class", p.reg],
            ["Does your child have any medical conditions?", "No known medical conditions"],
            ["Does your child take any medication?", "No"], ["Allergies", "None"], ["Dietary needs", "None"],
            ["Emergency contact", f"{c.formal} ({c.relationship}) {c.phone}"]]
    blocks = [("h", "Year 5 visit to the museum - consent form"), ("table", ["Question", "Answer"], rows),
              f"Signed: {c.formal}"]
    write_docx(path, blocks, author=c.full)
    label(path, True, False, "Returned consent form (Word table of questions and answers) whose medical answers are all "
          "'no': personal, not special", blocks)


def f_f_deposits_csv():
    """A list of pupils under a title row and a two-cell header row: a list, not a form."""
    path = "trips/Y6 residential deposits.csv"
    rows = [["Name", "Paid"]] + [[p.full, "" if i % 3 else "50.00"] for i, p in enumerate(OAK.year(6)[:12])]
    write_csv(path, ["Year 6 residential - deposits"], rows)
    label(path, True, False, "Two-column list of pupils and deposits under a title row", rows)


def f_c_glossary_docx():
    """A glossary of SEND terms: two columns of labels and meanings, about no one."""
    path = "sen/SEND glossary for parents.docx"
    rows = [["SEN", "Special educational needs"], ["SENCo", "Special educational needs co-ordinator"],
            ["EHCP", "Education, health and care plan"], ["SEN support", "Extra help in school for a child with SEN"],
            ["Medical conditions", "Illnesses or conditions that need care in school, such as asthma or diabetes"],
            ["FSM", "Free school meals"], ["LAC", "Looked after child: a child in the care of the local authority"]]
    blocks = [("h", "A glossary of SEND words"), ("table", ["Term", "Meaning"], rows)]
    write_docx(path, blocks, author="SEN Office")
    label(path, False, False, "Glossary table of SEND terms and meanings: names no one", blocks)


def f_f_options_notes_xlsx():
    """Year 9 options choices: the only sensitive word is in a note on one pupil's cell."""
    path = "exams/Y9 options choices 2025.xlsx"
    pupils = HBA.year(9)[:10]
    subjects = ["Geography", "History", "French", "Computer Science", "Art", "Music", "Drama", "Spanish"]
    rows = [[p.surname, p.forename, p.reg, subjects[i % 8], subjects[(i + 3) % 8]] for i, p in enumerate(pupils)]
    # Row 1 is the header: the note is on the fourth pupil's first choice.
    notes = [(5, 4, "On the CAMHS waiting list for an ADHD assessment - check before confirming options.")]
    write_xlsx(path, [{"name": "Options", "header": ["Surname", "Forename", "Form", "Choice 1", "Choice 2"],
                       "rows": rows, "notes": notes}])
    label(path, True, True, "Options choices of named pupils; a cell note (comment) says one is awaiting an ADHD "
          "assessment: sensitive only in the note", rows)


FORMS = [f_f_profile_csv, f_f_profile_xlsx, f_f_consent_none_docx, f_f_deposits_csv, f_c_glossary_docx,
         f_f_options_notes_xlsx]
GENERATORS += FORMS



def self_check():
    # the identifiers of every generated person are valid
    for p in OAK.pupils + HBA.pupils:
        assert upn_valid(p.upn) and uln_valid(p.uln) and nhs_valid(p.nhs) and postcode_valid(p.postcode), p
        assert all(drama_phone(c.phone) and (not c.work_phone or drama_phone(c.work_phone)) for c in p.contacts)
        if p.uci:
            assert uci_valid(p.uci)
    for s in OAK.staff + HBA.staff:
        assert ni_valid(s.ni) and iban_valid(s.iban) and drama_phone(s.phone) and postcode_valid(s.postcode), s
        assert re.fullmatch(r"\d{2}-\d{2}-\d{2}", s.sort_code) and re.fullmatch(r"\d{8}", s.account)
        assert not s.trn or re.fullmatch(r"\d{7}", s.trn)
    # documented examples behave as the product's rules say
    assert upn_valid("B801200005001") and uln_valid("9276308686") and nhs_valid("999 992 7874") and nhs_valid("943 476 5919")
    assert ni_valid("WY896339D") and ni_valid("LE 99 76 26 A") and uci_valid("681990012058G")
    assert not upn_valid("A801200005001") and not uln_valid("9276308687") and not nhs_valid("999 992 7875")
    for path, text in TEXTS.items():
        personal = next(l[1] for l in LABELS if l[0] == path)
        check_text(path, text, personal)


def main():
    if FILES.exists():
        shutil.rmtree(FILES)
    FILES.mkdir(parents=True)
    for g in GENERATORS:
        g()
    shutil.rmtree(FILES / "_tmp", ignore_errors=True)
    self_check()
    on_disk = sorted(str(p.relative_to(FILES)) for p in FILES.rglob("*") if p.is_file())
    labelled = sorted(l[0] for l in LABELS)
    assert on_disk == labelled, set(on_disk) ^ set(labelled)
    with open(ROOT / "labels.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["path", "personal_data", "special_category", "description"])
        for path, personal, special, desc in sorted(LABELS):
            w.writerow([path, str(personal).lower(), str(special).lower(), desc])
    # summary
    from collections import Counter
    by_ext = Counter()
    for path, personal, special, _ in LABELS:
        ext = Path(path).suffix.lower()
        by_ext[(ext, "special" if special else ("personal" if personal else "clean"))] += 1
    total = sum(f.stat().st_size for f in FILES.rglob("*") if f.is_file())
    print(f"{len(LABELS)} files, {total / 1e6:.2f} MB; personal={sum(l[1] for l in LABELS)} "
          f"(special={sum(l[2] for l in LABELS)}), clean={sum(not l[1] for l in LABELS)}")
    for ext in sorted({e for e, _ in by_ext}):
        print(f"  {ext:6s} clean={by_ext[(ext, 'clean')]:2d} personal-only={by_ext[(ext, 'personal')]:2d} special={by_ext[(ext, 'special')]:2d}")


if __name__ == "__main__":
    main()
