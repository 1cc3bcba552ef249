"""Near-duplicate passages across the corpus: MinHash signatures, an LSH band index in
DuckDB, stock phrasing learned from the corpus, and exact verification.

Why this shape:
- A passage is a paragraph (a line of the extracted text), long ones cut at sentence ends:
  copying is done paragraph by paragraph, and a finding must point at a span.
- Text the rules prescribe is not copying either (fazhi/data/prescribed.toml): the headings
  of the five required contents (二、党政主要负责人履行推进法治建设第一责任人职责情况) and
  sentences of the 纲要 and the 规定 that reports quote. Their clauses are treated as shipped
  stock phrasing, so two townships that both use the prescribed headings share nothing.
- Stock political phrasing (坚持以习近平新时代中国特色社会主义思想为指导 …) is shared by
  every report and is not copying. It is learned from the corpus: a clause (text between
  , ; 。 : ! ?) with digits and the unit's own names masked is stock when many distinct
  units use it (corpus.toml: stock_min_units, stock_share). Stock clauses are removed before
  a passage is shingled, except for their numbers: 对市场监管领域9项行政许可事项实行告知承诺制
  is everyone's formula, but the same 9, 18 and 5 in the same order are someone's figures.
- Signatures are datasketch MinHash ("affine32" scheme) over character 3-grams, computed for
  all passages of a document at once with numpy (datasketch's per-shingle Python hashing
  would cost more than the whole analysis). `tests/test_corpus_dedup.py` pins that the
  vectors equal datasketch's own `MinHash.update_batch` with the same hash function, so
  signatures can be handed to datasketch (MinHashLSH, LeanMinHash) by anyone who wants to.
- The LSH index is a table of (band, bucket, doc_id, passage) rows in DuckDB rather than
  datasketch's in-memory MinHashLSH: it persists with the corpus, grows by appending, and
  candidate pairs are one hash join that DuckDB spills to disk, so it scales to a million
  reports (about 40 passages x 16 bands per report). Buckets that hold more documents than
  `bucket_cap` are stock text the clause statistics missed and are skipped, which keeps the
  number of candidate pairs linear in the corpus size.
- Every candidate pair is verified by the exact Jaccard similarity of the two own-text
  shingle sets before it becomes a finding: LSH only proposes.
"""
from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np

from ..data import load as load_data
from .rows import register

_SENTENCE_END = re.compile(r"[。！？!?；;]")
_NOT_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")  # a year in a stock clause is everyone's (2021—2025年), not evidence

# MurmurHash3 32-bit finalizer, as datasketch applies it before its affine32 permutations.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
_SHINGLE_MUL = np.uint32(0x01000193)  # FNV prime: the per-character step of the shingle hash


@dataclass(frozen=True)
class DedupSettings:
    shingle: int
    num_perm: int
    bands: int
    rows: int
    seed: int
    min_passage_chars: int
    target_passage_chars: int
    max_passage_chars: int
    min_clause_chars: int
    min_shingles: int
    jaccard: float
    stock_min_units: int
    stock_share: float
    stock_clauses: tuple[str, ...]  # corpus.toml's stock phrasing and the quoted rules of prescribed.toml
    bucket_cap: int
    estimate_margin: float
    not_passages: tuple[str, ...] = ()  # lines never compared: headings, titles, rows of links
    stock_forms: tuple[str, ...] = ()  # formula sentences in their varied forms (regular expressions)


@lru_cache(maxsize=1)
def corpus_settings() -> dict:
    return load_data("corpus.toml")


@lru_cache(maxsize=1)
def settings() -> DedupSettings:
    d = dict(corpus_settings()["dedup"])
    d["stock_clauses"] = tuple(d.get("stock_clauses", ())) + tuple(load_data("prescribed.toml")["quoted"])
    d["not_passages"] = tuple(d.get("not_passages", ()))
    d["stock_forms"] = tuple(d.get("stock_forms", ()))
    s = DedupSettings(**d)
    if s.bands * s.rows != s.num_perm:
        raise ValueError("corpus.toml: dedup.bands × dedup.rows 必须等于 dedup.num_perm")
    return s


# -- segmentation -------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _not_passage(patterns: tuple[str, ...]) -> "re.Pattern[str] | None":
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def _not_text(line: str, s: DedupSettings) -> bool:
    """A line that is no passage of the report's own text (corpus.toml not_passages: a heading, a
    title, a row of links), or the page's furniture (a breadcrumb 您当前的位置：首页>>… that every
    page of a site shares): two units sharing it have copied nothing."""
    from ..understand.page import is_furniture_line

    pat = _not_passage(s.not_passages)
    return (pat is not None and pat.search(unicodedata.normalize("NFKC", line)) is not None) or is_furniture_line(line)


def passage_spans(text: str, s: DedupSettings | None = None,
                  skip: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int]]:
    """Paragraph spans worth comparing: lines of some length, long ones cut at sentence ends.

    Lines overlapping a `skip` span (the title: every title is the same formula with
    another name) are left out.
    """
    s = s or settings()
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b - a >= s.min_passage_chars and not any(a < k1 and k0 < b for k0, k1 in skip) \
                and not _not_text(text[a:b], s):
            if b - a <= s.max_passage_chars:
                out.append((a, b))
            else:
                out.extend(_cut(text, a, b, s))
        pos = end + 1
    return out


def _cut(text: str, a: int, b: int, s: DedupSettings) -> list[tuple[int, int]]:
    """Cut a long paragraph at sentence ends into pieces of about target_passage_chars."""
    pieces: list[tuple[int, int]] = []
    start = a
    for m in _SENTENCE_END.finditer(text, a, b):
        if m.end() - start >= s.target_passage_chars:
            pieces.append((start, m.end()))
            start = m.end()
    if start < b:
        if pieces and b - start < s.min_passage_chars:
            pieces[-1] = (pieces[-1][0], b)  # a short tail belongs to the piece before it
        else:
            pieces.append((start, b))
    return pieces


_CLAUSE_SPLIT_NFKC = re.compile(r"[,。;:!?\n、]")  # clause ends after NFKC (，→, ；→; ：→: ！→! ？→?)


def _clause_norm(clause: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", clause)).lower()


_SELF_WORDS = re.compile(r"(?:我|全|本)(?:省|市|县|区|镇|乡|街道|旗|州|盟)")


@dataclass(frozen=True)
class Context:
    """What a document says about itself that a clause key must not depend on.

    Stock phrasing differs between units only by the unit's own name and self-reference
    (我县/全区/本街道; 永清县人民政府关于…): those are masked before a clause is keyed, so
    a county's and a township's use of the same formula count as one phrase.
    """

    names: tuple[str, ...] = ()
    skip: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, metadata: dict | None) -> "Context":
        md = metadata or {}
        names = {_clause_norm(md[k]) for k in ("issuer", "jurisdiction", "department", "county", "city", "province")
                 if md.get(k)}
        names = tuple(sorted((n for n in names if len(n) >= 2), key=len, reverse=True))
        ts, te = md.get("title_start"), md.get("title_end")
        skip = ((int(ts), int(te)),) if isinstance(ts, int) and isinstance(te, int) else ()
        return cls(names, skip)

    def mask(self, norm: str) -> str:
        for n in self.names:
            if n in norm:
                norm = norm.replace(n, "u")
        return _SELF_WORDS.sub("u", norm)


_NO_CONTEXT = Context()


def _masked(norm: str, ctx: Context) -> str:
    return _DIGITS.sub("#", ctx.mask(norm))


def _key_of(masked: str, s: DedupSettings) -> int | None:
    if len(masked) < s.min_clause_chars:
        return None
    return int.from_bytes(hashlib.blake2b(masked.encode("utf-8"), digest_size=8).digest(), "little")


def _key(norm: str, s: DedupSettings, ctx: Context) -> int | None:
    return _key_of(_masked(norm, ctx), s)


