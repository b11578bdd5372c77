"""Word rules (LN2xx): fused words, stray glued letters, lost apostrophes,
repeated words and likely misspellings, on a news-aware lexicon.

A news article is full of names no dictionary has. These rules ask the
``Lexicon`` (``lintnews/lexicon.py``) what is a word, and trust most of all
the article's own vocabulary: ``Netanyahu`` used six times in a story makes
``Netanyahuadmitted`` easy to split, and ``Blinken`` no misspelling.

Speed: ``Document.words`` builds one token object per word, which costs more
than all the character rules together. These rules share one cheaper view
instead, ``DocumentWords`` (cached per document by the lexicon): the
lower-cased whitespace tokens and their set. A known word costs one hash
lookup in C; only the rare unknown tokens reach Python code, and only they
are located in the text, with one pattern per document.

LN201-LN204 are mechanical (scraping damage), so they report inside
quotations too; LN205 is a judgement and leaves quotations alone.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from itertools import compress, islice, pairwise, repeat
from typing import TYPE_CHECKING, Any

from lintnews.builtin.sentences import quote_style
from lintnews.diagnostics import Applicability, Fix, Severity
from lintnews.document import Document
from lintnews.lexicon import DOCUMENT, FUNCTION_WORDS, GUESS, NAME, WORD, DocumentWords, Lexicon, Segmentation
from lintnews.rule import Context, Example, Rule

if TYPE_CHECKING:
    from lintnews.config import Config

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE
DISPLAY_ONLY = Applicability.DISPLAY_ONLY


class WordRule(Rule):
    """A rule that consults the lexicon.

    ``configure(config)`` gives it the lexicon of the config's vocabulary;
    without it the rule uses ``Lexicon.default()`` (no user vocabulary).
    """

    # The article's own vocabulary is the evidence; on a huge file the engine
    # hands these rules article-sized chunks, keeping word look-ups linear.
    article_local = True

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.lexicon: Lexicon = Lexicon.default()

    def configure(self, config: Config) -> None:
        self.lexicon = Lexicon.for_vocabulary(config.vocabulary)

    def use_lexicon(self, lexicon: Lexicon) -> WordRule:
        self.lexicon = lexicon
        return self


# Characters that, right before a token, make it part of an address, a
# handle, a hashtag or code: `@realDonaldTrump`, `#BlackLivesMatter`,
# `site.comThis`, `a.parentNode`.
_ADDRESS_BEFORE = frozenset("@#/\\_.&=+%$")
_ADDRESS_AFTER = frozenset("@_(=/\\")


def _in_address(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before in _ADDRESS_BEFORE:
        # A full stop before: an address only if it follows a word
        # character (`site.comThis`); `said.Netanyahuadmitted` is a fused
        # sentence with a fused word in it.
        if before != "." or (start > 1 and text[start - 2].isalnum()):
            return True
    if after in _ADDRESS_AFTER:
        return True
    if after == "." and end + 1 < len(text) and text[end + 1].isalnum():
        return True  # a dotted name: `parentNode.insertBefore`, `example.com`
    return False


def _possessive_end(text: str, end: int) -> bool:
    return text[end : end + 2] in ("'s", "’s")


# --------------------------------------------------------------------------
# LN201 fused-words
# --------------------------------------------------------------------------

# The shortest lowercase token considered: `tobe`, `ofus`, `ona`.
_MIN_FUSED = 3
# Longer than any run of words a lost space or two could make.
_MAX_FUSED = 64
# Lower-case parts below this Zipf frequency (about once per million words)
# are not trusted unless the article uses them.
_PART_ZIPF = 3.0
# Two lowercase content words run together that might be a compound nobody
# listed (`oilprices` or `lineout`?): only a suggestion, and only when the
# pair would be this frequent by chance (log10 per billion words).
_SUGGEST_INDEPENDENT = 0.5
#: Words before a name: `MrBlair`, `PresidentBush`.
TITLES: frozenset[str] = frozenset(
    """Mr Mrs Ms Dr Sir Lord Lady Dame President Minister Secretary Chancellor Prince
    Princess King Queen General Senator Governor Mayor Judge Justice Bishop Archbishop Pope
    Professor Captain Chief Prime Deputy Sheikh Ayatollah Emperor""".split()
)


#: Words that end a fused `Mr Name` + verb (`Mr Goodricksaid`); not `the`,
#: `can` or `her`, which end names (Blythe, Duncan, Usher).
NAME_VERBS: frozenset[str] = frozenset(
    """said says told added will would was were has had have and who also took made went came
    gave left lost when after before could should might did does""".split()
)
# The evidence score of a surname vouched for by the title before it.
_TITLED_NAME_SCORE = 3.0
_TITLE_BEFORE = re.compile(
    r"(?:^|[^\w])(?:Mr|Mrs|Ms|Dr|Messrs|Sir|Prof|Rev|Capt|Gen|Col|President|Senator|Governor|Mayor"
    r"|Judge|Bishop|Chancellor|Minister|Secretary|Professor|Captain|General|Sheikh)\.? $"
)


_SURE_NAME_VERBS = frozenset(
    """said says told added paid held took made went came gave lost kept found sold stood knew
    wrote spoke broke chose spent built began became""".split()
)
_PLURAL_NAME_VERBS = frozenset("said says told added have has had were was will would".split())
# A cheap first test (in C) of what `_titled_name` looks for.
_NAME_VERB_ENDINGS = (*sorted(NAME_VERBS | _SURE_NAME_VERBS | _PLURAL_NAME_VERBS), "ed", "ing", "ly")


#: Nouns for people that stand right before a name in news copy ("Turkish
#: premier Recep Erdogan"): a camel token after one is a first name and a surname.
ROLES: frozenset[str] = frozenset(
    """premier president minister chancellor director chairman chairwoman chief executive boss
    coach manager striker midfielder defender goalkeeper winger captain singer actor actress
    author writer novelist composer producer presenter spokesman spokeswoman secretary
    ambassador senator governor mayor leader economist professor lawyer judge commissioner
    candidate colleague wife husband son daughter brother sister father mother founder""".split()
)


def _role_before(text: str, start: int) -> bool:
    return _word_before(text, start).lower() in ROLES


_DATE_PREPOSITIONS = frozenset("in on by until since from".split())
_DATE_WORDS = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)


# Demonym endings and how to undo them: `Indian` India, `Japanese` Japan,
# `Chinese` China, `Mexican` Mexico, `Italian` Italy, `Iraqi` Iraq.
_DEMONYM_STEMS = ((1, ""), (3, ""), (3, "a"), (2, "o"), (3, "y"))
_DEMONYM_ENDINGS = ("an", "ese", "i")


def _demonym(lex: Lexicon, word: str) -> bool:
    """A nationality: a common capitalised word that is a country's name with
    a demonym ending (`Indian`, `Japanese`, `Iraqi`)."""
    if len(word) < 5 or not word.endswith(_DEMONYM_ENDINGS) or not word[1:].islower():
        return False
    if lex.zipf(word) < _NAME_WORD_ZIPF:
        return False
    return any(
        len(word) - cut >= 4
        and lex.is_place(word[:-cut] + add)
        and lex.zipf(word[:-cut] + add) >= _NAME_WORD_ZIPF
        for cut, add in _DEMONYM_STEMS
    )


def _word_after(text: str, end: int) -> str:
    """The word (letters or digits) right after ``end``, one space between (else "")."""
    if end + 1 >= len(text) or text[end] != " ":
        return ""
    i = end + 1
    while i < len(text) and text[i].isalnum():
        i += 1
    return text[end + 1 : i]


def _word_before(text: str, start: int) -> str:
    """The word right before ``start``, one space between (else "")."""
    if start < 2 or text[start - 1] != " ":
        return ""
    i = start - 1
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return text[i : start - 1]


def _given_name_before(lex: Lexicon, text: str, start: int) -> bool:
    """Whether a given name stands right before ``start`` (`Ben Borteyscored`):
    a surname comes next."""
    prev = _word_before(text, start)
    return len(prev) >= 3 and prev[0].isupper() and prev[1:].islower() and lex.is_first_name(prev)


def _titled_name(
    lex: Lexicon, token: str, text: str, start: int, words: DocumentWords
) -> Segmentation | None:
    """A name after a title or a given name, with a verb or adverb glued on:
    `Mr. Goodricksaid`, `Dr. Johnsonjustly`, `Ben Borteyscored`. A surname
    comes next, so it need not be known; the glued word must be one that
    follows a subject."""
    if start < 3 or not token.endswith(_NAME_VERB_ENDINGS):
        return None
    # After a given name only the surest glued words (`Ben Borteyscored`): surnames end
    # in -and, -had and -was (Egeland, Bershad).
    titled = _TITLE_BEFORE.search(text, max(0, start - 10), start) is not None
    sure = _SURE_NAME_VERBS
    if not titled and not _given_name_before(lex, text, start):
        if _word_before(text, start) != "The":
            return None
        sure = _PLURAL_NAME_VERBS  # `The Tykeshave`: a team or a band, then its verb
    n = len(token)
    for i in range(n - 3, 2, -1):  # the shortest glued word first: `Sclater` + `and`, not `rand`
        tail = token[i:]
        if (
            (tail in NAME_VERBS if titled else tail in sure)
            or (_verb_form(tail) and lex.zipf(tail) >= _PART_ZIPF)
            or (len(tail) >= 5 and tail.endswith("ly") and lex.zipf(tail) >= _PART_ZIPF - 0.5)
        ):
            head = token[:i]
            if (
                tail in NAME_ENDINGS
                or _is_function(head)
                or (lex.zipf(head) >= _NAME_WORD_ZIPF and not lex.is_name(head))
            ):
                return None  # `Mr Goodwill`? `Mr Fairsaid`? a word, not a surname
            z = lex.zipf(tail)
            return Segmentation(
                (head, tail), (_TITLED_NAME_SCORE, z), (GUESS, WORD), _TITLED_NAME_SCORE + z - 9.0
            )
    return None


def _typed_fusion(lex: Lexicon, token: str, seg: Segmentation) -> bool:
    """A rare word of the supplement that is a fusion people type: a function
    word in it, the other parts common, and no more frequent than the words
    side by side by chance (`eventhough`, not `Trumpcare`)."""
    if lex.is_common_word(token) or not any(_is_function(p) for p in seg.parts):
        return False
    return lex.zipf(token) <= seg.independent + _TYPED_FUSION_GAP


# How much more frequent than chance a rare word may be and still be a typed fusion.
_TYPED_FUSION_GAP = 0.5


def _camel_boundaries(parts: tuple[str, ...]) -> int:
    """How many part boundaries fall on a lower-to-upper case change."""
    return sum(1 for a, b in pairwise(parts) if a[-1].islower() and b[0].isupper())


_SMALL = FUNCTION_WORDS | {"a", "i"}


def _may_split(lex: Lexicon, token: str) -> bool:
    """A cheap test before the segmentation: can the token end in a part the
    rule would accept? Unknown names (most candidates) fail it quickly."""
    low = token.lower()
    n = len(low)
    if low[0] in "ai" and lex.zipf(low[1:]) >= _ARTICLE_FOLLOW_ZIPF:
        return True  # `alot`, `abit`, `Imet`
    if low[-1] == "a" and low[:-1] in BEFORE_ARTICLE:
        return True  # `witha`, `abouta`, not `shoulda`
    if n <= 4:
        return any(low[:i] in _SMALL and low[i:] in _SMALL for i in range(1, n))
    title = token[0].isupper()
    for i in range(1, n - 1):
        tail = low[i:]
        if tail in FUNCTION_WORDS or tail in _FOLLOW_SET or tail in PARTICLES:
            return True
        if len(tail) < 3:
            continue
        z = lex.zipf(tail)
        if title:
            if (
                z >= _FOLLOW_ZIPF
                or (z >= _PART_ZIPF and _verb_form(tail))
                or (z >= _LONG_FOLLOW_ZIPF and len(tail) >= 7)
            ):
                return True
        elif z >= _min_zipf(tail):
            return True
    return False


def _has_camel(token: str) -> bool:
    if token[1:].islower() or token.isupper():
        return False  # most tokens: no capital after the first letter, or no lower case
    return any(a.islower() and b.isupper() for a, b in pairwise(token))


def _is_function(part: str) -> bool:
    return part.lower() in FUNCTION_WORDS


def _stray_a(lex: Lexicon, token: str, words: DocumentWords) -> bool:
    """`atalks`, `athe`, `afound`: an `a` glued to a word that never follows
    `a` (a function word, a plural, or a verb in the past or in -ing)."""
    rest = token[1:]
    if not token.islower() or token[0] != "a" or len(rest) < 3:
        return False
    if rest in FUNCTION_WORDS or rest in IRREGULAR_PASTS:
        return True
    if _verb_form(rest) and lex.zipf(rest) >= _PART_ZIPF:
        return True
    return (
        rest.endswith("s")
        and not rest.endswith(("ss", "us", "is"))
        and (words.count(rest) > 0 or lex.zipf(rest) >= _PART_ZIPF)
    )


# Invisible characters that can sit inside a word (soft hyphen, zero-width
# space and joiners, word joiner, BOM). A token that touches one is half a
# word: LN105 removes the character, and the next pass sees the whole word.
_INVISIBLE_IN_WORDS = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


def _camel_name(lex: Lexicon, token: str, parts: tuple[str, ...], text: str, start: int, end: int) -> bool:
    """A capitalised camel token that is a name, whatever its parts: a common
    word and an acronym (`NumbersUSA`; but a name the article has, then an
    acronym, is two: `ComeyRT`, `MediaiteABC`), three or more capitalised
    words (a slogan, hashtag or site: `WalkWithHer`, `BeforeItsNews`; but
    not `TooFabDo you`, where the last starts a question), or a source
    credited after `via` (`via JewsNews`, but not `via TwitterDuring the`).
    A lost space makes none of these."""
    if not token[0].isupper():
        return False
    if len(parts) == 2:
        acronyms = [p for p in parts if len(p) >= 2 and p.isupper() and not _is_function(p)]
        others = [p for p in parts if not p.isupper()]
        if (
            acronyms
            and len(others) == 1
            and not _word_before(text, start)[:1].isupper()
            and lex.zipf(others[0].lower()) >= _NAME_WORD_ZIPF
        ):
            return True
    if len(parts) >= 3 and all(p[0].isupper() for p in parts):
        # but `TooFabDo you think`: the last part starts the next sentence
        return not (parts[-1].lower() in _QUESTION_STARTS and _word_after(text, end)[:1].islower())
    return _word_before(text, start).lower() == "via" and not any(_is_function(p) for p in parts)


#: Words that start a question (`TooFabDo you think`): the last part of a camel run begins a sentence.
_QUESTION_STARTS = frozenset(
    "do does did is are was were has have can could will would should may might".split()
)
#: Lowercase words that start brands (`theSkimm`, `myTaxi`); not `and`, `of` (`andJoice`).
_BRAND_STARTS = frozenset("the my our your".split())
#: Words before a noun: after one, a verb and a particle written solid is a noun (`the leadup`);
#: not `that` or `her`, which also come before a verb (`said that findout`, `help her findout`).
_NOUN_DETERMINERS = frozenset("the a an this these those his its their our your my every each".split())


def _particle_noun(parts: tuple[str, ...], text: str, start: int) -> bool:
    """A verb and a particle written solid after a determiner or a possessive:
    the noun (`the leadup`, `tonight's faceoff`), however rare, not the
    phrasal verb (`lead up`), whatever the article writes elsewhere."""
    if len(parts) != 2 or parts[1] not in PARTICLES or _fusion_first(parts[0]):
        return False
    if text[max(0, start - 3) : start] in ("'s ", "’s "):
        return True
    return _word_before(text, start).lower() in _NOUN_DETERMINERS


#: Words that never come straight after a determiner: prepositions, pronouns,
#: auxiliaries, conjunctions. `the onstart` cannot be `the on start`.
_NEVER_AFTER_DETERMINER = frozenset(
    "in on at of to by for from with into onto upon about after before "
    "he she it we they you him them us me "
    "is are was were has have had will would can could should do does did "
    "and but or if".split()
)


def _no_noun_after_determiner(parts: tuple[str, ...], text: str, start: int) -> bool:
    """A split that puts a preposition, pronoun, auxiliary or conjunction
    after a determiner (`the onstart` -> `the on start`) makes no English:
    the token is an odd word (a translator's `onstart` for `onset`), not two."""
    return parts[0] in _NEVER_AFTER_DETERMINER and _word_before(text, start).lower() in _NOUN_DETERMINERS


#: Suffixes that make a noun of an adjective (`inauthentic` + `ity`).
_NOUN_SUFFIXES = ("ity", "ness")


def _derived_word(lex: Lexicon, token: str) -> bool:
    """A known lowercase word with a noun suffix (`inauthenticity`): a word
    the list lacks, not a function word glued to another (`in authenticity`)."""
    if not token.islower():
        return False
    for suffix in _NOUN_SUFFIXES:
        stem = token[: -len(suffix)]
        if token.endswith(suffix) and len(stem) >= 6 and lex.is_common_word(stem):
            return True
    return False


def _next_to_invisible(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1] in _INVISIBLE_IN_WORDS) or (
        end < len(text) and text[end] in _INVISIBLE_IN_WORDS
    )


