"""Every module in application/use_cases is one use case: one class whose one public method is
`async def execute(self, command)`, or `execute(self)` for a request that needs no input."""

import ast
from pathlib import Path

import pytest

USE_CASES = Path(__file__).resolve().parents[3] / "src" / "application" / "use_cases"
MODULES = sorted(p for p in USE_CASES.glob("*.py") if p.name != "__init__.py")


def use_cases_in(module: Path) -> list[ast.ClassDef]:
    tree = ast.parse(module.read_text())
    return [
        node
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        and any(isinstance(f, ast.AsyncFunctionDef) and f.name == "execute" for f in node.body)
    ]


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.stem)
def test_a_use_case_module_holds_one_use_case_with_one_execute_of_one_command(
    module: Path,
) -> None:
    [use_case] = use_cases_in(module)
    public = [
        f
        for f in use_case.body
        if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef) and not f.name.startswith("_")
    ]
    [execute] = public
    arguments = execute.args

    assert execute.name == "execute"
    assert isinstance(execute, ast.AsyncFunctionDef)
    assert len(arguments.args) in (1, 2)  # self, and the command when there is one
    assert (arguments.kwonlyargs, arguments.defaults) == ([], [])
    assert (arguments.vararg, arguments.kwarg) == (None, None)


def test_the_shape_check_sees_every_use_case() -> None:
    assert len(MODULES) > 30
    assert all(use_cases_in(module) for module in MODULES)
