"""Inject one realistic defect into a copy of a clean article, recording where.

Every kind the product targets has an entry in ``KINDS`` (the one place that
maps a kind to the rule codes expected to find it and to how its fix is
measured). For each kind, ``candidates()`` lists the places in an article
where the defect can be injected, built from the article's own text (real
adjacent word pairs, real sentence boundaries, real apostrophes and pound
signs), each labelled with a *variant* (names vs common words, which
character, which punctuation...) so that the sample covers several shapes.
``sample()`` picks articles and candidates with a fixed seed, cycling through
the variants and through the article's start, middle and end.

An ``Injection`` holds the clean twin, the dirty copy, the edits that turned
one into the other, and for each edit the defect's span in the dirty text
and its expected repair (the twin's text there). Replacing every span with its
repair gives the twin back, exactly.

For three kinds the twin itself differs from the source article by one
character of the same length (a typographic apostrophe, an em dash, an
accented name), because BBC copy is ASCII apart from the pound sign and the
mojibake of those characters is what scraped copy actually carries.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# --------------------------------------------------------------------------
# The kinds: expected codes, fix mode, and whether the recall/precision
# target applies (mechanical kinds) or the kind needs judgement.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    name: str
    codes: tuple[str, ...]  # a diagnostic with one of these codes, overlapping the span, finds it
    unsafe: bool  # measure the fix with unsafe=True (removal of text a rule can only guess at)
    mechanical: bool  # the recall/precision >= 0.98 target applies
    variants: tuple[str, ...]
    example: str  # a synthetic illustration, clean -> dirty
    # Variants of a SAFE kind whose repair the expected rule documents as
    # UNSAFE (a possessive `Trump s` could be a plural): their fix is measured
    # with unsafe=True and reported apart, outside the SAFE fix figure.
    unsafe_variants: tuple[str, ...] = ()
    # False when the expected rule only offers a display-only suggestion,
    # because the repair is an editor's call (a lowercase sentence start is
    # usually a cut, not a missing capital): no fix target; the scorer
    # reports how often the suggestion equals the injected repair instead.
    fixable: bool = True

    @property
    def fix_mode(self) -> str:
        """How the kind's headline fix figure is measured: safe, unsafe or none."""
        if not self.fixable:
            return "none"
        return "unsafe" if self.unsafe else "safe"

    def variant_fix_mode(self, variant: str) -> str:
        """How one variant's fix is measured: the kind's mode, or unsafe apart."""
        if self.fixable and not self.unsafe and variant in self.unsafe_variants:
            return "unsafe"
        return self.fix_mode


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "fused_word",
            ("LN201",),
            False,
            True,
            ("lower+lower", "Name+lower", "lower+Name", "Name+Name"),
            "`Netanyahu admitted` → `Netanyahuadmitted`",
        ),
        Kind(
            "stray_letter",
            ("LN202",),
            False,
            True,
            ("echo+Name", "random+Name", "random+lower"),
            "`said Netanyahu` → `said dNetanyahu`",
        ),
        Kind(
            "sentence_fusion",
            ("LN103",),
            False,
            True,
            ("period+common", "period+name", "question-or-exclamation", "after-closing-quote"),
            "`ended. The` → `ended.The`",
        ),
        Kind(
            "lost_apostrophe",
            ("LN203",),
            False,
            True,
            ("possessive-name", "possessive-common", "contraction"),
            "`Trump's` → `Trump s`",
            unsafe_variants=("possessive-name", "possessive-common"),
        ),
        Kind(
            "duplicated_paragraph",
            ("LN401",),
            True,
            True,
            ("adjacent", "later"),
            "a body paragraph repeated, right after itself or further down",
        ),
        Kind(
            "repeated_source",
            ("LN402",),
            True,
            False,
            ("same-twice", "two-different", "two-at-end", "url"),
            "two `Source: CNN` lines added as paragraphs",
        ),
        Kind(
            "author_bio",
            ("LN403",),
            True,
            False,
            ("short", "long", "two-sentence", "freelance"),
            "`Jane Doe is a reporter for NBC News.` added as a paragraph",
        ),
        Kind(
            "lowercase_start",
            ("LN301",),
            False,
            True,
            ("paragraph-start", "mid-paragraph", "after-opening-quote", "name"),
            "`rain. The` → `rain. the`",
            fixable=False,
        ),
        Kind(
            "html_entity",
            ("LN106",),
            False,
            True,
            ("named", "decimal", "hex"),
            "`M&S` → `M&amp;S`, `£5` → `&#163;5`",
        ),
        Kind(
            "mojibake",
            ("LN107",),
            False,
            True,
            ("pound", "apostrophe", "em-dash", "e-acute", "apostrophe-latin1"),
            "`£5` → `Â£5`, `it’s` → `itâ€™s`",
        ),
        Kind(
            "invisible_char",
            ("LN105",),
            False,
            True,
            (
                "zwsp-in-word",
                "zwsp-between-words",
                "soft-hyphen",
                "bom-in-text",
                "word-joiner",
                "nbsp-between-words",
            ),
            "`climate` → `cli\\u200bmate`",
        ),
    )
}