class FusedWords(WordRule):
    """## What it flags
    Two or more words run together because a space was lost:
    ``Netanyahuadmitted``, ``togetherwith``, ``votesClinton``,
    ``ceasefirein``, ``theBBC``, ``MrBlair``.

    The token must be unknown to the lexicon (English words, British
    spellings, compounds, bundled names, the user's accepted words), occur
    only once in the article, and split into known words by a Viterbi
    search over word frequencies plus the article's own vocabulary.
    Never split: real words and compounds (``carmaker``), names
    (``Newman``), brands (``YouTube``, ``PlayStation``, ``McDonald``),
    ALL-CAPS tokens, hashtags, handles, e-mail addresses, URLs, dotted code
    (``a.parentNode``), and a token used twice in the article (a name the
    lexicon does not know yet). Nor names that no lost space makes: a
    common word and an acronym (``VotersUSA``), three capitalised words
    (a slogan or hashtag: ``MarchWithUs``), a source after ``via``, a
    compound given name before a surname (``MaryAnn Clarke``), a brand
    ending in ``Mac``; nor words the list lacks: a verb and a particle
    after a determiner or a possessive (``Sunday's faceoff``), a known word
    with a noun suffix (``inauthenticity``), a prefix on a verb form
    (``Overplanning``), a split that would put a preposition, pronoun,
    auxiliary or conjunction straight after a determiner (``the onstart``
    is no ``the on start``). Two capitalised words run together
    (``GarageBand``) are split only with evidence: a function word
    (``TheDay``), a title or first name (``MrBlair``, ``MichaelJackson``),
    a part the article uses on its own, or the pair written apart
    elsewhere in the article.

    ## Why
    Scrapers drop the space where an HTML element ended (``votesClinton``),
    and OCR drops it everywhere (``ofthe``). A fused word breaks search,
    spelling checkers and text-to-speech.

    ## Example
    ``Netanyahu said on Monday. Netanyahuadmitted the talks failed.``
    becomes ``... Netanyahu admitted the talks failed.``

    ## Fix safety
    Safe when the split is clearly better than the token: it falls on a
    case change inside the word (``votesClinton``), one part is a name the
    article uses elsewhere (``Netanyahu``), one part is a function word
    (``the``, ``with``, ``in``) and the others common words, the article
    has the words side by side elsewhere, or the two words are so common
    that a compound of them would be in the lexicon (``firstday``).
    Otherwise, for two rarer content words that might be a compound nobody
    listed, the fix is a suggestion only (display-only), as for ``the`` glued
    to a capitalised word nothing else vouches for: a fusion, or a brand
    built on ``the`` (``theZapp``).
    """

    code = "LN201"
    name = "fused-words"
    summary = "Words run together"
    fixable = True
    default = True
    in_quotes = True
    examples = (
        Example(
            "Netanyahu met envoys. Netanyahuadmitted the talks had failed.",
            "Netanyahu met envoys. Netanyahu admitted the talks had failed.",
        ),
        Example("They worked togetherwith the police.", "They worked together with the police."),
        Example(
            "Trump net vote gain: 84 votesClinton has lost 293.",
            "Trump net vote gain: 84 votes Clinton has lost 293.",
        ),
        Example("The ceasefirein Gaza held.", "The ceasefire in Gaza held."),
        Example("It was reported by theBBC on Monday.", "It was reported by the BBC on Monday."),
        Example("Blair spoke. Later MrBlair left.", "Blair spoke. Later Mr Blair left."),
    )
    ok = (
        "Blinken met Kirby and Gestion officials in Türkiye.",
        "She watched YouTube on her PlayStation and ate at McDonald's.",
        "The carmaker hired a new frontman for its ringtones.",
        "The programme on labour rumours was broadcast.",
        "Contact news@example.com or see example.com/togetherwith today.",
        "Follow @realDonaldTrump and #BlackLivesMatter online.",
        "NETANYAHUADMITTED is a headline in capitals.",
        "Paul Newman and Sarah Goodwin met in Newcastle.",
        "Glasgowbased reporters wrote for the Glasgowbased paper.",
        "Apple's GarageBand and the BitTorrent client.",
        "Donors to VotersUSA and the lender SandyMac met MaryAnn Clarke before Sunday's faceoff.",
        "The rise was due to the onstart of winter.",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        lex = self.lexicon
        words = lex.words(doc)
        text = doc.masked
        spans: dict[int, tuple[int, int]] = {}  # start -> (end, occurrences)
        candidates = lex.unknown_words(doc, _MIN_FUSED)
        if candidates:
            for (start, end), n in _locate(words, candidates):
                spans[start] = (end, n)
        for start, end in words.camel_tokens:
            if start not in spans:
                spans[start] = (end, 0)
        for start in sorted(spans):
            end, n = spans[start]
            if end - start > _MAX_FUSED:
                continue  # a pasted hash or a hostile input; segmentation is superlinear in length
            if _next_to_invisible(text, start, end):
                continue
            token = text[start:end]
            if n == 0:  # a camel token: count its exact spelling
                token = _POSSESSIVE_S.sub("", token)
                end = start + len(token)
                n = words.count(token)
            if n > 1:
                continue
            found = self._split(token, text, start, end, words)
            if found is None:
                continue
            seg, applicability = found
            if token.islower() or (token[:1].isupper() and token[1:].islower()):
                # Never split a real word, however rare (`Trumpcare`, `Obamacare`),
                # but the rare list also keeps typed fusions of function words
                # no more frequent than chance (`eventhough`).
                if lex.is_word(token.lower()) and not _typed_fusion(lex, token, seg):
                    continue
            ctx.report(
                start,
                end,
                f"Words run together: '{token}' (did you mean '{seg.text}'?)",
                fix=Fix.replace(start, end, seg.text, f"Split into '{seg.text}'", applicability),
            )

    def _split(
        self, token: str, text: str, start: int, end: int, words: DocumentWords
    ) -> tuple[Segmentation, Applicability] | None:
        found = self._decide(token, text, start, end, words)
        # Last, as it is the dearest test: a likelier misspelling (`reseach`).
        if found is None or _typo(self.lexicon, token, found[0], words):
            return None
        return found

    def _decide(
        self, token: str, text: str, start: int, end: int, words: DocumentWords
    ) -> tuple[Segmentation, Applicability] | None:
        lex = self.lexicon
        if len(token) < 3 or token.isupper() or not token.isalpha() or _in_address(text, start, end):
            return None
        if lex.is_name(token) or lex.is_accepted(token) or token in LOWER_UPPER_WORDS:
            return None
        if not _has_camel(token) and lex.is_common_word(token):
            return None
        if token[0].islower() and token[1].isupper():
            return None  # a stray letter (`dNetanyahu`) or an i-brand: LN202
        if _stray_a(lex, token, words) or _stray_lower(lex, token, words):
            return None  # `atalks`, `xminister`: LN202
        if _inflects_known(lex, token):
            return None  # `PlayStations`, `inboxes`: a known word, inflected
        if token.endswith("ing") and len(token) > 7 and lex.is_word(token[:-3] + "er"):
            return None  # `carmaking`, `peacekeeping`: the activity of a listed compound (carmaker)
        if (
            token.islower()
            and token.endswith("in")
            and lex.is_word(token + "g")
            and not _is_function(token[:-2])
        ):
            return None  # `tryin`, `snitchin`: a dropped g, not `try in` (but `notin` is `not in`)
        if token[0].isupper() and token[1:].islower():
            titled = _titled_name(lex, token, text, start, words)
            if titled is not None:
                return titled, SAFE  # `Mr. Goodricksaid`, `Dr. Johnsonjustly`
        if not _has_camel(token) and not _may_split(lex, token):
            return None
        seg = lex.segment(token, words)
        if seg is None or not _plausible(seg) or len(set(map(str.lower, seg.parts))) == 1:
            return None  # no split, or `hehe`
        parts, kinds = seg.parts, seg.kinds
        function = any(_is_function(p) for p in parts)
        camel = _camel_boundaries(parts)
        bigram = len(parts) == 2 and words.has_bigram(*parts)
        if camel:
            if _camel_name(lex, token, parts, text, start, end):
                return None  # `NumbersUSA`, `WalkWithHer`, `via JewsNews`: a name, not a lost space
            if len(parts) == 2 and token[0].isupper() and _role_before(text, start):
                # `premier RecepErdogan`, `director VelimirZajec`: a person; but
                # `spokeswoman AshLee Strong` is one given name before the surname.
                if not any(_is_function(p) for p in parts) and not _title_follows(text, end):
                    return seg, SAFE
            if sum(k == GUESS for k in kinds) > 1:
                return None  # two unknown names
            if camel != len(parts) - 1:
                # `andinKent`, `FortheAlbertMedal`: the other boundaries need a function word.
                plain = [(a, b) for a, b in pairwise(parts) if not (a[-1].islower() and b[0].isupper())]
                if not all(_is_function(a) or _is_function(b) for a, b in plain):
                    return None
                if token[0].isupper() and not (_is_function(parts[0]) and len(parts[0]) >= 3):
                    return None
                return seg, SAFE
            if token[0].islower():
                # `votesClinton`, `theBBC`, `aviationPraful`: the case change is the evidence.
                if kinds[0] == GUESS or text.startswith(" = ", end):
                    return None  # an unknown first word, or code: `set buttonRadius = 40`
                if len(parts) == 2 and parts[0] in _BRAND_STARTS and kinds[1] == GUESS:
                    # `theSkimm`: a brand built on `the`? Nothing vouches for `Skimm`.
                    return seg, DISPLAY_ONLY
                return seg, SAFE
            return self._split_title_camel(token, seg, bigram, words, _title_follows(text, end))
        if GUESS in kinds:
            return None
        if token.islower() and _particle_noun(parts, text, start):
            return None  # `the leadup`, `tonight's faceoff`: a noun written solid, not `lead up`
        if token.islower() and _no_noun_after_determiner(parts, text, start):
            return None  # `the onstart`: `the on start` is no English
        if _derived_word(lex, token):
            return None  # `inauthenticity`: a known word (`inauthentic`) with a suffix, not `in authenticity`
        if bigram and not lex.is_word(token):
            return seg, SAFE
        if token[0].isupper():
            return self._split_capitalised(seg, words, _word_before(text, start), _word_after(text, end))
        if len(parts) == 2 and _ambiguous(lex, token, seg, words):
            return None  # `gameshow`: `game show` or `games how`?
        if parts[0] in PREFIXES and not _is_function(parts[1]):
            return None  # `uplights`, `superclubs`: compounds
        if len(token) <= 4 and not all(_is_function(p) or len(p) > 2 for p in parts):
            return None
        if function or parts[-1] in _FUSION_LAST or parts[-1] in IRREGULAR_PASTS:
            return seg, SAFE  # `togetherwith`, `ceasefirein`, `gaffersaid`, `yearsago`
        if lex.is_word(token):
            return None  # a rare word of the supplement (`carmaker`): no weaker evidence
        if _fusion_first(parts[0]) and not _plural_or_compound(lex, token, parts):
            return seg, SAFE  # `moreeffective`, `radicallyimproved`
        if _two_long_words(seg):
            return seg, SAFE  # `disclosepayments`, `labouraffairs`
        if len(parts) == 2 and seg.independent >= _SUGGEST_INDEPENDENT:
            return seg, DISPLAY_ONLY
        return None

    def _split_title_camel(
        self, token: str, seg: Segmentation, bigram: bool, words: DocumentWords, in_name: bool
    ) -> tuple[Segmentation, Applicability] | None:
        """`MichaelJackson` or `GarageBand`? Brands are written this way on
        purpose, so the split needs evidence: the two words side by side
        elsewhere, a known place or title (`NewYork`, `ForeignOffice`), a
        person (a title or a first name, then a surname), a function
        word (`TheDay`), or a longer name written with spaces around it
        (`MercuryMusic Prize`: ``in_name``)."""
        lex = self.lexicon
        parts, kinds = seg.parts, seg.kinds
        if bigram:
            return seg, SAFE
        if len(parts) == 2 and parts[1] in _SURNAME_PREFIXES:
            return None  # `IndyMac`: `Mac` starts a surname, never ends a name; a brand
        if len(parts) == 2 and in_name and parts[1] in _COMPOUND_NAME_ENDS and lex.is_first_name(parts[0]):
            return None  # `LeighAnn Chase`, `JoAnn Smith`: one given name, then the surname
        if lex.is_common_word(token) and not lex.is_name(token.capitalize()):
            # written as one word often enough to be known (`BitTorrent`); but the
            # list's `whitehouse` is the surname Whitehouse, not `WhiteHouse`
            return None
        if len(parts) == 2 and (_person(lex, seg, words) or (parts[1] in TITLES and kinds[0] != GUESS)):
            return seg, SAFE  # `MichaelJackson`, `PoorMr`
        if len(parts) == 2 and parts[0] in _GEO_MODIFIERS:
            return seg, SAFE  # `RiverLagan`, `MountKenya`: whatever the name, it is a place
        if GUESS in kinds:
            return None
        if any(_is_function(p) and len(p) >= 3 for p in parts):
            return seg, SAFE  # `TheDay`, but `MyDoom` is a virus
        if (
            len(parts) == 2
            and _demonym(lex, parts[0])
            and (kinds[1] != WORD or lex.zipf(parts[1]) < _RARE_NAME_ZIPF)
        ):
            return seg, SAFE  # `RussianNikolay`, `IraqiSalam`: a nationality before a name
        head = parts[-1] in ORG_HEADS and (parts[-1] not in _REGION_HEADS or parts[0] in ORG_MODIFIERS)
        if parts[0] in ORG_MODIFIERS and (head or len(parts[-1]) >= 4):
            return seg, SAFE  # `ForeignOffice`, `NorthAmerica`; not `AirAsia`, `WorldCom`
        if head:
            # A head says an organisation or a place, not whether its name is
            # written solid. After a name (`ManchesterUnited`, `HartLane`) it
            # is two words run together; after a common word it may be a
            # brand built of two (`KeyBank Center`, `SunTrust`, `BrandIndex`;
            # a SAFE `Key Bank` was read in the before-stop sample), and
            # `WhiteHouse` looks the same.
            first = parts[0]
            named = lex.is_name(first) or lex.is_place(first)
            return seg, SAFE if named and lex.core_zipf(first) < _BRAND_WORD_ZIPF else UNSAFE
        if (
            in_name
            and len(parts) == 2
            and all(lex.zipf(p) >= _NAME_RUN_ZIPF for p in parts)
            and any(lex.is_name(p) and lex.core_zipf(p) < _NAME_LIKE_ZIPF for p in parts)
        ):
            # `LasVegas Strip`, `BirminghamGrand Prix`: a name inside a longer
            # name that has its spaces; not `StreamCast Networks` or
            # `ClearView Economics`, brands of two common words.
            return seg, SAFE
        return None

    def _split_capitalised(
        self, seg: Segmentation, words: DocumentWords, before: str, after: str
    ) -> tuple[Segmentation, Applicability] | None:
        """A capitalised token: most unknown ones are names (`Lightbody`,
        `Alain`, `Linkin`), so the split needs a first part that is a
        function word (`Ithas`), a known word before a function word of
        three letters or more (`Officefor`, `Elvishis`), or a name the
        article uses mid-sentence before a common word (`Toryleader`), or
        before a two-letter one (`Crosbyas`): names end in -in, -is, -on."""
        lex = self.lexicon
        parts, kinds = seg.parts, seg.kinds
        if len(parts[-1]) == 1:
            return None  # `Myskina` is no `My skin a`
        if len(parts) > 2:
            # `Sheisof`, `TheGodofoursalvation`: a function word first, and
            # _plausible has checked that every boundary has one.
            if not (_is_function(parts[0]) and len(parts[0]) >= 2):
                return None
            ok = all(
                _is_function(p) or (len(p) >= 4 and (lex.zipf(p) >= _FOLLOW_ZIPF or k == DOCUMENT))
                for p, k in zip(parts, kinds, strict=True)
            )
            return (seg, SAFE) if ok else None
        first, follow = parts
        if follow.endswith("ing") and after[:1].isupper() and after[1:].islower() and not _is_function(first):
            return None  # `Missiongathering Christian Church`: a name of its own, inside a longer name
        if first in ("A", "I"):
            # `Anumber`, `Iwish`, `Icontinually`, `Imet`: the article or the
            # pronoun before a common word.
            if len(follow) >= 4 and _common_follow(lex, follow):
                return seg, SAFE
            return (seg, SAFE) if first == "I" and len(follow) == 3 and follow in NAME_FOLLOWERS else None
        if first[1:].islower() and first.lower() in PREFIXES and _verb_form(follow):
            return None  # `Overprogramming`, `Underfunded`: a prefix on a verb form makes one word
        if _is_function(first):
            if follow in NAME_ENDINGS and before[1:].islower() and lex.is_first_name(before):
                return None  # `Tom Wasford`: after a given name, a surname, not `Was ford`
            if len(first) <= 2:  # `Ithas`, `Onyou`, but `Anfield` is no `An field`, `Bethan` no `Be than`
                ok = (
                    follow in AUXILIARIES
                    or (
                        first.lower() in _SHORT_PREPOSITIONS and len(follow) >= 3 and follow in _PHRASE_STARTS
                    )
                    or (  # `Healso`, `Heenjoyed`: a subject pronoun, then its verb
                        first.lower() in _SUBJECT_PRONOUNS
                        and (
                            follow in STRONG_FOLLOWERS
                            or (_verb_form(follow) and lex.zipf(follow) >= _PART_ZIPF)
                        )
                    )
                )
                return (seg, SAFE) if ok else None
            if follow in _NAME_TAIL_FUNCTIONS:
                return None  # `Hashim`, `Hisham`, `Canan`, `Hasan`: names
            if _is_function(follow) or _common_follow(
                lex, follow, _SHORT_FOLLOW_ZIPF if len(follow) <= 3 else None
            ):
                return seg, SAFE  # `Forthe`, `Themen`, `Hiscolourful`; not `Hasaka`
            return None
        if len(first) <= 2:
            return None
        known = kinds[0] in (NAME, DOCUMENT) or lex.zipf(first) >= _NAME_WORD_ZIPF
        if len(first) >= 4 and known and follow in FUNCTION_FOLLOWERS:
            return seg, SAFE  # `Officefor`, `Elvishis`
        if len(first) >= 4 and kinds[0] in (NAME, DOCUMENT, WORD):
            if follow in _DATE_PREPOSITIONS and (
                after in _DATE_WORDS or (after.isdigit() and len(after) == 4)
            ):
                return seg, SAFE  # `Lansdowne Roadin March`: a date follows the preposition
            if follow in ROLES and lex.is_first_name(after):
                return seg, SAFE  # `Toryleader Michael Howard`: a role, then the person
            if (
                before[:1].isupper()
                and first in ORG_HEADS
                and len(follow) >= 4
                and follow not in NAME_ENDINGS
                and lex.zipf(follow) >= _NAME_WORD_ZIPF
            ):
                return seg, SAFE  # `Downing Streetgrid`: the last word of a spaced name, then a word
        if _demonym(lex, first) and len(follow) >= 4 and lex.zipf(follow) >= _NAME_WORD_ZIPF:
            return seg, SAFE  # `Indiandrugmaker`, `Japaneseshoppers`: a nationality before a noun
        if follow in SHORT_FOLLOWERS and len(first) >= 4:
            z = lex.zipf(first)
            if follow == "of":
                # `Worksof`, `Cellarof`, `Chamberof`: a word, whatever surnames it also is (none ends in -of)
                ok = z >= _NAME_WORD_ZIPF
            elif follow in _RARE_NAME_TAILS:
                ok = z >= _VERY_COMMON_ZIPF or (
                    len(first) >= 5 and z >= _NAME_WORD_ZIPF and not lex.is_name(first)
                )
            else:
                # `Departmenton`: a common word, not `Alain` (nor `Goldin`)
                ok = len(first) >= 5 and z >= _FOLLOW_ZIPF and not lex.is_name(first)
            if ok:
                return seg, SAFE
        if len(first) < 4 or follow in NAME_ENDINGS:
            return None
        # A name the article uses mid-sentence, or after the same word as here
        # (`Downing Streetgrid` in a story that says `Downing Street`).
        named = _name_in(lex, first, words) or (
            before[:1].isupper() and bool(words.find(f"{before} {first}"))
        )
        common = len(follow) >= 3 and _common_follow(lex, follow)
        if common and len(follow) < 5 and lex.is_name(follow.title()):
            common = False  # `Johnbull`: a short word that is also a surname
        if named and (follow in NAME_FOLLOWERS or _verb_form(follow) or common):
            return seg, SAFE  # `Netanyahuadmitted`, `Crosbyas`, `Kraftsenior`
        if known and (follow in STRONG_FOLLOWERS or _verb_form(follow)):
            return seg, SAFE  # `Howardaccused`, `Wilsontold`, `Noontook`
        return None


#: Function words that end names after another function word (`Hashim`, `Canan`, `Mayan`).
_NAME_TAIL_FUNCTIONS = frozenset("him her our its an am as is in on at it".split())
#: Words an `a` often loses its space after (`witha`, `isa`); not the modals
#: of `shoulda` and `coulda`.
BEFORE_ARTICLE: frozenset[str] = frozenset(
    """with about for from into onto upon of to at by in on as than after before over under through
    without within against among during like is was are were has had have be been such what quite
    half and or but when where only also even just""".split()
)
# Two-letter prepositions and conjunctions before a pronoun or determiner (`Onyou`, `Ifthey`).
_SHORT_PREPOSITIONS = frozenset("in on at of to by if as so or".split())
_SUBJECT_PRONOUNS = frozenset("he we it".split())
#: Last words that end phrases, never compounds: verbs of saying and adverbs
#: (`gaffersaid`, `yearsago`, `peopleoften`).
_FUSION_LAST = frozenset(
    """said says told added ago often always never already again two three four five six seven
    eight nine ten twelve twenty hundred thousand million billion""".split()
)
_PHRASE_STARTS = frozenset("the you they them this that these those there which what whom your their".split())
# A word after a glued `a` or `I` must be this common to try a split (`alot`, `Imet`).
_ARTICLE_FOLLOW_ZIPF = 4.5
# A common word after a name the article uses (`Toryleader`).
_FOLLOW_ZIPF = 4.0
# A long word (seven letters or more) after a name need only be this common
# (`Defraspokesman`, `Hiscolourful`): names rarely end in long words.
_LONG_FOLLOW_ZIPF = 3.0
# A word this common is a word first, whatever surnames it also is (`Works`),
# before a two-letter word that rarely ends a name (unlike -in, -on, -is, -as).
_VERY_COMMON_ZIPF = 4.5
_RARE_NAME_TAILS = frozenset({"of", "at", "to"})


def _common_follow(lex: Lexicon, follow: str, need: float | None = None) -> bool:
    """Whether ``follow`` is common enough to end a fused name-and-word
    (``need`` overrides the threshold for a word under seven letters)."""
    z = lex.zipf(follow)
    return z >= (need or _FOLLOW_ZIPF) or (len(follow) >= 7 and z >= _LONG_FOLLOW_ZIPF)


# A three-letter word after a function word must be this common (`Themen`, not `Hasaka`).
_SHORT_FOLLOW_ZIPF = 4.5


#: Auxiliaries after a two-letter pronoun: `Ithas`, `Hewas`.
AUXILIARIES: frozenset[str] = frozenset(
    "has had have was were is are will would can could did does may might must should said says not".split()
)
#: Two-letter words after a word or name (`Departmenton`); names end in them
#: too (`Alain`, `Solaris`), so the first part must be a known common word.
SHORT_FOLLOWERS: frozenset[str] = frozenset("in on of at as is to by".split())
#: Function words that end a fused name-and-word (`Officefor`, `Elvishis`) but
#: rarely a name (unlike -can, -our, -her, -him, -not: Duncan, Turnour, Fisher).
FUNCTION_FOLLOWERS: frozenset[str] = frozenset(
    """the and for from with was has had have that this which who were are his its their will
    would but when where there they she said must might could should""".split()
)
#: Endings of names that are also words (`Tateson`, `Lightbody`): never split off a name.
NAME_ENDINGS: frozenset[str] = frozenset(
    """son sons man men ley ton ford field fields wood woods well wells land lands more worth ham
    stone ridge bridge berg burg stein dale hall house way gate mouth wick low body by don win
    good wright smith ward wards mond stead shaw borough ville more lake grove croft brook
    brooks hill hills green""".split()
)


# Both words of a camel token inside a longer name must be this common (not
# `WarioWare`), and one a name this rare in the dictionary's own counts
# (`Birmingham`, `Las`; not `Clear`, `Turbo` or `Spring`).
_NAME_RUN_ZIPF = 3.5
_NAME_LIKE_ZIPF = 2.0
# A first part this common as a plain word (`Key` 4.8, `Sun` 4.8, `Brand` 4.2,
# `White` 5.1) may build a brand with an organisation's head (`KeyBank`); the
# names of places and people sit below it (`Manchester` 2.1, `Hart` 2.3,
# `Evans` 3.0).
_BRAND_WORD_ZIPF = 3.5


def _title_follows(text: str, end: int) -> bool:
    """Whether a capitalised word follows the token after one space, with no
    punctuation between: the token is part of a longer name (`... Prize`)."""
    if end + 2 >= len(text) or text[end] != " " or not text[end + 1].isupper():
        return False
    nxt = end + 1
    while nxt < len(text) and text[nxt].isalpha():
        nxt += 1
    word = text[end + 1 : nxt]
    return len(word) >= 2 and word[1:].islower()


def _name_in(lex: Lexicon, part: str, words: DocumentWords) -> bool:
    """A capitalised part the article uses as a name: mid-sentence (not
    just a word that starts sentences)."""
    return part[:1].isupper() and words.count(part) > 0 and words.used_mid_sentence(part)


def _person(lex: Lexicon, seg: Segmentation, words: DocumentWords) -> bool:
    """`MrBlair`, `MichaelJackson`, `HigginsJames`, `SilvioBerlusconi`: a
    title or a first name, then a surname (a name, an unknown word, or a
    rare one); or a name-like first part (unknown, or rare as a word) before
    a name or a word the article uses, when the two together carry enough
    evidence (`SalterBaxter`, `WarioWare` and `PanaVox` do not)."""
    parts, kinds = seg.parts, seg.kinds
    first, second = parts
    if first in TITLES:
        return True
    if len(first) < 4:
        # `RobAndrew`, `BenAffleck`: a short given name before a name that is no common word
        return (
            len(first) == 3
            and first not in _NAME_PARTICLES
            and lex.is_first_name(first)
            and lex.is_name(second)
            and lex.zipf(second) < _VERY_COMMON_ZIPF
        )
    if lex.is_first_name(first):
        return lex.is_name(second) or kinds[1] in (GUESS, DOCUMENT) or lex.zipf(second) < _RARE_NAME_ZIPF
    if seg.independent < _PERSON_EVIDENCE:
        return False
    if kinds[0] == GUESS:
        return lex.is_name(second) or kinds[1] in (GUESS, DOCUMENT) or lex.zipf(second) < _RARE_NAME_ZIPF
    if lex.zipf(first) >= _RARE_NAME_ZIPF:
        return False  # `PowerPage`: a brand of two words
    # `DuranDonald`, `JohannSebastian`, `SilvioBerlusconi` (a surname the article uses alone)
    return (
        lex.is_name(second)
        or lex.is_first_name(second)
        or (lex.zipf(second) < _RARE_NAME_ZIPF and _name_in(lex, second, words))
    )


#: Short first parts of surnames that are also given names (`MacDonald`, `VanDyke`).
_NAME_PARTICLES = frozenset("Mac Van Von Del Don Dos Das Abu Bin Ibn".split())
#: Given names that end compound given names written as one (`LeighAnn`, `JoAnn`, `RoseMarie`).
_COMPOUND_NAME_ENDS = frozenset("Ann Anne Marie Lynn Lynne Beth Mae".split())
#: Parts that start a surname (`MacDonald`, `McCain`), so never end a camel name (`IndyMac`).
_SURNAME_PREFIXES = _NAME_PARTICLES | {"Mc"}
# A camel token of two name-like parts needs this much evidence (the log10
# frequency of the parts side by side, as `Segmentation.independent`).
_PERSON_EVIDENCE = -2.0
# A capitalised word rarer than this as a lowercase word reads as a name.
_RARE_NAME_ZIPF = 3.8
#: First words of organisations, places and titles (`ForeignOffice`, `NorthAmerica`).
ORG_MODIFIERS: frozenset[str] = frozenset(
    """Foreign Home National International Royal Federal European British American World
    Supreme Central Northern Southern Eastern Western North South East West New Upper Lower
    Great Greater Trade Exchange Commerce Justice Defence Defense Interior Treasury Labour
    Conservative Liberal Democratic Republican Social Socialist Green United Prime General
    Chief Deputy Shadow Security Health Education Environment Energy Finance Transport Culture
    Olympic Premier Champions Football Rugby Cricket Latin Middle Far Holy Saint St River Lake
    Mount Port Fort""".split()
)
#: Words before the name of a river, a lake or a mountain.
_GEO_MODIFIERS = frozenset("River Lake Mount Port Fort".split())
#: Last words of organisations, places and titles (`PensionsPolicy`, `HartLane`).
ORG_HEADS: frozenset[str] = frozenset(
    """Office Department Ministry Commission Committee Council Institute Agency Authority Bank
    Association Union Party Court Secretary Minister Policy Service Services Board Trust
    Foundation Federation Society College University School Museum Gallery Theatre Festival
    Awards Prize Cup League Championship Championships Games Street Road Lane Square Park
    House Hall Bridge Island Islands River Sea Ocean Mountains America Africa Asia Europe
    Kingdom States Republic Ireland City County Times News Post Journal Review Statistics
    Economic Economics Forum Summit Treaty Act Bill Report Survey Index Management Affairs
    Assembly Parliament Congress Senate Government Administration Army Navy Force Forces
    Police Centre Center Hospital Airport Station Stadium Atlantic Pacific Coast Valley
    Exchange Palace Castle Cathedral Abbey Tower Corporation Securities Holdings United Rovers
    Athletic Wanderers Albion""".split()
)

#: Heads that brands borrow (`AirAsia`, `VirginAtlantic`): only after a modifier (`SouthAfrica`).
_REGION_HEADS = frozenset("America Africa Asia Europe Atlantic Pacific".split())

# A capitalised first part that is a plain word must be this common.
_NAME_WORD_ZIPF = 3.5
#: Words that plainly follow a subject: `Wilsonsaid`, `Borteyscored`.
STRONG_FOLLOWERS: frozenset[str] = frozenset(
    """said says told has had have was were and who will would added also took made went came
    gave left lost beat became began held sent""".split()
)
#: Quantifiers, numbers and ordinals: they precede a word, never start a compound.
QUANTIFIERS: frozenset[str] = frozenset(
    """more most less least few fewer many much several first second third fourth fifth last
    next one two three four five six seven eight nine ten twelve twenty hundred thousand million
    billion half own same both ever never always often""".split()
)


#: Irregular past tenses: a verb that has happened starts a phrase, not a
#: compound (`heldwater`); compounds such as `leftover` are listed words.
IRREGULAR_PASTS: frozenset[str] = frozenset(
    """held took made went came gave lost kept told said found brought thought sold paid met
    sat stood knew grew threw drew wrote spoke broke chose rose fell felt sent spent built began
    became won ran saw""".split()
)
#: Reflexive pronouns (`himselfone`).
REFLEXIVES: frozenset[str] = frozenset("myself yourself himself herself itself ourselves themselves".split())

_ADJECTIVE_ENDINGS = ("ary", "ous", "ive", "ent", "ant", "able", "ible", "ful", "less", "ical", "ish")


def _fusion_first(part: str) -> bool:
    """A first part that starts phrases, not compounds: a quantifier, an
    adverb in -ly, a verb form in -ed/-ing, or a plural (`questionsmarks`)."""
    low = part.lower()
    if low in QUANTIFIERS or low in IRREGULAR_PASTS or low in REFLEXIVES:
        return True  # `heldwater`, `satclosely`, `himselfone`
    if (len(low) >= 5 and low.endswith(("ed", "ing"))) or (len(low) >= 4 and low.endswith("ly")):
        return True
    if len(low) >= 6 and low.endswith(_ADJECTIVE_ENDINGS):
        return True  # `temporarychief`, `eloquentgreen`: adjectives rarely start compounds
    return len(low) >= 4 and low.endswith("s") and not low.endswith(("ss", "us", "is", "ics"))


#: Endings that make a word of a known word (`PlayStations`, `cinematographically`).
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "ly", "ally", "ness")
# Derivations need a longer stem: `wasonly` is no `wason` + `ly`.
_DERIVATIONS = frozenset({"ly", "ally", "ness"})


