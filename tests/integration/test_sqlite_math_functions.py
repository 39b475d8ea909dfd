"""The "near" filter's sin and cos on SQLite: native when the build has math functions, and
registered on connect when it has not (a build without them is imitated here)."""

import math
import sqlite3
from collections.abc import Callable
from typing import Any

from boxoffice.adapters.sqlalchemy.engine import add_missing_math_functions


class NoFunctionsListed:
    def execute(self, sql: str) -> None:
        assert "pragma_function_list" in sql

    def fetchall(self) -> list[tuple[str]]:
        return []

    def close(self) -> None:
        pass


class WithoutMathFunctions:
    """A connection whose SQLite, as far as the check can tell, lacks sin and cos."""

    def __init__(self, real: sqlite3.Connection) -> None:
        self.real = real
        self.registered: list[str] = []
        # The check's cursor lists no function, unless a test hands it the real one.
        self.cursor: Callable[[], NoFunctionsListed | sqlite3.Cursor] = NoFunctionsListed

    def create_function(self, name: str, arity: int, function: Any, **options: Any) -> None:
        self.registered.append(name)
        self.real.create_function(name, arity, function, **options)


def test_missing_sin_and_cos_are_registered_and_keep_nulls() -> None:
    real = sqlite3.connect(":memory:")
    connection = WithoutMathFunctions(real)

    add_missing_math_functions(connection)

    assert sorted(connection.registered) == ["cos", "sin"]
    sin, cos, none = real.execute("SELECT sin(0.5), cos(0.5), sin(NULL)").fetchone()
    assert (sin, cos, none) == (math.sin(0.5), math.cos(0.5), None)


def test_a_build_with_math_functions_keeps_its_own() -> None:
    real = sqlite3.connect(":memory:")
    connection = WithoutMathFunctions(real)
    connection.cursor = real.cursor

    add_missing_math_functions(connection)

    assert connection.registered == []
