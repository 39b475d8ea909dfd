"""Every port has its adapters and fakes checked against it by mypy (tests/port_conformance.py)."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFORMANCE = ROOT / "tests" / "port_conformance.py"
MYPY = Path(sys.executable).with_name("mypy")


def test_every_port_protocol_is_checked() -> None:
    ports = {
        name
        for module in (ROOT / "src" / "application" / "ports").glob("*.py")
        for name in re.findall(r"^class (\w+)\(Protocol\)", module.read_text(), re.M)
    }
    checked = set(re.findall(r"-> list\[(\w+)\]:", CONFORMANCE.read_text()))

    assert ports - checked == set()


def test_every_adapter_and_fake_conforms_to_its_port() -> None:
    result = subprocess.run(
        [str(MYPY), "--strict", "--follow-imports=silent", str(CONFORMANCE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