def _two_long_words(seg: Segmentation) -> bool:
    """Two long common words: a closed compound of such words is rarely
    missing from a word list of 200,000 entries (`disclosepayments`), unlike
    short ones (`lineout`, `passcard`, `messageboard`)."""
    if len(seg.parts) != 2:
        return False
    (first, second), (a, b) = seg.parts, seg.scores
    return (
        len(first) >= _LONG_FIRST
        and len(second) >= _LONG_SECOND
        and min(a, b) >= _NAME_WORD_ZIPF
        and first not in PREFIXES
        and second not in PARTICLES
    )


# The lengths of two words that rarely make an unlisted closed compound.
_LONG_FIRST = 5
_LONG_SECOND = 6


def _plural_or_compound(lex: Lexicon, token: str, parts: tuple[str, ...]) -> bool:
    """`rockscape`: `rocks cape`, or the compound `rock` + `scape`? A plural
    first part is no evidence when the `s` may start the next word (unless
    that word is a particle, as in `endsup`)."""
    first = parts[0]
    if not first.endswith("s") or first.lower() in QUANTIFIERS or parts[1] in PARTICLES:
        return False
    low = token.lower()
    return (
        len(first) >= 4
        and lex.is_common_word(low[: len(first) - 1])
        and lex.is_common_word(low[len(first) - 1 :])
    )