BUCKETS = ("start", "middle", "end")

# --------------------------------------------------------------------------
# Edits and injections
# --------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Edit:
    start: int  # in the clean twin
    end: int
    replacement: str
    # When the replacement is a copy of twin[copied_from : copied_from + len(replacement)]
    # (a duplicated paragraph), offsets inside it map back to the original; -1 otherwise.
    copied_from: int = -1


@dataclass(frozen=True)
class Candidate:
    variant: str
    pos: int  # where in the article (for the start/middle/end bucket)
    edits: tuple[Edit, ...]  # twin -> dirty
    subs: tuple[tuple[int, str], ...] = ()  # source -> twin, same-length substitutions


@dataclass(frozen=True)
class Injection:
    kind: str
    variant: str
    where: str  # start / middle / end of the article body
    path: str
    clean: str  # the clean twin
    dirty: str
    edits: tuple[Edit, ...]
    spans: tuple[tuple[int, int], ...]  # the defect in the dirty text, one per edit
    repairs: tuple[str, ...]  # what each span should become

    def repaired(self) -> str:
        """The dirty text with every span replaced by its repair (== clean)."""
        out, last = [], 0
        for (s, e), rep in zip(self.spans, self.repairs, strict=True):
            out += [self.dirty[last:s], rep]
            last = e
        out.append(self.dirty[last:])
        return "".join(out)


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, list[tuple[int, int]]]:
    """Apply sorted, non-overlapping edits; return the new text and each edit's new span."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    last = 0
    length = 0
    for e in edits:
        if e.start < last:
            raise ValueError(f"overlapping edits at {e.start}")
        out.append(text[last : e.start])
        length += e.start - last
        spans.append((length, length + len(e.replacement)))
        out.append(e.replacement)
        length += len(e.replacement)
        last = e.end
    out.append(text[last:])
    return "".join(out), spans


def build(kind: str, path: str, source: str, cand: Candidate) -> Injection:
    twin = source
    for pos, new in cand.subs:
        if len(new) != 1:
            raise ValueError("substitutions replace one character")
        twin = twin[:pos] + new + twin[pos + 1 :]
    edits = tuple(sorted(cand.edits))
    dirty, spans = apply_edits(twin, edits)
    if dirty == twin or any(s == e for s, e in spans):
        raise ValueError(f"{kind}: empty injection")
    return Injection(
        kind=kind,
        variant=cand.variant,
        where=bucket(source, cand.pos),
        path=path,
        clean=twin,
        dirty=dirty,
        edits=edits,
        spans=tuple(spans),
        repairs=tuple(twin[e.start : e.end] for e in edits),
    )


# --------------------------------------------------------------------------
# Article structure helpers (headline, blank line, paragraphs)
# --------------------------------------------------------------------------

_PARA = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_TOKEN = re.compile(r"\S+")
_PURE = re.compile(r"[A-Z]?[a-z]+")
_ABBREVIATIONS = frozenset({"etc", "vs", "approx", "inc", "ltd", "co", "no", "st", "cf", "ie", "eg", "al"})


def body_start(text: str) -> int:
    """Offset of the first body paragraph: after the headline and its blank line."""
    i = text.find("\n\n")
    return i + 2 if 0 <= i < 300 else 0


def bucket(text: str, pos: int) -> str:
    b = body_start(text)
    frac = (pos - b) / max(1, len(text) - b)
    return BUCKETS[min(2, max(0, int(frac * 3)))]


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PARA.finditer(text, body_start(text))]


def lowercase_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"(?<![\w'’])[a-z]+(?![\w])", text))


def is_name(word: str, lower_words: frozenset[str]) -> bool:
    """A capitalised word whose lowercase form never occurs in the article."""
    return word[:1].isupper() and word.lower() not in lower_words


def sentence_start(text: str, pos: int, body: int) -> str | None:
    """How ``pos`` starts a sentence: 'paragraph-start', 'mid-paragraph' or None."""
    if pos < body:
        return None
    if pos == 0 or text[pos - 1] == "\n":
        return "paragraph-start"
    if pos < 3 or text[pos - 1] != " ":
        return None
    if text[pos - 2] in ".!?":
        end = pos - 2
    elif text[pos - 2] == '"' and text[pos - 3] in ".!?":
        end = pos - 3
    else:
        return None
    if end > 0:
        m = re.search(r"([A-Za-z0-9]+)$", text[max(0, end - 20) : end])
        if m is None:
            return None
        prev = m.group(1)
        if prev.isdigit() or (prev.islower() and len(prev) >= 2 and prev not in _ABBREVIATIONS):
            return "mid-paragraph"
    return None


IsWord = Callable[[str], bool]


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    try:
        from spellchecker import SpellChecker
    except ImportError:  # pragma: no cover - pyspellchecker is a lintnews dependency
        return frozenset()
    return frozenset(SpellChecker().word_frequency.keys())


def default_is_word(word: str) -> bool:
    return word.lower() in _dictionary()


# --------------------------------------------------------------------------
# Candidates per kind
# --------------------------------------------------------------------------


def _pairs(text: str) -> Iterable[tuple[re.Match[str], re.Match[str]]]:
    """Adjacent tokens separated by exactly one space, inside body paragraphs."""
    for ps, pe in paragraphs(text):
        prev: re.Match[str] | None = None
        for m in _TOKEN.finditer(text, ps, pe):
            if prev is not None and m.start() == prev.end() + 1 and text[prev.end()] == " ":
                yield prev, m
            prev = m


def _fused_word(text: str, rng: random.Random, is_word: IsWord) -> list[Candidate]:
    body = body_start(text)
    vocab = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    out = []
    for a, b in _pairs(text):
        w1, w2 = a.group(), b.group()
        if not (_PURE.fullmatch(w1) and _PURE.fullmatch(w2)) or len(w1) < 2 or len(w2) < 2:
            continue
        if w1[0].isupper():
            if sentence_start(text, a.start(), body) is not None:
                continue  # a capital that only marks a sentence start is no name
            c1 = "Name"
        else:
            c1 = "lower"
        c2 = "Name" if w2[0].isupper() else "lower"
        fused = w1 + w2
        if is_word(fused) or fused.lower() in vocab:
            continue  # `in to` -> `into` is a word, not a defect
        out.append(Candidate(f"{c1}+{c2}", a.start(), (Edit(a.start(), b.end(), fused),)))
    return out


def _stray_letter(text: str, rng: random.Random, is_word: IsWord) -> list[Candidate]:
    body, lower = body_start(text), lowercase_words(text)
    vocab = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    out = []
    for a, b in _pairs(text):
        w1, w2 = a.group(), b.group()
        if not _PURE.fullmatch(w2) or len(w2) < 3:
            continue
        if w2[0].isupper():
            if sentence_start(text, b.start(), body) is not None:
                continue
            echo = w1[-1].lower() if w1[-1].isalpha() else None
            if echo is not None:
                out.append(Candidate("echo+Name", b.start(), (Edit(b.start(), b.end(), echo + w2),)))
            letter = rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != echo])
            out.append(Candidate("random+Name", b.start(), (Edit(b.start(), b.end(), letter + w2),)))
        else:
            letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
            glued = letter + w2
            if is_word(glued) or glued in vocab or glued in lower:
                continue  # `s` + `hop` is `shop`
            out.append(Candidate("random+lower", b.start(), (Edit(b.start(), b.end(), glued),)))
    return out


_BOUNDARY = re.compile(r"(?<![A-Za-z0-9])([a-z]{2,}|[0-9]+)([.!?])(\"?) ([A-Z][a-z]*)\b")


def _sentence_fusion(text: str, rng: random.Random, is_word: IsWord) -> list[Candidate]:
    lower = lowercase_words(text)
    out = []
    for ps, pe in paragraphs(text):
        for m in _BOUNDARY.finditer(text, ps, pe):
            prev, mark, quote, nxt = m.groups()
            if prev in _ABBREVIATIONS:
                continue
            if quote:
                variant = "after-closing-quote"
            elif mark in "!?":
                variant = "question-or-exclamation"
            elif is_name(nxt, lower):
                variant = "period+name"
            else:
                variant = "period+common"
            fused = f"{prev}{mark}{quote}{nxt}"
            out.append(Candidate(variant, m.start(), (Edit(m.start(), m.end(), fused),)))
    return out


_APOSTROPHE = re.compile(r"(?<![\w'])([A-Za-z]+)'(s|t|re|ll|ve|d|m)\b")
_PRONOUNS = frozenset({"it", "that", "he", "she", "there", "here", "what", "who", "let", "where", "how"})


def _lost_apostrophe(text: str, rng: random.Random, is_word: IsWord) -> list[Candidate]:
    lower = lowercase_words(text)
    body = body_start(text)
    out = []
    for m in _APOSTROPHE.finditer(text, body):
        word, suffix = m.groups()
        if suffix != "s" or word.lower() in _PRONOUNS:
            variant = "contraction"
        elif is_name(word, lower):
            variant = "possessive-name"
        else:
            variant = "possessive-common"
        out.append(Candidate(variant, m.start(), (Edit(m.start(), m.end(), f"{word} {suffix}"),)))
    return out


def _duplicated_paragraph(text: str, rng: random.Random, is_word: IsWord) -> list[Candidate]:
    paras = paragraphs(text)
    bodies = [text[s:e] for s, e in paras]
    out = []
    for i, (s, e) in enumerate(paras):
        para = bodies[i]
        if len(para.split()) < 8 or bodies.count(para) > 1 or text[s - 2 : s] != "\n\n":
            continue
        # The copy is twin[s - 2 : e], its blank line included; it sits where it is inserted.
        out.append(Candidate("adjacent", e, (Edit(e, e, "\n\n" + para, s - 2),)))
        for _, at in paras[i + 2 :]:
            out.append(Candidate("later", at, (Edit(at, at, "\n\n" + para, s - 2),)))
    return out


OUTLETS = (
    "CNN",
    "Reuters",
    "Associated Press",
    "Media Matters",
    "Daily Mail",
    "The Washington Post",
    "Fox News",
    "Politico",
    "The Guardian",
    "NBC News",
    "AFP",
    "Bloomberg",
)
OUTLET_URLS = (
    "http://www.politico.com",
    "https://www.washingtonpost.com/politics/",
    "http://www.breitbart.com",
    "https://www.reuters.com/article/world-news",
)


def _repeated_source(text: str, rng: random.Random, is_word: IsWord) -> list[Candidate]:
    paras = paragraphs(text)
    if len(paras) < 3:
        return []
    out = []
    last_end = paras[-1][1]
    for i, j in itertools.combinations(range(len(paras)), 2):
        a, b = rng.sample(OUTLETS, 2)
        ends = (paras[i][1], paras[j][1])
        pos = paras[i][1]
        out.append(Candidate("same-twice", pos, tuple(Edit(p, p, f"\n\nSource: {a}") for p in ends)))
        out.append(
            Candidate(
                "two-different",
                pos,
                (Edit(ends[0], ends[0], f"\n\nSource: {a}"), Edit(ends[1], ends[1], f"\n\nSource: {b}")),
            )
        )
        url = rng.choice(OUTLET_URLS)
        out.append(
            Candidate(
                "url",
                pos,
                (Edit(ends[0], ends[0], f"\n\nSource: {a}"), Edit(ends[1], ends[1], f"\n\nSource:{url}")),
            )
        )
    a, b = rng.sample(OUTLETS, 2)
    out.append(
        Candidate("two-at-end", last_end, (Edit(last_end, last_end, f"\n\nSource: {a}\nSource: {b}"),))
    )
    return out


FIRST_NAMES = ("Sarah", "James", "Priya", "Tom", "Maria", "David", "Aisha", "Mark", "Laura", "Kenji", "Olu")
LAST_NAMES = ("Whitfield", "Okafor", "Lindqvist", "Hughes", "Moreno", "Castellano", "Patel", "Brennan")
ROLES = (
    "a reporter",
    "a senior correspondent",
    "a political reporter",
    "a business editor",
    "a staff writer",
    "a contributing writer",
)
BIO_OUTLETS = ("NBC News", "Politico", "the Los Angeles Times", "The Hill", "Reuters", "the Financial Times")
BEATS = ("energy and climate", "the White House", "technology and media", "health policy", "local government")
CITIES = ("Minneapolis", "Brooklyn", "Leeds", "Toronto", "Austin")


def make_bio(variant: str, rng: random.Random) -> str:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    he = rng.choice(("He", "She"))
    outlet = rng.choice(BIO_OUTLETS)
    if variant == "short":
        return f"{first} {last} is {rng.choice(ROLES)} for {outlet}."
    if variant == "long":
        beats = rng.sample(BEATS, 2)
        return f"{first} {last} is {rng.choice(ROLES)} at {outlet}, covering {beats[0]} and {beats[1]}."
    if variant == "two-sentence":
        follow = rng.choice(
            (
                f"Follow {'him' if he == 'He' else 'her'} on Twitter @{first.lower()}{last.lower()}.",
                f"Reach {'him' if he == 'He' else 'her'} at {first.lower()}.{last.lower()}@example.com.",
                f"{'His' if he == 'He' else 'Her'} work has appeared in {outlet} and The Atlantic.",
            )
        )
        return f"{first} {last} is {rng.choice(ROLES)} at {outlet}. {follow}"
    return f"{first} {last} is a freelance writer living in {rng.choice(CITIES)}."


def _author_bio(text: str, rng: random.Random, is_word: IsWord) -> list[Candidate]:
    paras = paragraphs(text)
    if len(paras) < 2:
        return []
    out = []
    first, last_end = paras[0][0], paras[-1][1]
    for variant in KINDS["author_bio"].variants:
        bio = make_bio(variant, rng)
        out.append(Candidate(variant, last_end, (Edit(last_end, last_end, "\n\n" + bio),)))
        bio = make_bio(variant, rng)
        out.append(Candidate(variant, first, (Edit(first, first, bio + "\n\n"),)))
    return out


def _lowercase_start(text: str, rng: random.Random, is_word: IsWord) -> list[Candidate]:
    body, lower = body_start(text), lowercase_words(text)
    out = []
    for m in re.finditer(r"(?<![\w'’])[A-Z][a-z]+\b", text[body:]):
        s = body + m.start()
        word = m.group()
        quote = s > 0 and text[s - 1] == '"'
        how = sentence_start(text, s - 1 if quote else s, body)
        if how is None:
            continue
        if is_name(word, lower):
            variant = "name"
        elif quote:
            variant = "after-opening-quote"
        else:
            variant = how
        out.append(Candidate(variant, s, (Edit(s, s + len(word), word[0].lower() + word[1:]),)))
    return out


_ENTITY_CHARS = {"&": "amp", '"': "quot", "£": "pound", "'": "apos"}


def _html_entity(text: str, rng: random.Random, is_word: IsWord) -> list[Candidate]:
    out = []
    for m in re.finditer(r"[&\"£']", text[body_start(text) :]):
        s = body_start(text) + m.start()
        ch = m.group()
        if ch == "&" and re.match(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", text[s : s + 10]):
            continue  # already an entity
        forms = {
            "named": f"&{_ENTITY_CHARS[ch]};",
            "decimal": f"&#{ord(ch)};",
            "hex": f"&#x{ord(ch):X};",
        }
        for variant, entity in forms.items():
            out.append(Candidate(variant, s, (Edit(s, s + 1, entity),)))
    return out


def _garble(ch: str, encoding: str = "cp1252") -> str:
    return ch.encode("utf-8").decode(encoding)


_ACCENTED = {"Jose": 3, "Pele": 3, "Andre": 4, "Rene": 3, "Beyonce": 6, "Perez": 1, "cafe": 3}


def _mojibake(text: str, rng: random.Random, is_word: IsWord) -> list[Candidate]:
    body = body_start(text)
    out = []
    for m in re.finditer("£", text[body:]):
        s = body + m.start()
        out.append(Candidate("pound", s, (Edit(s, s + 1, _garble("£")),)))
    for m in re.finditer(r"[A-Za-z]'[a-z]", text[body:]):
        s = body + m.start() + 1
        out.append(Candidate("apostrophe", s, (Edit(s, s + 1, _garble("’")),), ((s, "’"),)))
        out.append(Candidate("apostrophe-latin1", s, (Edit(s, s + 1, _garble("’", "latin-1")),), ((s, "’"),)))
    for m in re.finditer(r"(?<=\w) - (?=\w)", text[body:]):
        s = body + m.start() + 1
        out.append(Candidate("em-dash", s, (Edit(s, s + 1, _garble("—")),), ((s, "—"),)))
    for m in re.finditer(r"\b(" + "|".join(_ACCENTED) + r")\b", text[body:]):
        s = body + m.start() + _ACCENTED[m.group()]
        out.append(Candidate("e-acute", s, (Edit(s, s + 1, _garble("é")),), ((s, "é"),)))
    return out


def _invisible_char(text: str, rng: random.Random, is_word: IsWord) -> list[Candidate]:
    body = body_start(text)
    out = []
    for m in re.finditer(r"(?<![\w'])[a-z]{6,}(?![\w'])", text[body:]):
        s, w = body + m.start(), m.group()
        cut = s + rng.randrange(2, len(w) - 2)
        out.append(Candidate("zwsp-in-word", s, (Edit(cut, cut, "\u200b"),)))
        out.append(Candidate("soft-hyphen", s, (Edit(cut, cut, "\u00ad"),)))
        out.append(Candidate("word-joiner", s, (Edit(cut, cut, "\u2060"),)))
    for m in re.finditer(r"(?<=[a-z]) (?=[a-z])", text[body:]):
        s = body + m.start()
        out.append(Candidate("zwsp-between-words", s, (Edit(s + 1, s + 1, "\u200b"),)))
        out.append(Candidate("nbsp-between-words", s, (Edit(s, s + 1, "\u00a0"),)))
    for s, _ in paragraphs(text)[1:]:
        out.append(Candidate("bom-in-text", s, (Edit(s, s, "\ufeff"),)))
    return out


FINDERS: dict[str, Callable[[str, random.Random, IsWord], list[Candidate]]] = {
    "fused_word": _fused_word,
    "stray_letter": _stray_letter,
    "sentence_fusion": _sentence_fusion,
    "lost_apostrophe": _lost_apostrophe,
    "duplicated_paragraph": _duplicated_paragraph,
    "repeated_source": _repeated_source,
    "author_bio": _author_bio,
    "lowercase_start": _lowercase_start,
    "html_entity": _html_entity,
    "mojibake": _mojibake,
    "invisible_char": _invisible_char,
}
assert set(FINDERS) == set(KINDS)


def candidates(
    kind: str, text: str, rng: random.Random | None = None, is_word: IsWord | None = None
) -> list[Candidate]:
    return FINDERS[kind](text, rng or random.Random(0), is_word or default_is_word)


def inject(
    kind: str,
    text: str,
    rng: random.Random,
    *,
    path: str = "-",
    variant: str | None = None,
    where: str | None = None,
    is_word: IsWord | None = None,
    pool: Sequence[Candidate] | None = None,
) -> Injection | None:
    """One injection of ``kind`` into ``text``, preferring ``variant`` and ``where``.

    Returns None when the article has no place for that variant (or for the
    kind at all).
    """
    found = list(pool) if pool is not None else candidates(kind, text, rng, is_word)
    if variant is not None:
        found = [c for c in found if c.variant == variant]
    if not found:
        return None
    if where is not None:
        found = [c for c in found if bucket(text, c.pos) == where] or found
    return build(kind, path, text, rng.choice(found))


def sample(
    kind: str,
    articles: Sequence[tuple[str, str]],
    n: int,
    seed: int,
    is_word: IsWord | None = None,
) -> list[Injection]:
    """``n`` injections of ``kind``, each into a different article, with a fixed seed.

    Articles are taken in a seeded random order. The i-th injection asks for
    variant ``i mod len(variants)`` and for the start/middle/end bucket in
    turn; it goes into the first unused article that has a place for that
    variant (the bucket is a preference). A variant no unused article can
    take is dropped from the rotation.
    """
    rng = random.Random(f"{seed}:{kind}")
    unused = list(articles)
    rng.shuffle(unused)
    variants = list(KINDS[kind].variants)
    pools: dict[str, list[Candidate]] = {}
    out: list[Injection] = []
    slot = 0
    while len(out) < n and unused and variants:
        variant = variants[slot % len(variants)]
        where = BUCKETS[(slot // len(variants)) % len(BUCKETS)]
        slot += 1
        for i, (path, text) in enumerate(unused):
            if path not in pools:
                pools[path] = candidates(kind, text, random.Random(f"{seed}:{kind}:{path}"), is_word)
            if any(c.variant == variant for c in pools[path]):
                inj = inject(kind, text, rng, path=path, variant=variant, where=where, pool=pools[path])
                if inj is not None:
                    out.append(inj)
                    del unused[i]
                    break
        else:
            variants.remove(variant)
    return out
