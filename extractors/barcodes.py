"""QR codes and barcodes on a page: they often carry the verification URL."""

from __future__ import annotations

import zxingcpp
from PIL import Image


def decode(image: Image.Image) -> list[str]:
    try:
        found = zxingcpp.read_barcodes(image)
    except (ValueError, RuntimeError):
        return []
    return [b.text for b in found if b.text]
