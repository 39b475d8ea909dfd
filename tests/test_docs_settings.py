"""docs/configuration.md documents every setting, with its default, and no setting that is gone.

Read from the tables' first two columns: `| `BOXOFFICE_HOST`, `BOXOFFICE_PORT` | `127.0.0.1`,
`8000` | ...`. A setting without a value by default is described in words (`(none)`,
`(empty: ...)`), so its default cell starts with no code span.
"""

import re
from dataclasses import MISSING, Field
from pathlib import Path

from boxoffice.entrypoints.settings import PREFIX, Settings

CONFIGURATION = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"
ROW = re.compile(r"^\|([^|\n]*)\|([^|\n]*)\|", re.MULTILINE)
CODE = re.compile(r"`([^`]*)`")
# Read by the tests and the benchmarks, not by the service (see settings_env.py).
NOT_SETTINGS = ("BOXOFFICE_TEST_", "BOXOFFICE_BENCH_")


def settings_fields() -> dict[str, Field[object]]:
    return {variable: f for variable, (_, f) in Settings.variables().items()}


def documented_defaults(text: str) -> dict[str, str | None]:
    """Each documented variable and the default its row shows (None: described in words)."""
    found: dict[str, str | None] = {}
    for names_cell, default_cell in ROW.findall(text):
        names = [name for name in CODE.findall(names_cell) if name.startswith(PREFIX)]
        values = CODE.findall(default_cell) if default_cell.strip().startswith("`") else []
        for index, name in enumerate(names):
            found[name] = values[index] if index < len(values) else None
    return found


def as_documented(value: object) -> str | None:
    """A default as the docs write it: `false`, `10` for 10.0; None for none or an empty
    string."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value) if value != "" else None


def test_every_setting_is_documented_in_the_configuration_page() -> None:
    documented = documented_defaults(CONFIGURATION.read_text(encoding="utf-8"))
    missing = sorted(set(settings_fields()) - set(documented))
    assert not missing, f"docs/configuration.md does not document {missing}"


def test_the_configuration_page_documents_no_variable_the_service_does_not_read() -> None:
    documented = documented_defaults(CONFIGURATION.read_text(encoding="utf-8"))
    service_names = {name for name in documented if not name.startswith(NOT_SETTINGS)}
    unknown = sorted(service_names - set(settings_fields()))
    assert not unknown, f"docs/configuration.md documents {unknown}, which are not settings"


def test_every_documented_default_is_the_one_in_the_code() -> None:
    documented = documented_defaults(CONFIGURATION.read_text(encoding="utf-8"))
    wrong = []
    for name, field in settings_fields().items():
        default = field.default if field.default is not MISSING else None
        if name in documented and documented[name] != as_documented(default):
            wrong.append(f"{name}: documented {documented[name]!r}, code {default!r}")
    assert not wrong, "\n".join(wrong)


def test_a_row_of_two_variables_gives_each_its_own_default() -> None:
    row = "| `BOXOFFICE_HOST`, `BOXOFFICE_PORT` | `127.0.0.1`, `8000` | where |\n"
    row += "| `BOXOFFICE_OIDC_ISSUER` | (none) | the issuer, e.g. `https://x` |\n"
    assert documented_defaults(row) == {
        "BOXOFFICE_HOST": "127.0.0.1",
        "BOXOFFICE_PORT": "8000",
        "BOXOFFICE_OIDC_ISSUER": None,
    }
