"""Log lines captured in a list, through the same sink the entrypoints configure, and loguru,
the standard library's root logger and sys.excepthook put back as they were afterwards."""

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from loguru import logger

from boxoffice.entrypoints.logs import StdlibToLoguru


@contextmanager
def restored_logging() -> Iterator[list[str]]:
    captured: list[str] = []
    try:
        yield captured
    finally:
        logger.remove()
        logger.add(sys.stderr)
        sys.excepthook = sys.__excepthook__
        root = logging.getLogger()
        for handler in [h for h in root.handlers if isinstance(h, StdlibToLoguru)]:
            root.removeHandler(handler)
