"""Small real files for the attachment tests, made with Pillow."""

import io
import struct
import zlib

from PIL import Image

GPS_IFD = 0x8825
MAKE = 0x010F
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png(size: tuple[int, int] = (8, 8), colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[MAKE] = "Camera Maker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (19.0, 4.0, 30.0), 3: "E", 4: (72.0, 52.0, 0.0)})
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def exif_of(content: bytes) -> Image.Exif:
    with Image.open(io.BytesIO(content)) as image:
        return image.getexif()


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A valid PNG header for a huge image, with a tiny body: a decompression bomb's shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
