"""docs/ARCHITECTURE.md matches the code: its table of ports and adapters, and every source
file its walks name."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
DOC = ROOT / "docs" / "ARCHITECTURE.md"


def the_table() -> str:
    text = DOC.read_text()
    start = text.index("## Ports and adapters")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def paths_in(text: str) -> set[str]:
    return set(re.findall(r"`((?:domain|application|adapters|entrypoints)/[\w/]+\.py)`", text))


def test_every_source_file_the_document_names_exists() -> None:
    named = paths_in(DOC.read_text())
    missing = sorted(p for p in named if not (SRC / p).is_file())

    assert len(named) > 40
    assert not missing


def test_every_port_module_is_listed() -> None:
    ports = {
        f"application/ports/{p.name}"
        for p in (SRC / "application" / "ports").glob("*.py")
        if p.name != "__init__.py"
    }

    assert ports - paths_in(the_table()) == set()


def test_every_adapter_package_is_listed() -> None:
    packages = {p.name for p in (SRC / "adapters").iterdir() if (p / "__init__.py").is_file()}
    listed = {p.split("/")[1] for p in paths_in(the_table()) if p.startswith("adapters/")}

    assert packages - listed == set()


def test_every_protocol_of_a_port_module_is_named_in_its_row() -> None:
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^\| `(application/ports/\w+\.py)` \| ([^|]+) \|", the_table(), re.M)
    }
    for module, named in rows.items():
        declared = set(re.findall(r"^class (\w+)\(Protocol\)", (SRC / module).read_text(), re.M))
        assert declared == {n.strip() for n in named.split(",")}, module
