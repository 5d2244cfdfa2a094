"""The points expression: the grammar exactly, Decimal arithmetic, errors naming the column; fuzzed."""

from decimal import Context, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitally.judging.expression import MAX_DEPTH, VARIABLES, ExpressionError, parse

CTX = Context(prec=40)  # the precision the expression computes with (docs/contests.md)
ROW = {
    "created": 1,
    "improved": 0,
    "translated": 0,
    "edits": 7,
    "bytes_added": 1234,
    "words_added": 250,
    "references_added": 3,
    "uploads": 2,
}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("10*created + 3*improved + words_added/100 + 0.5*references_added", Decimal("14.0")),
        ("1 + 2 * 3", Decimal(7)),
        ("(1 + 2) * 3", Decimal(9)),
        ("2 - 3 - 4", Decimal(-5)),
        ("24 / 4 / 2", Decimal(3)),
        ("-edits + +2", Decimal(-5)),
        ("0.1 + 0.2", Decimal("0.3")),
        (".5 * uploads", Decimal("1.0")),
        ("min(words_added, 100) + max(1, 2, edits)", Decimal(107)),
        ("words_added / (edits - 7)", Decimal(0)),  # division by zero is 0
        ("10 × created − 1 ÷ 2", Decimal("9.5")),
    ],
)
def test_expression_values(source, expected):
    assert parse(source).evaluate(ROW) == expected


def test_decimal_is_exact_where_float_is_not():
    assert parse("0.1 * 3").evaluate({}) == Decimal("0.3")
    assert str(parse("0.1 + 0.2").evaluate({})) == "0.3"


@pytest.mark.parametrize(
    ("source", "column"),
    [
        ("", 1),
        ("1 +", 4),
        ("10*createdd", 4),
        ("words_added // 2", 14),
        ("2 ** 3", 4),
        ("(1 + 2", 7),
        ("1 + 2)", 6),
        ("min()", 5),
        ("min 1", 5),
        ("__import__('os')", 1),
        ("1e5", 2),
        ("1.2.3", 4),
        ("edits; 1", 6),
        ("abs(edits)", 1),
        ("created and 1", 9),
        ("1 2", 3),
    ],
)
def test_bad_expressions_name_the_column(source, column):
    with pytest.raises(ExpressionError) as e:
        parse(source)
    assert e.value.column == column


def test_nesting_is_bounded():
    parse("(" * MAX_DEPTH + "1" + ")" * MAX_DEPTH)
    with pytest.raises(ExpressionError):
        parse("(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1))
    with pytest.raises(ExpressionError):
        parse("-" * 400 + "1")


def test_long_chains_stay_within_recursion():
    source = "+".join(["1"] * 250)  # the longest chain MAX_LENGTH lets through
    assert parse(source).evaluate(ROW) == 250


# -- fuzz: anything is either parsed by the grammar or refused with a column; never another exception

ALPHABET = "0123456789.+-*/()<>,_ abcdefghijklmnopqrstuvwxyz'\"[]{}=!&|%^~\\:;−×÷é\n\t"


@settings(max_examples=1500, derandomize=True, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_fuzz_only_grammar_or_error(source):
    try:
        expression = parse(source)
    except ExpressionError as e:
        assert 1 <= e.column <= len(source) + 1
        return
    value = expression.evaluate(ROW)
    assert isinstance(value, Decimal)
    assert expression.names() <= set(VARIABLES)


def _grammar():
    """(source, value) pairs built together: the value is computed alongside the text, so the oracle needs
    no parser (and no eval)."""
    leaf = st.one_of(
        st.sampled_from(VARIABLES).map(lambda v: (v, Decimal(ROW[v]))),
        st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False).map(
            lambda d: (str(d), d)
        ),
    )

    def combine(inner):
        def binary(t):
            (a, x), op, (b, y) = t
            value = {"+": CTX.add, "-": CTX.subtract, "*": CTX.multiply}[op](x, y)
            return f"({a} {op} {b})", value

        return st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*"]), inner).map(binary),
            st.lists(inner, min_size=1, max_size=3).map(
                lambda xs: (f"max({', '.join(a for a, _ in xs)})", max(v for _, v in xs))
            ),
            st.lists(inner, min_size=1, max_size=3).map(
                lambda xs: (f"min({', '.join(a for a, _ in xs)})", min(v for _, v in xs))
            ),
            inner.map(lambda p: (f"-{p[0]}", CTX.minus(p[1]))),
        )

    return st.recursive(leaf, combine, max_leaves=12)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(_grammar())
def test_generated_grammar_parses_to_its_value(pair):
    source, expected = pair
    assert parse(source).evaluate(ROW) == expected
