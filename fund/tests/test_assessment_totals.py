"""The weighted total of an assessor's scores, and how totals are shown."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from fund.assessment import one_decimal, weighted_total

scores = st.integers(min_value=0, max_value=4)
weights = st.integers(min_value=1, max_value=100)
applicable = st.lists(st.tuples(scores, weights), min_size=1, max_size=8)
not_applicable = st.lists(st.tuples(st.none(), st.integers(min_value=0, max_value=100)), max_size=8)


def test_it_weights_each_score():
    assert weighted_total([(4, 30), (2, 70)]) == Fraction(4 * 30 + 2 * 70, 100)


def test_it_leaves_out_a_criterion_marked_not_applicable_rather_than_counting_zero():
    assert weighted_total([(4, 40), (None, 60)]) == 4
    assert weighted_total([(4, 40), (0, 60)]) == Fraction(160, 100)


def test_it_has_no_total_when_nothing_applies():
    assert weighted_total([(None, 40), (None, 60)]) is None
    assert weighted_total([]) is None


@given(applicable, not_applicable)
def test_not_applicable_criteria_never_change_the_total(pairs, left_out):
    assert weighted_total(pairs + left_out) == weighted_total(pairs)


@given(scores, st.lists(weights, min_size=1, max_size=8), not_applicable)
def test_equal_scores_give_that_score_whatever_the_weights(score, criterion_weights, left_out):
    assert weighted_total([(score, weight) for weight in criterion_weights] + left_out) == score


@given(applicable)
def test_the_total_lies_between_the_lowest_and_highest_score(pairs):
    total = weighted_total(pairs)
    assert min(score for score, _ in pairs) <= total <= max(score for score, _ in pairs)


@given(applicable, st.integers(min_value=2, max_value=10))
def test_scaling_every_weight_keeps_the_total(pairs, factor):
    assert weighted_total([(score, weight * factor) for score, weight in pairs]) == weighted_total(pairs)


@given(applicable, st.integers(min_value=0, max_value=7))
def test_raising_one_score_never_lowers_the_total(pairs, index):
    position = index % len(pairs)
    score, weight = pairs[position]
    raised = [*pairs[:position], (min(score + 1, 4), weight), *pairs[position + 1 :]]
    assert weighted_total(raised) >= weighted_total(pairs)


def test_it_shows_one_decimal_place_rounding_halves_up():
    assert one_decimal(Fraction(5, 2)) == "2.5"
    assert one_decimal(Fraction(9, 4)) == "2.3"
    assert one_decimal(Fraction(3)) == "3.0"
    assert one_decimal(None) == "Not scored yet"
