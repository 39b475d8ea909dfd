"""The package installs like one: a built wheel holds a single top-level package, `boxoffice`,
with its migrations, and an environment that has only the wheel (its dependencies borrowed
from this one) upgrades a SQLite database and serves it."""

import secrets
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import httpx
import pytest

from tests.e2e.races.servers import server_environment, start_server

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def package_of(folder: Path, root: Path, name: str) -> str:
    return ".".join([name, *folder.relative_to(root).parts])


def test_every_package_under_src_and_migrations_is_listed_for_the_wheel() -> None:
    found = {
        package_of(init.parent, ROOT / "src", "boxoffice")
        for init in ROOT.glob("src/**/__init__.py")
    }
    found |= {"boxoffice.migrations", "boxoffice.migrations.versions"}

    assert set(SETUPTOOLS["packages"]) == found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(folder),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    (built,) = folder.glob("boxoffice-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment holding the wheel; a .pth file lends it this environment's
    site-packages for the dependencies (a path listed there is added to sys.path, but the .pth
    files inside it, such as the editable install's finder, are not run)."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return venv


def test_the_wheel_holds_one_top_level_package_with_every_source_and_migration(
    wheel: Path,
) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_levels = {name.split("/")[0] for name in names}
    sources = {f"boxoffice/{p.relative_to(ROOT / 'src')}" for p in ROOT.glob("src/**/*.py")}
    migrations = {
        f"boxoffice/migrations/{p.relative_to(ROOT / 'migrations')}"
        for p in ROOT.glob("migrations/**/*.py")
    }

    assert top_levels == {"boxoffice", f"boxoffice-{PYPROJECT['project']['version']}.dist-info"}
    assert sources <= set(names)
    assert migrations <= set(names)
    assert "boxoffice/migrations/script.py.mako" in names


def test_the_installed_package_is_the_wheel_and_shadows_no_other_name(installed: Path) -> None:
    probe = (
        "import importlib.util, boxoffice; print(boxoffice.__file__); "
        "print([n for n in ('domain', 'application', 'adapters') if importlib.util.find_spec(n)])"
    )
    where, shadowed = subprocess.run(
        [str(installed / "bin" / "python"), "-c", probe],
        check=True,
        capture_output=True,
        text=True,
        cwd=installed,
    ).stdout.splitlines()

    assert Path(where).is_relative_to(installed)
    assert shadowed == "[]"


@pytest.mark.slow
def test_the_installed_command_upgrades_a_sqlite_database_and_serves_it(
    installed: Path, tmp_path: Path
) -> None:
    boxoffice = str(installed / "bin" / "boxoffice")
    env = server_environment(
        f"sqlite+aiosqlite:///{tmp_path / 'wheel.db'}", secrets.token_urlsafe(48)
    )

    upgrade = subprocess.run(
        [boxoffice, "db", "upgrade"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert upgrade.returncode == 0, upgrade.stderr
    revisions = len(list((ROOT / "migrations" / "versions").glob("*.py")))
    assert f"applied {revisions} migrations" in upgrade.stdout

    server = start_server(env, tmp_path, "wheel", program=boxoffice)
    try:
        events = httpx.get(f"{server.url}/events", timeout=10)
        ready = httpx.get(f"{server.url}/ready", timeout=10)
    finally:
        server.stop()

    assert events.status_code == 200
    assert events.json()["items"] == []
    assert ready.status_code == 200
