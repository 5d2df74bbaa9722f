#!/usr/bin/env python3
"""Rebuilds the registry-derived word lists in data/ (names, places, medicines, ambiguity list).

Run from the repository root: python3 data/fetch/fetch_lists.py
Needs pip and npm (registry access). Writes sorted UTF-8 lists, one entry per line.
Sources and licences: data/SOURCES.md.
"""
import importlib.util
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile

FAKER = "faker==40.54.0"
GENDER_GUESSER = "gender-guesser==0.4.0"
HUNSPELL = "hunspell-sv==2026.10.25"
MEDS = "swedish-medications@2.0.0"

# nam_dict.txt columns (0-based) for countries whose names are common in Sweden.
NAM_COLS = {
    "Sweden": 48, "Norway": 47, "Denmark": 46, "Finland": 49, "Iceland": 45, "Estonia": 50,
    "Poland": 53, "Bosnia": 59, "Croatia": 60, "Kosovo": 61, "Macedonia": 62, "Serbia": 64,
    "Albania": 66, "Greece": 67, "Russia": 68, "Ukraine": 71, "Turkey": 76, "Arabia/Persia": 77,
    "Romania": 57, "Hungary": 56, "Great Britain": 30, "Germany": 42, "other": 84,
}
# Minimum frequency digit (1 = rare .. 13) per column to keep a name: any listed use counts.
MIN_FREQ = {}
DEFAULT_MIN = 1
# Endings of hunspell proper nouns that are streets, waters, schools or other places, not people.
PLACE_ENDINGS = ("gatan", "vägen", "gränd", "stigen", "torget", "plan", "ån", "älven", "sjön", "skolan",
                 "berget", "dalen", "fjorden", "gården", "torp", "holmen", "viken", "hamn", "landet",
                 "staden", "sundet", "bron", "parken", "huset", "kyrkan", "backen", "ien", "partiet",
                 "rådet", "verket", "bolaget", "tidningen", "sjukhuset", "området", "skogen", "näset",
                 "fjället", "fjällen", "ön", "öarna", "udden", "slätten", "vallen", "forsen", "heden",
                 "kullen", "åsen", "byn", "ängen", "myren", "träsk", "träsket", "hyttan", "bruk",
                 "kanalen", "leden", "gymnasiet", "centrum", "förbundet")

OUT = "data"


