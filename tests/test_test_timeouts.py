"""The suite's own ceiling: a stuck test fails with its stack and the run goes on."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
STUCK = """
import asyncio

async def wait_for_a_reply_that_never_comes():
    await asyncio.Event().wait()

async def test_stuck():
    await wait_for_a_reply_that_never_comes()

def test_after():
    pass
"""


def test_the_configured_ceiling_is_generous_and_prints_the_stack(
    pytestconfig: pytest.Config,
) -> None:
    assert float(pytestconfig.getini("timeout")) >= 300
    assert pytestconfig.getini("timeout_method") == "signal"


def test_a_stuck_test_fails_with_its_stack_and_the_next_test_still_runs(tmp_path: Path) -> None:
    (tmp_path / "test_stuck.py").write_text(STUCK)
    hook = "from tests.stuck_tests import pytest_timeout_set_timer\n"
    (tmp_path / "conftest.py").write_text(hook)
    # The project's configuration, with a ceiling short enough for this test.
    command = [sys.executable, "-m", "pytest", "-c", str(REPOSITORY / "pyproject.toml")]
    command += ["--rootdir", str(tmp_path), "-p", "no:cacheprovider", "-o", "timeout=2"]
    done = subprocess.run(
        [*command, str(tmp_path / "test_stuck.py")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
    )

    assert done.returncode == 1, done.stdout
    assert "Timeout (>2.0s) from pytest-timeout" in done.stdout, done.stdout
    assert "wait_for_a_reply_that_never_comes" in done.stdout  # what the stuck task awaits
    assert "1 failed, 1 passed" in done.stdout
