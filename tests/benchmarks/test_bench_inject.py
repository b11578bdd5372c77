"""The injector: every injected span is where it says, and its repair gives the twin back."""

from __future__ import annotations

import html
import random

import pytest
from bench_fakes import ARTICLE, ARTICLE_2, ARTICLES, small_dictionary
from inject import KINDS, apply_edits, candidates, inject, sample

ALL_VARIANTS = [(k, v) for k, kind in KINDS.items() for v in kind.variants]


def check_invariants(inj, source):
    # The edits turn the twin into the dirty copy, and each span is an edit's replacement.
    dirty, spans = apply_edits(inj.clean, inj.edits)
    assert dirty == inj.dirty
    assert tuple(spans) == inj.spans
    for (s, e), edit, repair in zip(inj.spans, inj.edits, inj.repairs, strict=True):
        assert s < e
        assert inj.dirty[s:e] == edit.replacement
        assert repair == inj.clean[edit.start : edit.end]
        assert inj.dirty[s:e] != repair
    # Repairing every span gives the twin back exactly.
    assert inj.repaired() == inj.clean
    # The twin is the source, or the source with same-length substitutions.
    assert len(inj.clean) == len(source)
    if inj.kind != "mojibake":
        assert inj.clean == source


@pytest.mark.parametrize(("kind", "variant"), ALL_VARIANTS)
def test_every_variant_injects_where_it_says(kind, variant):
    rng = random.Random(7)
    inj = inject(kind, ARTICLE, rng, variant=variant, is_word=small_dictionary)
    assert inj is not None, f"the test article has no place for {kind}/{variant}"
    assert inj.kind == kind and inj.variant == variant
    check_invariants(inj, ARTICLE)


def spans_of(kind, variant, seed=3):
    inj = inject(kind, ARTICLE, random.Random(seed), variant=variant, is_word=small_dictionary)
    assert inj is not None
    (s, e), repair = inj.spans[0], inj.repairs[0]
    return inj, inj.dirty[s:e], repair


@pytest.mark.parametrize("variant", KINDS["fused_word"].variants)
def test_fused_word_joins_two_real_adjacent_words(variant):
    _, dirty, repair = spans_of("fused_word", variant)
    w1, w2 = repair.split(" ")
    assert dirty == w1 + w2 and f"{w1} {w2}" in ARTICLE
    shape = f"{'Name' if w1[0].isupper() else 'lower'}+{'Name' if w2[0].isupper() else 'lower'}"
    assert shape == variant


def test_fused_word_never_makes_a_dictionary_word():
    text = "Headline\n\nShe walked in to the shop and went on to buy a new coat for the winter.\n"
    for cand in candidates("fused_word", text, random.Random(1), lambda w: w.lower() in {"into", "onto"}):
        assert cand.edits[0].replacement.lower() not in {"into", "onto"}


@pytest.mark.parametrize("variant", KINDS["stray_letter"].variants)
def test_stray_letter_is_one_letter_glued_to_the_front(variant):
    inj, dirty, repair = spans_of("stray_letter", variant)
    assert dirty[1:] == repair and dirty[0].islower() and dirty[0].isalpha()
    assert repair[0].isupper() == variant.endswith("Name")
    if variant == "echo+Name":
        s = inj.spans[0][0]
        assert inj.dirty[s - 2] == dirty[0]  # the previous word's last letter


@pytest.mark.parametrize("variant", KINDS["sentence_fusion"].variants)
def test_sentence_fusion_drops_the_space_after_the_stop(variant):
    _, dirty, repair = spans_of("sentence_fusion", variant)
    assert " " not in dirty and repair.replace(" ", "") == dirty and repair.count(" ") == 1
    assert any(p in repair for p in (". ", "? ", "! ", '." '))


def test_lost_apostrophe_becomes_a_space():
    for variant in KINDS["lost_apostrophe"].variants:
        _, dirty, repair = spans_of("lost_apostrophe", variant)
        assert repair.replace("'", " ") == dirty


def test_lowercase_start_lowers_one_capital():
    for variant in KINDS["lowercase_start"].variants:
        _, dirty, repair = spans_of("lowercase_start", variant)
        assert dirty[0].islower() and repair == dirty[0].upper() + dirty[1:]


