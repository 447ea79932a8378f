#!/usr/bin/env python3
"""Writes the demo gallery's pictures (public/api/images/dua-ghe-*.svg): ten flat scenes of
the boat race at the Bà Thu Bồn festival, drawn like the other demo images (800 x 450, a
few shapes, no text), and each again as a 400-wide file for the gallery's `srcset`.
Run from anywhere: python3 scripts/gallery-demo-images.py"""
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "public/api/images"
SKY, NIGHT, RIVER, BANK = "#cfe9f5", "#1b2440", "#5b9bc4", "#89b37c"


def boat(x, y, colour, rowers=8, scale=1.0):
    """A long racing boat seen from the side, its rowers a row of heads and paddles."""
    parts = [f'<g transform="translate({x} {y}) scale({scale})">',
             f'<path d="M-150 0h300l-20 16h-260z" fill="{colour}"/>',
             '<path d="M150 0l18-14" stroke="#6b4a2b" stroke-width="5"/>']
    for i in range(rowers):
        rx = -125 + i * 250 / max(rowers - 1, 1)
        parts.append(f'<circle cx="{rx:.0f}" cy="-12" r="7" fill="#3b2a20"/>'
                     f'<rect x="{rx - 6:.0f}" y="-6" width="12" height="8" fill="{colour}"/>'
                     f'<path d="M{rx:.0f} -4l-14 24" stroke="#8a6a3a" stroke-width="3"/>')
    parts.append('</g>')
    return "".join(parts)


def crowd(y, n=26, colours=("#e53935", "#1e88e5", "#fbc02d", "#43a047", "#8e24aa", "#fb8c00")):
    """Heads and shirts along a bank."""
    out = []
    for i in range(n):
        x = 15 + i * 790 / n
        c = colours[i % len(colours)]
        dy = (i * 37) % 9
        out.append(f'<rect x="{x:.0f}" y="{y + dy + 10}" width="18" height="26" rx="6" fill="{c}"/>'
                   f'<circle cx="{x + 9:.0f}" cy="{y + dy + 4}" r="8" fill="#3b2a20"/>')
    return "".join(out)


def flags(y, n=9):
    out = [f'<path d="M0 {y}q400 30 800 0" stroke="#6b4a2b" stroke-width="2" fill="none"/>']
    for i in range(n):
        x = 40 + i * 720 / (n - 1)
        c = ("#e53935", "#fbc02d", "#1e88e5")[i % 3]
        out.append(f'<path d="M{x:.0f} {y + 12}l14 26 14-26z" fill="{c}"/>')
    return "".join(out)


def river(top=230, night=False):
    water = "#23406b" if night else RIVER
    return (f'<rect y="{top}" width="800" height="{450 - top}" fill="{water}"/>'
            f'<path d="M40 {top + 60}h120M300 {top + 110}h160M560 {top + 70}h140M120 {top + 170}h180"'
            f' stroke="{"#4d6fa3" if night else "#a9d2ea"}" stroke-width="4"/>')


def temple(x, y):
    return (f'<g transform="translate({x} {y})"><rect x="-90" y="0" width="180" height="90" fill="#f2d9a0"/>'
            '<path d="M-120 0L-90-40H90L120 0z" fill="#b3261e"/><path d="M-100-40L-70-70H70L100-40z" fill="#8e1a14"/>'
            '<rect x="-25" y="30" width="50" height="60" fill="#6b3a1a"/>'
            '<circle cx="-55" cy="45" r="12" fill="#e53935"/><circle cx="55" cy="45" r="12" fill="#e53935"/></g>')


def lanterns(n=14, seed=3):
    out = []
    for i in range(n):
        x = 30 + (i * 53 + seed * 17) % 760
        y = 270 + (i * 29) % 150
        out.append(f'<path d="M{x - 10} {y}h20l-4 10h-12z" fill="#6b4a2b"/>'
                   f'<circle cx="{x}" cy="{y - 7}" r="8" fill="#ffcf5a"/>'
                   f'<circle cx="{x}" cy="{y - 7}" r="16" fill="#ffcf5a" opacity=".25"/>')
    return "".join(out)


def burst(x, y, colour, r=60):
    rays = "".join(f'<path d="M{x} {y}l{dx} {dy}" stroke="{colour}" stroke-width="4" stroke-linecap="round"/>'
                   for dx, dy in ((r, 0), (-r, 0), (0, r), (0, -r), (r * .7, r * .7), (-r * .7, r * .7),
                                  (r * .7, -r * .7), (-r * .7, -r * .7)))
    return rays + f'<circle cx="{x}" cy="{y}" r="8" fill="#fff"/>'


