"""Code pasted into prose: spans of a plain-text article that read as code.

Scraped articles carry code that no markup marks as such: an embed script
run into the last sentence (``...to leave.(function(d, s, id) {  var js, fjs
= d.getElementsByTagName(s)[0]; ... js.src = "//connect.facebook.net/...";``),
a page template scraped as text (``{% set textColor = "#565656" %} /* This sets
the colour */``), a JSON blob. Its quotation marks, spaces and punctuation
follow the language, not news style, so style rules must leave it alone.

Code is recognised by its features, each a pattern worth a weight:

- a ``var``/``let``/``const`` declaration (``var x =``): **3**;
- a call on a dotted name (``d.getElementsByTagName(``), ``function(``, a
  template tag (``{% %}``, ``{{ }}``), a ``<script>``-like tag, a CDATA
  marker, a comment (``/* ... */``, ``<!-- -->``, or ``//`` that is no
  URL's): **2**;
- an assignment (``js.src = "``, ``x = 1``), a semicolon ending a statement
  (after a bracket or a quote, or before the next statement: ``; js =``), a
  brace, a JSON key (``"width": ``), an arrow (``=>``): **1**.

Features closer than ``GAP`` characters to each other form a cluster, and a
cluster is code when its weight reaches ``THRESHOLD`` with at least two kinds
of feature: one brace, one semicolon or one ``x = y`` in a sentence is
prose. The span runs from the first feature to the last, widened to the
brackets and quotes around it (not over a word: scraped copy glues the next
sentence to the code).

``code_like_spans`` is computed once per document (``Document.code_like``);
rules whose ``in_code`` is False (every rule about prose: spacing and
punctuation conventions, words, sentences, quote style) do not report
there, while the mechanical character rules (invisible characters,
mojibake, HTML entities, trailing whitespace) still do: those bytes are as
broken in code as in prose.
"""

from __future__ import annotations

import re

#: A cluster of code features weighing at least this (with two kinds of
#: feature at least) is code.
THRESHOLD = 4
#: Features further apart than this (in characters) are two clusters.
GAP = 40

_IDENT = r"[A-Za-z_$][\w$]*"
# One alternation, one scan; the group that matched names the feature.
_FEATURES = re.compile(
    rf"""
      (?P<call>\b{_IDENT}(?:\.{_IDENT})+\()
    | (?P<function>\bfunction\s*\()
    | (?P<declaration>\b(?:var|let|const)\s+{_IDENT}\s*[=,;])
    | (?P<template>\{{[%{{]|[%}}]\}})
    | (?P<tag></?(?:script|iframe|style|div|span|noscript)\b[^<>\n]{{0,200}}>)
    | (?P<cdata><!\[CDATA\[|\]\]>)
    | (?P<comment>/\*[^\n]{{0,400}}?\*/|<!--[^\n]{{0,400}}?-->|(?<![:\w/])//(?=[\s<]|\w+\.\w))
    | (?P<assignment>\b{_IDENT}(?:\.{_IDENT})*\s*(?<![=!<>])=(?![=>])\s*(?=["'\d(\[{{]|{_IDENT}))
    | (?P<semicolon>(?<=[)\]"'])\s*;|;(?=\s*(?:{_IDENT}(?:\.{_IDENT})*\s*[=(]|[}}\]]|$)))
    | (?P<brace>[{{}}])
    | (?P<json>"[\w-]+"\s*:\s*(?=["\d\[{{tfn]))
    | (?P<arrow>=>)
    """,
    re.VERBOSE | re.MULTILINE,
)
_WEIGHT = {
    "call": 2,
    "function": 2,
    "declaration": 3,
    "template": 2,
    "tag": 2,
    "cdata": 2,
    "comment": 2,
    "assignment": 1,
    "semicolon": 1,
    "brace": 1,
    "json": 1,
    "arrow": 1,
}
# Code that weighs enough holds one of these (an assignment, a brace, a tag
# or a comment): prose without any, nearly all of it, is not scanned.
_HINT = re.compile(r"[={}<]|/[*/]")
_OPENING = frozenset("([{<!")
_CLOSING = frozenset(")]}>;,'\"")


def code_like_spans(text: str) -> list[tuple[int, int]]:
    """The code-like spans of ``text`` (a document's masked text), in order."""
    if _HINT.search(text) is None:
        return []
    spans: list[tuple[int, int]] = []
    cluster: list[re.Match[str]] = []
    for m in _FEATURES.finditer(text):
        if cluster and m.start() - cluster[-1].end() > GAP:
            _close(text, cluster, spans)
            cluster = []
        cluster.append(m)
    if cluster:
        _close(text, cluster, spans)
    return spans


def _close(text: str, cluster: list[re.Match[str]], spans: list[tuple[int, int]]) -> None:
    """Keep ``cluster`` as a span if it weighs enough (see the module docstring)."""
    kinds = {m.lastgroup for m in cluster}
    if len(kinds) < 2 or sum(_WEIGHT[m.lastgroup or ""] for m in cluster) < THRESHOLD:
        return
    start, end = cluster[0].start(), max(m.end() for m in cluster)
    # Widened over the brackets and quotes that open and close the code, not
    # over a word: scraped copy glues the next sentence to it (`'));We`).
    while start > 0 and text[start - 1] in _OPENING:
        start -= 1
    while end < len(text) and text[end] in _CLOSING:
        end += 1
    if spans and start <= spans[-1][1]:
        spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
    else:
        spans.append((start, end))
