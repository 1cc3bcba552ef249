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

import difflib
import io
import re
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..record import Document
from ..settings import ReadSettings
from .layout import Line, Page, assemble, merge_fragments

if TYPE_CHECKING:  # pragma: no cover
    from PIL.Image import Image

_ENGINES: dict[tuple[int, int], object] = {}
_LOCK = threading.Lock()
_SEAL_PAPER = 200  # red-channel value from which a seal's pixel is taken for paper
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


def _red(rgb):
    """Pixels of red ink: red well above green and blue."""
    import numpy as np

    r = rgb[:, :, 0].astype(np.int16)
    g = rgb[:, :, 1].astype(np.int16)
    b = rgb[:, :, 2].astype(np.int16)
    return (r > 120) & (r - g > 50) & (r - b > 50)


_SEAL_STEP = 4  # seals are looked for on every 4th pixel: a page without red ink costs a sixteenth


def remove_seals(img: "Image") -> "Image":
    """Drop the red ink of seals (square red blobs at least 2 cm wide), keep red text lines."""
    import cv2
    import numpy as np

    rgb = np.asarray(img.convert("RGB"))
    step = _SEAL_STEP
    red = _red(rgb[::step, ::step])
    if red.sum() * step * step < 200:
        return img
    h, w = rgb.shape[:2]
    unit = max(h, w) / 29.7 / step  # sampled pixels per centimetre, taking the long side as A4
    k = max(3, int(unit * 0.3))
    blob = cv2.dilate(red.astype(np.uint8), np.ones((k, k), np.uint8))
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(blob, connectivity=8)
    out = rgb.copy()
    changed = False
    for i in range(1, n):
        x, y, bw, bh, _area = stats[i]
        if bw < 2.0 * unit or bh < 2.0 * unit:
            continue
        if not 0.6 <= bw / bh <= 1.6:
            continue
        # the red channel sees through red ink: paper and seal come out light, the black
        # strokes the seal was stamped over stay dark (whitening the red pixels took the
        # edges of those strokes, blurred into red, with them)
        y0, y1, x0, x1 = y * step, min(h, (y + bh) * step), x * step, min(w, (x + bw) * step)
        part = out[y0:y1, x0:x1]
        region = _red(part)
        seen = part[:, :, 0][region]
        part[region] = np.where(seen >= _SEAL_PAPER, 255, seen).astype(np.uint8)[:, None]
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
# Half-width characters pay for it: a digit narrowed to a quarter of an em gets one or
# two of the recogniser's output columns (one per 8 pixels), too few to keep "2024"
# apart from "2" or "88" from "8". A line whose digits were read with little confidence,
# or spread over more columns than one digit takes, is read again at full width, and only
# its half-width characters are taken from that reading (the narrow reading is the better
# one for Chinese characters: at full width the language prior reads a dash as 一).
REC_SQUEEZE = 0.5
_TEXT_SCORE = 0.5  # lines recognised with less confidence are dropped, as RapidOCR does
_REC_HEIGHT = 48  # the recogniser's input height (PP-OCR rec_img_shape)
_REC_MIN_WIDTH = 320  # narrower line images are padded to this width (PP-OCR rec_img_shape)
_REC_STRIDE = 8  # input pixels per output column of the recogniser
_END_PAD = 0.25  # ems of paper added after a line: a last comma narrowed to the edge is dropped
_DIGIT_DOUBT = 0.9  # a digit read with less confidence sends its line to the full-width pass
_DIGIT_SPREAD = 2.5  # mean output columns per half-width character beyond which digits merged
_HALF_WIDTH = re.compile(r"[0-9A-Za-z.,:;%/+\-]")
# 一 and the em dash — are one horizontal stroke each, and the recogniser's sense of
# language picks 一 between two characters (进—步 is read 进一步, a typo lost). When it
# gives the other reading any chance (_RIVAL_DOUBT), the stroke decides: 一 in Song and
# FangSong type, the faces reports are printed in, presses down at its right end (the
# brush's stop) and a dash runs even to both ends.
_RIVALS = {"一": "—", "—": "一"}
_PAIRS = (("‘", "’"), ("“", "”"))  # thin marks the recogniser may leave out (see _complete_pairs)
_MARK_SEEN = 0.02
_RIVAL_DOUBT = 0.01  # surely read 一s leave the dash less than 0.001
_FACE_REFERENCES = 2
_STOP_SWELL = 1.5  # the stroke's right end this much heavier than its middle: 一


