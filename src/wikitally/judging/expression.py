"""The `points` expression: its own tokenizer and recursive-descent parser, evaluated in Decimal.

Grammar (nothing else is accepted; Python's eval is never used):

    expr    := term (("+" | "-") term)*
    term    := unary (("*" | "/") unary)*
    unary   := ("+" | "-") unary | primary
    primary := NUMBER | NAME | ("min" | "max") "(" expr ("," expr)* ")" | "(" expr ")"

NUMBER is digits with an optional fraction (`12`, `0.5`, `.5`); NAME one of VARIABLES. "−" (minus sign),
"×" and "÷" are read as "-", "*" and "/". Division by zero gives 0 (an entry with no edits must not stop
the results). Arithmetic is Decimal with 40 significant digits: 0.1 + 0.2 is exactly 0.3.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Context, Decimal

VARIABLES = (
    "created",
    "improved",
    "translated",
    "edits",
    "bytes_added",
    "words_added",
    "references_added",
    "uploads",
)
FUNCTIONS = ("min", "max")
MAX_LENGTH = 500  # characters: a formula is a line (and a chain of 250 terms stays well within recursion)
MAX_DEPTH = 60  # nesting of parentheses and signs: bounds the recursion
_CONTEXT = Context(prec=40)
_SYMBOLS = {
    "+": "+",
    "-": "-",
    "−": "-",
    "*": "*",
    "×": "*",
    "/": "/",
    "÷": "/",
    "(": "(",
    ")": ")",
    ",": ",",
}


class ExpressionError(ValueError):
    """A bad expression: `column` (1-based) is where the problem starts."""

    def __init__(self, column: int, message: str) -> None:
        super().__init__(f"column {column}: {message}")
        self.column, self.message = column, message


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "name", "op" (its text is the ASCII operator) or "end"
    text: str
    column: int


def tokenize(source: str) -> list[Token]:
    if len(source) > MAX_LENGTH:
        raise ExpressionError(MAX_LENGTH + 1, f"longer than {MAX_LENGTH} characters")
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c in " \t":
            i += 1
        elif c in _SYMBOLS:
            tokens.append(Token("op", _SYMBOLS[c], i + 1))
            i += 1
        elif c.isascii() and (c.isdigit() or c == "."):
            j = i
            while j < n and source[j].isascii() and source[j].isdigit():
                j += 1
            if j < n and source[j] == ".":
                j += 1
                k = j
                while j < n and source[j].isascii() and source[j].isdigit():
                    j += 1
                if j == k and (j - 1 == i):  # a lone "."
                    raise ExpressionError(i + 1, "a number needs digits")
            if j < n and (source[j] == "." or (source[j].isascii() and source[j].isalpha())):
                raise ExpressionError(j + 1, f"unexpected {source[j]!r} after a number")
            tokens.append(Token("num", source[i:j], i + 1))
            i = j
        elif c.isascii() and (c.isalpha() or c == "_"):
            j = i
            while j < n and source[j].isascii() and (source[j].isalnum() or source[j] == "_"):
                j += 1
            word = source[i:j]
            if word not in VARIABLES and word not in FUNCTIONS:
                close = difflib.get_close_matches(word, (*VARIABLES, *FUNCTIONS), n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                raise ExpressionError(i + 1, f"unknown name {word!r}{hint}")
            tokens.append(Token("name", word, i + 1))
            i = j
        else:
            raise ExpressionError(i + 1, f"unexpected character {c!r}")
    tokens.append(Token("end", "", n + 1))
    return tokens


# The tree: ("num", Decimal) | ("var", name) | ("neg", node) | (op, left, right) | ("min"/"max", [nodes])
Node = tuple[object, ...]


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens, self.pos, self.depth = tokens, 0, 0

    @property
    def peek(self) -> Token:
        return self.tokens[self.pos]

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expect(self, text: str) -> None:
        token = self.take()
        if token.kind != "op" or token.text != text:
            raise ExpressionError(token.column, f"expected {text!r}, found {_described(token)}")

    def deeper(self, column: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(column, f"nested more than {MAX_DEPTH} deep")

    def expr(self) -> Node:
        node = self.term()
        while self.peek.kind == "op" and self.peek.text in "+-":
            op = self.take().text
            node = (op, node, self.term())
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.peek.kind == "op" and self.peek.text in "*/":
            op = self.take().text
            node = (op, node, self.unary())
        return node

    def unary(self) -> Node:
        token = self.peek
        if token.kind == "op" and token.text in "+-":
            self.take()
            self.deeper(token.column)
            inner = self.unary()
            self.depth -= 1
            return ("neg", inner) if token.text == "-" else inner
        return self.primary()

    def primary(self) -> Node:
        token = self.take()
        if token.kind == "num":
            return ("num", Decimal(token.text))
        if token.kind == "name" and token.text in FUNCTIONS:
            self.expect("(")
            self.deeper(token.column)
            args = [self.expr()]
            while self.peek.kind == "op" and self.peek.text == ",":
                self.take()
                args.append(self.expr())
            self.expect(")")
            self.depth -= 1
            return (token.text, args)
        if token.kind == "name":
            return ("var", token.text)
        if token.kind == "op" and token.text == "(":
            self.deeper(token.column)
            node = self.expr()
            self.expect(")")
            self.depth -= 1
            return node
        raise ExpressionError(token.column, f"expected a number, a name or '(', found {_described(token)}")


def _described(token: Token) -> str:
    return "the end" if token.kind == "end" else repr(token.text)


@dataclass(frozen=True)
class Expression:
    """A parsed `points` formula; `source` as written."""

    source: str
    tree: Node

    def evaluate(self, numbers: Mapping[str, Decimal | int]) -> Decimal:
        """The formula's value for one entry's numbers (a missing name is 0)."""
        return self._compiled(numbers)

    @functools.cached_property
    def _compiled(self) -> Callable[[Mapping[str, Decimal | int]], Decimal]:
        return _compile(self.tree)

    def names(self) -> frozenset[str]:
        return frozenset(_names(self.tree))


def parse(source: str) -> Expression:
    """The expression, or ExpressionError naming the column of the first problem."""
    parser = _Parser(tokenize(source))
    if parser.peek.kind == "end":
        raise ExpressionError(1, "empty expression")
    tree = parser.expr()
    if parser.peek.kind != "end":
        token = parser.peek
        raise ExpressionError(token.column, f"unexpected {_described(token)}")
    return Expression(source, tree)


Compiled = Callable[[Mapping[str, Decimal | int]], Decimal]


def _compile(node: Node) -> Compiled:
    """The tree as nested closures (built once per formula): no tree walk per entry."""
    kind = node[0]
    if kind == "num":
        value = node[1]
        return lambda numbers: value  # type: ignore[return-value]
    if kind == "var":
        name = str(node[1])
        return lambda numbers: Decimal(numbers.get(name, 0))
    if kind == "neg":
        inner = _compile(node[1])  # type: ignore[arg-type]
        return lambda numbers: _CONTEXT.minus(inner(numbers))
    if kind in FUNCTIONS:
        args = [_compile(arg) for arg in node[1]]  # type: ignore[attr-defined]
        pick = min if kind == "min" else max
        return lambda numbers: pick(f(numbers) for f in args)
    left, right = _compile(node[1]), _compile(node[2])  # type: ignore[arg-type]
    if kind == "/":
        return lambda numbers: _divide(left(numbers), right(numbers))
    op = {"+": _CONTEXT.add, "-": _CONTEXT.subtract, "*": _CONTEXT.multiply}[str(kind)]
    return lambda numbers: op(left(numbers), right(numbers))


def _divide(left: Decimal, right: Decimal) -> Decimal:
    return Decimal(0) if right == 0 else _CONTEXT.divide(left, right)


def _names(node: Node) -> list[str]:
    kind = node[0]
    if kind == "num":
        return []
    if kind == "var":
        return [str(node[1])]
    if kind == "neg":
        return _names(node[1])  # type: ignore[arg-type]
    if kind in FUNCTIONS:
        return [n for arg in node[1] for n in _names(arg)]  # type: ignore[attr-defined]
    return _names(node[1]) + _names(node[2])  # type: ignore[arg-type]
