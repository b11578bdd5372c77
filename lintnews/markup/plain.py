"""Plain text: everything is prose except URLs, e-mail addresses and directive lines."""

from __future__ import annotations

import regex

from lintnews.document import Region, RegionKind

# Bare URLs (with or without a scheme), e-mail addresses and social handles are
# addresses, not prose: "Shafer.Politico@gmail.com" must not read as "Shafer.
# Politico". The trailing class stops before sentence punctuation that ends a URL.
# A URL never takes a square bracket: in `[youtube https://youtu.be/x]Next` the
# `]` closes the shortcode, and `[https://example.com]` is a bracketed link.
URL_PATTERN = regex.compile(
    r"""
    (?:(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)                              # e-mail
    | (?:\b(?:https?|ftp)://|\bwww\d?\.)[^\s<>"'“”‘’\[\]]*[^\s<>"'“”‘’\[\].,;:!?)]  # URL
    | (?:\bpic\.twitter\.com/\w+)
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

# A suppression directive on a line of its own: `# lintnews: ...` or `// lintnews: ...`.
DIRECTIVE_LINE = regex.compile(r"(?m)^[ \t]*(?:#|//)[ \t]*lintnews:[^\r\n]*")


# Every URL_PATTERN match contains one of these, and no match contains
# whitespace: so the pattern only needs to run over the whitespace-free runs
# around the hints. Most articles have none, and a big file has few, so this
# is several times cheaper than the pattern's own scan of every character.
_URL_HINTS = regex.compile(r"@|://|www\d?\.|pic\.twitter\.com", regex.IGNORECASE)
_SPACE_BEFORE = regex.compile(r"(?r)\s")
_SPACE = regex.compile(r"\s")


def url_regions(text: str, start: int = 0, end: int | None = None) -> list[Region]:
    end = len(text) if end is None else end
    if "@" not in text and "://" not in text and not _URL_HINTS.search(text, start, end):
        return []
    out: list[Region] = []
    done = start
    for hint in _URL_HINTS.finditer(text, start, end):
        if hint.start() < done:
            continue
        before = _SPACE_BEFORE.search(text, start, hint.start())
        after = _SPACE.search(text, hint.end(), end)
        run_start = before.end() if before else start
        done = after.start() if after else end
        found = URL_PATTERN.finditer(text, run_start, done)
        out.extend(Region(m.start(), m.end(), RegionKind.URL) for m in found)
    return out


def classify_plain(text: str) -> list[Region]:
    regions = url_regions(text)
    regions.extend(Region(m.start(), m.end(), RegionKind.DIRECTIVE) for m in DIRECTIVE_LINE.finditer(text))
    regions.sort(key=lambda r: r.start)
    return regions
