import os
import stat
from pathlib import Path

import pytest

from lintnews.errors import FileChangedError, InputError
from lintnews.sources import read_source, write_source


def test_bom_is_removed_from_text_and_written_back(tmp_path: Path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbfOne.\r\nTwo.\r\n")
    src = read_source(p)
    assert src.bom and src.text == "One.\r\nTwo.\r\n"
    assert write_source(src, "One. \r\nTwo.\r\n")
    assert p.read_bytes() == b"\xef\xbb\xbfOne. \r\nTwo.\r\n"


def test_unchanged_text_is_not_written(tmp_path: Path):
    p = tmp_path / "a.txt"
    p.write_text("x\n")
    before = p.stat().st_mtime_ns
    src = read_source(p)
    assert write_source(src, "x\n") is False
    assert p.stat().st_mtime_ns == before


def test_permissions_are_kept(tmp_path: Path):
    p = tmp_path / "a.txt"
    p.write_text("x\n")
    os.chmod(p, 0o640)
    write_source(read_source(p), "y\n")
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert p.read_text() == "y\n"
    assert [f.name for f in tmp_path.iterdir()] == ["a.txt"]  # no temp file left


def test_invalid_utf8_names_file_and_byte(tmp_path: Path):
    p = tmp_path / "bad.txt"
    p.write_bytes(b"caf\xe9 au lait\n")
    with pytest.raises(InputError) as err:
        read_source(p)
    assert str(err.value) == f"{p}: invalid UTF-8 at byte 3 (0xe9); lintnews reads UTF-8 only"


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"\xff\xfeh\x00i\x00", "UTF-16"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file")],
)
def test_utf16_and_binary_are_refused(tmp_path: Path, data: bytes, words: str):
    p = tmp_path / "x.txt"
    p.write_bytes(data)
    with pytest.raises(InputError, match=words):
        read_source(p)


def test_missing_file(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")


def test_file_changed_between_read_and_write_is_not_overwritten(tmp_path: Path):
    p = tmp_path / "a.txt"
    p.write_text("first\n")
    src = read_source(p)
    p.write_text("someone else's longer edit\n")
    with pytest.raises(FileChangedError):
        write_source(src, "fixed\n")
    assert p.read_text() == "someone else's longer edit\n"


def test_read_only_file_is_an_error(tmp_path: Path):
    p = tmp_path / "a.txt"
    p.write_text("x\n")
    os.chmod(p, 0o444)
    with pytest.raises(InputError, match="read-only file"):
        write_source(read_source(p), "y\n")
    assert p.read_text() == "x\n"


def test_read_only_folder_is_an_error(tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    p = folder / "a.txt"
    p.write_text("x\n")
    src = read_source(p)
    os.chmod(folder, 0o555)
    try:
        with pytest.raises(InputError, match="read-only folder"):
            write_source(src, "y\n")
    finally:
        os.chmod(folder, 0o755)
    assert p.read_text() == "x\n"
    assert [f.name for f in folder.iterdir()] == ["a.txt"]
