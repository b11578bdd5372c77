"""What words exist: the news-aware lexicon the word rules (LN2xx) share.

Four layers of evidence, from weakest to strongest:

1. English word frequencies: pyspellchecker's ``en.json.gz`` (160,000 lower-
   case words with counts), plus ``data/terms-wordfreq.tsv.gz``: the words
   that list lacks but that wordfreq knows to be common (British spellings
   such as ``programme``, closed compounds such as ``carmaker``, modern terms
   such as ``ringtones``, and frequent names such as ``netanyahu``). Fused
   word pairs such as ``ofthe`` or ``aswell`` were kept out of that list when
   it was generated (``benchmarks/lexicon/generate_lexicon.py``).
2. Bundled names (``data/*names-*.txt.gz``): places from GeoNames, countries,
   regions, languages and currencies from ISO codes, people's first names and
   surnames from the US census, and a short hand-kept list of news
   organisations. Names are case-sensitive: ``Newman`` is a name, ``newman``
   is two words.
3. The document's own vocabulary: a name the article uses elsewhere is the
   strongest evidence there is (``Netanyahu`` six times in the story makes
   ``Netanyahuadmitted`` easy to split). See ``DocumentWords``.
4. The user's vocabulary from config (``[tool.lintnews.vocabulary]``): accepted
   words are always known, rejected words never are.

Loading is lazy and shared: the first rule that needs a word loads the data
once per process (about 0.1 s); ``Lexicon`` objects that differ only in user
vocabulary share it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import marshal
import math
import os
import re
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lintnews.safeio import MB, Unreadable, read_capped

if TYPE_CHECKING:
    from lintnews.config import Vocabulary
    from lintnews.document import Document

__all__ = [
    "FUNCTION_WORDS",
    "SHORT_WORDS",
    "DocumentWords",
    "Lexicon",
    "Segmentation",
]

# --------------------------------------------------------------------------
# Closed word classes
# --------------------------------------------------------------------------

#: Closed-class English words: articles, pronouns, auxiliaries, conjunctions
#: and the prepositions that do not build closed compounds. A fused token
#: with one of these as a part (``ofthe``, ``togetherwith``, ``willmean``) is
#: almost never a real compound, unlike ``carmaker`` or ``frontman``.
FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    a an the this that these those my your his her its our their whose which what who whom
    i me you he him she it we us they them
    of to at by for with from as into onto upon about than among between during without within
    against towards toward across via of
    and or but nor so yet if because while although though unless whether
    is am are was were be been being have has had do does did will would shall should can
    could may might must not no
    there here then when where why how very just also only even too such
    each every all any some both either neither other another
    in on
    """.split()
)

#: The only one- and two-letter words a segmentation may produce. The
#: frequency list also holds letters and fragments (``s``, ``t``, ``ll``,
#: ``ve``) that would split anything.
SHORT_WORDS: frozenset[str] = frozenset(
    """
    a i
    am an as at be by do go he if in is it me my no of oh ok on or so to up us we
    """.split()
)

#: Capitalised short parts: honorifics and the pronoun.
SHORT_CAPITALISED: frozenset[str] = frozenset(
    "A I Mr Ms Mrs Dr St Sr Jr Am An As At Be By Do Go He If In Is It My No Of On Or So To Up Us We".split()
)

# Punctuation stripped from the ends of a whitespace-separated token.
_EDGE_PUNCT = "\"'()[]{}<>.,;:!?“”‘’«»*_…-–—/\\|~`^=+&%$#@"
# Characters that split a stripped token into word pieces (hyphens, slashes,
# inner punctuation such as the full stop of ``said.The``).
_INNER = re.compile(r"[^\w'’]+")
_ALPHA = re.compile(r"[^\W\d_]+")
# Word tokens with original case: letters and digits, with inner apostrophes
# (the same shape as Document.words).
_LETTERS = re.compile(r"[^\W\d_]+")
_TOKEN_AT = re.compile(r"\w+(?:['’]\w+)*")
_WORD_RUN = re.compile(r"\w+")
# From this length (a chunk of a huge file) ``find`` first looks the word up in a set.
_RUNS_FROM = 20_000
# A lowercase letter directly followed by a capital, found from the capital:
# a pattern that starts with the rarer capitals is searched three times faster.
_CAMEL = re.compile(r"[A-ZÀ-ÖØ-Þ](?<=[a-zß-öø-ÿ][A-ZÀ-ÖØ-Þ])")
_POSSESSIVE = re.compile(r"['’]s?$")