def _inflects_known(lex: Lexicon, token: str) -> bool:
    """Whether ``token`` is a known word or name plus an inflection (`PlayStations`, `inboxes`)."""
    for ending in _INFLECTIONS:
        shortest = 6 if ending in _DERIVATIONS else 4
        if token.endswith(ending) and len(token) - len(ending) >= shortest:
            stem = token[: -len(ending)]
            for candidate in (stem, stem + "e") if ending in ("ed", "ing") else (stem,):
                if lex.is_name(candidate) or (candidate[1:].islower() and lex.is_word(candidate)):
                    return True
    return False


def _ambiguous(lex: Lexicon, token: str, seg: Segmentation, words: DocumentWords) -> bool:
    """Whether another two-word split is nearly as good (`game show` / `games how`)."""
    best = seg.scores[0] + seg.scores[1]
    for i in range(3, len(token) - 2):
        if i == len(seg.parts[0]):
            continue
        a = lex.part_score(token[:i], words)
        b = lex.part_score(token[i:], words)
        if a is not None and b is not None and a[0] + b[0] >= best - _AMBIGUITY:
            alt = Segmentation((token[:i], token[i:]), (a[0], b[0]), (a[1], b[1]), a[0] + b[0] - 9.0)
            if _plausible(alt):
                return True
    return False