@dataclass
class Reading:
    """A line image's text with its confidence and, per character, the confidence and the
    recogniser's output columns it was read from."""

    text: str
    score: float
    probs: list[float]
    spans: list[tuple[int, int]]
    rivals: dict[int, float] = field(default_factory=dict)  # index of a 一 or — -> the other's probability


def _decode(prob, chars) -> Reading:
    """Greedy CTC decoding (the class of highest probability per column, repeats merged,
    blanks dropped) keeping each character's columns; the score is the mean confidence of
    the characters' columns, as RapidOCR computes it."""
    best = prob.argmax(axis=1)
    conf = prob.max(axis=1)
    text: list[str] = []
    probs: list[float] = []
    spans: list[tuple[int, int]] = []
    kept: list[float] = []
    last = 0
    for t, k in enumerate(best):
        if k and k != last:
            text.append(chars[k])
            probs.append(float(conf[t]))
            spans.append((t, t))
            kept.append(float(conf[t]))
        elif k and k == last:
            probs[-1] = min(probs[-1], float(conf[t]))
            spans[-1] = (spans[-1][0], t)
        last = k
    score = sum(kept) / len(kept) if kept else 0.0
    index = _class_index(chars)
    _complete_pairs(text, probs, spans, best, prob, index)
    r = Reading("".join(text), score, probs, spans)
    if all(c in index for c in _RIVALS):
        for i, ch in enumerate(r.text):
            if ch in _RIVALS:
                t0, t1 = r.spans[i]
                r.rivals[i] = float(prob[t0:t1 + 1, index[_RIVALS[ch]]].max())
    return r


_INDEX: dict[int, dict[str, int]] = {}


def _class_index(chars) -> dict[str, int]:
    """The recogniser's class of each mark decoding looks at (built once per character list)."""
    found = _INDEX.get(id(chars))
    if found is None:
        wanted = set(_RIVALS) | {m for pair in _PAIRS for m in pair}
        found = _INDEX[id(chars)] = {c: i for i, c in enumerate(chars) if c in wanted}
    return found


def _complete_pairs(text: list[str], probs: list[float], spans: list[tuple[int, int]], best, prob,
                    index: dict[str, int]) -> None:
    """Put back a thin quotation mark or bracket whose partner the line holds when the
    recogniser saw it but let the blank win (‘ before 枫桥经验’ at 0.04 to 0.11).

    A closing mark without its opening one earlier in the line looks for the opening one
    among the blank columns before it; an opening mark without its closing one, among the
    blank columns after it, between two characters of the line. The mark goes in at the
    column where it is most likely, if at least _MARK_SEEN: where the line goes on a
    quotation opened on the line before, no column holds the mark at all."""
    for opening, closing in _PAIRS:
        if opening not in index or closing not in index:
            continue
        depth = 0
        lone_close: list[int] = []
        lone_open: list[int] = []
        for i, ch in enumerate(text):
            if ch == opening:
                lone_open.append(i)
                depth += 1
            elif ch == closing:
                if depth:
                    depth -= 1
                    lone_open.pop()
                else:
                    lone_close.append(i)
        # between two characters the line holds: at its ends the mark may as well be on the
        # line before or after
        wanted = [(opening, spans[0][1] + 1, spans[j][0]) for j in lone_close[:1]]
        wanted += [(closing, spans[j][1] + 1, spans[-1][0]) for j in lone_open[-1:]]
        for mark, lo, hi in wanted:
            columns = [t for t in range(lo, hi) if best[t] == 0]
            if not columns:
                continue
            t = max(columns, key=lambda c: prob[c, index[mark]])
            seen = float(prob[t, index[mark]])
            if seen < _MARK_SEEN:
                continue
            at = next((i for i, (a, _b) in enumerate(spans) if a > t), len(spans))
            text.insert(at, mark)
            probs.insert(at, seen)
            spans.insert(at, (t, t))


