"""Syndicated copies: MinHash signatures of clean bodies, LSH bands, clusters, collapsed hits.

A news story is often republished by other outlets with their own chrome, a new headline and a few
edits. Two bodies are copies when the Jaccard similarity of the word shingles of their prose is at
least THRESHOLD. Each body gets a MinHash `signature` (PERMUTATIONS 32-bit minima, as bytes, kept
in a column of the index); signatures sharing one of BANDS bands of ROWS minima are candidates,
and a candidate pair counts only when the signatures agree on at least THRESHOLD of their minima.
With 32 bands of 4 rows a pair at Jaccard 0.8 shares a band with probability 0.9998.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable, Iterator

import numpy as np

SHINGLE_WORDS = 3
# Shorter bodies ("+1", "thanks, that worked") are alike by chance, not by copying.
MIN_WORDS = 30
PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
# Signatures hashed at once: bounds the working memory of banding a whole segment (16 MB).
HASH_BLOCK = 16384
THRESHOLD = 0.8
# Buckets this full hold boilerplate, not one story: members are checked against a few only.
BUCKET_PAIRWISE = 16
WORD = re.compile(r"\w+")
# Chrome that survives extraction (menus, dates, "Share this", related headlines) and a changed
# headline are short lines that end without a full stop; copies are compared on their prose.
PROSE_MIN_WORDS = 8
# Lines this short are menus, dates and labels ("Nine mths" in a table is lost on both sides).
MENU_WORDS = 3
# A sentence's last character, trailing spaces apart.
SENTENCE_ENDS = frozenset(".!?…:;\"'”’»)]")
_SEED = 20240523
_rng = np.random.default_rng(_SEED)
# Multiply-shift hashing (a * x + b) >> 32 over 64-bit words: a must be odd.
_A = (_rng.integers(1, 1 << 63, PERMUTATIONS, dtype=np.uint64) | np.uint64(1)).reshape(-1, 1)
_B = _rng.integers(0, 1 << 63, PERMUTATIONS, dtype=np.uint64).reshape(-1, 1)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_word_hashes: dict[str, int] = {}
# The index field holding each document's signature, as a column (see `schema_fields`).
SIGNATURE_FIELD = "minhash"


def words(body: str) -> list[str]:
    """Return the lowercased words of a body: punctuation, quotes and spacing do not count."""
    return WORD.findall(body.lower())


def prose_words(body: str) -> list[str]:
    """Return the words of the body's sentences, or of its longer lines when it has few sentences.

    Tables (earnings, results) have few sentences; their rows are kept, menu-like lines are not.
    """
    lines = body.split("\n")
    for keep in (is_sentence, lambda line: len(line.split()) > MENU_WORDS):
        kept = words("\n".join([line for line in lines if keep(line)]))
        if len(kept) >= MIN_WORDS:
            return kept
    return words(body)


def is_sentence(line: str) -> bool:
    """Tell whether a line reads as a sentence: long enough, ending as sentences end."""
    return line.rstrip()[-1:] in SENTENCE_ENDS and len(line.split()) >= PROSE_MIN_WORDS


def _word_hash(word: str) -> int:
    value = _word_hashes.get(word)
    if value is None:
        value = zlib.crc32(word.encode("utf-8"))
        if len(_word_hashes) < 1 << 20:
            _word_hashes[word] = value
    return value


def shingles(body: str) -> np.ndarray:
    """Return the distinct 64-bit hashes of the shingles of the body's prose."""
    return np.unique(_shingle_hashes(prose_words(body)))


def _shingle_hashes(tokens: list[str]) -> np.ndarray:
    """Return the 64-bit hash of each shingle of `tokens`, repeats included."""
    known = _word_hashes.get
    hashes = np.array([known(w) or _word_hash(w) for w in tokens], dtype=np.uint64)
    count = len(hashes) - SHINGLE_WORDS + 1
    if count < 1:
        return np.empty(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        combined = np.zeros(count, dtype=np.uint64)
        for offset in range(SHINGLE_WORDS):
            combined = combined * _MIX + hashes[offset:offset + count]
        combined ^= combined >> np.uint64(31)
    return combined


def signature(body: str) -> bytes | None:
    """Return the MinHash signature of a clean body, or None when it is too short to compare.

    A repeated shingle cannot change a minimum, so the shingles are not made distinct first;
    and the shift is taken after the minimum, which it cannot change either (it keeps order).
    Unsigned arithmetic on arrays wraps without the warning a scalar's gives: no `errstate`.
    """
    tokens = prose_words(body)
    if len(tokens) < MIN_WORDS:
        return None
    hashed = _A * _shingle_hashes(tokens)
    hashed += _B
    return (hashed.min(axis=1) >> np.uint64(32)).astype("<u4").tobytes()


def _band_hashes(minima: np.ndarray) -> np.ndarray:
    """Return one 64-bit hash per band of each signature row, as an array (signatures, BANDS).

    `minima` holds a signature's PERMUTATIONS minima a row; it is hashed a block of rows at a
    time, so that the 64-bit working copies stay small whatever the number of documents.
    """
    hashed = np.zeros((len(minima), BANDS), dtype=np.uint64)
    for start in range(0, len(minima), HASH_BLOCK):
        rows = minima[start:start + HASH_BLOCK].astype(np.uint64).reshape(-1, BANDS, ROWS)
        with np.errstate(over="ignore"):
            block = np.zeros((len(rows), BANDS), dtype=np.uint64)
            for row in range(ROWS):
                block = block * _MIX + rows[:, :, row]
        hashed[start:start + HASH_BLOCK] = block
    return hashed


def as_minima(sigs: list[bytes]) -> np.ndarray:
    """Return signatures as a (signatures, PERMUTATIONS) array of their minima."""
    return np.frombuffer(b"".join(sigs), dtype="<u4").reshape(len(sigs), PERMUTATIONS)


def similarity(a: bytes, b: bytes) -> float:
    """Return the Jaccard similarity two signatures estimate (the share of equal minima)."""
    left, right = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")  # or rows
    return float(np.count_nonzero(left == right)) / len(left)


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, key):
        parent = self.parent
        root = key
        while parent.get(root, root) != root:
            root = parent[root]
        while key != root:  # point the whole path at the root
            parent[key], key = root, parent[key]
        return root

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent.setdefault(ra, ra)
            self.parent[rb] = ra


