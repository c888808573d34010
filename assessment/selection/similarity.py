"""Code similarity by winnowing (Schleimer, Wilkerson, Aiken 2003 — the method behind MOSS).

1. Tokenise with the Pygments lexer of the language; drop comments and whitespace; replace every identifier by `N`,
   every string literal by `S` and every number by `0` (keywords, operators, punctuation and builtins stay), so
   renaming variables or changing constants does not hide a copy.
2. Hash every run of K consecutive normalised tokens (a k-gram).
3. Winnow: in every window of W consecutive k-gram hashes keep the smallest (the rightmost on ties). The kept hashes
   are the fingerprints; any shared run of at least W + K - 1 tokens is guaranteed to share a fingerprint.
4. Fingerprints that also occur in the language's starter template are removed (every candidate starts from it).
5. Similarity of two programs = |A ∩ B| / |A ∪ B| over their fingerprint sets (Jaccard). Pairs at or above
   THRESHOLD that share at least MIN_SHARED fingerprints are listed for a human to look at, with the matching lines highlighted. A high score is evidence to
   read, never an automatic penalty.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from pygments.lexers import get_lexer_by_name
from pygments.token import Comment, Literal, Name, Number, String, Text, Whitespace

K = 12
W = 8
THRESHOLD = 0.6
MIN_SHARED = (
    3  # very short programs (a one-line answer) share everything legitimately: need this many shared fingerprints
)

_LEXERS = {"python": "python3", "c": "c", "cpp": "cpp", "java": "java", "javascript": "javascript"}


@dataclass(frozen=True)
class Token:
    text: str
    line: int  # 1-based


@dataclass
class Fingerprints:
    hashes: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # hash -> [(first line, last line)]

    @property
    def keys(self) -> set[int]:
        return set(self.hashes)


@dataclass(frozen=True)
class Match:
    score: float
    shared: int
    lines_a: tuple[int, ...]
    lines_b: tuple[int, ...]


def _lexer(language: str):
    return get_lexer_by_name(_LEXERS.get(language, language), stripnl=False, ensurenl=True)


def normalise(source: str, language: str) -> list[Token]:
    """Normalised tokens with their line numbers."""
    tokens: list[Token] = []
    line = 1
    for kind, value in _lexer(language).get_tokens(source):
        start_line = line
        line += value.count("\n")
        if kind in Comment or kind in Whitespace or (kind in Text and not value.strip()):
            continue
        if kind in Comment.Preproc or kind in Comment.PreprocFile:
            continue
        if kind in String or kind in Literal.String:
            text = "S"
        elif kind in Number or kind in Literal.Number:
            text = "0"
        elif kind in Name.Builtin and kind not in Name.Builtin.Pseudo:
            text = value
        elif kind in Name:
            text = "N"
        else:
            text = value.strip()
            if not text:
                continue
        if text == "S" and tokens and tokens[-1].text == "S":
            continue  # adjacent string parts (prefix, quotes, body) are one literal
        tokens.append(Token(text, start_line))
    return tokens


def _hash(parts: Sequence[str]) -> int:
    return int.from_bytes(hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest(), "big")


def kgram_hashes(tokens: Sequence[Token], k: int = K) -> list[tuple[int, int, int]]:
    """(hash, first line, last line) of every k-gram."""
    texts = [t.text for t in tokens]
    return [(_hash(texts[i : i + k]), tokens[i].line, tokens[i + k - 1].line) for i in range(len(tokens) - k + 1)]


def winnow(grams: Sequence[tuple[int, int, int]], w: int = W) -> list[tuple[int, int, int]]:
    """Robust winnowing: the minimum hash of each window (rightmost on ties), each selected position once."""
    if not grams:
        return []
    if len(grams) <= w:
        best = min(range(len(grams)), key=lambda i: (grams[i][0], -i))
        return [grams[best]]
    selected: list[tuple[int, int, int]] = []
    last = -1
    for start in range(len(grams) - w + 1):
        best = start
        for i in range(start, start + w):
            if grams[i][0] <= grams[best][0]:
                best = i
        if best != last:
            selected.append(grams[best])
            last = best
    return selected


def fingerprints(source: str, language: str, template: str = "", k: int = K, w: int = W) -> Fingerprints:
    grams = kgram_hashes(normalise(source, language), k)
    excluded = {h for h, _, _ in kgram_hashes(normalise(template, language), k)} if template.strip() else set()
    result = Fingerprints()
    for h, first, last in winnow(grams, w):
        if h not in excluded:
            result.hashes.setdefault(h, []).append((first, last))
    return result


def jaccard(a: set[int], b: set[int]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def compare(a: Fingerprints, b: Fingerprints) -> Match:
    shared = a.keys & b.keys
    return Match(
        score=jaccard(a.keys, b.keys),
        shared=len(shared),
        lines_a=_lines(a, shared),
        lines_b=_lines(b, shared),
    )


def _lines(fp: Fingerprints, shared: set[int]) -> tuple[int, ...]:
    lines: set[int] = set()
    for h in shared:
        for first, last in fp.hashes[h]:
            lines.update(range(first, last + 1))
    return tuple(sorted(lines))


def similarity(source_a: str, source_b: str, language: str, template: str = "") -> Match:
    return compare(fingerprints(source_a, language, template), fingerprints(source_b, language, template))


@lru_cache(maxsize=8)
def starter_template(language: str) -> str:
    """The starter code the editor shows for this language (sandbox.languages), '' when unknown."""
    try:
        from sandbox.languages import get_language

        template = getattr(get_language(language), "template", "") or ""
        if template:
            return template
    except Exception:  # noqa: BLE001 - the sandbox package may be absent; fall back below
        pass
    try:
        from ..attempts.submissions import language_info

        return language_info(language).get("template", "") or ""
    except Exception:  # noqa: BLE001
        return ""


@dataclass(frozen=True)
class Program:
    key: object  # e.g. a submission id
    source: str
    language: str


@dataclass(frozen=True)
class PairResult:
    a: Program
    b: Program
    match: Match


def flagged_pairs(programs: Iterable[Program], threshold: float = THRESHOLD) -> list[PairResult]:
    """All pairs of same-language programs at or above the threshold, highest first."""
    items = list(programs)
    prints = {id(p): fingerprints(p.source, p.language, starter_template(p.language)) for p in items}
    results = []
    for a, b in combinations(items, 2):
        if a.language != b.language:
            continue
        match = compare(prints[id(a)], prints[id(b)])
        if match.score >= threshold and match.shared >= MIN_SHARED:
            results.append(PairResult(a, b, match))
    results.sort(key=lambda r: -r.match.score)
    return results