def _recognise(rec, image) -> Reading:
    """One line image (already _REC_HEIGHT high) through the recognition model."""
    import numpy as np

    h, w = image.shape[:2]
    x = np.zeros((1, 3, h, max(w, _REC_MIN_WIDTH)), dtype=np.float32)  # grey padding, as PP-OCR's
    x[0, :, :, :w] = image.transpose(2, 0, 1).astype(np.float32) / 127.5 - 1.0
    return _decode(rec.session(x)[0], rec.postprocess_op.character)


def _line_image(rgb, x0: int, x1: int, y0: int, y1: int, squeeze: float):
    """The line's box at the recogniser's height, its width times `squeeze`, with
    `_END_PAD` ems of paper after it."""
    import cv2
    import numpy as np

    crop = rgb[y0:y1, x0:x1]
    pad = int(round(_END_PAD * (y1 - y0)))
    if pad:
        paper = np.median(crop[:, -max(1, pad):].reshape(-1, crop.shape[2]), axis=0)
        crop = np.concatenate([crop, np.broadcast_to(paper.astype(crop.dtype), (crop.shape[0], pad, crop.shape[2]))], axis=1)
    # straight to the recogniser's height and the narrowed width in one resampling: small
    # type squeezed at its own size first loses the strokes that tell 2 from 0
    f = _REC_HEIGHT / (y1 - y0)
    narrow = max(8, int(crop.shape[1] * f * squeeze))
    return cv2.resize(crop, (narrow, _REC_HEIGHT), interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC)


def digits_in_doubt(r: Reading) -> bool:
    """Whether a narrowed line's digits may have been lost or merged: a digit read with
    little confidence, or a run of half-width characters spread over more output
    columns than its characters need."""
    i, n = 0, len(r.text)
    while i < n:
        if not _HALF_WIDTH.match(r.text[i]):
            i += 1
            continue
        j = i
        while j < n and _HALF_WIDTH.match(r.text[j]):
            j += 1
        run = r.text[i:j]
        if any(ch.isdigit() for ch in run):
            if min(r.probs[i:j]) < _DIGIT_DOUBT:
                return True
            columns = r.spans[j - 1][1] - r.spans[i][0] + 1
            if len(run) >= 2 and columns / len(run) > _DIGIT_SPREAD:
                return True
        i = j
    return False


def merge_half_width(narrow: str, wide: str) -> str:
    """The narrow reading with its half-width characters corrected from the wide one: where
    the two differ only in digits, Latin letters and their punctuation, the wide reading
    wins; everywhere else the narrow one stays."""
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, narrow, wide, autojunk=False).get_opcodes():
        mine, theirs = narrow[i1:i2], wide[j1:j2]
        beside = narrow[i1 - 1:i1] + narrow[i2:i2 + 1]  # a decimal point lost between two digits
        if op != "equal" and all(_HALF_WIDTH.match(ch) for ch in mine + theirs) and any(
                ch.isdigit() for ch in mine + theirs + beside):
            out.append(theirs)
        else:
            out.append(mine)
    return "".join(out)


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


