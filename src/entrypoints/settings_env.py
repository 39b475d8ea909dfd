"""Reading BOXOFFICE_* values: the .env file's syntax, typed parsing, and names nobody reads."""

import difflib
import re
from collections.abc import Mapping, Set
from pathlib import Path
from typing import Any

PREFIX = "BOXOFFICE_"
# Read by the test suite and the benchmarks, not by the service: no warning for them.
NOT_SETTINGS_PREFIXES = ("BOXOFFICE_TEST_", "BOXOFFICE_BENCH_")
NOT_SETTINGS = frozenset({"BOXOFFICE_TICKETMASTER_FIXTURES"})
# A quoted value (its quotes removed, a # inside kept), or an unquoted one, which ends where
# whitespace and a # start a comment.
_QUOTED = re.compile(r"""^(?P<quote>["'])(?P<value>.*?)(?P=quote)\s*(?:#.*)?$""")
_COMMENT = re.compile(r"\s+#.*$")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names it."""


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines; blank lines and # comments skipped, also after a value
    (`KEY=value # note` is `value`), surrounding quotes removed (`KEY="a # b"` is `a # b`)."""
    if not path.is_file():
        return {}
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        values[key.strip()] = _env_file_value(value.strip())
    return values


def _env_file_value(raw: str) -> str:
    quoted = _QUOTED.match(raw)
    if quoted:
        return quoted.group("value")
    if raw.startswith("#"):  # `KEY= # note`: nothing but a comment
        return ""
    return _COMMENT.sub("", raw)


def parse(key: str, raw: str, kind: Any) -> Any:
    """`raw` as the field's type (bool, int, float or str); a clear error naming `key`."""
    if kind in (bool, "bool"):
        if raw.strip().lower() in {"1", "true", "yes", "on"}:
            return True
        if raw.strip().lower() in {"0", "false", "no", "off", ""}:
            return False
        raise SettingsError(f"{key} must be true or false, not {raw!r}")
    if kind in (int, "int"):
        try:
            return int(raw)
        except ValueError:
            raise SettingsError(f"{key} must be a whole number, not {raw!r}") from None
    if kind in (float, "float"):
        try:
            return float(raw)
        except ValueError:
            raise SettingsError(f"{key} must be a number, not {raw!r}") from None
    return raw


def unknown_names(values: Mapping[str, str], known: Set[str]) -> list[str]:
    """One warning per BOXOFFICE_* name no setting reads (a typo is otherwise silently
    ignored), with the closest known name when there is one."""
    warnings = []
    names = (n for n in values if n.startswith(PREFIX) and n not in known | NOT_SETTINGS)
    for name in sorted(n for n in names if not n.startswith(NOT_SETTINGS_PREFIXES)):
        # Compared without the prefix they all share, which would make any name look close.
        suffixes = [k.removeprefix(PREFIX) for k in known]
        close = difflib.get_close_matches(name.removeprefix(PREFIX), suffixes, n=1)
        hint = f"; did you mean {PREFIX}{close[0]}?" if close else ""
        warnings.append(f"{name} is not a setting and is ignored{hint}")
    return warnings
