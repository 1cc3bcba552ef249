"""OCR for scanned pages and images: RapidOCR (PP-OCR models inside the wheel) on onnxruntime.

Why RapidOCR: its models ship in the package and run offline on a CPU (cnocr and
paddleocr download models at run time and fail here). The engine is built once per
process and reused, because loading it costs more than reading a page.

Scanned reports carry red seals stamped over the signature and a red 文件 header on the
first page. The header is text we want (it names the issuer), the seal is not: its
circular text comes out as garbage and it hides the signature line. So we whiten red ink
only inside roughly square red blobs the size of a seal and leave red text lines alone.
A scan fed in at a slant is levelled before detection (line boxes must run level for the
layout to rebuild lines and paragraphs from them).
"""
from __future__ import annotations

import io
import re
import threading
from typing import TYPE_CHECKING

from ..record import Document
from ..settings import ReadSettings
from .layout import Line, Page, assemble, merge_fragments

if TYPE_CHECKING:  # pragma: no cover
    from PIL.Image import Image

_ENGINES: dict[tuple[int, int], object] = {}
_LOCK = threading.Lock()
MAX_PIXELS = 80_000_000  # larger images are refused rather than decoded (decompression bombs)
_OCR_LONG_SIDE = 2400  # photos and 300 dpi scans are scaled down to about 200 dpi for A4


class OCRUnavailable(RuntimeError):
    """RapidOCR or onnxruntime is not installed."""


def engine(settings: ReadSettings):
    """The process's RapidOCR engine for this detector size and thread count (built on first use)."""
    key = (settings.ocr_det_side, settings.ocr_threads)
    with _LOCK:
        eng = _ENGINES.get(key)
        if eng is None:
            try:
                from rapidocr import RapidOCR
            except ImportError as e:  # pragma: no cover - depends on the install
                raise OCRUnavailable("识别扫描件需要可选组件：pip install 'fazhi[ocr]'") from e
            import logging

            eng = RapidOCR(params={
                "Global.log_level": "error",
                # page images are upright; the angle classifier costs ~20% and only helps photos
                "Global.use_cls": False,
                "Det.limit_type": "max",
                "Det.limit_side_len": settings.ocr_det_side,
                "EngineConfig.onnxruntime.intra_op_num_threads": settings.ocr_threads or -1,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            })
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
            _ENGINES[key] = eng
        return eng


def remove_seals(img: "Image") -> "Image":
    """Whiten the red ink of seals (square red blobs at least 2 cm wide), keep red text lines."""
    import cv2
    import numpy as np

    rgb = np.asarray(img.convert("RGB"))
    r = rgb[:, :, 0].astype(np.int16)
    g = rgb[:, :, 1].astype(np.int16)
    b = rgb[:, :, 2].astype(np.int16)
    red = (r > 120) & (r - g > 50) & (r - b > 50)
    if red.sum() < 200:
        return img
    h, w = red.shape
    unit = max(h, w) / 29.7  # pixels per centimetre, taking the long side as A4
    mask = red.astype(np.uint8)
    k = max(3, int(unit * 0.3))
    blob = cv2.dilate(mask, np.ones((k, k), np.uint8))
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(blob, connectivity=8)
    out = rgb.copy()
    changed = False
    for i in range(1, n):
        x, y, bw, bh, _area = stats[i]
        if bw < 2.0 * unit or bh < 2.0 * unit:
            continue
        if not 0.6 <= bw / bh <= 1.6:
            continue
        region = red[y:y + bh, x:x + bw]
        out[y:y + bh, x:x + bw][region] = 255
        changed = True
    if not changed:
        return img
    from PIL import Image as PILImage

    return PILImage.fromarray(out)


_OPEN = {"(": "(", "（": "(", "[": "[", "〔": "[", "【": "[", "［": "["}
_CLOSE = {")": "(", "）": "(", "]": "[", "〕": "[", "】": "[", "］": "["}
_PAIR = {"(": ")", "（": "）", "[": "]", "〔": "〕", "【": "】", "［": "］"}
_GLUED_TIME = re.compile(r"((?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})(\d{1,2}:\d{2})")


def fix_text(line: str) -> str:
    """Undo what OCR cannot see: 〔2018] for 〔2018〕, (一） for (一), 2020-03-3009:49 for a date and a time.

    A closing bracket takes the shape of the opening bracket it closes, when both are of
    one family (round, or square/lenticular); a date run into a time gets its space back.
    """
    chars = list(line)
    stack: list[int] = []
    for i, ch in enumerate(chars):
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE and stack:
            j = stack[-1]
            if _OPEN[chars[j]] == _CLOSE[ch]:
                chars[i] = _PAIR[chars[j]]
                stack.pop()
    return _GLUED_TIME.sub(r"\1 \2", "".join(chars))


# Recognition dominates OCR time (about 80% of a page) and grows with the width of each
# line image; narrowing line images to half their width before recognition halves it,
# with the character error rate on scans of the examples unchanged (bench/read.py).
REC_SQUEEZE = 0.5
_TEXT_SCORE = 0.5  # lines recognised with less confidence are dropped, as RapidOCR does
_REC_HEIGHT = 48  # the recogniser's input height (PP-OCR rec_img_shape)


