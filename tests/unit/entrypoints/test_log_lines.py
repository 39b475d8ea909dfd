"""Every log line is one line, in text and JSON mode, whatever the record holds."""

import json
import logging
import logging.config
import sys
from collections.abc import Iterator

import pytest
from loguru import logger

from boxoffice.entrypoints.logs import configure_logging, granian_log_config
from tests.log_capture import restored_logging

SECRET = "a-configured-secret-0123456789"


@pytest.fixture
def lines() -> Iterator[list[str]]:
    with restored_logging() as captured:
        yield captured


def fail_with_a_password_in_scope() -> None:
    password = "Local-Value-Not-Logged"
    raise ValueError(f"could not check {len(password)} characters") from KeyError("user")


@pytest.mark.parametrize("json_mode", [False, True])
def test_an_error_at_debug_is_one_line_with_its_frames_but_no_local_values_or_paths(
    lines: list[str], json_mode: bool
) -> None:
    configure_logging("DEBUG", json_mode, sink=lines.append)
    try:
        fail_with_a_password_in_scope()
    except ValueError:
        logger.exception("check failed")

    [line] = lines
    assert line.count("\n") == 1
    assert "Local-Value-Not-Logged" not in line
    raised_at = fail_with_a_password_in_scope.__code__.co_firstlineno + 2
    frame = f"tests/unit/entrypoints/test_log_lines.py:{raised_at} in fail_with_a_password_in_scope"
    if json_mode:
        error = json.loads(line)["error"]
        assert error["type"] == "ValueError"
        assert error["cause"] == "KeyError: 'user'"
        assert error["traceback"][-1] == frame
    else:
        assert "ValueError: could not check 22 characters (from KeyError: 'user')" in line
        assert f" | at {frame} < " in line  # innermost first
    assert sys.prefix not in line
    assert "/tests/" not in line


def test_an_error_at_info_names_its_type_and_message_without_frames(lines: list[str]) -> None:
    configure_logging("INFO", sink=lines.append)
    try:
        fail_with_a_password_in_scope()
    except ValueError:
        logger.exception("check failed")

    [line] = lines
    assert line.endswith(
        "check failed | ValueError: could not check 22 characters (from KeyError: 'user')\n"
    )


def test_a_long_error_message_is_cut_after_its_secrets_are_masked(lines: list[str]) -> None:
    configure_logging("INFO", json=True, secrets=[SECRET], sink=lines.append)
    try:
        raise RuntimeError("x" * 490 + SECRET + "y" * 100)
    except RuntimeError:
        logger.exception("failed")

    message = json.loads(lines[0])["error"]["message"]
    assert message.endswith("...")
    assert "[redacted]" in message
    assert not any(SECRET[i : i + 8] in lines[0] for i in range(len(SECRET) - 7))


def test_a_json_line_is_ascii_so_no_unicode_line_break_splits_it(lines: list[str]) -> None:
    configure_logging("INFO", json=True, sink=lines.append)
    logger.info("Priyā\u2028INFO forged\x85line")

    assert len(lines[0].splitlines()) == 1
    assert json.loads(lines[0])["message"] == "Priyā\u2028INFO forged\x85line"


def test_granians_standard_library_lines_go_through_the_same_sink(lines: list[str]) -> None:
    configure_logging("INFO", json=True, secrets=[SECRET], sink=lines.append)
    logging.config.dictConfig(granian_log_config())
    logging.getLogger("_granian").info("Listening at: %s", f"http://u:{SECRET}@127.0.0.1:1")

    line = json.loads(lines[0])
    assert line["logger"] == "_granian"
    assert line["message"] == "granian: Listening at: http://u:[redacted]@127.0.0.1:1"


def test_a_standard_library_error_and_a_crash_are_one_line_each(lines: list[str]) -> None:
    configure_logging("INFO", sink=lines.append)
    try:
        fail_with_a_password_in_scope()
    except ValueError as e:
        logging.getLogger("asyncio").error("Task exception was never retrieved", exc_info=e)
        sys.excepthook(type(e), e, e.__traceback__)

    assert len(lines) == 2
    assert all(line.count("\n") == 1 for line in lines)
    assert "asyncio: Task exception was never retrieved | ValueError: could not" in lines[0]
    assert "CRITICAL stopped by an unexpected error | ValueError: could not" in lines[1]
