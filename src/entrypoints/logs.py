"""loguru set up once, by the entrypoints: plain lines for people or JSON lines for machines.

There is one sink, and every line reaches it through the same steps (see log_lines): loguru's
own lines, the standard library's (granian, saq) routed into loguru, errors with their
tracebacks. Secrets are masked there, so no call site has to remember to.
"""

import logging
import sys
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import TYPE_CHECKING, Any, TextIO, TypeAlias

from loguru import logger

from boxoffice.entrypoints.log_lines import json_line, text_line
from boxoffice.entrypoints.log_redaction import Redactor, secrets_of
from boxoffice.entrypoints.settings import Settings, SettingsError

if TYPE_CHECKING:
    from loguru import Message, Record

Sink: TypeAlias = "TextIO | Callable[[Message], None]"
_LINE = "_line"
_TEXT = "<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> <level>{level: <7}</level> {extra[_line]}\n"
_JSON = "{extra[_line]}\n"
_configured = False


def configure_logging(
    level: str = "INFO", json: bool = False, secrets: Iterable[str] = (), sink: "Sink | None" = None
) -> None:
    """Replace every loguru handler with the one sink (stderr unless `sink` is given), which
    masks `secrets` and anything shaped like a secret."""
    global _configured
    redact = Redactor(secrets)
    debug = logger.level(level).no <= logging.DEBUG
    render = json_line if json else text_line

    def format_line(record: "Record") -> str:
        record["extra"][_LINE] = render(record, redact, debug)
        return _JSON if json else _TEXT

    logger.remove()
    # diagnose and backtrace off: loguru would print local values (request bodies, passwords,
    # tokens) and frames; format_line never prints a traceback anyway.
    logger.add(
        sink or sys.stderr,
        level=level,
        format=format_line,
        colorize=False if json else None,
        diagnose=False,
        backtrace=False,
    )
    _route_the_rest()
    _configured = True


def _route_the_rest() -> None:
    """What the standard library would print to stderr as multi-line tracebacks (asyncio's
    "Task exception was never retrieved", a library's warning, the error that ends the
    process) reaches the one sink instead."""
    root = logging.getLogger()
    if not any(isinstance(handler, StdlibToLoguru) for handler in root.handlers):
        root.addHandler(StdlibToLoguru())
    sys.excepthook = _log_crash


def _log_crash(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    logger.opt(exception=(kind, error, tb)).critical("stopped by an unexpected error")


def configure_logging_for(settings: Settings, sink: "Sink | None" = None) -> None:
    configure_logging(settings.logging.level, settings.logging.json, secrets_of(settings), sink)


class StdlibToLoguru(logging.Handler):
    """A standard library logger's lines join ours, named after the library (`saq: ...`)."""

    def emit(self, record: logging.LogRecord) -> None:
        known = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}
        level = record.levelname if record.levelname in known else "INFO"
        source = record.name.lstrip("_").split(".")[0]

        def as_its_source(loguru_record: "Record") -> None:
            loguru_record["name"] = record.name
            loguru_record["function"] = record.funcName
            loguru_record["line"] = record.lineno

        # One line, whatever the library wrote (psycopg quotes the server's multi-line errors).
        message = " ".join(record.getMessage().split())
        logger.patch(as_its_source).opt(exception=record.exc_info).log(
            level, "{}: {}", source, message
        )


def loguru_handler() -> logging.Handler:
    """What granian's logging configuration builds, in its main process and in each worker
    process, before the app factory runs there: loguru is set up first if it is not yet, so
    granian's first lines already go through the one sink."""
    if not _configured:
        try:
            configure_logging_for(Settings.from_env())
        except SettingsError:
            configure_logging()  # the app factory will fail with the clear message
    return StdlibToLoguru()


def granian_log_config() -> dict[str, Any]:
    """granian's `log_dictconfig`: its server and access loggers into loguru."""
    handler = {"()": f"{__name__}.{loguru_handler.__name__}"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "handlers": {"console": handler, "access": handler},
        "loggers": {
            "_granian": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "granian.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }
