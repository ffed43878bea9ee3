#!/usr/bin/env python3
"""demo-images.py: draws the demo store's product pictures (conf/demo-images/*.png).

Flat silhouettes of the garments of conf/demo-seed.json, front and back, as small indexed PNGs:
made here from polygons (Python's standard library only), so they carry no one else's licence.
Deterministic: running it again rewrites the same bytes.

    python3 build-aux/demo-images.py conf/demo-images
"""
import math
import os
import struct
import sys
import zlib

W, H = 480, 600


def png(path, pixels, palette):
    """Writes an 8-bit indexed PNG: pixels is a list of H bytearrays of palette indexes."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\0" + bytes(row) for row in pixels)
    plte = b"".join(bytes(c) for c in palette)
    data = (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 3, 0, 0, 0)) +
            chunk(b"PLTE", plte) +
            chunk(b"IDAT", zlib.compress(raw, 9)) +
            chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(data)


def fill(pixels, poly, index):
    """Fills a polygon (points in 0..1 units of the picture) with the even-odd rule."""
    pts = [(x * W, y * H) for x, y in poly]
    for yy in range(H):
        y = yy + 0.5
        xs = []
        for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
            if (y1 <= y < y2) or (y2 <= y < y1):
                xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
        xs.sort()
        for a, b in zip(xs[0::2], xs[1::2]):
            for xx in range(max(0, int(math.ceil(a - 0.5))), min(W, int(math.floor(b - 0.5)) + 1)):
                pixels[yy][xx] = index


def ellipse(cx, cy, rx, ry, n=64):
    return [(cx + rx * math.cos(2 * math.pi * i / n), cy + ry * math.sin(2 * math.pi * i / n))
            for i in range(n)]


def mirror(half):
    """A shape symmetric about x = 0.5 from its left half (top to bottom)."""
    return half + [(1 - x, y) for x, y in reversed(half)]


TEE = mirror([(0.40, 0.18), (0.28, 0.21), (0.12, 0.33), (0.20, 0.43), (0.28, 0.38), (0.29, 0.82)])
LONG = mirror([(0.40, 0.18), (0.28, 0.21), (0.20, 0.35), (0.12, 0.78), (0.21, 0.79),
               (0.28, 0.45), (0.29, 0.82)])
HOOD = mirror([(0.38, 0.19), (0.37, 0.09), (0.44, 0.05)])
PANTS = mirror([(0.30, 0.16), (0.26, 0.88), (0.44, 0.88), (0.49, 0.40)])
SHORTS = mirror([(0.28, 0.28), (0.22, 0.66), (0.45, 0.68), (0.49, 0.45)])
NECK_FRONT = ellipse(0.5, 0.185, 0.10, 0.045)
NECK_BACK = ellipse(0.5, 0.175, 0.10, 0.02)
MARK = ellipse(0.5, 0.36, 0.05, 0.04)

# name: (background, garment, detail, shapes); a shape is (polygon, colour slot)
BG, BODY, DETAIL = 0, 1, 2


def garment(outline, back, extra=()):
    shapes = [(outline, BODY)] + list(extra)
    shapes.append((NECK_BACK if back else NECK_FRONT, BG if not back else DETAIL))
    if not back:
        shapes.append((MARK, DETAIL))
    return shapes


def mug():
    return [(ellipse(0.70, 0.50, 0.14, 0.16), BODY), (ellipse(0.70, 0.50, 0.08, 0.10), BG),
            ([(0.25, 0.30), (0.68, 0.30), (0.68, 0.75), (0.25, 0.75)], BODY),
            (ellipse(0.465, 0.30, 0.215, 0.04), DETAIL), (ellipse(0.465, 0.52, 0.06, 0.05), DETAIL)]


LIGHT, GREY, DARK = (238, 236, 232), (160, 160, 160), (32, 32, 34)
PICTURES = {
    "tee-black-front": ((LIGHT, DARK, GREY), garment(TEE, False)),
    "tee-black-back": ((LIGHT, DARK, GREY), garment(TEE, True)),
    "tee-white-front": ((GREY, (250, 250, 250), DARK), garment(TEE, False)),
    "tee-white-back": ((GREY, (250, 250, 250), DARK), garment(TEE, True)),
    "sweatshirt-vintage-front": ((LIGHT, (126, 140, 112), (230, 220, 190)), garment(LONG, False)),
    "sweatshirt-vintage-back": ((LIGHT, (126, 140, 112), (230, 220, 190)), garment(LONG, True)),
    "sweatpants-gray-front": ((LIGHT, (128, 130, 136), DARK), [(PANTS, BODY), (MARK, DETAIL)]),
    "sweatpants-gray-back": ((LIGHT, (128, 130, 136), DARK), [(PANTS, BODY)]),
    "shorts-vintage-front": ((LIGHT, (170, 120, 90), (240, 230, 210)), [(SHORTS, BODY), (MARK, DETAIL)]),
    "shorts-vintage-back": ((LIGHT, (170, 120, 90), (240, 230, 210)), [(SHORTS, BODY)]),
    "black_hoodie_front": ((LIGHT, DARK, GREY), garment(LONG, False, [(HOOD, BODY)])),
    "black_hoodie_back": ((LIGHT, DARK, GREY), garment(LONG, True, [(HOOD, BODY)])),
    "ls-black-front": ((LIGHT, DARK, GREY), garment(LONG, False)),
    "ls-black-back": ((LIGHT, DARK, GREY), garment(LONG, True)),
    "coffee-mug": ((LIGHT, (250, 250, 250), DARK), mug()),
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "conf/demo-images"
    os.makedirs(out, exist_ok=True)
    for name, (palette, shapes) in sorted(PICTURES.items()):
        pixels = [bytearray(W) for _ in range(H)]
        for poly, index in shapes:
            fill(pixels, poly, index)
        png(os.path.join(out, name + ".png"), pixels, palette)


if __name__ == "__main__":
    main()
