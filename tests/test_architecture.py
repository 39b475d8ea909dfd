"""The layers are checked by import-linter (contracts in pyproject.toml), as part of the tests."""

import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
# What the application layer may import besides the domain and its own ports.
APPLICATION_MAY_USE = {"loguru"}


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    # The copy's package folder comes first on the path, before the editable install's.
    env = {**os.environ, "PYTHONPATH": str(project / "packages")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(project / "pyproject.toml"), "--no-cache"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_layer_contract_is_kept() -> None:
    result = lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 6 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden", "contract"),
    [
        ("domain/money.py", "import sqlalchemy", "The domain is pure"),
        ("domain/events.py", "import boxoffice.application.errors", "Layers flow one way"),
        ("application/services/auth.py", "import jwt", "The application knows no infrastructure"),
        # The application importing an adapter also joins adapter packages through it.
        (
            "application/errors.py",
            "import boxoffice.adapters.system.clock",
            (
                "Layers flow one way",
                "Only the composition roots import the adapters",
                "Adapter packages are independent of each other",
            ),
        ),
        ("domain/events.py", "import saq", "The domain is pure"),
        ("domain/clock.py", "import granian", "The domain is pure"),
        (
            "application/models/markets.py",
            "import croniter",
            "The application knows no infrastructure",
        ),
        (
            "entrypoints/http/controllers/health.py",
            "import boxoffice.adapters.sqlalchemy.engine",
            "Only the composition roots import the adapters",
        ),
        (
            "entrypoints/notifications/consumer.py",
            "from boxoffice.adapters.messaging import memory",
            "Only the composition roots import the adapters",
        ),
        (
            "entrypoints/worker.py",
            "import boxoffice.adapters.system.clock",
            "Only the composition roots import the adapters",
        ),
        (
            "adapters/sqlalchemy/outbox.py",
            "import boxoffice.adapters.messaging.memory",
            "Adapter packages are independent of each other",
        ),
        (
            "adapters/oidc/token_verifier.py",
            "import boxoffice.adapters.security.jwt_tokens",
            "Adapter packages are independent of each other",
        ),
        (
            "entrypoints/notifications/controllers.py",
            "import boxoffice.entrypoints.http.schemas.common",
            "The two services' HTTP packages are independent",
        ),
        (
            "entrypoints/http/controllers/health.py",
            "import boxoffice.entrypoints.notifications.hub",
            "The two services' HTTP packages are independent",
        ),
        # What the services share may lean on neither: that would join them.
        (
            "entrypoints/edge/problems.py",
            "import boxoffice.entrypoints.http.rate_limit",
            "The two services' HTTP packages are independent",
        ),
        # What adapter packages share may lean on none of them: that would join them.
        (
            "adapters/numeric_dates.py",
            "import boxoffice.adapters.system.clock",
            "Adapter packages are independent of each other",
        ),
    ],
)
def test_an_import_against_the_layers_breaks_a_contract(
    tmp_path: Path, module: str, forbidden: str, contract: str | tuple[str, ...]
) -> None:
    expected = (contract,) if isinstance(contract, str) else contract
    package = tmp_path / "packages" / "boxoffice"
    shutil.copytree(ROOT / "src", package, ignore=shutil.ignore_patterns("*.egg-info"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = package / module
    target.write_text(target.read_text() + f"\n{forbidden}  # noqa\n")

    result = lint_imports(tmp_path)

    broken = re.findall(r"^(.+) BROKEN(?: \(.*\))?$", result.stdout, re.M)
    assert result.returncode != 0
    assert len(broken) == len(expected), result.stdout
    assert all(any(name.startswith(e) for name in broken) for e in expected), result.stdout


def _name(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def modules_of_the_dependencies() -> set[str]:
    """The top-level modules of every distribution pyproject lists, runtime and dev."""
    project = PYPROJECT["project"]
    listed = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    wanted = {
        _name(re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0]) for requirement in listed
    }
    found: dict[str, set[str]] = {}
    for module, distributions in importlib.metadata.packages_distributions().items():
        for distribution in distributions:
            if _name(distribution) in wanted and module.isidentifier() and module[0] != "_":
                found.setdefault(_name(distribution), set()).add(module)
    assert set(found) == wanted, f"not installed: {sorted(wanted - set(found))}"
    return {module for modules in found.values() for module in modules}


@pytest.mark.parametrize(
    ("contract", "allowed"),
    [
        ("The domain is pure", set()),
        ("The application knows no infrastructure", APPLICATION_MAY_USE),
    ],
)
def test_the_purity_contracts_forbid_every_dependency(contract: str, allowed: set[str]) -> None:
    (forbidden,) = [
        set(c["forbidden_modules"])
        for c in PYPROJECT["tool"]["importlinter"]["contracts"]
        if c["name"].startswith(contract)
    ]

    missing = modules_of_the_dependencies() - allowed - forbidden

    assert not missing, f"add to the forbidden_modules of {contract!r}: {sorted(missing)}"


def test_the_independence_contract_lists_every_adapter_package() -> None:
    (listed,) = [
        set(c["modules"])
        for c in PYPROJECT["tool"]["importlinter"]["contracts"]
        if c["name"] == "Adapter packages are independent of each other"
    ]
    packages = {
        f"boxoffice.adapters.{p.name}"
        for p in (ROOT / "src" / "adapters").iterdir()
        if (p / "__init__.py").is_file()
    }

    assert packages == listed


def imports_of_the_tests(source: str) -> set[str]:
    """The modules of the tests' package that an `import` or `from ... import` names, at any
    depth of the module (inside functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return {module for module in found if module.split(".")[0] == "tests"}


def test_the_benchmarks_import_nothing_from_the_tests() -> None:
    scripts = sorted((ROOT / "bench").glob("**/*.py"))

    found = {str(s.relative_to(ROOT)): imports_of_the_tests(s.read_text()) for s in scripts}

    assert scripts
    assert {script: modules for script, modules in found.items() if modules} == {}


@pytest.mark.parametrize(
    "statement",
    [
        "from tests.e2e.races.servers import server_environment",
        "import tests.fake_ticketmaster",
        "def later():\n    from tests import conftest",
    ],
)
def test_an_import_of_the_tests_is_found(statement: str) -> None:
    source = (ROOT / "bench" / "notifications.py").read_text() + "\n" + statement + "\n"

    assert imports_of_the_tests(source)
