"""The .env file: comments after a value are comments, quoted values keep their #, and the
environment wins over the file."""

from pathlib import Path

import pytest

from boxoffice.entrypoints.settings import Settings, read_env_file


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("BOXOFFICE_JWT_ISSUER=issuer", "issuer"),
        ("BOXOFFICE_JWT_ISSUER=issuer # who signs", "issuer"),
        ("BOXOFFICE_JWT_ISSUER=issuer\t# tab before the comment", "issuer"),
        ("BOXOFFICE_JWT_ISSUER = spaced  # note", "spaced"),
        ("BOXOFFICE_JWT_ISSUER=no#space", "no#space"),
        ('BOXOFFICE_JWT_ISSUER="quoted # kept"', "quoted # kept"),
        ('BOXOFFICE_JWT_ISSUER="quoted # kept" # dropped', "quoted # kept"),
        ("BOXOFFICE_JWT_ISSUER='single # kept' # dropped", "single # kept"),
        ("export BOXOFFICE_JWT_ISSUER=exported # note", "exported"),
        ("BOXOFFICE_JWT_ISSUER= # only a comment", ""),
    ],
)
def test_an_env_file_line_gives_its_value_without_the_comment(
    tmp_path: Path, line: str, value: str
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(f"# a comment line\n\n{line}\n")

    assert read_env_file(env_file) == {"BOXOFFICE_JWT_ISSUER": value}


def test_a_number_with_a_comment_in_the_env_file_is_read_as_the_number(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("BOXOFFICE_PORT=9000 # the API\nBOXOFFICE_LOG_LEVEL=debug # noisy\n")

    settings = Settings.from_env({}, env_file=env_file)

    assert (settings.http.port, settings.logging.level) == (9000, "DEBUG")


def test_the_environment_wins_over_the_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("BOXOFFICE_PORT=9000\n")

    assert Settings.from_env({"BOXOFFICE_PORT": "9001"}, env_file=env_file).http.port == 9001


def test_an_unknown_name_in_the_env_file_is_warned_about_too(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("BOXOFFICE_PROT=9000\n")

    notices = Settings.from_env({}, env_file=env_file).notices

    assert notices == (
        "BOXOFFICE_PROT is not a setting and is ignored; did you mean BOXOFFICE_PORT?",
    )
