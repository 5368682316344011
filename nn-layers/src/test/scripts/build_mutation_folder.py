#!/usr/bin/python3
"""Builds the image folder of the reliability mutation run (see RELIABILITY.md).

1 000 real images: 96x96 crops of the photographs and scans shipped with scikit-image (Debian: python3-skimage),
re-encoded as baseline/progressive JPEG, grey or colour PNG, and a few CMYK JPEGs, in 4 class folders. 5 % of the
files (50) are then damaged in 10 ways. Writes OUT/images/<class>/..., OUT/damaged.tsv (file, kind) listing every
damaged file, and OUT/cmyk.tsv (file, PIL's decode as PNG) for the CMYK JPEGs, which must decode to PIL's colours.

usage: build_mutation_folder.py OUT [seed]
"""
import glob
import io
import os
import random
import shutil
import sys

from PIL import Image

SKIMAGE = '/usr/lib/python3/dist-packages/skimage/data'
CLASSES = ['a', 'b', 'c', 'd']
TOTAL = 1000
DAMAGED = 50
SIDE = 96


def sources():
    out = []
    for f in sorted(glob.glob(SKIMAGE + '/*.png') + glob.glob(SKIMAGE + '/*.jpg')):
        try:
            im = Image.open(f)
            im.load()
        except Exception:
            continue  # skimage ships a truncated.jpg on purpose
        if min(im.size) >= 2 * SIDE:
            out.append(im.convert('RGB') if im.mode not in ('L', 'RGB') else im)
    return out


def encode(im, kind, rnd):
    b = io.BytesIO()
    if kind == 'jpeg':
        im.convert('RGB').save(b, 'JPEG', quality=rnd.randint(60, 95), progressive=rnd.random() < 0.3)
    elif kind == 'cmyk':
        im.convert('CMYK').save(b, 'JPEG', quality=90)
    elif kind == 'grey-png':
        im.convert('L').save(b, 'PNG')
    else:
        im.convert('RGB').save(b, 'PNG')
    return b.getvalue()


def damage(data, kind, rnd):
    """One way a file gets broken in the wild; every one of them must be named by the check."""
    if kind == 'truncated-2/3':
        return data[:len(data) * 2 // 3]
    if kind == 'truncated-header':
        return data[:min(len(data) - 1, rnd.randint(20, 150))]
    if kind == 'zero-bytes':
        return b''
    if kind == 'text-renamed':
        return b'Lorem ipsum dolor sit amet, this is a text file saved with an image name.\n' * 3
    if kind == 'html-error-page':
        return b'<!DOCTYPE html><html><body><h1>403 Forbidden</h1></body></html>\n'
    if kind == 'garbage-header':
        return bytes(rnd.randrange(256) for _ in range(32)) + data[32:]
    if kind == 'truncated-last-bytes':
        return data[:-rnd.randint(2, 11)]
    if kind == 'png-bit-flip':
        b = bytearray(data)
        b[rnd.randint(60, len(b) - 20)] ^= 1 << rnd.randrange(8)
        return bytes(b)
    if kind == 'half-missing':
        return data[:len(data) // 2]
    if kind == 'skimage-truncated-jpeg':
        with open(SKIMAGE + '/truncated.jpg', 'rb') as f:
            return f.read()
    raise ValueError(kind)


KINDS = ['truncated-2/3', 'truncated-header', 'zero-bytes', 'text-renamed', 'html-error-page', 'garbage-header',
         'truncated-last-bytes', 'png-bit-flip', 'half-missing', 'skimage-truncated-jpeg']


def main():
    out = sys.argv[1]
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    shutil.rmtree(out, ignore_errors=True)
    srcs = sources()
    files = []
    for i in range(TOTAL):
        src = rnd.choice(srcs)
        x, y = rnd.randint(0, src.width - SIDE), rnd.randint(0, src.height - SIDE)
        crop = src.crop((x, y, x + SIDE, y + SIDE))
        if rnd.random() < 0.5:
            crop = crop.transpose(Image.FLIP_LEFT_RIGHT)
        kind = 'cmyk' if i % 100 == 7 else rnd.choice(['jpeg', 'jpeg', 'png', 'grey-png'])
        ext = 'jpg' if kind in ('jpeg', 'cmyk') else 'png'
        path = os.path.join(out, 'images', CLASSES[i % len(CLASSES)], '%04d.%s' % (i, ext))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(encode(crop, kind, rnd))
        files.append((path, kind))
    candidates = [f for f in files if f[1] != 'cmyk']
    chosen = rnd.sample(candidates, DAMAGED)
    with open(os.path.join(out, 'damaged.tsv'), 'w') as manifest:
        for n, (path, kind) in enumerate(chosen):
            how = KINDS[n % len(KINDS)]
            if how == 'png-bit-flip' and not path.endswith('.png'):
                how = 'truncated-2/3'
            with open(path, 'rb') as f:
                data = f.read()
            with open(path, 'wb') as f:
                f.write(damage(data, how, rnd))
            manifest.write('%s\t%s\n' % (os.path.abspath(path), how))
    with open(os.path.join(out, 'cmyk.tsv'), 'w') as manifest:
        for path, kind in files:
            if kind == 'cmyk':
                ref = os.path.join(out, 'pil-decoded', os.path.basename(path) + '.png')
                os.makedirs(os.path.dirname(ref), exist_ok=True)
                Image.open(path).convert('RGB').save(ref, 'PNG')
                manifest.write('%s\t%s\n' % (os.path.abspath(path), os.path.abspath(ref)))
    print('%d images in %d classes under %s, %d damaged (damaged.tsv), %d CMYK (cmyk.tsv)'
          % (TOTAL, len(CLASSES), os.path.join(out, 'images'), DAMAGED, sum(1 for f in files if f[1] == 'cmyk')))


if __name__ == '__main__':
    main()
