/**
 * `examples/predict.py` of an export: onnxruntime and Pillow. Pillow's bicubic resize is
 * close to, not byte-identical with, libvips: the model card says so.
 */
export const predictPy = String.raw`#!/usr/bin/env python3
"""Class probabilities from this exported model (model.onnx).

From the export folder:
    pip install onnxruntime pillow numpy
    python3 examples/predict.py photo.jpg [more.jpg ...]
Prints JSON: [{"path", "label", "probability", "probabilities": {"<class>": p}}]

Images are decoded as preprocessing.json describes, with Pillow. Pillow's bicubic filter
is close to, but not byte-identical with, the studio's (libvips), so probabilities can
differ slightly from the studio's; examples/predict.mjs matches the studio exactly.
"""
import json
import os
import sys

import numpy as np
from PIL import Image, ImageOps

FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
with open(os.path.join(FOLDER, "preprocessing.json"), encoding="utf-8") as f:
    PREP = json.load(f)
with open(os.path.join(FOLDER, "labels.json"), encoding="utf-8") as f:
    LABELS = json.load(f)


def half_up(x):
    """Rounds like JavaScript's Math.round (Python's round() rounds halves to even)."""
    return int(x + 0.5)


def cover(image, width, height):
    """Scales the image to cover width x height keeping its aspect ratio, then cuts the centre."""
    scale = max(width / image.width, height / image.height)
    w = max(width, half_up(image.width * scale))
    h = max(height, half_up(image.height * scale))
    image = image.resize((w, h), Image.BICUBIC)
    # libvips centres an odd margin one pixel further right/down than floor division.
    left, top = (w - width + 1) // 2, (h - height + 1) // 2
    return image.crop((left, top, left + width, top + height))


def luminance(image):
    """Grayscale as libvips makes it: Rec. 709 luminance of linear-light sRGB, re-encoded."""
    v = np.asarray(image, dtype=np.float64) / 255.0
    linear = np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)
    y = linear @ np.array([0.2126, 0.7152, 0.0722])
    encoded = np.where(y <= 0.0031308, 12.92 * y, 1.055 * y ** (1 / 2.4) - 0.055)
    return Image.fromarray(np.clip(np.rint(encoded * 255.0), 0, 255).astype(np.uint8), mode="L")


def load_image(path, prep=PREP):
    """uint8 [height, width, channels]: EXIF orientation, white behind transparency, colour, resize."""
    width, height, channels = prep["width"], prep["height"], prep["channels"]
    image = ImageOps.exif_transpose(Image.open(path))
    rgba = image.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    image = Image.alpha_composite(white, rgba).convert("RGB")
    if channels == 1:
        image = luminance(image)  # before resizing, as the studio does
    rule, fraction = prep["resize"], prep["cropFraction"]
    if rule == "fill":
        image = image.resize((width, height), Image.BICUBIC)
    elif rule == "cover" or fraction >= 1:
        image = cover(image, width, height)
    else:
        big_w, big_h = half_up(width / fraction), half_up(height / fraction)
        image = cover(image, big_w, big_h)
        left, top = (big_w - width) // 2, (big_h - height) // 2
        image = image.crop((left, top, left + width, top + height))
    if channels == 3:
        image = image.convert("RGB")
    return np.asarray(image, dtype=np.uint8).reshape(height, width, channels)


def main(paths):
    if not paths:
        print("Usage: python3 examples/predict.py IMAGE [IMAGE...]", file=sys.stderr)
        return 2
    if PREP["onnx"]["scope"] != "pipeline":
        print("This model.onnx is the head alone: it takes the backbone's embeddings (see model-card.md).", file=sys.stderr)
        return 2
    try:
        import onnxruntime as ort  # here, so load_image can be used without onnxruntime
    except ImportError:
        print("predict.py needs onnxruntime for Python: pip install onnxruntime pillow numpy", file=sys.stderr)
        return 3

    session = ort.InferenceSession(os.path.join(FOLDER, PREP["onnx"]["path"]))
    results = []
    for start in range(0, len(paths), 32):
        decoded = []
        for path in paths[start:start + 32]:
            try:
                decoded.append((path, load_image(path)))
            except Exception as error:  # an unreadable image gets an error row; the others still predict
                results.append({"path": os.path.abspath(path), "label": None, "probability": None, "probabilities": {}, "error": str(error)})
        if not decoded:
            continue
        probabilities = session.run(None, {PREP["onnx"]["input"]: np.stack([pixels for _, pixels in decoded])})[0]
        for (path, _), row in zip(decoded, probabilities):
            best = int(np.argmax(row))
            results.append({
                "path": os.path.abspath(path),
                "label": LABELS[best],
                "probability": float(row[best]),
                "probabilities": {name: float(p) for name, p in zip(LABELS, row)},
            })
    order = {os.path.abspath(p): i for i, p in enumerate(paths)}
    results.sort(key=lambda r: order[r["path"]])
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
`;
