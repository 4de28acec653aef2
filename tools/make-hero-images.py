"""Draw the site's hero images (no third-party photos): run once, commit the JPEGs.

    .venv/bin/python tools/make-hero-images.py

Each image is 2560x1600 px (wide enough for a full-width hero and about 300 dpi across an
A4 cover), a deterministic drawing of specimen sheets, pinned insects and shells.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 2560, 1600
ROOT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "images"


def gradient(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        draw.line([(0, y), (WIDTH, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return image


def leaf(draw: ImageDraw.ImageDraw, x: float, y: float, size: float, angle: float, colour: tuple[int, ...]) -> None:
    points = []
    for i in range(41):
        t = i / 40 * 2 * math.pi
        px, py = size * math.sin(t) ** 3 * 0.45, -size * math.cos(t) * 0.9
        points.append((x + px * math.cos(angle) - py * math.sin(angle), y + px * math.sin(angle) + py * math.cos(angle)))
    draw.polygon(points, fill=colour)
    tip = (x + size * 0.9 * math.sin(angle), y - size * 0.9 * math.cos(angle))
    base = (x - size * 0.9 * math.sin(angle), y + size * 0.9 * math.cos(angle))
    draw.line([base, tip], fill=(235, 240, 220), width=max(2, int(size / 40)))


def herbarium(seed: int) -> Image.Image:
    rng = random.Random(seed)
    image = gradient((28, 64, 58), (12, 30, 36))
    draw = ImageDraw.Draw(image, "RGBA")
    for index in range(5):  # specimen sheets
        x0 = 120 + index * 500 + rng.randint(-30, 30)
        y0 = 180 + rng.randint(-60, 60)
        draw.rectangle([x0, y0, x0 + 420, y0 + 600], fill=(243, 238, 222, 255))
        draw.rectangle([x0 + 250, y0 + 500, x0 + 400, y0 + 580], outline=(90, 80, 60, 255), width=3)
        stem_x = x0 + 200
        draw.line([(stem_x, y0 + 560), (stem_x + rng.randint(-40, 40), y0 + 90)], fill=(70, 95, 50, 255), width=6)
        for k in range(7):
            ly = y0 + 120 + k * 60
            side = 1 if k % 2 else -1
            leaf(draw, stem_x + side * 55, ly, 55 + rng.randint(-10, 15), side * 1.1, (60 + 10 * k, 120 + 6 * k, 60, 255))
    for _ in range(18):  # pinned insects in a drawer row
        x, y = rng.randint(80, WIDTH - 80), rng.randint(950, 1500)
        body = (rng.randint(40, 90), rng.randint(30, 60), rng.randint(20, 40), 255)
        draw.ellipse([x - 18, y - 40, x + 18, y + 40], fill=body)
        draw.ellipse([x - 60, y - 35, x - 10, y + 20], fill=(*body[:3], 200))
        draw.ellipse([x + 10, y - 35, x + 60, y + 20], fill=(*body[:3], 200))
        draw.line([(x, y - 40), (x, y - 70)], fill=(200, 200, 200, 255), width=3)
    for _ in range(12):  # shells
        x, y, r = rng.randint(100, WIDTH - 100), rng.randint(900, 1550), rng.randint(30, 70)
        for ring in range(6):
            rr = r * (1 - ring / 7)
            draw.ellipse([x - rr, y - rr * 0.8, x + rr, y + rr * 0.8], outline=(230, 210, 180, 255), width=4, fill=(200 - ring * 12, 170 - ring * 10, 130 - ring * 8, 255))
    return image.filter(ImageFilter.GaussianBlur(1.2))


def main() -> None:
    targets = {
        ROOT / "placeholders" / "Biller banner (2).jpg": 2021,
        ROOT / "heroes" / "collections.jpg": 1850,
    }
    for path, seed in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        herbarium(seed).save(path, "JPEG", quality=84, optimize=True, progressive=True)
        print(path.relative_to(ROOT.parent.parent), path.stat().st_size // 1024, "KiB")


if __name__ == "__main__":
    main()
