import re

from hypothesis import given
from hypothesis import strategies as st

from projects.search import parse

QUOTED_WORDS = re.compile(r'^"[^\W_]+( [^\W_]+)*"$')


def test_it_requires_every_word_leaving_out_stop_words():
    terms = parse("Repairs for the tenants")

    assert terms.groups == ((("repairs",),), (("tenants",),))
    assert terms.fts5() == '("repairs") AND ("tenants")'


def test_it_keeps_a_quoted_phrase_together_even_without_its_closing_quote():
    assert parse('"bin collection" data').groups == ((("bin", "collection"),), (("data",),))
    assert parse('waste "bin collection').groups == ((("waste",),), (("bin", "collection"),))


def test_it_accepts_either_word_either_side_of_or():
    terms = parse("planning OR licensing applications")

    assert terms.fts5() == '("planning" OR "licensing") AND ("applications")'


def test_it_leaves_out_words_after_a_minus_sign():
    terms = parse('housing -repairs -"council tax"')

    assert terms.fts5() == '("housing") NOT ("repairs" OR "council tax")'


def test_it_reads_punctuation_inside_a_word_as_a_phrase():
    assert parse("council's e-mail").groups == ((("council", "s"),), (("e", "mail"),))


def test_it_finds_nothing_to_ask_for_in_stop_words_and_operators_alone():
    for text in ["the", '"of the"', "or", "-housing", "OR OR", "*", '""', "- - -"]:
        assert parse(text).groups == (), text


@given(st.text())
def test_it_passes_nothing_but_quoted_words_to_fts5(text):
    terms = parse(text)
    phrases = [phrase for group in terms.groups for phrase in group] + list(terms.excluded)

    for phrase in phrases:
        assert QUOTED_WORDS.match('"' + " ".join(phrase) + '"')
    if terms.groups:
        tokens = re.split(r"\(|\)| AND | OR | NOT ", terms.fts5())
        assert all(QUOTED_WORDS.match(token) for token in tokens if token)
