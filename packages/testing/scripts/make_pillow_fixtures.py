#!/usr/bin/python3
"""Writes the Pillow parity fixtures of @tflite-lambda/serving.

Run with Debian's Python and Pillow (apt-get install -y python3-pil):

    /usr/bin/python3 packages/serving/scripts/make_pillow_fixtures.py

It writes test images of many kinds to fixtures/pillow/images/ and, in fixtures/pillow/cases.json, what
Pillow makes of each: `convert('L')`, `convert('RGB')` and `convert(mode).resize(size)` (default filter,
BICUBIC) as base64 pixel bytes. The TypeScript tests only read these files, so `npm test` needs no Python.

PNGs of every colour type and bit depth (and Adam7-interlaced ones, which Pillow cannot write) are written
by the small PNG encoder below; JPEGs and a few PNGs are written by Pillow itself. JPEG kinds Pillow 9.4
cannot write (restart intervals, 4:4:0 and 4:1:1 sampling, RGB colour space, custom scan scripts) are
written by libjpeg-turbo's cjpeg (apt-get install -y libjpeg-turbo-progs), the same library Pillow reads with.
"""
import base64
import io
import json
import math
import os
import random
import struct
import subprocess
import sys
import tempfile
import zlib

import PIL
from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'fixtures', 'pillow')
IMAGES = os.path.join(OUT, 'images')

# ---------------------------------------------------------------- pixel content

def sample(x, y, w, h, channel, depth_max, rng):
    """A smooth gradient, a ring and some noise: content where resampling and luma both matter."""
    gx = x / max(1, w - 1)
    gy = y / max(1, h - 1)
    ring = 1.0 if abs(math.hypot(x - w / 2, y - h / 2) - min(w, h) / 3) < max(1.5, min(w, h) / 10) else 0.0
    base = (0.55 * (gx if channel % 2 == 0 else 1 - gx) + 0.25 * gy + 0.35 * ring) % 1.0
    noise = rng.uniform(-0.08, 0.08)
    v = min(1.0, max(0.0, base + noise))
    return int(round(v * depth_max))


def make_samples(w, h, channels, depth, seed, max_value=None):
    rng = random.Random(seed)
    top = (1 << depth) - 1 if max_value is None else max_value
    return [[[sample(x, y, w, h, c, top, rng) for c in range(channels)] for x in range(w)] for y in range(h)]

# ---------------------------------------------------------------- a small PNG encoder

COLOR_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, data):
    body = kind + data
    return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body) & 0xFFFFFFFF)


def pack_row(pixels, depth):
    """Packs a row of per-pixel sample lists into bytes (MSB first below 8 bits, big-endian at 16)."""
    samples = [s for px in pixels for s in px]
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b''.join(struct.pack('>H', s) for s in samples)
    out, acc, nbits = bytearray(), 0, 0
    for s in samples:
        acc = (acc << depth) | s
        nbits += depth
        if nbits == 8:
            out.append(acc)
            acc, nbits = 0, 0
    if nbits:
        out.append(acc << (8 - nbits))
    return bytes(out)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filter_row(kind, row, prev, bpp):
    """Applies PNG filter `kind`; rows cycle through all five so the decoder's unfiltering is exercised."""
    out = bytearray()
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = prev[i] if prev else 0
        c = prev[i - bpp] if prev and i >= bpp else 0
        pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
        out.append((x - pred) & 0xFF)
    return bytes([kind]) + bytes(out)


def encode_image_rows(rows, depth, channels):
    bpp = max(1, channels * depth // 8)
    data, prev = bytearray(), None
    for y, row in enumerate(rows):
        raw = pack_row(row, depth)
        data += filter_row(y % 5, raw, prev, bpp)
        prev = raw
    return bytes(data)


def write_png(path, samples, depth, color_type, palette=None, trns=None, interlace=False):
    h, w = len(samples), len(samples[0])
    channels = COLOR_CHANNELS[color_type]
    if interlace:
        raw = b''
        for x0, y0, dx, dy in ADAM7:
            sub = [row[x0::dx] for row in samples[y0::dy]]
            if sub and sub[0]:
                raw += encode_image_rows(sub, depth, channels)
    else:
        raw = encode_image_rows(samples, depth, channels)
    png = b'\x89PNG\r\n\x1a\n'
    png += chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, color_type, 0, 0, 1 if interlace else 0))
    if palette is not None:
        png += chunk(b'PLTE', bytes(v for rgb in palette for v in rgb))
    if trns is not None:
        png += chunk(b'tRNS', trns)
    # Two IDAT chunks: decoders must join them.
    z = zlib.compress(raw, 9)
    cut = len(z) // 2
    png += chunk(b'IDAT', z[:cut]) + chunk(b'IDAT', z[cut:]) + chunk(b'IEND', b'')
    with open(path, 'wb') as f:
        f.write(png)


