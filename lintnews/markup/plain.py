"""Plain text: everything is prose except URLs, e-mail addresses and directive lines."""

from __future__ import annotations

import regex

from lintnews.document import Region, RegionKind

# Bare URLs (with or without a scheme), e-mail addresses and social handles are
# addresses, not prose: "Shafer.Politico@gmail.com" must not read as "Shafer.
# Politico". The trailing class stops before sentence punctuation that ends a URL.
URL_PATTERN = regex.compile(
    r"""
    (?:(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)                        # e-mail
    | (?:\b(?:https?|ftp)://|\bwww\d?\.)[^\s<>"'“”‘’]*[^\s<>"'“”‘’.,;:!?)\]]  # URL
    | (?:\bpic\.twitter\.com/\w+)
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

# A suppression directive on a line of its own: `# lintnews: ...` or `// lintnews: ...`.
DIRECTIVE_LINE = regex.compile(r"(?m)^[ \t]*(?:#|//)[ \t]*lintnews:[^\r\n]*")


def url_regions(text: str, start: int = 0, end: int | None = None) -> list[Region]:
    end = len(text) if end is None else end
    return [Region(m.start(), m.end(), RegionKind.URL) for m in URL_PATTERN.finditer(text, start, end)]


def classify_plain(text: str) -> list[Region]:
    regions = url_regions(text)
    regions.extend(Region(m.start(), m.end(), RegionKind.DIRECTIVE) for m in DIRECTIVE_LINE.finditer(text))
    regions.sort(key=lambda r: r.start)
    return regions
