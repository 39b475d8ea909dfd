"""pytest-timeout's signal method, plus the stacks of the stuck test's asyncio tasks.

A stuck async test sits in the event loop's `select`, so the main thread's stack (all that
pytest-timeout prints) only shows the loop waiting; what each task awaits is what tells why.
"""

import asyncio
import io
import signal
import threading
from types import FrameType
from typing import Any

import pytest
import pytest_timeout


def _print_tasks(item: pytest.Item) -> None:
    loop = asyncio._get_running_loop()  # the handler runs inside the loop's select, if any
    if loop is None:
        return
    terminal = item.config.get_terminal_writer()
    for task in asyncio.all_tasks(loop):
        stack = io.StringIO()
        task.print_stack(file=stack)
        terminal.sep("~", title=f"asyncio task {task.get_name()}")
        terminal.write(stack.getvalue())


@pytest.hookimpl(tryfirst=True)
def pytest_timeout_set_timer(item: pytest.Item, settings: Any) -> bool | None:
    if settings.method != "signal" or threading.current_thread() is not threading.main_thread():
        return None  # pytest-timeout's own timer (signals reach the main thread only)

    def handler(signum: int, frame: FrameType | None) -> None:
        __tracebackhide__ = True
        _print_tasks(item)
        pytest_timeout.timeout_sigalrm(item, settings)

    def cancel() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)

    item.cancel_timeout = cancel  # type: ignore[attr-defined]  # read by pytest-timeout
    signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, settings.timeout)
    return True