_AMBIGUITY = 1.0


#: Words that follow a name in a sentence (`Fenerbahcein`, `Noontook`).
NAME_FOLLOWERS: frozenset[str] = frozenset(
    """in on at of to is and for with from was has had have said says told will would who
    but the when after before could can should may might also did does added took made went
    came gave got left won lost beat saw met became began held led ran set put sent""".split()
)
#: First parts that make compounds with the word after them (`uplights`, `superteam`).
PREFIXES: frozenset[str] = frozenset(
    """up down out over under off back super counter anti mini micro multi non pre sub inter
    mega cyber hyper tele mid self semi ultra post co ex re un dis photo video auto bio eco euro
    geo hydro nano neuro petro psycho techno thermo agri aero trans pseudo proto quasi""".split()
)
#: Last parts that are derivational endings (`kickable`, `winless`, `put ing`).
SUFFIXES: frozenset[str] = frozenset(
    """ing ings er ers ed ion ions ons ment ments ness ity ism ist ists ise ize ised ized ises
    izes ising izing ship ships able ably ible less ful fully ous ive ives al als ally ic ics
    ian ians ish ee ees eer eers ette ettes ling lings let lets hood ward wards wise dom age
    ance ence ant ants ent ents ery ory ure ure est""".split()
)


def _verb_form(word: str) -> bool:
    """A past tense or -ing form (`accused`, `announcing`): what follows a subject."""
    return word.islower() and len(word) >= 5 and word.endswith(("ed", "ing"))


def _min_zipf(part: str) -> float:
    """How common a lowercase part must be: short ones very common."""
    n = len(part)
    return 4.0 if n <= 3 else 3.5 if n == 4 else _PART_ZIPF if n < 7 else _LONG_PART_ZIPF


# A long part (seven letters or more) is rarely a chance word: any known one will do.
_LONG_PART_ZIPF = 2.0


def _function_then_word(seg: Segmentation) -> bool:
    """`beable`, `hisage`: a function word, then an ending that is also a
    common word on its own; not `put ing` or `kick able`."""
    parts = seg.parts
    return (
        len(parts) == 2
        and len(parts[0]) >= 2
        and _is_function(parts[0])
        and seg.kinds[1] == WORD
        and seg.scores[1] >= _SUFFIX_WORD_ZIPF
    )