def stroke_stops(gray, cx: float, y0: int, y1: int) -> bool | None:
    """Whether the lone horizontal stroke around column `cx` of a line (rows y0..y1 of a
    grey page) presses down at its right end as 一 does in Song type; None when no lone
    stroke is found there (the reading then stands)."""
    import numpy as np

    h = y1 - y0
    a, b = max(0, int(cx - 0.6 * h)), min(gray.shape[1], int(cx + 0.6 * h))
    if b - a < 0.5 * h:
        return None
    ink = (255.0 - gray[y0:y1, a:b].astype(np.float32)) / 255.0
    mid = ink[:, int(0.3 * (b - a)):int(0.7 * (b - a)) + 1]
    row = int(mid.sum(axis=1).argmax())
    half = max(2, round(0.07 * h))
    band = ink[max(0, row - half):row + half + 1]
    mass = band.sum(axis=0)
    centre = int(cx) - a
    floor = 0.35 * float(np.median(mass[max(0, centre - h // 6):centre + h // 6 + 1]))
    if floor <= 0:
        return None
    left = right = min(max(centre, 0), len(mass) - 1)
    while left > 0 and mass[left - 1] > floor:
        left -= 1
    while right < len(mass) - 1 and mass[right + 1] > floor:
        right += 1
    length = right - left + 1
    if length < 0.5 * h:
        return None
    # a lone stroke: little ink above and below it along its length
    rest = ink[:, left:right + 1].sum() - band[:, left:right + 1].sum()
    if rest > 0.5 * band[:, left:right + 1].sum():
        return None
    body = float(np.median(mass[left + length // 5:right - length // 5 + 1]))
    end = float(mass[right - length // 4:right + 1].max())
    return body > 0 and end / body >= _STOP_SWELL


def settle_rivals(readings: list[tuple[Reading, list[str], int, int, int]], gray, squeeze: float) -> None:
    """Decide by its stroke each 一 or — of a page's readings (reading, its characters to
    correct, box x0, y0, y1) that the recogniser gave the other a chance of _RIVAL_DOUBT.

    Only on a page whose surely read 一s press down at their end (a Song or FangSong face,
    _FACE_REFERENCES of them at least): in a Hei face 一 runs even, like a dash."""
    def stops(r: Reading, i: int, x0: int, y0: int, y1: int) -> bool | None:
        t0, t1 = r.spans[i]
        per_column = _REC_STRIDE / (_REC_HEIGHT / (y1 - y0) * squeeze)  # page pixels per output column
        return stroke_stops(gray, x0 + (t0 + t1 + 1) / 2 * per_column, y0, y1)

    references: list[bool] = []
    for r, _chars, x0, y0, y1 in readings:
        for i, other in r.rivals.items():
            if len(references) < 3 * _FACE_REFERENCES and r.text[i] == "一" and other < 1e-3 and r.probs[i] > 0.99:
                seen = stops(r, i, x0, y0, y1)
                if seen is not None:
                    references.append(seen)
    if len(references) < _FACE_REFERENCES or sum(references) < 0.8 * len(references):
        return
    for r, chars, x0, y0, y1 in readings:
        for i, other in r.rivals.items():
            if other >= _RIVAL_DOUBT:
                seen = stops(r, i, x0, y0, y1)
                if seen is not None:
                    chars[i] = "一" if seen else "—"


def ocr_lines(img: "Image", settings: ReadSettings, scale: float = 1.0) -> list[Line]:
    """Recognised text lines of one page image, coordinates divided by `scale`.

    The seal's red ink is whitened and the page levelled first; the detector finds the
    line boxes, and each line is recognised on its own, narrowed by `REC_SQUEEZE` (one
    line at a time also keeps memory low: no batch padded to its widest line); a line
    whose digits are in doubt is read again at full width for its half-width characters."""
    import cv2
    import numpy as np

    eng = engine(settings)
    rec = eng._load_rec_model()  # RapidOCR builds its models on first use; _recognise needs the columns
    rgb = deskew(np.asarray(remove_seals(img.convert("RGB"))))
    det = eng(rgb, use_det=True, use_cls=False, use_rec=False)
    boxes = getattr(det, "boxes", None)
    if boxes is None or len(boxes) == 0:
        return []
    h, w = rgb.shape[:2]
    found: list[tuple[Reading, list[str], int, int, int, list[float]]] = []
    for box in boxes:
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        x0, x1 = max(0, int(min(xs))), min(w, int(np.ceil(max(xs))))
        y0, y1 = max(0, int(min(ys))), min(h, int(np.ceil(max(ys))))
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        r = _recognise(rec, _line_image(rgb, x0, x1, y0, y1, REC_SQUEEZE))
        if r.text and r.score >= _TEXT_SCORE:
            found.append((r, list(r.text), x0, y0, y1, [min(xs), max(xs), min(ys), max(ys)]))
    if any(p >= _RIVAL_DOUBT for r, *_rest in found for p in r.rivals.values()):
        settle_rivals([f[:5] for f in found], cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), REC_SQUEEZE)
    frags = []
    for r, chars, x0, y0, y1, (left, right, top, bottom) in found:
        text = "".join(chars)
        if REC_SQUEEZE < 1.0 and digits_in_doubt(r):
            x1 = min(w, int(np.ceil(right)))
            text = merge_half_width(text, _recognise(rec, _line_image(rgb, x0, x1, y0, y1, 1.0)).text)
        frags.append(Line(text, left / scale, right / scale, top / scale, bottom / scale))
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
