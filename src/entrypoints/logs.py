"""loguru set up once, by the entrypoints: plain lines for people or JSON lines for machines."""

import sys

from loguru import logger


def configure_logging(level: str = "INFO", json: bool = False) -> None:
    logger.remove()
    if json:
        logger.add(sys.stderr, level=level, serialize=True)
        return
    logger.add(
        sys.stderr,
        level=level,
        format="<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> <level>{level: <7}</level> "
        "{message} <dim>{extra}</dim>",
    )
