"""Region classification: which parts of a file are prose, and which are never linted."""

from __future__ import annotations

from lintnews.document import Region


def classify(text: str, markup: str) -> list[Region]:
    """Regions of ``text`` that are not plain prose, sorted by start.

    Offsets always refer to the raw text, so a diagnostic found in the masked
    text points at the right place in the file.
    """
    if markup == "markdown":
        from lintnews.markup.markdown import classify_markdown

        return classify_markdown(text)
    from lintnews.markup.plain import classify_plain

    return classify_plain(text)