# An ending must be this common to count as a word after a function word (`able`, `age`).
_SUFFIX_WORD_ZIPF = 4.5
#: Adverb particles that end phrasal verbs (`endsup`); compounds with them are listed words.
PARTICLES: frozenset[str] = frozenset("up out off down".split())


def _plausible(seg: Segmentation) -> bool:
    """Every part a believable word here: common enough for its length, no
    derivational ending split off (`put ing`), at most three parts."""
    parts = seg.parts
    if parts[-1].lower() in SUFFIXES and not _function_then_word(seg):
        return False
    if parts[-1] == "a" and parts[-2].lower() not in BEFORE_ARTICLE:
        return False  # `shoulda`, `kinda`: slang, not `should a`
    if len(parts) > 2 and not all(_is_function(a) or _is_function(b) for a, b in pairwise(parts)):
        return False  # `werenoneofthe` yes, `capital is at ions` no
    if len(parts) > 5:
        return False
    for part, score, kind in zip(parts, seg.scores, seg.kinds, strict=True):
        if kind != WORD or len(part) <= 2 or not part.islower() or _is_function(part):
            continue
        if score < _min_zipf(part):
            return False
    return True


# A typo is as likely as a lost space when the word it misspells is this much
# (log10) more common than the parts side by side.
_TYPO_GAP = 2.0
# Short tokens are one edit from many words (`ona`: `on`, `one`, `an`).
_DOC_TYPO_LENGTH = 6


def _typo(lex: Lexicon, token: str, seg: Segmentation, words: DocumentWords) -> bool:
    """Whether ``token`` reads better as a misspelling (`reseach`, `spokeman`),
    or of a word the article uses (`DaimerChrysler` beside `DaimlerChrysler`)."""
    low = token.lower()
    near = _edits1(low)
    near.discard(low)
    if len(low) >= _DOC_TYPO_LENGTH and not near.isdisjoint(words.lower_types):
        return True
    if _camel_boundaries(seg.parts) == len(seg.parts) - 1:
        return False  # a case change at every boundary (`aviationPraful`): no one-letter slip makes that
    best = lex.max_zipf(near)
    # No word one edit away at all is no typo, however rare the parts.
    return best > 0.0 and best >= seg.independent + _TYPO_GAP


_POSSESSIVE_S = re.compile(r"['’]s?$")
_WORD_PREFIXES = frozenset("de re un in im ex co bi".split())
# A rare known word still reads as a stray letter plus a word this much (log10) commoner.
_WEAK_GAP = 2.0


def _stray_lower(lex: Lexicon, token: str, words: DocumentWords) -> bool:
    """`xminister`: one letter glued to a lowercase word (not `a`: LN201's),
    when no other one-edit reading is likelier (`thay` is a typo of `they`)."""
    if not token.islower() or len(token) < 4 or token[0] == "a" or lex.is_common_word(token):
        return False
    if _inflects_known(lex, token):
        return False  # `prising` is prise + -ing, not p-rising
    if token[:2] in _WORD_PREFIXES and lex.is_word(token[2:]):
        return False  # `demerged` is de-merged, not d-emerged
    if token[:3] in FUNCTION_WORDS and lex.zipf(token[3:]) >= _FOLLOW_ZIPF:
        return False  # `wasset` is `was set` (LN201's), not w-asset
    rest = token[1:]
    need = 5.0 if len(rest) == 3 else 4.5 if len(rest) == 4 else 3.5 if len(rest) < 8 else 2.5
    z = lex.zipf(rest)
    if not (rest in FUNCTION_WORDS or z >= need or (len(rest) >= 5 and words.count(rest) > 0)):
        return False
    if lex.zipf(token) > z - _WEAK_GAP:
        return False  # a rare word of its own (`cmake`?) unless far rarer than the rest
    return lex.max_zipf(_edits1(token) - {rest, token}) <= z


def _locate(words: DocumentWords, lowered: list[str]) -> Iterator[tuple[tuple[int, int], int]]:
    """Spans of the whole-word occurrences of ``lowered`` words (any case),
    each with how often that word occurs in the text."""
    for word in lowered:
        found = words.find(word, ignore_case=True)
        for span in found:
            yield span, len(found)


# --------------------------------------------------------------------------
# LN202 stray-glued-letter
# --------------------------------------------------------------------------

#: Real words written lower-then-upper. Users extend this with the
#: vocabulary's accept list.
LOWER_UPPER_WORDS: frozenset[str] = frozenset(
    """
    iPhone iPhones iPad iPads iPod iPods iTunes iMac iMacs iOS iPadOS iCloud iBook iBooks iLife
    iPhoto iMovie iDVD iWork iWatch iMessage iPlayer iRiver iRobot iFixit iTV iGEM iHeartRadio
    iHeartMedia iPodder
    eBay eBook eBooks eCommerce eSports eSport eHarmony eDonkey eMule eToro eVisa eGov eGovernment
    eReader eReaders eTicket eLearning eMail eBusiness eNews
    mRNA tRNA rRNA miRNA siRNA mtDNA cDNA pH pKa kWh MWh GWh kW mW kHz mAh dB dBA vCJD nCoV
    hCG hGH eGFR sRGB
    macOS tvOS watchOS visionOS xBox
    dot kV mV
    """.split()
)
_LOWER_UPPER_LOWER = frozenset(w.lower() for w in LOWER_UPPER_WORDS)