def deskew_angle(gray) -> float:
    """The skew of a scanned page in degrees (|angle| <= 3, counter-clockwise positive), from
    the sharpest row profile.

    Text lines give the ink's row sums sharp peaks when they run level; the angle that
    makes the profile's variance largest is the page's skew. Measured on a quarter-size
    image, in steps of a quarter degree refined to a twentieth."""
    import cv2
    import numpy as np

    h, w = gray.shape
    f = 600 / max(h, w)
    small = cv2.resize(gray, (max(1, int(w * f)), max(1, int(h * f))), interpolation=cv2.INTER_AREA)
    ink = (small < 160).astype(np.float32)
    if ink.sum() < 200:
        return 0.0
    centre = (small.shape[1] / 2, small.shape[0] / 2)

    def score(a: float) -> float:
        m = cv2.getRotationMatrix2D(centre, a, 1.0)
        rows = cv2.warpAffine(ink, m, (small.shape[1], small.shape[0])).sum(axis=1)
        return float(np.var(rows))

    best = max(np.arange(-3.0, 3.01, 0.25), key=score)
    best = max(np.arange(best - 0.25, best + 0.26, 0.05), key=score)
    return -float(best)  # the turn that levels the page, undone


def deskew(rgb):
    """The page image turned level when it is skewed by more than a tenth of a degree."""
    import cv2

    angle = deskew_angle(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY))
    if abs(angle) < 0.1:
        return rgb
    h, w = rgb.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    return cv2.warpAffine(rgb, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def ocr_lines(img: "Image", settings: ReadSettings, scale: float = 1.0) -> list[Line]:
    """Recognised text lines of one page image, coordinates divided by `scale`.

    The seal's red ink is whitened and the page levelled first; the detector finds the
    line boxes, and each line is recognised on its own, narrowed by `REC_SQUEEZE` (one
    line at a time also keeps memory low: no batch padded to its widest line)."""
    import cv2
    import numpy as np

    eng = engine(settings)
    rgb = deskew(np.asarray(remove_seals(img.convert("RGB"))))
    det = eng(rgb, use_det=True, use_cls=False, use_rec=False)
    boxes = getattr(det, "boxes", None)
    if boxes is None or len(boxes) == 0:
        return []
    h, w = rgb.shape[:2]
    frags = []
    for box in boxes:
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        x0, x1 = max(0, int(min(xs))), min(w, int(np.ceil(max(xs))))
        y0, y1 = max(0, int(min(ys))), min(h, int(np.ceil(max(ys))))
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        crop = rgb[y0:y1, x0:x1]
        # straight to the recogniser's height and the narrowed width in one resampling: small
        # type squeezed at its own size first loses the strokes that tell 2 from 0
        f = _REC_HEIGHT / (y1 - y0)
        narrow = max(8, int((x1 - x0) * f * REC_SQUEEZE))
        crop = cv2.resize(crop, (narrow, _REC_HEIGHT), interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC)
        rec = eng(crop, use_det=False, use_cls=False, use_rec=True)
        texts, scores = getattr(rec, "txts", None), getattr(rec, "scores", None)
        if not texts or not texts[0] or (scores and scores[0] < _TEXT_SCORE):
            continue
        frags.append(Line(str(texts[0]), min(xs) / scale, max(xs) / scale, min(ys) / scale, max(ys) / scale))
    lines = merge_fragments(frags, width=w / scale)
    for ln in lines:
        ln.text = fix_text(ln.text)
    return lines


def ocr_page_image(img: "Image", settings: ReadSettings, scale: float = 1.0) -> Page:
    return Page(img.width / scale, img.height / scale, ocr_lines(img, settings, scale))


def read_image(data: bytes, source: str, settings: ReadSettings) -> Document:
    """An image file (a photographed or scanned page, multi-page TIFF included) through OCR."""
    if settings.ocr == "never":
        return Document(source=source, format="image", error="这是图片文件，需要文字识别，但已设置 --ocr never")
    try:
        from PIL import Image, ImageOps, UnidentifiedImageError
    except ImportError:  # pragma: no cover
        return Document(source=source, format="image", error="读取图片需要组件 Pillow，当前未安装：请运行 pip install Pillow")
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        im = Image.open(io.BytesIO(data))
        if im.width * im.height > MAX_PIXELS:
            return Document(source=source, format="image",
                            error=f"图片尺寸过大（{im.width}×{im.height} 像素），拒绝读取")
        frames = getattr(im, "n_frames", 1)
        pages = []
        skipped = max(0, frames - settings.ocr_max_pages)
        for i in range(min(frames, settings.ocr_max_pages)):
            im.seek(i)
            frame = ImageOps.exif_transpose(im.convert("RGB"))
            long_side = max(frame.size)
            if long_side > _OCR_LONG_SIDE:
                f = _OCR_LONG_SIDE / long_side
                frame = frame.resize((max(1, int(frame.width * f)), max(1, int(frame.height * f))))
            pages.append(ocr_page_image(frame, settings))
    except OCRUnavailable as e:
        return Document(source=source, format="image", error=str(e))
    except Image.DecompressionBombError:
        return Document(source=source, format="image", error="图片尺寸过大（疑似解压炸弹），拒绝读取")
    except UnidentifiedImageError as e:
        return Document(source=source, format="image", error=f"图片无法解码（格式不支持或文件已损坏）：{e}")
    except (OSError, SyntaxError, ValueError, EOFError) as e:
        return Document(source=source, format="image", error=f"图片文件已损坏或被截断：{e}")
    text = assemble(pages)
    doc = Document(source=source, text=text, format="image", pages=list(range(1, len(pages) + 1)))
    doc.meta["ocr_pages"] = len(pages)
    if skipped:
        doc.meta["pages_skipped"] = skipped
    return doc