def clauses(text: str, start: int, end: int, s: DedupSettings, ctx: Context,
            prior: bool = True) -> list[tuple[str, int | None, str, bool]]:
    """The clauses of a passage (text between , ; 。 : ! ? 、), each normalised and with its stock key.

    The normalised clause keeps letters and digits only (NFKC, lower case): full-width and
    half-width text, spacing and punctuation never make two passages differ. The key masks
    digits and the unit's own names (`Context`), so 受理行政复议案件73件 and …45件 are the
    same phrasing; it is None for clauses too short to be a phrase on their own. The third
    item is the clause as written (after NFKC), whose numbers `own_passages` keeps; the
    fourth says whether it is one of the shipped stock clauses (computed only when `prior`).
    """
    out = []
    for raw in _CLAUSE_SPLIT_NFKC.split(unicodedata.normalize("NFKC", text[start:end])):
        norm = _NOT_WORD.sub("", raw).lower()
        if norm:
            masked = _masked(norm, ctx)
            out.append((norm, _key_of(masked, s), raw, prior and is_prior_stock(masked, s)))
    return out


def clause_key(clause: str, s: DedupSettings | None = None, ctx: Context = _NO_CONTEXT) -> int | None:
    """The stock key of one clause (see `clauses`)."""
    return _key(_clause_norm(clause), s or settings(), ctx)


def document_clause_keys(text: str, metadata: dict | None = None, s: DedupSettings | None = None) -> set[int]:
    """The distinct clause keys of a document's passages (what the stock statistics count)."""
    s = s or settings()
    ctx = Context.of(metadata)
    keys: set[int] = set()
    for a, b in passage_spans(text, s, ctx.skip):
        keys.update(k for _, k, _, _ in clauses(text, a, b, s, ctx, prior=False) if k is not None)
    return keys


# -- shingles and signatures ---------------------------------------------------------------

@dataclass
class Passage:
    idx: int
    start: int
    end: int
    shingles: np.ndarray  # uint32 shingle hashes of the passage's own text (stock removed), in order
    _unique: np.ndarray | None = None

    @property
    def unique(self) -> np.ndarray:
        if self._unique is None:
            self._unique = np.unique(self.shingles)
        return self._unique


def shingle_hash(gram: str) -> int:
    """The 32-bit hash of one shingle, identical to what `own_passages` computes in bulk."""
    h = np.uint32(0)
    with np.errstate(over="ignore"):
        for ch in gram:
            h = np.uint32(h * _SHINGLE_MUL) ^ np.uint32(ord(ch))
    return int(h)


def _shingle_hashes(own: str, k: int) -> np.ndarray:
    if len(own) < k:
        return np.zeros(0, dtype=np.uint32)
    cp = np.frombuffer(own.encode("utf-32-le"), dtype=np.uint32)
    n = len(cp) - k + 1
    h = np.zeros(n, dtype=np.uint32)
    with np.errstate(over="ignore"):
        for i in range(k):
            h = (h * _SHINGLE_MUL) ^ cp[i:i + n]
    return h