# --------------------------------------------------------------------------
# Data loading
# --------------------------------------------------------------------------

_DATA = "lintnews.data"


def _data_text(name: str) -> str:
    raw = resources.files(_DATA).joinpath(name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8")
    # Skip the header comment lines at the top.
    pos = 0
    while text.startswith("#", pos):
        pos = text.index("\n", pos) + 1
    return text[pos:]


def _data_lines(name: str) -> list[str]:
    return _data_text(name).splitlines()


def _zipf_table(name: str) -> dict[str, int]:
    """``word<TAB>zipf x 100`` lines as a dict, parsed in C (no Python loop)."""
    fields = _data_text(name).split()
    words = fields[0::2]
    return dict(zip(words, map(int, fields[1::2]), strict=True))


@dataclass(frozen=True)
class _Base:
    """The shared, immutable data: loaded once per process."""

    #: pyspellchecker: lower-case word -> count (``the`` is 76 million).
    counts: dict[str, int]
    #: the supplement (wordfreq, curated words): lower-case word -> Zipf x 100.
    extra: dict[str, int]
    #: rare supplement words (Zipf < 2.5): real words, names, and typos
    #: people make often (``tthe``). Known, but word rules may still look.
    weak: dict[str, int]
    #: log10 of 1e9 / total count, so zipf = log10(count) + offset.
    offset: float
    #: case-sensitive names (``Netanyahu``, ``Newman``, ``Türkiye``).
    names: frozenset[str]
    #: people's first names, also those that are words (``Will``, ``Mark``).
    first_names: frozenset[str]
    #: words of place names (GeoNames and ISO codes).
    places: frozenset[str]

    def zipf(self, low: str) -> float:
        count = self.counts.get(low)
        z = math.log10(count) + self.offset if count else 0.0
        extra = self.extra.get(low) or self.weak.get(low)
        return max(z, extra / 100) if extra else z


_LOCK = threading.Lock()
_BASE: _Base | None = None


def _load_base() -> _Base:
    global _BASE
    if _BASE is not None:
        return _BASE
    with _LOCK:
        if _BASE is None:
            _BASE = _load_cached()
    return _BASE


# The compact cache: the merged tables, marshalled (a C-speed load, several
# times faster than decoding pyspellchecker's JSON and the TSV files). It
# lives in $LINTNEWS_CACHE_DIR, else $XDG_CACHE_HOME/lintnews or
# ~/.cache/lintnews, is keyed by the size and time of every source file, and
# is skipped when LINTNEWS_NO_CACHE is set or the folder cannot be written.
_CACHE_FORMAT = 1
_DATA_FILES = (
    "terms-wordfreq.tsv.gz",
    "terms-wordfreq-rare.tsv.gz",
    "names-curated.txt",
    "names-geonames.txt.gz",
    "names-isocodes.txt.gz",
    "names-census.txt.gz",
    "first-names-census.txt.gz",
)


def _cache_path() -> Path | None:
    if os.environ.get("LINTNEWS_NO_CACHE"):
        return None
    try:
        sources = [resources.files("spellchecker").joinpath("resources").joinpath("en.json.gz")]
        sources += [resources.files(_DATA).joinpath(name) for name in _DATA_FILES]
        key = hashlib.sha256(repr(_CACHE_FORMAT).encode())
        for source in sources:
            stat = os.stat(str(source))
            key.update(f"{source}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    except (OSError, TypeError):
        return None  # data inside a zip: no stable path to key on
    folder = os.environ.get("LINTNEWS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "lintnews"
    )
    return Path(folder) / f"lexicon-{key.hexdigest()[:16]}.marshal"


def _load_cached() -> _Base:
    path = _cache_path()
    if path is not None:
        try:
            # read_capped: a FIFO in its place would hang every run. (It is
            # about 5 MB.)
            return _Base(*marshal.loads(read_capped(path, 64 * MB)))
        except (Unreadable, ValueError, EOFError, TypeError):
            pass
    base = _build_base()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-")
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(_astuple(base)))
            os.replace(tmp, path)
        except OSError:
            pass
    return base


def _astuple(
    base: _Base,
) -> tuple[
    dict[str, int], dict[str, int], dict[str, int], float, frozenset[str], frozenset[str], frozenset[str]
]:
    return (base.counts, base.extra, base.weak, base.offset, base.names, base.first_names, base.places)


def _build_base() -> _Base:
    raw = resources.files("spellchecker").joinpath("resources").joinpath("en.json.gz").read_bytes()
    counts: dict[str, int] = json.loads(gzip.decompress(raw))
    offset = 9.0 - math.log10(sum(counts.values()))
    # The supplement is on the Zipf scale (log10 per billion words):
    # new words, and better figures for news words.
    extra = _zipf_table("terms-wordfreq.tsv.gz")
    weak = _zipf_table("terms-wordfreq-rare.tsv.gz")
    curated = _data_lines("names-curated.txt")
    # Lower-case curated lines are words the wordfreq filter dropped (`inbox`).
    extra.update(dict.fromkeys([w for w in curated if w.islower()], round(_ACCEPTED_ZIPF * 100)))
    places = frozenset(_data_lines("names-geonames.txt.gz")).union(_data_lines("names-isocodes.txt.gz"))
    first = frozenset(_data_lines("first-names-census.txt.gz"))
    names = places.union(_data_lines("names-census.txt.gz"), first, [w for w in curated if not w.islower()])
    return _Base(counts, extra, weak, offset, names, first, places)


# --------------------------------------------------------------------------
# Per-document vocabulary
# --------------------------------------------------------------------------


class DocumentWords:
    """The words of one document, computed once and shared by every word rule.

    Cheap by design: ``Document.words`` builds a token object per word, which
    costs more than all the character rules together, so the lexicon works
    on a set of whitespace-separated types instead and only tokenizes a
    document fully (``counts``) when a rule has a candidate that needs
    evidence from the rest of the article.
    """

    def __init__(self, masked: str) -> None:
        self.text = masked
        self._mid: dict[str, bool] = {}
        self._count: dict[str, int] = {}
        # Rules ask about the same few words again and again (every candidate
        # of a name); on a long text each scan costs.
        self._found: dict[tuple[str, bool], list[tuple[int, int]]] = {}
        #: unknown words per lexicon (``id(lexicon)``), see ``Lexicon.unknown_words``.
        self.unknown: dict[int, list[str]] = {}

    @cached_property
    def lower_tokens(self) -> list[str]:
        """The lower-cased whitespace tokens, in order (’ read as ')."""
        low = self.text.lower()
        if "’" in low:
            low = low.replace("’", "'")
        return low.split()

    @cached_property
    def raw_types(self) -> frozenset[str]:
        """The distinct lower-cased whitespace tokens, punctuation and all."""
        return frozenset(self.lower_tokens)

    @cached_property
    def lower_types(self) -> frozenset[str]:
        """Lower-case whitespace tokens, stripped of edge punctuation."""
        return frozenset(t.strip(_EDGE_PUNCT) for t in self.raw_types)

    @cached_property
    def counts(self) -> Counter[str]:
        """Runs of letters with their original case, counted: ``Netanyahu's``
        counts as ``Netanyahu``."""
        return Counter(_LETTERS.findall(self.text))

    @cached_property
    def lower_counts(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for word, n in self.counts.items():
            out[word.lower()] += n
        return out

    @cached_property
    def camel_tokens(self) -> list[tuple[int, int]]:
        """Spans of the tokens with a lowercase letter followed by a capital
        (``votesClinton``, ``dNetanyahu``, ``iPhone``, ``McDonald``), sorted."""
        text = self.text
        spans: list[tuple[int, int]] = []
        last = -1
        for m in _CAMEL.finditer(text):
            pos = m.start() - 1  # the lowercase letter
            if pos < last:
                continue  # a second case change inside the same token
            start = pos
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’") and pos - start < 64:
                start -= 1
            while start < pos and not text[start].isalnum():
                start += 1
            token = _TOKEN_AT.match(text, start)
            if token is None:
                continue
            last = token.end()
            spans.append((start, last))
        return spans

    def count(self, word: str) -> int:
        """How often ``word`` (exact case) occurs as a whole word (``Netanyahu's``
        counts for ``Netanyahu``). Found with ``str.find`` and remembered:
        cheaper than counting every word of the article."""
        found = self._count.get(word)
        if found is None:
            found = self._count[word] = len(self.find(word))
        return found

    def count_lower(self, word: str) -> int:
        """How often ``word`` occurs in any case."""
        return self.lower_counts.get(word.lower(), 0)

    @cached_property
    def lower_text(self) -> str | None:
        """The lower-cased text, if lower-casing kept every offset (it does
        unless the text holds one of the few letters that grow, like İ)."""
        low = self.text.lower()
        return low if len(low) == len(self.text) else None

    def find(self, word: str, ignore_case: bool = False) -> list[tuple[int, int]]:
        """Spans of ``word`` as a whole word (not inside a longer word)."""
        key = (word, ignore_case)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._find(word, ignore_case)
        return found

    @cached_property
    def _runs(self) -> frozenset[str]:
        """Every run of word characters in the text."""
        return frozenset(_WORD_RUN.findall(self.text))

    @cached_property
    def _lower_runs(self) -> frozenset[str]:
        return frozenset(_WORD_RUN.findall(self.lower_text or self.text.lower()))

    def _find(self, word: str, ignore_case: bool) -> list[tuple[int, int]]:
        text = self.text
        hay = text
        if len(text) > _RUNS_FROM and _WORD_RUN.fullmatch(word):
            # A whole-word occurrence of a run of word characters is a run of
            # the text (`\w` is exactly alnum or '_', as tested below): on a
            # long text, a set lookup spares a scan for the many words it lacks.
            if ignore_case:
                if self.lower_text is not None and word.lower() not in self._lower_runs:
                    return []
            elif word not in self._runs:
                return []
        if ignore_case:
            low = self.lower_text
            if low is None:
                return [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text, re.I)]
            hay, word = low, word.lower()
        out: list[tuple[int, int]] = []
        n = len(word)
        pos = hay.find(word)
        while pos >= 0:
            end = pos + n
            if (pos == 0 or (not text[pos - 1].isalnum() and text[pos - 1] != "_")) and (
                end == len(text) or (not text[end].isalnum() and text[end] != "_")
            ):
                out.append((pos, end))
            pos = hay.find(word, pos + 1)
        return out

    def used_mid_sentence(self, word: str) -> bool:
        """Whether ``word`` (exact case) occurs after a lowercase word, a
        digit or a comma: a capital there marks a name, not a sentence start."""
        found = self._mid.get(word)
        if found is None:
            text = self.text
            found = any(
                start >= 2
                and text[start - 1] == " "
                and (text[start - 2] in ",;:" or text[start - 2].islower() or text[start - 2].isdigit())
                for start, _ in self.find(word)
            )
            self._mid[word] = found
        return found

    def has_bigram(self, first: str, second: str) -> bool:
        """Whether ``first second`` occurs as two adjacent words (any case)."""
        return bool(self.find(f"{first} {second}", ignore_case=True))


_ATTRIBUTE = "_lintnews_document_words"


def document_words(doc: Document) -> DocumentWords:
    """The shared ``DocumentWords`` of ``doc`` (computed on first use).

    Kept in the document's own ``__dict__``, as ``Document`` keeps its other
    cached views: it lives and dies with the document."""
    found: DocumentWords | None = doc.__dict__.get(_ATTRIBUTE)
    if found is None:
        found = doc.__dict__[_ATTRIBUTE] = DocumentWords(doc.masked)
    return found


# --------------------------------------------------------------------------
# Segmentation
# --------------------------------------------------------------------------


#: What vouches for a part of a segmentation.
WORD = "word"  # an English word of the frequency list (any case)
NAME = "name"  # a bundled or accepted name (exact case)
DOCUMENT = "document"  # the article uses it elsewhere as a whole word
GUESS = "guess"  # unknown, but capitalised right after a lowercase letter (`votesClinton`)


class Segmentation(NamedTuple):
    """A split of one token into words, with the evidence for it."""

    parts: tuple[str, ...]
    #: Zipf frequency of each part (for a name or a document word: its evidence score).
    scores: tuple[float, ...]
    #: What vouches for each part: WORD, NAME, DOCUMENT or GUESS.
    kinds: tuple[str, ...]
    #: Log10 frequency of the parts side by side if words were independent:
    #: the sum of their Zipf values minus 9 per extra part. A token that is
    #: a real compound is about as frequent as this or more; a fused pair of
    #: common words is a thousand times rarer.
    independent: float

    @property
    def text(self) -> str:
        return " ".join(self.parts)

    @property
    def in_document(self) -> tuple[bool, ...]:
        return tuple(k == DOCUMENT for k in self.kinds)


def _shape(part: str) -> str:
    """ "lower", "title" (Capitalised), "upper" (ALL CAPS), or "" for a mix."""
    if part.islower():
        return "lower"
    if part.isupper():
        return "upper"
    if part[0].isupper() and (len(part) == 1 or part[1:].islower()):
        return "title"
    return ""


_MAX_PART = 24
_MAX_TOKEN = 48
# Each part costs PART_COST - score: fewer, more frequent parts win.
_PART_COST = 10.0
# One- and two-letter parts cost extra: `No on took` must lose to `Noon took`.
_SHORT_PENALTY = 1.5
# Evidence scores (on the Zipf scale) for parts the frequency list lacks or underrates.
_DOC_TITLE_ZIPF = 5.0  # a capitalised word the article uses elsewhere
_DOC_ZIPF = 4.0  # a lowercase word the article uses elsewhere
_NAME_ZIPF = 3.0  # a bundled name
_ACCEPTED_ZIPF = 3.0
_GUESS_ZIPF = 2.5  # an unknown capitalised word at a case change
# An ALL-CAPS part the article does not use must be a common word (BBC, NATO).
_ACRONYM_ZIPF = 3.5


# --------------------------------------------------------------------------
# The lexicon
# --------------------------------------------------------------------------


class Lexicon:
    """Word knowledge for the word rules, with a user's vocabulary on top.

    Build one per ``Linter`` from ``Config.vocabulary`` with
    ``Lexicon.for_vocabulary``; without config, ``Lexicon.default()``.
    """

    def __init__(self, accept: Iterable[str] = (), reject: Iterable[str] = ()) -> None:
        self.accept: frozenset[str] = frozenset(accept)
        self.reject: frozenset[str] = frozenset(reject)
        self._accept_lower = frozenset(w.lower() for w in self.accept)
        self._reject_lower = frozenset(w.lower() for w in self.reject)

    _default: Lexicon | None = None
    _by_vocabulary: dict[Vocabulary, Lexicon] = {}  # noqa: RUF012 (a cache)

    @classmethod
    def default(cls) -> Lexicon:
        if cls._default is None:
            cls._default = cls()
        return cls._default

    @classmethod
    def for_vocabulary(cls, vocabulary: Vocabulary | None) -> Lexicon:
        """The lexicon for a config's vocabulary (shared between equal ones)."""
        if vocabulary is None or (not vocabulary.accept and not vocabulary.reject):
            return cls.default()
        found = cls._by_vocabulary.get(vocabulary)
        if found is None:
            found = cls._by_vocabulary[vocabulary] = cls(vocabulary.accept, vocabulary.reject)
        return found

    # -- data -------------------------------------------------------------

    @property
    def base(self) -> _Base:
        return _BASE or _load_base()

    def load(self) -> Lexicon:
        """Load the shared data now instead of on first use."""
        _load_base()
        return self

    # -- single words -----------------------------------------------------

    def zipf(self, word: str) -> float:
        """Zipf frequency of a word (log10 per billion words); 0 if unknown.

        Case-insensitive. An accepted word counts as moderately common, a
        rejected one as unknown.
        """
        low = word.lower()
        if low in self._reject_lower:
            return 0.0
        z = (_BASE or _load_base()).zipf(low)
        if not z and low in self._accept_lower:
            return _ACCEPTED_ZIPF
        return z

    def core_zipf(self, word: str) -> float:
        """Zipf frequency in pyspellchecker's list alone (0 if it lacks the word).

        That list is mostly lower-case words: a name is rare in it
        (``birmingham`` 1.7) where a word that is also a name is not
        (``spring`` 4.5), whatever the supplement says."""
        base = self.base
        count = base.counts.get(word.lower())
        return math.log10(count) + base.offset if count else 0.0

    def max_zipf(self, words: set[str]) -> float:
        """The highest Zipf frequency among lower-case ``words`` (0 if none is known).

        Set intersection in C: fast for the hundreds of strings one edit away."""
        base = self.base
        found = (words & base.counts.keys()) | (words & base.extra.keys()) | (words & base.weak.keys())
        found -= self._reject_lower
        if self._accept_lower:
            found |= words & self._accept_lower
        return max((self.zipf(w) for w in found), default=0.0)

    def is_word(self, word: str) -> bool:
        """Whether ``word`` (any case) is an English word or an accepted one."""
        low = word.lower()
        if low in self._reject_lower:
            return False
        base = self.base
        return low in base.counts or low in base.extra or low in base.weak or low in self._accept_lower

    def is_common_word(self, word: str) -> bool:
        """A word of the core lists: not one of the rare supplement words."""
        low = word.lower()
        base = self.base
        return low not in self._reject_lower and (
            low in base.counts or low in base.extra or low in self._accept_lower
        )

    def is_name(self, token: str) -> bool:
        """Whether ``token`` is a bundled or accepted name (case-sensitive)."""
        return token in self.base.names or token in self.accept

    def is_place(self, token: str) -> bool:
        """Whether ``token`` is a word of a place name (``Birmingham``, ``Islington``)."""
        return token in self.base.places

    def is_first_name(self, token: str) -> bool:
        """Whether ``token`` is a person's first name (``Michael``, ``Will``)."""
        return token in self.base.first_names

    def is_known(self, token: str) -> bool:
        """A word in any case, a name, or an accepted form."""
        return self.is_word(token) or self.is_name(token)

    def is_rejected(self, token: str) -> bool:
        return token in self.reject or token.lower() in self._reject_lower

    def is_accepted(self, token: str) -> bool:
        """Accepted by the user's vocabulary (exact form, or any case)."""
        return token in self.accept or token.lower() in self._accept_lower

    # -- documents --------------------------------------------------------

    def words(self, doc: Document) -> DocumentWords:
        return document_words(doc)

    def unknown_words(self, doc: Document, min_length: int = 1) -> list[str]:
        """Lower-case alphabetic words of ``doc`` that the core lexicon lacks
        (rare supplement words included: check ``is_word`` where they count).

        Found with set operations on whitespace tokens: a token that is a
        known word as it stands (the vast majority) costs one hash lookup.
        Tokens holding inner punctuation are split into their pieces; a
        trailing possessive is dropped. Computed once per document and
        lexicon; sorted, for stable output.
        """
        words = self.words(doc)
        found = words.unknown.get(id(self))
        if found is None:
            found = words.unknown[id(self)] = self._unknown(words)
        return [w for w in found if len(w) >= min_length]

    def _unknown(self, words: DocumentWords) -> list[str]:
        counts, extra = self.base.counts, self.base.extra
        accept = self._accept_lower
        rest = words.raw_types.difference(counts).difference(extra)
        stripped = {t.strip(_EDGE_PUNCT) for t in rest}.difference(counts).difference(extra)
        if accept:
            stripped.difference_update(accept)
        out: set[str] = set()
        for token in stripped:
            for piece in (token,) if token.isalpha() else _INNER.split(token):
                if not piece.isalpha():
                    piece = _POSSESSIVE.sub("", piece)
                    if not piece.isalpha():
                        continue
                if piece not in counts and piece not in extra and piece not in accept:
                    out.add(piece)
        if self._reject_lower:
            out.update(w for w in self._reject_lower if w in words.lower_types)
        return sorted(out)

    # -- segmentation -----------------------------------------------------

    def part_score(
        self, part: str, words: DocumentWords | None, camel: bool = False
    ) -> tuple[float, str] | None:
        """How good a word ``part`` is inside a fused token, or None if it is none.

        Returns (score, kind). One- and two-letter parts must be everyday
        words (``a``, ``of``, ``Mr``); longer ones a known word, a name
        (capitalised), or a word of the document. ``camel``: the part is
        capitalised and stands between case changes (``Clinton`` in
        ``votesClinton``), which makes an unknown name a fair guess.
        """
        shape = _shape(part)
        if not shape or self.is_rejected(part):
            return None
        n = len(part)
        if n <= 2:
            if shape == "lower" and part in SHORT_WORDS and part != "i":
                return self.zipf(part), WORD
            if part in SHORT_CAPITALISED:  # `Mr`, and `A` and `I` (which read as upper case)
                return self.zipf(part), WORD
            if shape == "upper" and n == 2 and words is not None and words.count(part) > 0:
                return _DOC_ZIPF, DOCUMENT
            return None
        z = self.zipf(part)
        if shape == "lower" and z == 0.0 and not self.is_accepted(part):
            return None  # an unknown lowercase word: not looked up in the article
        if words is not None and words.count(part) > 0:
            if shape == "lower":
                return max(z, _DOC_ZIPF), DOCUMENT
            return max(z, _DOC_TITLE_ZIPF), DOCUMENT
        if self.is_accepted(part):
            return max(z, _ACCEPTED_ZIPF), NAME
        if shape == "title" and self.is_name(part):
            return max(z, _NAME_ZIPF), NAME
        if shape == "upper" and z < _ACRONYM_ZIPF:
            return None  # a rare acronym: only the article can vouch for it
        if camel and shape == "title" and z < _GUESS_ZIPF:
            return _GUESS_ZIPF, GUESS
        if z > 0.0:
            return z, WORD
        return None

    def _scored(
        self, token: str, start: int, end: int, words: DocumentWords | None, min_score: float
    ) -> tuple[float, str] | None:
        part = token[start:end]
        n = len(token)
        camel = (start == 0 or token[start - 1].islower()) and (end == n or token[end].isupper())
        scored = self.part_score(part, words, camel and part[0].isupper())
        if scored is None or scored[0] < min_score:
            return None
        return scored

    def ends_in_word(self, token: str) -> bool:
        """Whether some proper suffix of ``token`` is a word a split could end
        with: a cheap test before ``segment`` (most unknown names fail it)."""
        low = token.lower()
        for i in range(1, len(low) - 1):
            if self.is_word(low[i:]):
                return True
        return low[-2:] in SHORT_WORDS or low[-1:] in ("a", "i")

    def segment(
        self, token: str, words: DocumentWords | None = None, *, min_score: float = 2.0
    ) -> Segmentation | None:
        """The most likely split of ``token`` into two or more words.

        A Viterbi search over split points (as wordninja and SymSpell do):
        each part costs ``10 - score`` (plus a penalty for one- and
        two-letter parts), so fewer and more frequent parts win. A part must
        be a word of one shape (lower case, Capitalised or ALL CAPS), so a
        case change inside a part is impossible and ``votesClinton`` can
        only split at the capital. Parts scoring below ``min_score`` are not
        words here. Returns None when no split into known parts exists.
        """
        n = len(token)
        if n < 2 or n > _MAX_TOKEN:
            return None
        # Two parts first: one pass over the split points finds most splits,
        # and with each part costing 10 a third part rarely wins.
        best2: tuple[float, int, tuple[float, str], tuple[float, str]] | None = None
        for i in range(1, n):
            tail = self._scored(token, i, n, words, min_score)
            if tail is None:
                continue
            head = self._scored(token, 0, i, words, min_score)
            if head is None:
                continue
            cost = 2 * _PART_COST - head[0] - tail[0]
            cost += _SHORT_PENALTY * ((i <= 2) + (n - i <= 2))
            if best2 is None or cost < best2[0]:
                best2 = (cost, i, head, tail)
        if best2 is not None:
            _, i, head, tail = best2
            return Segmentation(
                (token[:i], token[i:]), (head[0], tail[0]), (head[1], tail[1]), head[0] + tail[0] - 9.0
            )
        inf = math.inf
        best: list[float] = [inf] * (n + 1)
        back: list[int] = [0] * (n + 1)
        info: list[tuple[float, str]] = [(0.0, WORD)] * (n + 1)
        best[0] = 0.0
        cache: dict[tuple[int, int], tuple[float, str] | None] = {}
        for end in range(1, n + 1):
            for start in range(max(0, end - _MAX_PART), end):
                if best[start] == inf or (start == 0 and end == n):
                    continue  # unreachable, or the token itself
                key = (start, end)
                if key in cache:
                    scored = cache[key]
                else:
                    part = token[start:end]
                    camel = (start == 0 or token[start - 1].islower()) and (end == n or token[end].isupper())
                    scored = cache[key] = self.part_score(part, words, camel and part[0].isupper())
                if scored is None or scored[0] < min_score:
                    continue
                cost = best[start] + _PART_COST - scored[0] + (_SHORT_PENALTY if end - start <= 2 else 0.0)
                if cost < best[end]:
                    best[end] = cost
                    back[end] = start
                    info[end] = scored
        if best[n] == inf:
            return None
        parts: list[str] = []
        scores: list[float] = []
        kinds: list[str] = []
        end = n
        while end > 0:
            start = back[end]
            parts.append(token[start:end])
            scores.append(info[end][0])
            kinds.append(info[end][1])
            end = start
        parts.reverse()
        scores.reverse()
        kinds.reverse()
        independent = sum(scores) - 9.0 * (len(parts) - 1)
        return Segmentation(tuple(parts), tuple(scores), tuple(kinds), independent)
