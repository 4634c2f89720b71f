"""Bytes to text for user files: detection of binaries, BOMs, UTF-16 and legacy encodings.

``decode_bytes(data)`` returns a ``Decoded`` (text, encoding, warnings) or raises
``DecodeFailure(reason, detail)``; ``dashboard.sources`` turns that into a
quarantine record. Order: cheap and certain tests first (BOMs, strict UTF-8),
fuzzier ones later (UTF-16 without BOM, Windows-1258, UTF-8 with a few bad
bytes), each fallback leaving a warning so nothing is silently "fixed".

The text returned is *not* normalised yet: callers pass it through
``dashboard.text.normalise_text`` (which also composes the
combining tone marks that Windows-1258 produces).
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

#: Magic numbers of common binary formats a user may drop into an articles folder.
MAGIC = (
    (b"%PDF", "PDF document"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"), (b"PK\x03\x04", "ZIP archive (docx/xlsx?)"), (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"), (b"\x7fELF", "executable"),
)
#: Bytes that never occur in text files (everything below 0x20 except tab, LF, FF, CR, ESC, and DEL).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
#: More than this share of control bytes in the sample means binary.
CONTROL_RATIO = 0.05
#: UTF-8 with at most this share of invalid bytes is decoded with replacement (and a warning).
REPLACE_RATIO = 0.005
_SAMPLE = 65536

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
#: Every precomposed Vietnamese letter: a legacy decoding is accepted only if its
#: non-ASCII characters are overwhelmingly these.
VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", v + t).upper() if up else unicodedata.normalize("NFC", v + t)
    for v in _VOWELS for t in _TONES for up in (False, True)
) | frozenset("đĐ")
#: Typographic punctuation that is fine in any decoding.
_PUNCT = frozenset("“”‘’–—…•·«»°€©®™§¶×÷±½¼¾")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


class DecodeFailure(Exception):
    """The bytes are not a text we can read; ``reason`` is a short code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def decode_bytes(data: bytes, html: bool = False) -> Decoded:
    """Decode a whole file; raise ``DecodeFailure`` for empty, binary or undecodable data."""
    if not data.strip():
        raise DecodeFailure("empty", "the file is empty" if not data else "the file holds only whitespace")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32-le"),
                     (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(enc.replace("-sig", "")), enc, ())
            except UnicodeDecodeError as exc:
                raise DecodeFailure("undecodable", f"{enc} byte-order mark but invalid {enc} data: {exc.reason}")
    utf16 = _guess_utf16(data)
    if utf16:
        try:
            return _checked(data.decode(utf16), utf16, (f"no byte-order mark: decoded as {utf16} by byte pattern",))
        except UnicodeDecodeError:
            pass
    _reject_binary(data)
    try:
        # _reject_binary already counted control bytes; in UTF-8 they are the same characters.
        return _checked(data.decode("utf-8"), "utf-8", (), controls_checked=True)
    except UnicodeDecodeError:
        pass
    return _legacy(data, html)


def _checked(text: str, encoding: str, warnings: tuple[str, ...], controls_checked: bool = False) -> Decoded:
    if not text.strip():
        raise DecodeFailure("empty", f"no text after decoding as {encoding}")
    controls = 0 if controls_checked else len(_CONTROL_CHARS.findall(text, 0, _SAMPLE))
    if controls > CONTROL_RATIO * min(len(text), _SAMPLE):
        raise DecodeFailure("binary", f"{controls} control characters after decoding as {encoding}")
    return Decoded(text, encoding, warnings)


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII-heavy text puts a NUL in every other byte."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    n = len(even)
    nul_even, nul_odd = even.count(0), odd.count(0)
    # Vietnamese in UTF-16 still has >50% ASCII code units (spaces, digits, plain letters).
    if nul_odd >= 0.3 * n and nul_even <= 0.02 * n:
        return "utf-16-le"
    if nul_even >= 0.3 * n and nul_odd <= 0.02 * n:
        return "utf-16-be"
    return None


def _reject_binary(data: bytes) -> None:
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise DecodeFailure("binary", f"looks like a {what}")
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        raise DecodeFailure("binary", "contains NUL bytes")
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls > CONTROL_RATIO * len(sample):
        raise DecodeFailure("binary", f"{controls} of the first {len(sample)} bytes are control characters")


def vietnamese_score(text: str) -> tuple[int, int]:
    """(Vietnamese letters, other non-ASCII characters) in NFC ``text``."""
    good = bad = 0
    for ch in unicodedata.normalize("NFC", text[:_SAMPLE]):
        if ch < "\x80" or ch in _PUNCT or ch.isspace():
            continue
        if ch in VIETNAMESE_LETTERS:
            good += 1
        else:
            bad += 1
    return good, bad


def _legacy(data: bytes, html: bool) -> Decoded:
    """Not UTF-8: a declared HTML charset, then Windows-1258, then UTF-8 with a few bad bytes."""
    candidates = []
    if html:
        m = _CHARSET.search(data[:4096])
        if m:
            try:
                candidates.append(codecs.lookup(m.group(1).decode("ascii")).name)
            except LookupError:
                pass
    candidates.append("cp1258")
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        good, bad = vietnamese_score(text)
        # Random high bytes also decode as cp1258; accept only text that reads as Vietnamese.
        if good >= 3 and bad <= 0.05 * good:
            return _checked(text, enc, (f"not UTF-8: decoded as {enc} (legacy Vietnamese encoding)",))
    text = data.decode("utf-8", errors="replace")
    bad_bytes = text.count("\ufffd")
    if bad_bytes <= max(1, REPLACE_RATIO * len(data)):
        return _checked(text, "utf-8", (f"{bad_bytes} undecodable byte(s) replaced with U+FFFD",))
    raise DecodeFailure(
        "undecodable",
        f"{bad_bytes} invalid UTF-8 sequences and not Windows-1258 Vietnamese"
        " (TCVN3/VNI font encodings are not supported: re-save the file as UTF-8)",
    )