def download(tmp):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp,
                    FAKER, GENDER_GUESSER, HUNSPELL], check=True)
    subprocess.run(["npm", "pack", "-s", MEDS], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    for f in os.listdir(tmp):
        p = os.path.join(tmp, f)
        if f.endswith(".whl"):
            zipfile.ZipFile(p).extractall(os.path.join(tmp, "x"))
        elif f.endswith(".tgz"):
            tarfile.open(p).extractall(os.path.join(tmp, "x"))
    return os.path.join(tmp, "x")


def find(root, suffix):
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            if p.endswith(suffix):
                return p
    raise FileNotFoundError(suffix)


def faker_names(x):
    path = find(x, "providers/person/sv_SE/__init__.py")
    spec = importlib.util.spec_from_file_location("fk", path)
    src = open(path, encoding="utf-8").read()
    # The module imports its parent provider; evaluate only the OrderedDict literals.
    ns = {}
    from collections import OrderedDict
    out = {}
    for key in ("first_names_female", "first_names_male", "last_names"):
        m = re.search(key + r"\s*=\s*OrderedDict\(", src)
        depth, i = 1, m.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(src[i], 0)
            i += 1
        out[key] = list(eval("OrderedDict(" + src[m.end():i], {"OrderedDict": OrderedDict}, ns).keys())
    del spec
    return out


def nam_dict_names(x, only=None):
    path = find(x, "gender_guesser/data/nam_dict.txt")
    names = set()
    for line in open(path, encoding="utf-8", errors="replace"):
        if line.startswith("#") or len(line) < 31:
            continue
        name = line[3:29].strip()
        if not name or any(c in name for c in "<>+\ufffd") or " " in name:
            continue
        for country, col in NAM_COLS.items():
            if only and country not in only:
                continue
            ch = line[col] if col < len(line) else " "
            if ch.strip() and ch != "$":
                freq = int(ch, 16)
                if freq >= MIN_FREQ.get(country, DEFAULT_MIN):
                    names.add(name)
                    break
    return names


def hunspell(x):
    dic = find(x, "hunspell/sv_SE.dic")
    aff = find(x, "hunspell/sv_SE.aff")
    rules = {}
    for line in open(aff, encoding="utf-8"):
        p = line.split()
        if len(p) >= 5 and p[0] == "SFX":
            strip = "" if p[2] == "0" else p[2]
            add = "" if p[3] == "0" else p[3].split("/")[0]
            rules.setdefault(p[1], []).append((strip, add, re.compile("(?:" + p[4] + ")$")))
    proper, places, forms = set(), set(), set()
    personlike = set()
    for i, line in enumerate(open(dic, encoding="utf-8")):
        if i == 0:
            continue
        word, _, flags = line.strip().partition("/")
        if not word:
            continue
        if word[0].isupper():
            if word.isalpha() or "-" in word:
                proper.add(word)
                if "e" in flags or "v" in flags:
                    places.add(word)
                elif word.isalpha() and set(flags) <= set("AQR"):
                    personlike.add(word)
            continue
        forms.add(word)
        for f in flags:
            for strip, add, cond in rules.get(f, ()):
                if cond.search(word) and word.endswith(strip):
                    forms.add(word[: len(word) - len(strip)] + add)
    personlike = {w for w in personlike if w.lower() not in forms and not w.lower().endswith(PLACE_ENDINGS)}
    return personlike, places, forms


def medicines(x, forms, names):
    meds = json.load(open(find(x, "package/data/medications.json"), encoding="utf-8"))
    subs = json.load(open(find(x, "package/data/substances.json"), encoding="utf-8"))
    out, brands = set(), set()
    for s in list(subs) + [a for m in meds for a in m.get("activeSubstances", [])]:
        s = s.strip().lower()
        if re.fullmatch(r"[a-zåäöéü\-]{5,}", s) and s not in forms:
            out.add(s)
    for m in meds:
        first = re.split(r"[ /®,(]", m["name"].strip())[0].lower()
        if re.fullmatch(r"[a-zåäöéü\-]{5,}", first):
            brands.add(first)
    # A brand that is also a Swedish word or a person name is left out ("Selo", "Ella").
    names_lower = {n.lower() for n in names}
    return out | {w for w in brands if w not in forms and w not in names_lower}


def write(name, items):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        for w in sorted(set(items)):
            f.write(w + "\n")
    print(f"{path}: {len(set(items))}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        x = download(tmp)
        fk = faker_names(x)
        nam = nam_dict_names(x)
        proper, places, forms = hunspell(x)
        faker_first = set(fk["first_names_female"]) | set(fk["first_names_male"])
        faker_last = set(fk["last_names"])
        first = set()
        for n in faker_first | nam:
            if n in places and n not in faker_first:
                continue
            if len(n) >= 2 and n[0].isupper():
                first.add(n)
        # Names that are also ordinary Swedish words need more evidence ("Hans", "Klara").
        ambiguous = {n for n in first if n.lower() in forms}
        # Surnames: Skatteverket's top 500 (via faker) plus hunspell proper nouns that are not
        # places, first names or ordinary words; they only count next to other person evidence.
        surnames = faker_last | {n for n in proper if n not in first and n not in places}
        # Names that may stand alone at a sentence start: common in Sweden and the Nordics.
        core = {n for n in faker_first | nam_dict_names(x, {"Sweden", "Norway", "Denmark", "Finland"}) if n in first}
        write("names/first_names.txt", first)
        write("names/first_names_core.txt", core)
        write("names/first_names_ambiguous.txt", ambiguous)
        write("names/surnames.txt", surnames)
        write("names/places.txt", places)
        write("health/medicines_registry.txt", medicines(x, forms, first | surnames))


if __name__ == "__main__":
    main()
