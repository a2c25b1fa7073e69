"""Stage 1: bytes to text.

UTF-8 (with or without BOM) and UTF-16/32 with BOM are decoded directly; anything else goes
to charset-normalizer, imported only then. gzip is unwrapped transparently. Input that is
not text at all (images, PDFs, archives, random bytes) raises `NotText` with the reason.
"""

from __future__ import annotations

import codecs
import re
import zlib

# Magic numbers of common binary formats a scraping job may hand over by mistake.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF media file (WebP, WAV, AVI)"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x00\x00\x01\x00", "an ICO image"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x1a\x45\xdf\xa3", "a Matroska/WebM video"),
    (b"wOFF", "a WOFF font"),
    (b"wOF2", "a WOFF2 font"),
    (b"SQLite format 3", "an SQLite database"),
)
GZIP_MAGIC = b"\x1f\x8b"
# Decompressed size cap: a gzip bomb must not exhaust memory.
MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024
# Compressed bytes fed to zlib at a time: the bytes after a member's end are copied once per
# member, so a page of many small members (bgzip) must not copy the rest of the page each time.
GZIP_FEED_BYTES = 65536
# Share of control characters (other than tab, newline, CR, form feed) above which a
# decoded text is judged binary.
MAX_CONTROL_SHARE = 0.05
SNIFF_BYTES = 65536

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Share of replacement, unassigned, private-use and lone surrogate characters above which
# text that was decoded by its byte-order mark or by a guessed charset is judged binary.
MAX_JUNK_SHARE = 0.05
_JUNK_CATEGORIES = frozenset(("Cn", "Co", "Cs"))


class NotText(ValueError):
    """The input is not text or HTML; the message says what it looks like."""


TRUNCATED_GZIP = "truncated gzip data (it ends inside a compressed stream)"
# What reading a file, or a gzip stream of one, raises when the data is unreadable: a disk
# error, corrupt gzip data (BadGzipFile is an OSError) or gzip data cut short (EOFError).
READ_ERRORS = (OSError, EOFError, zlib.error)


def read_error(exc: BaseException) -> str:
    """What one of READ_ERRORS means, for a message naming the file."""
    import gzip

    if isinstance(exc, EOFError):
        return TRUNCATED_GZIP
    if isinstance(exc, (zlib.error, gzip.BadGzipFile)):
        return f"corrupt gzip data ({exc})"
    return f"cannot read ({getattr(exc, 'strerror', None) or exc})"


def gunzip(data: bytes, limit: int = MAX_DECOMPRESSED_BYTES) -> bytes:
    """Decompress gzip data, refusing to produce more than `limit` bytes.

    Every member is read, as gunzip does: `gzip -c a >> f.gz`, bgzip and pigz write pages
    as several members. Data cut inside a member (an interrupted download) is refused:
    half a page must not pass for the whole one. Bytes after the last member that do not
    start another one (padding) are ignored, as gunzip does.
    """
    view = memoryview(data)
    parts: list[bytes] = []
    size = pos = 0
    while True:
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        while not member.eof:
            if pos >= len(data):
                raise NotText(TRUNCATED_GZIP)
            piece = view[pos:pos + GZIP_FEED_BYTES]
            pos += len(piece)
            try:
                # (at most `limit - size + 1` bytes: one past the cap says it is exceeded)
                part = member.decompress(piece, limit - size + 1)
            except zlib.error as exc:
                raise NotText(f"corrupt gzip data ({exc})") from None
            size += len(part)
            if size > limit:
                raise NotText(f"gzip data expands beyond {limit // (1024 * 1024)} MB")
            parts.append(part)
        pos -= len(member.unused_data)
        if not data.startswith(GZIP_MAGIC, pos):
            return b"".join(parts)


def _bom_decode(data: bytes) -> str | None:
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    return None


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


def declared_html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first few kilobytes, if Python knows it."""
    m = _META_CHARSET.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def looks_binary(data: bytes) -> str | None:
    """The reason `data` is not text, or None when it may be text."""
    for magic, what in BINARY_SIGNATURES:
        if data.startswith(magic):
            # "MZ" and "RIFF" are short; insist on a NUL soon after to avoid false alarms.
            if len(magic) <= 4 and b"\x00" not in data[:64] and magic in (b"MZ", b"RIFF", b"\x00\x00\x01\x00"):
                continue
            return f"looks like {what}"
    head = data[:SNIFF_BYTES]
    if head and head.count(0) > len(head) // 8:
        return "binary data (NUL bytes)"
    return None


def decode(data: bytes) -> str:
    """Decode page bytes to text; raise NotText for binary input."""
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data)
    if not data:
        return ""
    text = _bom_decode(data)
    guessed = text is not None
    if text is None:
        reason = looks_binary(data)
        if reason:
            raise NotText(reason)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
            guessed = True
    sample = text[:SNIFF_BYTES]
    if sample and len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise NotText("binary data (control characters)")
    if guessed and sample and _junk_count(sample) > MAX_JUNK_SHARE * len(sample):
        # random bytes behind a UTF-16/32 byte-order mark decode to unassigned, private-use
        # and replacement characters rather than to control characters
        raise NotText("binary data (undecodable characters)")
    return text


def _junk_count(sample: str) -> int:
    import unicodedata

    category = unicodedata.category
    return sum(1 for ch in sample if ch == "\ufffd" or (ch >= "\u0370" and category(ch) in _JUNK_CATEGORIES))


def _decode_legacy(data: bytes) -> str:
    declared = declared_html_charset(data)
    # A page that declares UTF-16 in a meta tag it could be read in is not UTF-16 (the HTML
    # standard reads it as UTF-8); `base64`, `rot13` or an unknown name is no text encoding.
    if declared and not declared.lower().replace("_", "-").startswith(("utf-16", "utf16", "utf-32", "utf32")):
        try:
            return data.decode(declared)
        except (UnicodeError, LookupError):
            pass
    from charset_normalizer import from_bytes  # only for non-UTF-8 input

    best = from_bytes(data[: 4 * SNIFF_BYTES]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return data.decode("cp1252", errors="replace")