def test_entities_decode_to_the_character_they_replaced():
    for variant in KINDS["html_entity"].variants:
        _, dirty, repair = spans_of("html_entity", variant)
        assert dirty.startswith("&") and dirty.endswith(";")
        assert html.unescape(dirty) == repair


@pytest.mark.parametrize("variant", KINDS["mojibake"].variants)
def test_mojibake_is_utf8_read_as_a_single_byte_code_page(variant):
    _, dirty, repair = spans_of("mojibake", variant)
    encoding = "latin-1" if variant.endswith("latin1") else "cp1252"
    assert dirty == repair.encode("utf-8").decode(encoding)
    assert repair in "£’—é"


def test_invisible_characters_are_single_and_repair_to_nothing_or_a_space():
    for variant in KINDS["invisible_char"].variants:
        _, dirty, repair = spans_of("invisible_char", variant)
        assert len(dirty) == 1 and (not dirty.isprintable() or dirty == "\u00a0")
        assert repair == (" " if variant.startswith("nbsp") else "")


def test_structural_kinds_insert_whole_paragraphs():
    inj, dirty, repair = spans_of("duplicated_paragraph", "adjacent")
    assert repair == "" and dirty.startswith("\n\n") and dirty[2:] in ARTICLE
    inj, _, _ = spans_of("repeated_source", "same-twice")
    assert len(inj.spans) == 2
    assert all(inj.dirty[s:e].strip().startswith("Source:") for s, e in inj.spans)
    _, dirty, repair = spans_of("author_bio", "short")
    assert repair == "" and " is a" in dirty


def test_positions_are_labelled_and_varied():
    wheres = {
        inject("invisible_char", ARTICLE, random.Random(1), where=w, is_word=small_dictionary).where
        for w in ("start", "middle", "end")
    }
    assert wheres == {"start", "middle", "end"}


def test_sample_is_seeded_cycles_variants_and_uses_each_article_once():
    many = [(f"{i}.txt", ARTICLE if i % 2 else ARTICLE_2) for i in range(12)]
    a = sample("lost_apostrophe", many, 6, seed=5, is_word=small_dictionary)
    b = sample("lost_apostrophe", many, 6, seed=5, is_word=small_dictionary)
    assert [(i.path, i.dirty) for i in a] == [(i.path, i.dirty) for i in b]
    assert len({i.path for i in a}) == len(a) == 6
    variants = [i.variant for i in a]
    assert set(variants) == set(KINDS["lost_apostrophe"].variants)
    c = sample("lost_apostrophe", many, 6, seed=6, is_word=small_dictionary)
    assert [i.path for i in a] != [i.path for i in c]  # another seed, another draw


def test_sample_passes_over_articles_without_a_place():
    plain = [("x.txt", "Headline\n\nno capitals no stops here at all\n"), *ARTICLES]
    out = sample("sentence_fusion", plain, 5, seed=1, is_word=small_dictionary)
    assert all(i.path != "x.txt" for i in out)
    assert len(out) == 2  # one per usable article


def test_every_kind_has_codes_and_a_fix_mode():
    for kind in KINDS.values():
        assert kind.codes and all(c.startswith("LN") for c in kind.codes)
        assert kind.variants
    assert {k for k, v in KINDS.items() if v.unsafe} == {
        "duplicated_paragraph",
        "repeated_source",
        "author_bio",
    }


def test_fix_modes_per_kind_and_variant():
    # Possessives are UNSAFE by LN203's own rule: measured unsafe, apart.
    apostrophe = KINDS["lost_apostrophe"]
    assert apostrophe.fix_mode == "safe"
    assert apostrophe.variant_fix_mode("contraction") == "safe"
    assert apostrophe.variant_fix_mode("possessive-name") == "unsafe"
    assert apostrophe.variant_fix_mode("possessive-common") == "unsafe"
    # LN301 only suggests a capital: no fix to measure against a target.
    assert KINDS["lowercase_start"].fix_mode == "none"
    assert KINDS["lowercase_start"].variant_fix_mode("name") == "none"
    assert KINDS["author_bio"].fix_mode == "unsafe"
    assert {k for k, v in KINDS.items() if v.fix_mode == "safe"} == {
        "fused_word",
        "stray_letter",
        "sentence_fusion",
        "lost_apostrophe",
        "html_entity",
        "mojibake",
        "invisible_char",
    }
    for kind in KINDS.values():
        assert set(kind.unsafe_variants) <= set(kind.variants)