def candidate_buckets(signatures: Iterable[tuple[object, bytes | None]]) -> Iterator[list]:
    """Yield the keys whose signatures share a band, one bucket at a time (no buckets of one)."""
    pairs = [(key, sig) for key, sig in signatures if sig]
    if len(pairs) < 2:
        return
    keys = [key for key, _ in pairs]
    yield from _buckets(keys, _band_hashes(as_minima([sig for _, sig in pairs])))


def _buckets(keys: list, hashed: np.ndarray) -> Iterator[list]:
    for band in range(BANDS):
        order = np.argsort(hashed[:, band], kind="stable")
        values = hashed[order, band]
        starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1], True])
        for start, end in zip(starts[:-1].tolist(), starts[1:].tolist()):
            if end - start > 1:
                yield [keys[i] for i in order[start:end].tolist()]


def link_copies(sig_of: dict, buckets: Iterable[list],
                edges: list | None = None) -> UnionFind:
    """Join the members of each bucket whose signatures say they are copies.

    Each join made is appended to `edges` as a pair of keys, when a list is given.
    """
    joined = UnionFind()
    for keys in buckets:
        for i, key in enumerate(keys[1:], 1):
            partners = keys[:i] if i <= BUCKET_PAIRWISE else (keys[0], keys[i - 1])
            for other in partners:
                if joined.find(key) == joined.find(other):
                    break
                if similarity(sig_of[key], sig_of[other]) >= THRESHOLD:
                    joined.union(other, key)
                    if edges is not None:
                        edges.append((other, key))
                    break
    return joined


class Bands:
    """The band hashes of one segment's signatures, and the copies within it.

    Kept to find copies between segments: 32 bits a band (a chance collision only adds a
    candidate, which the signatures then rule out), and not the signatures themselves (512
    bytes a document), which stay in the index until a candidate needs them.
    """

    def __init__(self, signatures: Iterable[tuple[int, bytes | None]], count: int) -> None:
        """Band the signatures of at most `count` documents, given as (docnum, signature)."""
        minima = np.empty((count, PERMUTATIONS), dtype=np.uint32)
        keys: list[int] = []
        for key, sig in signatures:
            if sig:
                minima[len(keys)] = np.frombuffer(sig, dtype="<u4")
                keys.append(key)
        minima = minima[:len(keys)]
        hashed = _band_hashes(minima)
        self.keys = np.array(keys, dtype=np.uint32)
        self.bands = (hashed ^ (hashed >> np.uint64(32))).astype(np.uint32)
        self.edges: list[tuple[int, int]] = []  # copies within, as pairs of keys
        if len(keys) > 1:
            link_copies(dict(zip(keys, minima)), _buckets(keys, hashed), self.edges)
        self._sorted: list[tuple[np.ndarray, np.ndarray]] | None = None

    def by_band(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Return, per band, the band hashes sorted and the keys in that order."""
        if self._sorted is None:
            self._sorted = []
            for band in range(BANDS):
                order = np.argsort(self.bands[:, band], kind="stable")
                self._sorted.append((self.bands[order, band], self.keys[order]))
        return self._sorted

    def edges_to(self, other: Bands, own_sig: Callable[[int], bytes],
                 other_sig: Callable[[int], bytes]) -> list[tuple[int, int]]:
        """Return the copies between these documents and `other`'s, as (own key, other key).

        Each of ours is compared with at most BUCKET_PAIRWISE of the other's that share a band
        with it, and joined to the first that is a copy (as `link_copies` does within a bucket).
        `own_sig` and `other_sig` return a key's signature.
        """
        candidates: dict[int, list[int]] = {}
        for band, (values, keys) in enumerate(other.by_band()):
            wanted = self.bands[:, band]
            lo = np.searchsorted(values, wanted, side="left")
            hi = np.searchsorted(values, wanted, side="right")
            for row in np.flatnonzero(hi > lo).tolist():
                found = candidates.setdefault(row, [])
                if len(found) < BUCKET_PAIRWISE:
                    found.extend(keys[lo[row]:min(hi[row], lo[row] + BUCKET_PAIRWISE)].tolist())
        pairs = []
        for row, others in candidates.items():
            key = int(self.keys[row])
            sig = own_sig(key)
            for partner in dict.fromkeys(others[:BUCKET_PAIRWISE]):
                if similarity(sig, other_sig(partner)) >= THRESHOLD:
                    pairs.append((key, partner))
                    break
        return pairs


def schema_fields() -> dict:
    """Return the Whoosh fields copies need, to add to the schema.

    Only the signature, as a column: banding it in memory when a searcher opens costs less than
    indexing BANDS unique keywords per document, which halved the indexer's speed.
    """
    from whoosh import columns, fields

    return {SIGNATURE_FIELD: fields.COLUMN(columns.VarBytesColumn())}


def index_fields(body: str) -> dict:
    """Return the values of the copy fields for a document with this clean body."""
    return {SIGNATURE_FIELD: signature(body) or b""}