SCENES = {
    "dua-ghe-xuat-phat": lambda: (
        f'<rect width="800" height="450" fill="{SKY}"/><path d="M0 170q200-40 400 0 200-40 400 0v60H0z" fill="{BANK}"/>'
        + river(220) + flags(40) + boat(230, 300, "#e53935") + boat(560, 330, "#1e88e5") + boat(330, 400, "#fbc02d")),
    "dua-ghe-ruoc-nuoc": lambda: (
        f'<rect width="800" height="450" fill="{SKY}"/>' + river(300)
        + '<rect y="200" width="800" height="100" fill="#e8d6ad"/>'
        + "".join(f'<path d="M{x} 120v110" stroke="#6b4a2b" stroke-width="4"/><path d="M{x} 120h50v34h-50z" fill="{c}"/>'
                  for x, c in ((120, "#e53935"), (250, "#fbc02d"), (520, "#e53935"), (650, "#fbc02d")))
        + '<rect x="330" y="170" width="140" height="60" fill="#c62828"/><path d="M320 170l80-40 80 40z" fill="#fbc02d"/>'
        + '<path d="M300 235h200" stroke="#6b4a2b" stroke-width="8"/>' + crowd(240, 14)),
    "dua-ghe-khan-gia": lambda: (
        f'<rect width="800" height="450" fill="{SKY}"/>' + river(320)
        + f'<rect y="150" width="800" height="170" fill="{BANK}"/>' + crowd(170) + crowd(230) + crowd(280, 22)
        + "".join(f'<path d="M{x - 40} 170q40-50 80 0z" fill="{c}"/>' for x, c in ((120, "#1e88e5"), (420, "#e53935"), (690, "#43a047")))),
    "dua-ghe-doi-nu": lambda: (
        f'<rect width="800" height="450" fill="{SKY}"/><path d="M0 160q400-60 800 0v40H0z" fill="{BANK}"/>'
        + river(190) + boat(400, 320, "#d81b60", rowers=10, scale=1.5)),
    "dua-ghe-trong-hoi": lambda: (
        '<rect width="800" height="450" fill="#f3e3c3"/><rect y="330" width="800" height="120" fill="#c9a66b"/>'
        + '<ellipse cx="400" cy="240" rx="150" ry="110" fill="#b3261e"/><ellipse cx="400" cy="240" rx="110" ry="80" fill="#e8c48a"/>'
        + '<path d="M300 340l-40 60M500 340l40 60" stroke="#6b4a2b" stroke-width="10"/>'
        + '<circle cx="620" cy="170" r="26" fill="#3b2a20"/><rect x="595" y="196" width="50" height="110" rx="12" fill="#e53935"/>'
        + '<path d="M600 220l-70 10" stroke="#6b4a2b" stroke-width="8" stroke-linecap="round"/>'),
    "dua-ghe-dinh-ba": lambda: (
        f'<rect width="800" height="450" fill="{SKY}"/><rect y="300" width="800" height="150" fill="#e8d6ad"/>'
        + temple(400, 210) + '<path d="M160 300v-80M640 300v-80" stroke="#6b4a2b" stroke-width="6"/>'
        + '<circle cx="160" cy="205" r="26" fill="#43a047"/><circle cx="640" cy="205" r="26" fill="#43a047"/>'
        + "".join(f'<path d="M{x} 330v-40" stroke="#c62828" stroke-width="3"/><circle cx="{x}" cy="288" r="3" fill="#ff7043"/>'
                  for x in range(330, 480, 15))),
    "dua-ghe-ve-dich": lambda: (
        f'<rect width="800" height="450" fill="{SKY}"/>' + river(200)
        + '<path d="M560 80v300M740 80v300" stroke="#6b4a2b" stroke-width="8"/><rect x="560" y="80" width="180" height="40" fill="#c62828"/>'
        + boat(480, 300, "#1e88e5", scale=1.2) + boat(300, 390, "#43a047")),
    "dua-ghe-trao-giai": lambda: (
        '<rect width="800" height="450" fill="#b3261e"/><rect y="330" width="800" height="120" fill="#7a1a14"/>'
        + '<rect x="330" y="230" width="140" height="100" fill="#fbc02d"/><rect x="190" y="270" width="140" height="60" fill="#cfd8dc"/>'
        + '<rect x="470" y="290" width="140" height="40" fill="#d7a36a"/>'
        + '<path d="M380 150h40l-6 40h-28z" fill="#ffd54f"/><rect x="390" y="190" width="20" height="30" fill="#ffd54f"/>'
        + "".join(f'<circle cx="{x}" cy="{y}" r="14" fill="#3b2a20"/><rect x="{x - 15}" y="{y + 14}" width="30" height="40" rx="8" fill="#1e88e5"/>'
                  for x, y in ((260, 210), (540, 230)))),
    "dua-ghe-hoa-dang": lambda: (
        f'<rect width="800" height="450" fill="{NIGHT}"/><circle cx="640" cy="80" r="36" fill="#fff3c4"/>'
        + '<path d="M0 220q200-30 400 0 200-30 400 0v20H0z" fill="#2d3a55"/>' + river(240, night=True) + lanterns()),
    "dua-ghe-phao-hoa": lambda: (
        f'<rect width="800" height="450" fill="{NIGHT}"/>' + burst(200, 120, "#ff7043") + burst(420, 80, "#ffd54f", 80)
        + burst(630, 140, "#64b5f6") + '<path d="M0 300q400-40 800 0v20H0z" fill="#2d3a55"/>' + river(310, night=True)),
}


def svg(body, width):
    height = width * 450 // 800
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 450" width="{width}" height="{height}">\n'
            f'{body}\n</svg>\n')


if __name__ == "__main__":
    for name, draw in SCENES.items():
        body = draw()
        (OUT / f"{name}.svg").write_text(svg(body, 800))
        (OUT / f"{name}-400.svg").write_text(svg(body, 400))
    print(f"wrote {2 * len(SCENES)} files in {OUT}")
