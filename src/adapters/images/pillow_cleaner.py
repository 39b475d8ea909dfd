"""Images read with Pillow: refused when unreadable or too many pixels (a decompression bomb:
a small file that decodes to gigabytes), and written again without their EXIF GPS position."""

import asyncio
import tempfile
import warnings
from typing import Any, BinaryIO

from PIL import Image

from boxoffice.domain.attachments import FileKind
from boxoffice.domain.errors import InvalidValue

GPS_IFD = 0x8825  # the EXIF tag that points to the position
FORMATS = {FileKind.PNG: "PNG", FileKind.JPEG: "JPEG", FileKind.WEBP: "WEBP"}
IN_MEMORY_BYTES = 1 << 20


class PillowImageCleaner:
    def __init__(self, max_pixels: int) -> None:
        self._max_pixels = max_pixels

    async def without_location(self, kind: FileKind, content: BinaryIO) -> BinaryIO:
        return await asyncio.to_thread(self._clean, kind, content)

    def _clean(self, kind: FileKind, content: BinaryIO) -> BinaryIO:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                return self._checked_and_cleaned(kind, content)
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise self._too_many_pixels() from None
            except InvalidValue:
                raise
            except Exception as e:  # Pillow's many ways of saying a file is not that image
                raise InvalidValue("file", f"the image cannot be read as {kind.value}") from e

    def _checked_and_cleaned(self, kind: FileKind, content: BinaryIO) -> BinaryIO:
        content.seek(0)
        with Image.open(content, formats=[FORMATS[kind]]) as image:
            if image.width * image.height > self._max_pixels:
                raise self._too_many_pixels()
            image.verify()  # its structure and checksums, without decoding the pixels
        content.seek(0)
        with Image.open(content, formats=[FORMATS[kind]]) as image:
            exif = image.getexif()
            if GPS_IFD not in exif:
                return content
            del exif[GPS_IFD]
            image.load()
            return _saved(image, kind, exif.tobytes())

    def _too_many_pixels(self) -> InvalidValue:
        return InvalidValue("file", f"the image must have at most {self._max_pixels} pixels")


def _saved(image: Image.Image, kind: FileKind, exif: bytes) -> BinaryIO:
    options: dict[str, Any] = {"format": FORMATS[kind], "exif": exif}
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    if kind is FileKind.JPEG:
        options["quality"] = "keep"  # the original's quantisation: no visible loss
    elif getattr(image, "n_frames", 1) > 1:
        options["save_all"] = True
    if kind is FileKind.WEBP:
        options["lossless"] = bool(image.info.get("lossless"))
        options["quality"] = 100 if options["lossless"] else 90
    cleaned = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY_BYTES)  # noqa: SIM115
    image.save(cleaned, **options)
    cleaned.seek(0)
    return cleaned  # type: ignore[return-value]
