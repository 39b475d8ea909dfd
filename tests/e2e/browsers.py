"""Debian's Chromium for the Python browser tests, never a downloaded browser."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.conftest import ON_CI

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> Iterator[Browser]:
    """A launched Chromium, closed afterwards. Without one the test skips on a developer
    machine and fails on CI, where the browser tests are required."""
    if not CHROMIUM.exists():
        how = "Chromium is not installed (apt-get install -y chromium fonts-liberation)"
        if ON_CI:
            pytest.fail(f"the browser tests are required on CI: {how}")
        pytest.skip(how)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()