def own_passages(text: str, stock: "set[int] | frozenset[int]", s: DedupSettings | None = None,
                 ctx: Context = _NO_CONTEXT) -> list[Passage]:
    """The document's passages with their own-text shingles; stock clauses removed.

    Passages whose own text is too short to judge (min_shingles) are left out: a line that is
    all stock phrasing, a date or a heading cannot show copying.
    """
    s = s or settings()
    out: list[Passage] = []
    for idx, (a, b) in enumerate(passage_spans(text, s, ctx.skip)):
        parts = []
        for norm, key, raw, prior in clauses(text, a, b, s, ctx):
            if prior or (key is not None and key in stock):
                # stock phrasing, but the same figures in it are still evidence of copying
                parts.extend("#" + d for d in _DIGITS.findall(raw) if not _YEAR.fullmatch(d))
            else:
                parts.append(norm)
        hashes = _shingle_hashes("".join(parts), s.shingle)
        if len(hashes) >= s.min_shingles:
            out.append(Passage(idx, a, b, hashes))
    return out


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's "affine32" permutations, drawn exactly as `datasketch.MinHash(num_perm, seed,
    scheme="affine32")` draws them (odd a, any b, from numpy's RandomState(seed)).

    Computed here rather than taken from datasketch because importing datasketch imports
    scipy (about a second on every ingestion); tests/test_corpus_dedup.py pins that the
    signatures equal datasketch's own.
    """
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    with np.errstate(over="ignore"):
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        return hv ^ (hv >> s3)


def signatures(passages: list[Passage], s: DedupSettings | None = None) -> np.ndarray:
    """MinHash vectors (passages x num_perm, uint32), all passages of a document in one pass."""
    s = s or settings()
    if not passages:
        return np.zeros((0, s.num_perm), dtype=np.uint32)
    a, b = _permutations(s.num_perm, s.seed)
    lengths = np.array([len(p.shingles) for p in passages])
    hv = _fmix32(np.concatenate([p.shingles for p in passages]))
    with np.errstate(over="ignore"):
        phv = hv[:, None] * a[None, :] + b[None, :]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    return np.minimum.reduceat(phv, starts, axis=0)


_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)


def band_buckets(sigs: np.ndarray, s: DedupSettings | None = None) -> np.ndarray:
    """One 64-bit bucket per (passage, band): the band's rows folded into one integer."""
    s = s or settings()
    if len(sigs) == 0:
        return np.zeros((0, s.bands), dtype=np.uint64)
    x = sigs.reshape(len(sigs), s.bands, s.rows).astype(np.uint64)
    h = np.zeros((len(sigs), s.bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(s.rows):
            h = (h ^ x[:, :, r]) * _BAND_MIX
            h ^= h >> np.uint64(29)
    return h


def jaccard(x: np.ndarray, y: np.ndarray, assume_unique: bool = False) -> float:
    ux, uy = (x, y) if assume_unique else (np.unique(x), np.unique(y))
    inter = len(np.intersect1d(ux, uy, assume_unique=True))
    union = len(ux) + len(uy) - inter
    return inter / union if union else 0.0


# -- the index in the database ---------------------------------------------------------------

def unit_expr(alias: str = "r") -> str:
    """SQL for a report's unit: its unit_key, or the document itself when no unit is known."""
    return f"coalesce({alias}.unit_key, 'doc:' || {alias}.doc_id::VARCHAR)"


@lru_cache(maxsize=4)
def _prior(phrases: tuple[str, ...]) -> frozenset[str]:
    """The shipped phrases as masked clauses (a quoted sentence of the rules gives several)."""
    out = set()
    for phrase in phrases:
        for part in _CLAUSE_SPLIT_NFKC.split(unicodedata.normalize("NFKC", phrase)):
            norm = _NOT_WORD.sub("", part).lower()
            if norm:
                out.add(_DIGITS.sub("#", _NO_CONTEXT.mask(norm)))
    return frozenset(out)


@lru_cache(maxsize=1)
def _prescribed_headings() -> "re.Pattern[str]":
    return re.compile("|".join(f"(?:{p})" for p in load_data("prescribed.toml")["headings"]))


def is_prescribed_heading(masked: str) -> bool:
    """Whether a masked clause is one of the headings the rules prescribe (prescribed.toml)."""
    return _prescribed_headings().match(masked) is not None


@lru_cache(maxsize=4)
def _forms(patterns: tuple[str, ...]) -> "re.Pattern[str] | None":
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def is_prior_stock(masked: str, s: DedupSettings) -> bool:
    """Whether a masked clause is shipped stock phrasing or prescribed text: one of the stock
    clauses or a clause of a quoted rule, or a formula in one of its forms (stock_forms), allowing
    up to four characters before it (县政府主要负责人… / 主要负责人…), or a prescribed heading."""
    prior = _prior(s.stock_clauses)
    lead = range(min(5, len(masked)))
    if any(masked[i:] in prior for i in lead) or is_prescribed_heading(masked):
        return True
    forms = _forms(s.stock_forms)
    return forms is not None and any(forms.fullmatch(masked, i) for i in lead)


def refresh_stock(con, s: DedupSettings | None = None) -> tuple[frozenset[int], int]:
    """Recompute the stock phrases learned from the corpus; returns them and how many keys
    changed since the last run (the shipped ones are matched by text, see `is_prior_stock`)."""
    s = s or settings()
    units = con.execute(f"SELECT count(DISTINCT {unit_expr()}) FROM records r WHERE r.doc_type = 'report'").fetchone()[0]
    threshold = max(s.stock_min_units, math.ceil(s.stock_share * units))
    learned = con.execute(f"""
        SELECT c.key, count(DISTINCT {unit_expr()}) AS n FROM clause_keys c JOIN records r USING (doc_id)
        WHERE r.doc_type = 'report' GROUP BY c.key HAVING count(DISTINCT {unit_expr()}) >= ?""", [threshold]).fetchall()
    new = [(int(k), int(n)) for k, n in learned]
    old = {int(k) for (k,) in con.execute("SELECT key FROM stock_phrases").fetchall()}
    new_keys = {int(k) for k, _ in new}
    changed = new_keys ^ old
    if changed:
        con.execute("DELETE FROM stock_phrases")
        if new:
            import pyarrow as pa

            tbl = pa.table({"key": pa.array([int(k) for k, _ in new], pa.uint64()),
                            "n_units": pa.array([int(n) for _, n in new], pa.int32())})
            register(con, "_stock_new", tbl)
            con.execute("INSERT INTO stock_phrases SELECT key, n_units FROM _stock_new")
            con.unregister("_stock_new")
    if changed:
        import pyarrow as pa

        register(con, "_stock_changed", pa.table({"key": pa.array(sorted(changed), pa.uint64())}))
        con.execute("CREATE OR REPLACE TEMP TABLE stock_changed AS SELECT key FROM _stock_changed")
        con.unregister("_stock_changed")
    else:
        con.execute("CREATE OR REPLACE TEMP TABLE stock_changed (key UBIGINT)")
    return frozenset(new_keys), len(changed)


_CONTEXT_SQL = """SELECT d.doc_id, d.text, r.issuer, r.jurisdiction, r.department, r.county, r.city, r.province,
                          r.title_start, r.title_end
                   FROM documents d JOIN records r USING (doc_id)
                   WHERE d.doc_id IN (SELECT unnest(?)) AND r.doc_type = 'report' AND d.text IS NOT NULL"""
_CONTEXT_KEYS = ("issuer", "jurisdiction", "department", "county", "city", "province", "title_start", "title_end")


def load_texts(con, doc_ids: list[int]) -> list[tuple[int, str, Context]]:
    """Stored texts of report documents with the context their clause keys are computed in."""
    return [(r[0], r[1], Context.of(dict(zip(_CONTEXT_KEYS, r[2:])))) for r in con.execute(_CONTEXT_SQL, [doc_ids]).fetchall()]


def index_documents(con, doc_ids: list[int], stock: frozenset[int], s: DedupSettings | None = None,
                    chunk: int = 500, progress=None) -> None:
    """(Re)build the passages and LSH bands of these documents."""
    import pyarrow as pa

    s = s or settings()
    for i in range(0, len(doc_ids), chunk):
        ids = doc_ids[i:i + chunk]
        p_doc, p_idx, p_start, p_end, p_n, p_sig = [], [], [], [], [], []
        b_band, b_bucket, b_doc, b_idx = [], [], [], []
        for doc_id, text, ctx in load_texts(con, ids):
            ps = own_passages(text, stock, s, ctx)
            if not ps:
                continue
            sigs = signatures(ps, s)
            p_sig.append(sigs.reshape(-1))
            buckets = band_buckets(sigs, s)
            for p, row in zip(ps, buckets):
                p_doc.append(doc_id)
                p_idx.append(p.idx)
                p_start.append(p.start)
                p_end.append(p.end)
                p_n.append(len(p.shingles))
            n = len(ps)
            b_band.append(np.tile(np.arange(s.bands, dtype=np.uint8), n))
            b_bucket.append(buckets.reshape(-1))
            b_doc.append(np.full(n * s.bands, doc_id, dtype=np.int32))
            b_idx.append(np.repeat(np.array([p.idx for p in ps], dtype=np.int32), s.bands))
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DELETE FROM passages WHERE doc_id IN (SELECT unnest(?))", [ids])
            con.execute("DELETE FROM bands WHERE doc_id IN (SELECT unnest(?))", [ids])
            if p_doc:
                offsets = pa.array(np.arange(0, (len(p_doc) + 1) * s.num_perm, s.num_perm, dtype=np.int32))
                sig = pa.ListArray.from_arrays(offsets, pa.array(np.concatenate(p_sig), pa.uint32()))
                ptbl = pa.table({"doc_id": pa.array(p_doc, pa.int32()), "idx": pa.array(p_idx, pa.int32()),
                                 "start": pa.array(p_start, pa.int32()), "end": pa.array(p_end, pa.int32()),
                                 "n_shingles": pa.array(p_n, pa.int32()), "sig": sig})
                btbl = pa.table({"band": np.concatenate(b_band), "bucket": np.concatenate(b_bucket),
                                 "doc_id": np.concatenate(b_doc), "idx": np.concatenate(b_idx)})
                register(con, "_ptbl", ptbl)
                register(con, "_btbl", btbl)
                con.execute("INSERT INTO passages BY NAME SELECT * FROM _ptbl")
                con.execute("INSERT INTO bands BY NAME SELECT * FROM _btbl")
                con.unregister("_ptbl")
                con.unregister("_btbl")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        if progress:
            progress(len(ids))


def _pairs_sql(focus_table: str) -> str:
    """Passage pairs sharing an LSH bucket, one side in the focus documents, each pair once."""
    return f"""
        WITH fb AS (SELECT b.band, b.bucket, b.doc_id, b.idx FROM bands b JOIN {focus_table} f USING (doc_id)),
        sizes AS (SELECT b.band, b.bucket, count(DISTINCT b.doc_id) AS n FROM bands b
                  SEMI JOIN fb ON b.band = fb.band AND b.bucket = fb.bucket GROUP BY b.band, b.bucket),
        ok AS (SELECT band, bucket FROM sizes WHERE n > 1 AND n <= ?),
        raw AS (SELECT DISTINCT fb.doc_id AS a_doc, fb.idx AS a_idx, b.doc_id AS b_doc, b.idx AS b_idx
                FROM fb JOIN ok USING (band, bucket)
                JOIN bands b ON b.band = fb.band AND b.bucket = fb.bucket AND b.doc_id <> fb.doc_id
                LEFT JOIN {focus_table} f2 ON f2.doc_id = b.doc_id
                WHERE f2.doc_id IS NULL OR fb.doc_id < b.doc_id),
        pairs AS (SELECT p.* FROM raw p JOIN records ra ON ra.doc_id = p.a_doc JOIN records rb ON rb.doc_id = p.b_doc
                  WHERE NOT (ra.unit_key IS NOT NULL AND ra.unit_key = rb.unit_key
                             AND ra.report_year IS NOT DISTINCT FROM rb.report_year))"""


def candidate_pairs(con, focus_table: str, s: DedupSettings | None = None) -> list[tuple[int, int, int, int]]:
    """Passage pairs sharing an LSH bucket, one side in the focus documents (a temp table of doc_id).

    Buckets holding more than bucket_cap documents are skipped (stock text). Pairs of the
    same document, or of the same unit in the same year (one report read twice, as a page
    and as its PDF), are not candidates.
    """
    s = s or settings()
    return con.execute(_pairs_sql(focus_table) + " SELECT a_doc, a_idx, b_doc, b_idx FROM pairs",
                       [s.bucket_cap]).fetchall()


def likely_pairs(con, focus_table: str, s: DedupSettings | None = None) -> tuple[list[tuple[int, int, int, int]], int]:
    """Candidate pairs whose MinHash estimate of similarity is near or above the threshold.

    LSH proposes many pairs that share one band by chance (template vocabulary); their
    stored signatures are compared in bulk (numpy, in batches streamed from DuckDB), and
    only pairs estimated at least `jaccard - estimate_margin` similar go on to the exact
    check. With 64 permutations the estimate's standard error is at most 0.0625, so the
    margin of 0.2 loses no pair at the threshold. Returns the pairs and how many candidates
    there were.
    """
    s = s or settings()
    sql = _pairs_sql(focus_table) + """
        SELECT p.a_doc, p.a_idx, p.b_doc, p.b_idx, pa.sig AS sa, pb.sig AS sb FROM pairs p
        JOIN passages pa ON pa.doc_id = p.a_doc AND pa.idx = p.a_idx
        JOIN passages pb ON pb.doc_id = p.b_doc AND pb.idx = p.b_idx"""
    # a relation streams batches without copying the result first; the cap is an int from settings
    reader = con.sql(sql.replace("n <= ?", f"n <= {int(s.bucket_cap)}")).to_arrow_reader(100_000)
    out: list[tuple[int, int, int, int]] = []
    total = 0
    floor = s.jaccard - s.estimate_margin
    for batch in reader:
        n = batch.num_rows
        if not n:
            continue
        total += n
        sa = batch.column("sa").flatten().to_numpy().reshape(n, s.num_perm)
        sb = batch.column("sb").flatten().to_numpy().reshape(n, s.num_perm)
        est = (sa == sb).mean(axis=1)
        keep = np.nonzero(est >= floor)[0]
        if len(keep):
            cols = [batch.column(k).to_numpy() for k in ("a_doc", "a_idx", "b_doc", "b_idx")]
            out.extend(zip(*(c[keep].tolist() for c in cols)))
    return out, total


class ShingleCache:
    """Own-text passages of documents, recomputed from the stored text on demand (bounded LRU)."""

    def __init__(self, con, stock: frozenset[int], s: DedupSettings, size: int = 4096):
        self.con, self.stock, self.s, self.size = con, stock, s, size
        self._docs: OrderedDict[int, dict[int, Passage]] = OrderedDict()

    def prefetch(self, doc_ids: Iterable[int]) -> None:
        missing = [d for d in set(doc_ids) if d not in self._docs]
        for i in range(0, len(missing), 500):
            part = missing[i:i + 500]
            for doc_id, text, ctx in load_texts(self.con, part):
                self._put(doc_id, {p.idx: p for p in own_passages(text, self.stock, self.s, ctx)})

    def _put(self, doc_id: int, value: dict[int, Passage]) -> None:
        self._docs[doc_id] = value
        self._docs.move_to_end(doc_id)
        while len(self._docs) > self.size:
            self._docs.popitem(last=False)

    def get(self, doc_id: int) -> dict[int, Passage]:
        if doc_id not in self._docs:
            self.prefetch([doc_id])
            if doc_id not in self._docs:
                self._put(doc_id, {})  # no longer a report with text
        self._docs.move_to_end(doc_id)
        return self._docs[doc_id]


@dataclass
class Match:
    a_doc: int
    a_idx: int
    b_doc: int
    b_idx: int
    similarity: float


def verified_matches(con, pairs: list[tuple[int, int, int, int]], stock: frozenset[int],
                     s: DedupSettings | None = None) -> list[Match]:
    """Candidate pairs whose own-text shingle sets are at least `jaccard` similar."""
    s = s or settings()
    cache = ShingleCache(con, stock, s)
    out: list[Match] = []
    step = 2000
    for i in range(0, len(pairs), step):
        part = pairs[i:i + step]
        cache.prefetch({p[0] for p in part} | {p[2] for p in part})
        for a_doc, a_idx, b_doc, b_idx in part:
            pa_, pb_ = cache.get(a_doc).get(a_idx), cache.get(b_doc).get(b_idx)
            if pa_ is None or pb_ is None:
                continue
            j = jaccard(pa_.unique, pb_.unique, assume_unique=True)
            if j >= s.jaccard:
                out.append(Match(a_doc, a_idx, b_doc, b_idx, j))
    return out
