"""What an attachment may be called and what kind of file it is."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boxoffice.domain.attachments import FileKind, content_key, display_name, file_kind, sniff
from boxoffice.domain.errors import InvalidValue, UnsupportedFile

HEADS = {
    FileKind.PNG: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    FileKind.JPEG: b"\xff\xd8\xff\xe0\0\x10JFIF",
    FileKind.WEBP: b"RIFF\x24\0\0\0WEBPVP8 ",
    FileKind.PDF: b"%PDF-1.7\n%",
}


@given(st.text(max_size=300))
def test_a_display_name_is_never_a_path_nor_holds_control_characters(raw: str) -> None:
    try:
        name = display_name(raw)
    except InvalidValue:
        return
    assert name
    assert len(name) <= 200
    assert not {"/", "\\", ":"} & set(name)
    assert name not in (".", "..")
    assert all(ord(c) >= 32 and c != "\x7f" for c in name)


@pytest.mark.parametrize(
    "raw", ["../etc/passwd", "a/b.png", "C:\\x.png", "..", "x\x00.png", "x\u202e.png", " "]
)
def test_paths_and_hidden_characters_are_refused(raw: str) -> None:
    with pytest.raises(InvalidValue):
        display_name(raw)


@pytest.mark.parametrize("kind", list(FileKind))
def test_each_kind_is_known_by_its_magic_bytes(kind: FileKind) -> None:
    assert sniff(HEADS[kind]) is kind
    assert file_kind(kind.value, f"f{kind.extensions[0].upper()}", HEADS[kind]) is kind


@given(st.sampled_from(list(FileKind)), st.sampled_from(list(FileKind)))
def test_a_file_is_taken_only_when_its_type_its_name_and_its_content_agree(
    declared: FileKind, content: FileKind
) -> None:
    name = "file" + declared.extensions[0]
    if declared is content:
        assert file_kind(declared.value, name, HEADS[content]) is declared
    else:
        with pytest.raises(InvalidValue):
            file_kind(declared.value, name, HEADS[content])


@pytest.mark.parametrize("declared", ["text/plain", "image/svg+xml", "", "image/gif"])
def test_a_type_not_on_the_allow_list_is_unsupported(declared: str) -> None:
    with pytest.raises(UnsupportedFile):
        file_kind(declared, "file.png", HEADS[FileKind.PNG])


def test_a_content_key_is_its_sha256_under_a_two_digit_folder() -> None:
    sha = "0f" * 32
    assert content_key(sha) == f"sha256/0f/{sha}"
    with pytest.raises(InvalidValue):
        content_key("../" + sha[3:])