def palette_for(depth, seed):
    rng = random.Random(seed)
    return [(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(1 << depth)]

# ---------------------------------------------------------------- the cases

def custom_pngs():
    """(name, width, height, depth, color_type, extra) for the hand-encoded PNGs."""
    cases = []
    for depth in (1, 2, 4, 8, 16):
        cases.append((f'gray{depth}', 37, 23, depth, 0, {}))
    cases += [
        ('gray16_low', 30, 20, 16, 0, {'max_value': 400}),  # 16-bit values around 255: Pillow clips to 255
        ('rgb8', 41, 29, 8, 2, {}), ('rgb16', 33, 27, 16, 2, {}),
        ('rgba8', 35, 26, 8, 6, {}), ('rgba16', 31, 22, 16, 6, {}),
        ('la8', 29, 31, 8, 4, {}), ('la16', 27, 19, 16, 4, {}),
        ('pal1', 30, 17, 1, 3, {}), ('pal2', 25, 21, 2, 3, {}), ('pal4', 39, 24, 4, 3, {}), ('pal8', 34, 28, 8, 3, {}),
        ('pal8_trns', 26, 26, 8, 3, {'trns': bytes(range(0, 256))}),
        ('gray8_trns', 24, 20, 8, 0, {'trns': struct.pack('>H', 128)}),
        ('rgb8_trns', 22, 18, 8, 2, {'trns': struct.pack('>HHH', 10, 20, 30)}),
        ('gray2_interlaced', 13, 11, 2, 0, {'interlace': True}),
        ('gray8_interlaced', 37, 29, 8, 0, {'interlace': True}),
        ('gray16_interlaced', 19, 17, 16, 0, {'interlace': True}),
        ('rgb8_interlaced', 45, 31, 8, 2, {'interlace': True}),
        ('rgba16_interlaced', 21, 14, 16, 6, {'interlace': True}),
        ('pal4_interlaced', 23, 15, 4, 3, {'interlace': True}),
        ('rgb8_interlaced_3x2', 3, 2, 8, 2, {'interlace': True}),
        ('gray8_1x1', 1, 1, 8, 0, {}),
    ]
    return cases


def write_custom_png(name, w, h, depth, color_type, extra):
    path = os.path.join(IMAGES, name + '.png')
    channels = COLOR_CHANNELS[color_type]
    seed = zlib.crc32(name.encode())
    palette = None
    if color_type == 3:
        palette = palette_for(depth, seed)
        rng = random.Random(seed)
        samples = [[[(x * 7 + y * 3 + rng.randrange(2)) % (1 << depth)] for x in range(w)] for y in range(h)]
    else:
        samples = make_samples(w, h, channels, depth, seed, extra.get('max_value'))
    write_png(path, samples, depth, color_type, palette, extra.get('trns'), extra.get('interlace', False))
    return path


def pillow_images():
    """Images Pillow writes itself: JPEG kinds, a drawn digit, big/odd sizes for resampling."""
    made = []
    rgb = Image.new('RGB', (45, 33))
    rgb.putdata([tuple(px) for row in make_samples(45, 33, 3, 8, 1) for px in row])
    for name, kwargs in [
        ('jpeg_baseline_420', {'quality': 90}),
        ('jpeg_baseline_444', {'quality': 95, 'subsampling': 0}),
        ('jpeg_baseline_422', {'quality': 90, 'subsampling': 1}),
        ('jpeg_progressive', {'quality': 90, 'progressive': True}),
    ]:
        path = os.path.join(IMAGES, name + '.jpg')
        rgb.save(path, 'JPEG', **kwargs)
        made.append((name, path))
    gray = rgb.convert('L')
    for name, kwargs in [('jpeg_gray', {'quality': 90}), ('jpeg_gray_progressive', {'quality': 85, 'progressive': True})]:
        path = os.path.join(IMAGES, name + '.jpg')
        gray.save(path, 'JPEG', **kwargs)
        made.append((name, path))

    # Odd sizes (partial MCUs, chroma planes 2 or fewer samples wide), other qualities, CMYK.
    for name, (w, h), mode, kwargs in [
        ('jpeg_odd_27x33_420', (27, 33), 'RGB', {'quality': 75}),
        ('jpeg_tiny_3x5_420', (3, 5), 'RGB', {'quality': 90}),
        ('jpeg_odd_17x9_422', (17, 9), 'RGB', {'quality': 80, 'subsampling': 1}),
        ('jpeg_q50_420', (40, 24), 'RGB', {'quality': 50}),
        ('jpeg_q95_progressive_444', (31, 26), 'RGB', {'quality': 95, 'subsampling': 0, 'progressive': True}),
        ('jpeg_gray_odd_progressive', (29, 19), 'L', {'quality': 70, 'progressive': True}),
        ('jpeg_cmyk', (24, 18), 'CMYK', {'quality': 90}),
    ]:
        im = Image.new('RGB', (w, h))
        im.putdata([tuple(px) for row in make_samples(w, h, 3, 8, zlib.crc32(name.encode())) for px in row])
        path = os.path.join(IMAGES, name + '.jpg')
        im.convert(mode).save(path, 'JPEG', **kwargs)
        made.append((name, path))

    # YCCK: the CMYK file with its Adobe transform flag set to 2, so libjpeg converts its planes from YCCK.
    with open(os.path.join(IMAGES, 'jpeg_cmyk.jpg'), 'rb') as f:
        data = bytearray(f.read())
    at = data.index(b'Adobe')  # APP14 payload: 'Adobe', version, flags0, flags1, transform
    assert data[at + 11] == 0, 'Pillow writes CMYK with an Adobe segment, transform 0'
    data[at + 11] = 2
    path = os.path.join(IMAGES, 'jpeg_ycck.jpg')
    with open(path, 'wb') as f:
        f.write(bytes(data))
    made.append(('jpeg_ycck', path))

    # A dark-on-light digit as a person would photograph or draw it, at a size far from 28x28.
    digit = Image.new('L', (140, 120), 235)
    draw = ImageDraw.Draw(digit)
    draw.ellipse((40, 12, 100, 60), outline=20, width=9)
    draw.line((96, 40, 60, 110), fill=25, width=10)
    path = os.path.join(IMAGES, 'digit_dark_on_light.png')
    digit.save(path)
    made.append(('digit_dark_on_light', path))

    # Resampling edge cases: very wide, very tall, tiny, exact 2x, identity size.
    for name, (w, h) in [('resize_wide', (300, 6)), ('resize_tall', (5, 260)), ('resize_tiny', (3, 2)),
                         ('resize_56', (56, 56)), ('resize_28', (28, 28)), ('resize_rgb_odd', (50, 39))]:
        mode = 'RGB' if 'rgb' in name else 'L'
        im = Image.new(mode, (w, h))
        px = make_samples(w, h, 3 if mode == 'RGB' else 1, 8, zlib.crc32(name.encode()))
        im.putdata([tuple(p) if mode == 'RGB' else p[0] for row in px for p in row])
        path = os.path.join(IMAGES, name + '.png')
        im.save(path)
        made.append((name, path))
    return made

def cjpeg_images():
    """JPEG kinds written by cjpeg from a PPM/PGM that Pillow writes."""
    made = []
    for name, (w, h), gray, args in [
        ('jpeg_restart_420', (45, 33), False, ['-quality', '85', '-restart', '2B']),
        ('jpeg_restart_rows_progressive', (45, 33), False, ['-quality', '85', '-progressive', '-restart', '1']),
        ('jpeg_restart_gray', (37, 21), True, ['-quality', '90', '-restart', '3B']),
        ('jpeg_440', (30, 35), False, ['-quality', '85', '-sample', '1x2']),
        ('jpeg_411', (35, 20), False, ['-quality', '85', '-sample', '4x1']),
        ('jpeg_rgb_colorspace', (26, 22), False, ['-quality', '90', '-rgb']),
        ('jpeg_optimized_422', (33, 27), False, ['-quality', '90', '-optimize', '-sample', '2x1']),
        ('jpeg_progressive_422_odd', (27, 33), False, ['-quality', '80', '-progressive', '-sample', '2x1']),
    ]:
        mode = 'L' if gray else 'RGB'
        im = Image.new('RGB', (w, h))
        im.putdata([tuple(px) for row in make_samples(w, h, 3, 8, zlib.crc32(name.encode())) for px in row])
        path = os.path.join(IMAGES, name + '.jpg')
        with tempfile.NamedTemporaryFile(suffix='.pgm' if gray else '.ppm') as src:
            im.convert(mode).save(src.name)
            subprocess.run(['cjpeg', *args, '-outfile', path, src.name], check=True)
        made.append((name, path))
    return made

# ---------------------------------------------------------------- what Pillow makes of them

def b64(im):
    return base64.b64encode(im.tobytes()).decode('ascii')


EXTRA_SIZES = {
    'resize_tiny': [(28, 28), (5, 4)],
    'resize_wide': [(28, 28), (100, 3), (300, 2)],
    'resize_tall': [(28, 28), (2, 77)],
    'resize_28': [(28, 28), (27, 29)],
    'resize_56': [(28, 28), (224, 224)],
    'digit_dark_on_light': [(28, 28), (64, 48)],
    'gray8_1x1': [(28, 28)],
    'rgb8': [(28, 28), (100, 90), (17, 9)],
    'resize_rgb_odd': [(28, 28), (19, 11), (80, 61)],
}


def describe(name, path):
    im = Image.open(path)
    im.load()
    gray, rgb = im.convert('L'), im.convert('RGB')
    sizes = EXTRA_SIZES.get(name, [(28, 28), (16, 12)])
    case = {
        'name': name,
        'file': 'images/' + os.path.basename(path),
        'pillowMode': im.mode,
        'width': im.width,
        'height': im.height,
        'gray': b64(gray),
        'rgb': b64(rgb),
        'resized': [],
    }
    for w, h in sizes:
        case['resized'].append({'mode': 'L', 'width': w, 'height': h, 'data': b64(gray.resize((w, h)))})
        color = im.mode not in ('1', 'L', 'I', 'I;16', 'LA')
        if (color and (w, h) == (28, 28)) or name.startswith('resize_rgb') or name == 'rgb8':
            case['resized'].append({'mode': 'RGB', 'width': w, 'height': h, 'data': b64(rgb.resize((w, h)))})
    return case


def main():
    os.makedirs(IMAGES, exist_ok=True)
    made = [(c[0], write_custom_png(*c)) for c in custom_pngs()]
    made += pillow_images()
    made += cjpeg_images()
    cases = [describe(name, path) for name, path in made]
    doc = {
        'generator': 'scripts/make_pillow_fixtures.py',
        'pillow': PIL.__version__,
        'python': sys.version.split()[0],
        'cases': cases,
    }
    with open(os.path.join(OUT, 'cases.json'), 'w') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')
    print(f'{len(cases)} cases written to {os.path.relpath(OUT)} with Pillow {PIL.__version__}')


if __name__ == '__main__':
    main()