class StrayGluedLetter(WordRule):
    """## What it flags
    A single lowercase letter glued to the front of a capitalised word or
    name: ``dNetanyahu said``, ``xThe talks``; or to a lowercase word when
    the result is no word (``the qminister``). Scrapers leave these behind
    from drop caps, icons and split inline elements.

    The rest must be a word or name the lexicon or the article knows.
    Left alone: real lower-upper forms (``iPhone``, ``eBay``, ``iOS``,
    ``mRNA``, ``pH``, ``kWh``, ``macOS``, ``eSports``, ``vCJD``; extend the
    list with the vocabulary's ``accept``), handles and hashtags, units
    (``kW``, ``dB``), and a form the article uses twice (its own spelling of
    a brand). A product named once (``iBand``) is flagged: accept it in the
    vocabulary. Also left alone: the tail of a word whose letter was lost or
    masked (``sh*tstorm``, ``S ddeutsche`` with ``ü`` lost as a space, a
    letter after ``?``), and a Twitter display name before its handle
    (``Jane eDoe (@janedoe)``).

    ## Why
    The stray letter turns a name into a non-word; readers stumble and
    searches for the name miss the article.

    ## Example
    ``dNetanyahu said on Monday`` becomes ``Netanyahu said on Monday``

    ## Fix safety
    Safe: deleting one letter that belongs to no word. For a glued ``a``
    before an ordinary word (``aBritish firm``), the letter may be the
    article with its space lost, so the fix (``a British``) is a
    suggestion only. In copy that lost its apostrophes (``It s``), an ``s``
    or ``t`` glued to a common word after a word (``Obama sHere are``) may
    be the end of ``Obama s`` with the next sentence run on: the suggestion
    puts a space after the letter instead. Unsafe when nothing vouches for
    the rest of a capitalised token (neither the lexicon nor the article
    knows it): the whole may be a name (``wSieci``). Unsafe too for an ``a``
    glued to an -ed or -ing form (``can only be atrained``): a participle
    follows the article ``a`` (``a trained nurse``), and the token may as
    well be a typo (``attained``).
    """

    code = "LN202"
    name = "stray-glued-letter"
    summary = "Stray letter glued to a word"
    fixable = True
    default = True
    in_quotes = True
    examples = (
        Example("dNetanyahu said on Monday.", "Netanyahu said on Monday."),
        Example("The minister spoke. xThe talks resumed.", "The minister spoke. The talks resumed."),
        Example("Talks in Gaza. Officials in qGaza said.", "Talks in Gaza. Officials in Gaza said."),
        Example("The qminister resigned.", "The minister resigned."),
        # Flagged, but only --unsafe-fixes deletes the `a`: `a trained`? `attained`?
        Example("Power can only be atrained through votes.", None),
    )
    ok = (
        "She bought an iPhone, an iPad and an iPod on eBay.",
        "The mRNA vaccine, a pH of 7 and 40 kWh of power.",
        "Apple's macOS and iOS; eSports fans; vCJD cases.",
        "Follow @jSmith and #bBC on social media.",
        "The iCan campaign and the iCan site.",
        "What a sh*tstorm. The daily S ddeutsche Zeitung. Jane eDoe (@janedoe) May 1",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        lex = self.lexicon
        words = lex.words(doc)
        text = doc.masked
        for start, end in words.camel_tokens:
            token = text[start:end]
            if token[0].islower() and token[1].isupper() and not _next_to_invisible(text, start, end):
                found = self._fix(token, text, start, end, words)
                if found is not None:
                    ctx.report(start, end, found[0], fix=found[1])
        # A letter glued to a lowercase word: `qminister`, `atalks`.
        glued = [
            w for w in lex.unknown_words(doc, 4) if _stray_a(lex, w, words) or _stray_lower(lex, w, words)
        ]
        if not glued:
            return
        for (start, end), n in _locate(words, glued):
            token = text[start:end]
            if (
                n > 1
                or not token.islower()
                or _in_address(text, start, end)
                or _next_to_invisible(text, start, end)
                or _after_lost_character(text, start)
            ):
                continue
            letter, rest = token[0], token[1:]
            if letter == "a" and rest.endswith(("ed", "ing")):
                # `atrained`: a stray `a`, or `a trained` with its space lost
                # (a participle is an adjective after `a`), or a typo
                # (`attained`): the finding stands, the deletion needs a person.
                ctx.report(
                    start,
                    end,
                    f"Stray letter '{letter}' glued to '{rest}' (or a lost space: 'a {rest}'?)",
                    fix=Fix.delete(start, start + 1, f"Delete the stray '{letter}'", UNSAFE),
                )
                continue
            ctx.report(
                start,
                end,
                f"Stray letter '{letter}' glued to '{rest}'",
                fix=Fix.delete(start, start + 1, f"Delete the stray '{letter}'"),
            )

    def _fix(
        self, token: str, text: str, start: int, end: int, words: DocumentWords
    ) -> tuple[str, Fix] | None:
        lex = self.lexicon
        if start > 0 and text[start - 1] in "@#":
            return None
        if _in_address(text, start, end) or _after_lost_character(text, start):
            return None
        if _TWEET_DISPLAY_NAME.match(text, end):
            return None  # `Jane eDoe (@janedoe)`: a display name is spelt as its owner likes
        core = re.sub(r"['’]s$", "", token)
        if core in LOWER_UPPER_WORDS or core.lower() in _LOWER_UPPER_LOWER:
            return None
        if lex.is_accepted(core) or lex.is_name(core):
            return None
        if not core.isalpha():
            return None
        letter, rest = core[0], core[1:]
        if len(rest) < 2:
            return None  # `kW`, `dB`: units
        if not (rest[1:].islower() or rest.isupper()):
            return None  # `iPhoneX`, `eKYC`-like mixed forms
        if words.count(token) > 1:
            return None  # the article's own spelling of a brand
        used = words.count(rest) > 0
        if rest.isupper():
            if not used:
                return None  # an unknown acronym: `mRNA`-like
        elif not (used or lex.is_known(rest) or len(rest) >= 3):
            return None
        message = f"Stray letter '{letter}' glued to '{rest}'"
        if letter in "st" and rest[1:].islower() and _lost_apostrophe_tail(lex, text, start, rest):
            # `Obama sHere are`: the `s` of `Obama s` (apostrophe lost) and
            # the next sentence, the space between them lost too.
            fixed = f"{letter} {rest}"
            return (
                f"Lost space? '{letter}' may end the word before (a lost apostrophe) and '{rest}' "
                "start a sentence",
                Fix.replace(start, start + len(core), fixed, f"Split into '{fixed}'", DISPLAY_ONLY),
            )
        if not (used or lex.is_known(rest)):
            # `wSieci`: nothing vouches for the rest, so the whole may be a name.
            return message, Fix.delete(start, start + 1, f"Delete the stray '{letter}'", UNSAFE)
        if (
            letter == "a"
            and not rest.isupper()
            and rest.lower() not in FUNCTION_WORDS
            and lex.zipf(rest) >= _ARTICLE_WORD_ZIPF
            and not lex.is_first_name(rest)
        ):
            # `aBritish firm`: the article `a` with its space lost, or a stray `a`?
            fixed = f"a {rest}"
            return (
                f"Stray letter or lost space: '{token}' (did you mean '{fixed}'?)",
                Fix.replace(start, start + len(core), fixed, f"Split into '{fixed}'", DISPLAY_ONLY),
            )
        if letter == "i" and not used and lex.zipf(rest.lower()) >= _BRAND_WORD_ZIPF:
            # `iCan`, `iBand`, `iDefence`: the i- of the web era's brand names
            # before a common word the article never writes alone; the finding
            # stands, but only --unsafe-fixes deletes the letter.
            return (
                f"{message} (or an i- brand name?)",
                Fix.delete(start, start + 1, f"Delete the stray '{letter}'", UNSAFE),
            )
        return message, Fix.delete(start, start + 1, f"Delete the stray '{letter}'")


# A common word after a glued `i` may make a brand (`iCan`): no SAFE deletion.
_BRAND_WORD_ZIPF = 3.5
# A capitalised word this common after a glued `a` may be the article (`aFrench`).
_ARTICLE_WORD_ZIPF = 4.0
# A sentence opener this common after a glued `s` or `t` (`sHere`).
_OPENER_ZIPF = 4.0
# A Twitter display name before its handle: `Jane eDoe (@janedoe)`.
_TWEET_DISPLAY_NAME = re.compile(r"[\w .'’-]{0,40}\(@\w{1,15}\)")
# `Obama s`, `don t`: a word, a space and a lone `s` or `t` (apostrophe lost).
_LOST_APOSTROPHE_PIECE = re.compile(r"[^\W\d_] [st](?![\w'’])")


def _after_lost_character(text: str, start: int) -> bool:
    """The token is the tail of a word whose letter was lost or masked: after
    `*` (`sh*tstorm`), `?` or U+FFFD (an unencodable letter), or after a lone
    capital and a space (`S ddeutsche`: `ü` lost as a space)."""
    if start == 0:
        return False
    if text[start - 1] in "*?\ufffd":
        return True
    return (
        start >= 2
        and text[start - 1] == " "
        and text[start - 2].isupper()
        and text[start - 2] not in "AI"
        and (start == 2 or not text[start - 3].isalnum())
    )


def _lost_apostrophe_tail(lex: Lexicon, text: str, start: int, rest: str) -> bool:
    """`Obama sHere`: a word, a space, then `s`/`t` glued to a common
    sentence opener, in copy that lost its apostrophes elsewhere too."""
    if start < 2 or text[start - 1] != " " or not text[start - 2].isalpha():
        return False
    if _word_before(text, start).lower() in FUNCTION_WORDS:
        return False  # `was sLabour`: no possessive
    low = rest.lower()
    if not (low in FUNCTION_WORDS or lex.zipf(low) >= _OPENER_ZIPF):
        return False
    return _LOST_APOSTROPHE_PIECE.search(text) is not None


# --------------------------------------------------------------------------
# LN203 lost-apostrophe
# --------------------------------------------------------------------------

_T_WORDS = frozenset(
    """don doesn didn isn aren wasn weren hasn haven hadn won wouldn couldn shouldn can mustn
    needn ain shan mightn""".split()
)
_S_WORDS = frozenset(
    """it that there here what who he she where how let everyone everybody nobody someone
    somebody something nothing when why""".split()
)
# Which pronouns take which contraction.
_PRONOUN_SUFFIXES: dict[str, frozenset[str]] = {
    "m": frozenset({"i"}),
    "re": frozenset({"you", "we", "they", "who", "what", "there"}),
    "ve": frozenset({"i", "you", "we", "they", "who", "would", "could", "should", "might", "must"}),
    "ll": frozenset({"i", "you", "we", "they", "he", "she", "it", "that", "there", "who", "what"}),
    "d": frozenset({"i", "you", "we", "they", "he", "she", "it", "that", "there", "who"}),
}
# A word, one space, and a lone contraction ending.
_LOST = re.compile(r"(?<![\w'’])(\w+) (s|t|m|re|ve|ll|d)(?![\w'’-])")
_LONE_PIECES = frozenset({"s", "t", "m", "re", "ve", "ll", "d"})
_GLUED_PIECE = re.compile(r" (?:[stmd]|re|ve|ll)\.")
# Words after which a lone `s` is a letter, not a possessive.
_LETTER_CONTEXT = frozenset({"letter", "letters", "an", "the", "and", "or", "a", "s"})


def _apostrophe(doc: Document) -> str:
    """The apostrophe to restore: the style of the document's quotation marks
    and apostrophes as LN304 counts them (’ when they are mostly curly, or
    as many curly as straight; ' otherwise). Judging by apostrophes alone
    once restored straight ones to a document whose headline quotes are
    curly: the majority flipped, and LN304 then straightened every curly
    mark on the next pass."""
    return "’" if quote_style(doc) == "curly" else "'"


class LostApostrophe(WordRule):
    """## What it flags
    An apostrophe that a scraper replaced with a space: ``don t``,
    ``it s``, ``didn t``, ``we re``, ``I m``, ``they ll``, ``I ve``, and
    possessives such as ``Trump s`` or ``the company s``.

    ## Why
    Over a thousand of the ISOT news articles lost their straight
    apostrophes this way. ``don t`` reads as two non-words, and a
    possessive ``Trump s`` reads as a stray letter.

    ## Example
    ``It s clear they don t agree with Trump s plan`` becomes
    ``It's clear they don't agree with Trump's plan``

    ## Fix safety
    The apostrophe restored is the document's own style, as LN304 judges it
    (’ when the article's quotation marks and apostrophes are mostly curly,
    ' otherwise), so that restoring apostrophes never changes the majority
    LN304 fixes the other marks by. Contractions are safe: ``don t``
    has no other reading. A possessive is unsafe: ``Trump s`` is almost
    always ``Trump's``, but the ``s`` could be a plural (``Trumps``) or a
    letter.
    """

    code = "LN203"
    name = "lost-apostrophe"
    summary = "Apostrophe lost (replaced by a space)"
    fixable = True
    default = True
    in_quotes = True
    examples = (
        Example("They don t agree.", "They don't agree."),
        Example("It s clear that we re late and I m sorry.", "It's clear that we're late and I'm sorry."),
        Example("She didn t know they ll come.", "She didn't know they'll come."),
        Example("Trump s plan failed.", "Trump's plan failed."),
        Example("It’s late and it s cold.", "It’s late and it’s cold."),
    )
    ok = (
        "The re-election campaign began.",
        "It cost $458 m in total.",
        "The letter s is silent.",
        "Vitamin D and type A.",
        "We'll see; I'm sure it's fine and Trump's plan won't work.",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        words = self.lexicon.words(doc)
        text = doc.masked
        # Stripped types: the piece often ends a sentence (`I haven t.`). A
        # piece glued to the next sentence (`Ryan s.The`) is no word of its
        # own; LN103 puts the space back, and this rule must have seen it.
        if words.lower_types.isdisjoint(_LONE_PIECES) and _GLUED_PIECE.search(text) is None:
            return
        mark: str | None = None
        for m in _LOST.finditer(text):
            word, piece = m.group(1), m.group(2)
            low = word.lower()
            if not word.isalpha():
                continue
            if piece == "t":
                if low not in _T_WORDS:
                    continue
                kind = SAFE
            elif piece == "s":
                if low in _S_WORDS:
                    kind = SAFE
                elif len(word) < 2 or low in _LETTER_CONTEXT or low in FUNCTION_WORDS:
                    continue
                else:
                    kind = UNSAFE
            elif piece == "m" and word != "I":
                continue
            elif low not in _PRONOUN_SUFFIXES[piece]:
                continue
            else:
                kind = SAFE
            if piece == "d" and low in ("i",) and word != "I":
                continue
            if mark is None:
                mark = _apostrophe(doc)
            space = m.start(2) - 1
            what = "possessive" if kind is UNSAFE else "contraction"
            fixed = f"{word}{mark}{piece}"
            ctx.report(
                m.start(),
                m.end(),
                f"Apostrophe lost: '{m.group()}' (did you mean '{fixed}'?)",
                fix=Fix.replace(space, space + 1, mark, f"Restore the {what} apostrophe", kind),
            )


# --------------------------------------------------------------------------
# LN204 repeated-word
# --------------------------------------------------------------------------

#: Doubles that English uses on purpose.
ALLOWED_DOUBLES: frozenset[str] = frozenset(
    """had that is do bye no yes very so ha knock tut far many really cha chop go bang boo
    hush night there well now come again more wait blah la dum tick pom hear pretty long
    little round bit surprise something ho hey ding dong yeah oh ooh boom yada""".split()
)
#: Verbs whose object and complement can be the same word (`calling liars liars`).
_NAMING_VERBS = frozenset("call calls called calling name names named naming".split())
#: Prepositions that often end a clause, as a particle (`logged in`) or
#: stranded (`the room we waited in`) and also start the next phrase: after
#: a verb form, `logged in in May`. (`out out`, `about about`, `to to` are
#: slips far more often.)
_CLAUSE_END_PREPOSITIONS = frozenset("in on for with at from by".split())


def _alone_on_a_line(text: str, first: int, second_end: int) -> bool:
    """Whether the copy before a line break (at ``first``) starts its line,
    or the copy after it (ending at ``second_end``) ends its line."""
    line_start = max(text.rfind("\n", 0, first), text.rfind("\r", 0, first)) + 1
    if not text[line_start:first].strip():
        return True
    nl, cr = text.find("\n", second_end), text.find("\r", second_end)
    ends = [i for i in (nl, cr) if i >= 0]
    line_end = min(ends) if ends else len(text)
    return not text[second_end:line_end].strip()


class RepeatedWord(WordRule):
    """## What it flags
    The same word twice in a row: ``the the``, ``said said``, also across
    a line break (``in\\nin``) and in different case (``The the``).

    Left alone: doubles English uses on purpose (``had had``, ``that
    that``, ``is is``, ``bye bye``, ``very very``, ``surprise surprise``,
    ``something something``, ``ding ding``), an object and its complement
    after a naming verb (``calling liars liars``), numbers, single
    capital letters, two capitalised copies of a word that is not a
    function word (names such as ``Duran Duran`` or ``Talk Talk``), and a
    word before its capitalised copy (``law lord Lord Bingham``). A
    paragraph break ends the search, and across a line break both lines
    must hold more than the word: a word alone on its line is a list item,
    a table cell or a heading (``yes\nyes\nno``), not wrapped prose.

    ## Why
    A doubled word survives spelling checkers and is the classic slip of
    an edited-in-a-hurry sentence.

    ## Example
    ``He said said the the talks ended`` becomes ``He said the talks ended``

    ## Fix safety
    Safe: it deletes the second copy and the space before it; the first
    keeps its case, so ``The the`` becomes ``The``. Unsafe in two cases
    where both copies may belong: more than one space between them (``the
    the second``), where a stripped quote mark or dash may open a quoted
    phrase or mark a restart; and a preposition after a verb form
    (``logged in in May``, ``waited for for years``), a particle or a
    stranded preposition followed by the same word starting a phrase.
    """

    code = "LN204"
    name = "repeated-word"
    summary = "Repeated word"
    fixable = True
    default = True
    in_quotes = True
    examples = (
        Example("He said the the talks ended.", "He said the talks ended."),
        Example("The the minister said said no.", "The minister said no."),
        Example("It was in\nin the news.", "It was in\nthe news."),
        Example("He was arrested in in Ohio.", "He was arrested in Ohio."),
    )
    ok = (
        "What he had had was enough.",
        "He said that that was wrong.",
        "Duran Duran and Talk Talk played.",
        "It rose 10 10 times.",
        "Grade A A levels.",
        "The end.\n\nThe story.",
        "Votes:\nyes\nyes\nno",
        "The final score\nwin\nwin and a draw.",
        "And, surprise surprise, the bill failed. Ding ding!",
        "She kept calling cheats cheats.",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        words = _repeated_candidates(self.lexicon.words(doc).lower_tokens)
        if not words:
            return
        text = doc.masked
        # Groups: the word, the gap (spaces, at most one line break: group 3),
        # the copy. After a line break the copy must have more text on its
        # line, so a column of one-word lines costs no match at all.
        pattern = re.compile(
            r"(?<![\w'’-])(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")"
            r"(?=[ \t\r\n])([ \t]*(?:(\r\n|\r|\n)[ \t]*)?)(\1)(?![\w'’-])(?(3)(?=[^\S\r\n]*\S))",
            re.IGNORECASE,
        )
        for m in pattern.finditer(text):
            first, second = m.group(1), m.group(4)
            if len(first) == 1 and first.isupper():
                continue
            low = first.lower()
            if low in ALLOWED_DOUBLES:
                continue
            if second[0].isupper() and (first[0].islower() or low not in FUNCTION_WORDS):
                continue  # `Duran Duran`, `law lord Lord Bingham`
            if m.group(3) is not None and _alone_on_a_line(text, m.start(1), m.end(4)):
                continue
            before = _word_before(text, m.start(1)).lower()
            if before in _NAMING_VERBS:
                continue  # `calling liars liars`: object and complement
            message = f"Repeated word: '{second}'"
            applicability = SAFE
            if m.group(3) is None and len(m.group(2)) > 1:
                # `the  the second`: spaces where a quote mark or a dash was
                # stripped may mark a quoted phrase or a deliberate restart.
                message += " (or punctuation lost between the copies)"
                applicability = UNSAFE
            elif low in _CLAUSE_END_PREPOSITIONS and _verb_form_before(before):
                # `logged in in May`: a particle, then a preposition.
                message += f" (or a particle, then '{second}' again as a preposition)"
                applicability = UNSAFE
            # Delete the second copy with the spaces after it, so a line
            # break between the copies stays; before punctuation, delete
            # the gap instead (`said said.` -> `said.`).
            start, end = m.start(4), m.end(4)
            after = end
            while after < len(text) and text[after] in " \t":
                after += 1
            if after > end and after < len(text) and text[after] not in "\r\n":
                edit = (start, after)
            else:
                edit = (m.end(1), end)
            # Where the gap itself is evidence (a lost mark), the finding
            # covers it: a fix that tidied the gap alone would erase the
            # reason this deletion is unsafe (see lintnews.fixer.withheld).
            gap_is_evidence = m.group(3) is None and len(m.group(2)) > 1
            shown = m.end(1) if gap_is_evidence else start
            ctx.report(
                shown,
                end,
                message,
                fix=Fix.delete(*edit, f"Delete the repeated '{second}'", applicability),
            )


def _verb_form_before(word: str) -> bool:
    """A verb in -ed or -ing, or an irregular past or participle: what a
    particle or a stranded preposition follows (`chimed in`, `been in`)."""
    if len(word) >= 4 and word.endswith(("ed", "ing")):
        return True
    return word in IRREGULAR_PASTS or word in _PARTICIPLES


#: Irregular participles, beyond the pasts of IRREGULAR_PASTS.
_PARTICIPLES = frozenset("been done gone given taken seen put set got gotten come run left let".split())


_TRAILING = "\"'”’),.;:!?"


def _repeated_candidates(tokens: list[str]) -> set[str]:
    """Alphabetic words that a whitespace token repeats (``the the``,
    ``said said.``), found by comparing neighbours in C."""
    out = set(compress(tokens, map(operator.eq, tokens, islice(tokens, 1, None))))
    # A copy followed by punctuation (`said said.`): compared in C too.
    stripped = map(str.rstrip, islice(tokens, 1, None), repeat(_TRAILING))
    out.update(compress(tokens, map(operator.eq, tokens, stripped)))
    words = set()
    for token in out:
        word = token.strip(_TRAILING + "(“‘")
        if word.isalpha():
            words.add(word)
    return words


# --------------------------------------------------------------------------
# LN205 likely-misspelling
# --------------------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# The unknown word must be this rare (Zipf), and the common word this common.
_RARE_ZIPF = 1.0
_COMMON_ZIPF = 4.0
_MIN_MISSPELLED = 5
_MAX_MISSPELLED = 40


def _edits1(word: str) -> set[str]:
    """Every string one edit away: delete, transpose, replace, insert."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


def _inflection(a: str, b: str) -> bool:
    """Whether two words differ only by an inflection-like ending (s, es, d, ed, e)."""
    short, long = sorted((a.lower(), b.lower()), key=len)
    return long.startswith(short) and long[len(short) :] in ("s", "e", "d", "es", "ed", "'s", "’s")


class LikelyMisspelling(WordRule):
    """## What it flags
    High-confidence misspellings only: an unknown word one edit away from
    a word the same article uses (``Netanyhau`` in a story that says
    ``Netanyahu`` three times), or a rare unknown word one edit away from
    exactly one very common word (``goverment``). Rejected words of the
    vocabulary are flagged wherever they occur.

    Names are the hard part: a name no dictionary has is still no
    misspelling, so an unknown word alone is never flagged, and a word the
    article uses twice is taken as its spelling.

    ## Why
    A misspelt name in news copy is a correction waiting to happen.

    ## Example
    ``Netanyahu spoke. Netanyahu left. Netanyhau returned.`` flags
    ``Netanyhau`` and suggests ``Netanyahu``.

    ## Fix safety
    Unsafe when the spelling comes from the article itself (it might be
    two different people); display-only for a dictionary suggestion.
    Off by default: it is a judgement, not a mechanical defect, and it
    does not report inside quotations.
    """

    code = "LN205"
    name = "likely-misspelling"
    summary = "Likely misspelling"
    severity = Severity.INFO
    fixable = True
    default = False
    in_quotes = False
    examples = (
        Example(
            "Netanyahu spoke. Netanyahu left. Netanyhau returned.",
            "Netanyahu spoke. Netanyahu left. Netanyahu returned.",
        ),
        Example("The goverment said no."),
    )
    ok = (
        "Blinken met Kirby in Türkiye.",
        "Gestion officials met in Kyiv.",
        "The carmaker's programme.",
    )

    def check(self, doc: Document, ctx: Context) -> None:
        lex = self.lexicon
        # Edit candidates grow with the square of a word's length: a 10,000-letter
        # "word" (a pasted hash, a hostile input) is no misspelling to guess at.
        candidates = [w for w in lex.unknown_words(doc, _MIN_MISSPELLED) if len(w) <= _MAX_MISSPELLED]
        if not candidates:
            return
        words = lex.words(doc)
        text = doc.masked
        for (start, end), n in _locate(words, candidates):
            token = text[start:end]
            if lex.is_rejected(token):
                ctx.report(start, end, f"'{token}' is rejected by the house vocabulary")
                continue
            if n > 1 or not token.isalpha() or token.isupper() or _in_address(text, start, end):
                continue
            if _has_camel(token) or token in LOWER_UPPER_WORDS:
                continue  # `iPhoto`, `DaimlerChrysler`: brands are spelt as their owners like
            if lex.is_name(token) or lex.is_accepted(token):
                continue
            suggestion = self._from_document(token, words)
            if suggestion is not None:
                ctx.report(
                    start,
                    end,
                    f"Possible misspelling: '{token}' (the article has '{suggestion}')",
                    fix=Fix.replace(start, end, suggestion, f"Replace with '{suggestion}'", UNSAFE),
                )
                continue
            suggestion = self._from_dictionary(token)
            if suggestion is not None:
                ctx.report(
                    start,
                    end,
                    f"Possible misspelling: '{token}' (did you mean '{suggestion}'?)",
                    fix=Fix.replace(start, end, suggestion, f"Replace with '{suggestion}'", DISPLAY_ONLY),
                )

    def _from_document(self, token: str, words: DocumentWords) -> str | None:
        near = _edits1(token.lower())
        best: tuple[int, str] | None = None
        for word, n in words.counts.items():
            if n < 2 or len(word) < _MIN_MISSPELLED or abs(len(word) - len(token)) > 1:
                continue
            if word.lower() in near and not _inflection(word, token) and word.lower() != token.lower():
                if word[0].isupper() != token[0].isupper():
                    continue
                if best is None or n > best[0]:
                    best = (n, word)
        return best[1] if best else None

    def _from_dictionary(self, token: str) -> str | None:
        lex = self.lexicon
        if lex.zipf(token) > _RARE_ZIPF or token[0].isupper():
            return None
        found = [
            w for w in _edits1(token.lower()) if lex.zipf(w) >= _COMMON_ZIPF and not _inflection(w, token)
        ]
        if len(found) != 1:
            return None
        return found[0]


_FOLLOW_SET = NAME_FOLLOWERS | STRONG_FOLLOWERS | FUNCTION_FOLLOWERS | AUXILIARIES | SHORT_FOLLOWERS

RULES: tuple[type[Rule], ...] = (
    FusedWords,
    StrayGluedLetter,
    LostApostrophe,
    RepeatedWord,
    LikelyMisspelling,
)
