"""WARC input: `clean-article --warc crawl.warc.gz` cleans the HTML (and plain-text) responses
of a web archive over the batch's ordered worker map and writes JSON Lines:

    {"url", "warc_record_id", "warc_date", "title", "body", "text", "author", "date",
     "source", "removed", "input_type", "warnings", "error"}

one line per response record, in archive order, and one for each part of the archive that
cannot be read (with `error` set; the records after a garbled one are still read). Other
records (requests, metadata, revisits, images, scripts) are skipped and counted. Reading
the archive raises nothing past its first bytes. Needs the `warc` extra (warcio),
imported only here. With site learning on (the default), a first pass over the archive
learns each host's repeated chrome (see cleaner/site.py).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .decode import GZIP_MAGIC, READ_ERRORS, read_error

# Response payloads beyond this many bytes are cut (as MAX_PAGE_CHARS cuts pages).
MAX_PAYLOAD_BYTES = 50_000_000
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
_TEXT_TYPES = ("text/plain",)


def _import_warcio():
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise SystemExit(
            "clean-article: --warc needs warcio: pip install 'clean-article[warc]'"
        ) from None
    return ArchiveIterator


def iter_responses(path: str, skipped: list[int] | None = None):
    """(where, url, record id, WARC date, payload bytes, kind, error) for each HTML/text
    response, in archive order.

    What cannot be read is an item too, with its reason in `error`, so that it is reported
    and counted (never silently lost) and the records after it are still read: a response
    whose payload fails, a record the archive ends inside (`where` names the record), a
    stretch that is no WARC record (`where` is its offset; reading resumes at the next
    record) and data that cannot be read any further (corrupt gzip: the last item).
    """
    ArchiveIterator = _import_warcio()
    number = 0
    with _ArchiveStream(path) as stream:
        for record, where, problem in _records(stream, ArchiveIterator):
            if record is None:
                yield where, None, None, None, b"", "auto", problem
                continue
            headers = record.rec_headers
            url = headers.get_header("WARC-Target-URI")
            record_id = headers.get_header("WARC-Record-ID")
            warc_date = headers.get_header("WARC-Date")
            ctype = ""
            if record.http_headers is not None:
                ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            wanted = record.rec_type == "response" and (not ctype or ctype in _HTML_TYPES or ctype in _TEXT_TYPES)
            if wanted:
                number += 1
                where = f"record {number} ({url})"
            else:
                where = f"{record.rec_type or 'untyped'} record at {stream.at(stream.record_start)}" + (f" ({url})" if url else "")
            try:
                payload, error = _read_record(record, wanted)
            except _Unreadable as exc:
                yield where, url, record_id, warc_date, b"", "auto", f"cannot read the archive any further: {exc}"
                return
            if wanted or error:
                kind = "text" if ctype in _TEXT_TYPES else ("html" if ctype else "auto")
                yield where, url, record_id, warc_date, payload, kind, error
            elif skipped is not None:
                skipped[0] += 1


def _read_record(record, wanted: bool) -> tuple[bytes, str | None]:
    """(payload if `wanted`, why the record cannot be used or None); the whole record is read.

    Raises _Unreadable when the archive's data cannot be read any further."""
    payload, error = b"", None
    if wanted:
        try:
            payload = record.content_stream().read(MAX_PAYLOAD_BYTES)
        except _Unreadable:
            raise
        except Exception as exc:  # a broken record (bad chunking, a badly encoded body)
            error = f"cannot read the payload ({exc.__class__.__name__}: {exc})"
    return payload, _damage(record) or error


def _damage(record) -> str | None:
    """Why the record is incomplete (the archive ends inside it), or None; reads the rest of it."""
    stream = record.raw_stream
    while stream.read(_BLOCK_BYTES):
        pass
    length = record.rec_headers.get_header("Content-Length") or ""
    if not length.strip().isdigit():
        # (WARC requires it; warcio reads a header cut before it, or cut inside it, as none)
        return f"truncated or malformed: no valid Content-Length ({length!r})"
    missing = getattr(stream, "limit", 0)  # (warcio's LimitReader: bytes of Content-Length not read)
    if missing:
        return f"truncated: the archive ends {missing} bytes before the end of this record"
    return None


class _Unreadable(Exception):
    """The archive's data cannot be read any further (corrupt or cut gzip data, a disk error).

    Not an EOFError: warcio takes that for the archive's normal end."""


class _ArchiveStream:
    """The archive's bytes, uncompressed, for warcio: a .warc.gz is gunzipped here, whether
    each record is a gzip member of its own (the usual form) or the whole file is one (which
    warcio refuses after its first record). Read forward only; bytes read can be pushed back
    (`unread`), so that reading can resume at the next record after one that is garbled."""

    def __init__(self, path: str):
        self.file = open(path, "rb")  # noqa: SIM115 (closed by __exit__)
        self.gzipped = self.file.read(len(GZIP_MAGIC)) == GZIP_MAGIC
        self.file.seek(0)
        if self.gzipped:
            import gzip

            # (read1: one gzip read at a time, so the data before a cut is not lost with it)
            self.read1 = gzip.GzipFile(fileobj=self.file).read1
        else:
            self.read1 = self.file.read1
        self.pushed = b""
        self.position = 0
        self.record_start = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.close()
        return False

    def read(self, size: int = -1) -> bytes:
        if self.pushed:
            data = self.pushed if size < 0 else self.pushed[:size]
            self.pushed = self.pushed[len(data):]
        else:
            try:
                data = self.read1(size)
            except READ_ERRORS as exc:
                raise _Unreadable(read_error(exc)) from None
        self.position += len(data)
        return data

    def tell(self) -> int:
        return self.position

    def at(self, offset: int) -> str:
        """Where `offset` is, for a message (in a .warc.gz: in the uncompressed data)."""
        return f"byte {offset}" + (" (uncompressed)" if self.gzipped else "")

    def unread(self, data: bytes) -> None:
        self.pushed = data + self.pushed
        self.position -= len(data)


def _records(stream: _ArchiveStream, ArchiveIterator):
    """(record, None, None) for each record warcio reads from `stream`, and (None, where, why)
    for each stretch that is not one; after such a stretch, reading resumes at the next line
    that starts a WARC record. Data that cannot be read at all ends the records."""
    while True:
        archive = ArchiveIterator(stream)
        try:
            for record in archive:
                stream.record_start = archive.offset
                yield record, None, None
            if archive.offset < stream.tell():
                # warcio ends as at the archive's end when it ends inside a record's header
                yield None, stream.at(archive.offset), "truncated: the archive ends inside the header of a record"
            return
        except _Unreadable as exc:
            yield None, stream.at(stream.tell()), f"cannot read the archive any further: {exc}"
            return
        except Exception as exc:  # warcio: not a WARC record (a garbled header, a wrong Content-Length before)
            start = archive.offset
            # warcio read ahead of the line it refused: the rest of its buffer is unread data
            buffered = archive.reader.buff.read() if archive.reader is not None and archive.reader.buff else b""
            stream.unread(buffered)
            if stream.tell() <= start:  # (warcio read nothing of it: step past it all the same)
                stream.read(1)
            try:
                found = _skip_to_next_record(stream)
            except _Unreadable as broken:
                yield None, stream.at(start), f"not a WARC record ({_short(exc)}), and the archive cannot be read any further: {broken}"
                return
            if not found:  # (a header cut short may fail in warcio as a garbled one does)
                yield None, stream.at(start), f"truncated or not a WARC record ({_short(exc)}); no record after it"
                return
            yield None, stream.at(start), f"not a WARC record ({_short(exc)}); reading resumed at {stream.at(stream.tell())}"


# A line that starts a WARC record: `WARC/1.0`, `WARC/1.1`.
_RECORD_START = re.compile(rb"\nWARC/[0-9]+\.[0-9]+\r?\n")
_BLOCK_BYTES = 65536
# Longest message of warcio's quoted in an error (it quotes the garbled line).
_MAX_QUOTE_CHARS = 200


def _skip_to_next_record(stream: _ArchiveStream) -> bool:
    """Read `stream` (standing at the start of a line) up to the next line that starts a
    WARC record, which is left unread; False when there is none."""
    tail = b"\n"  # (not read from the stream: the line start it stands at)
    while True:
        block = stream.read(_BLOCK_BYTES)
        if not block:
            return False
        data = tail + block
        match = _RECORD_START.search(data)
        if match:
            stream.unread(data[match.start() + 1:])
            return True
        tail = data[-32:]  # a start line cut by the block's end (bytes read, pushed back if found)


def _short(exc: Exception) -> str:
    """warcio's error on one line, cut to _MAX_QUOTE_CHARS."""
    text = " ".join(f"{exc.__class__.__name__}: {exc}".split())
    return text if len(text) <= _MAX_QUOTE_CHARS else text[: _MAX_QUOTE_CHARS - 3] + "..."


def _clean_item(item) -> tuple[str, str | None, list[str], bool]:
    """Clean one response in a worker; returns (JSON line, error, removed rule ids, empty)."""
    from dataclasses import replace

    from . import batch
    from .api import FAILED_FIELDS, clean_bytes

    where, url, record_id, warc_date, payload, kind, unreadable = item
    out = {"url": url, "warc_record_id": record_id, "warc_date": warc_date}
    try:
        if unreadable:
            raise ValueError(unreadable)
        options = batch._WORKER_OPTIONS
        if options.input_type == "auto" and kind != "auto":
            options = replace(options, input_type=kind)
        if batch._site_on():
            from .site import options_for

            options = options_for(options, url)
        result = clean_bytes(payload, options, url=url)
        out.update(result.to_json())
        out["error"] = None
        return batch._dumps(out), None, result.removed_rules, not result.text
    except Exception as exc:  # one bad record must not stop the archive
        error = f"{where}: {exc.__class__.__name__}: {exc}" if not isinstance(exc, ValueError) else f"{where}: {exc}"
        return batch._failed_line({**out, **FAILED_FIELDS}, error)


def _lost_item(item, reason: str) -> tuple[str, str, list[str], bool]:
    """The output line of a response whose worker died."""
    from . import batch
    from .api import FAILED_FIELDS

    where, url, record_id, warc_date = item[:4]  # (as iter_responses gives them)
    out = {"url": url, "warc_record_id": record_id, "warc_date": warc_date, **FAILED_FIELDS}
    return batch._failed_line(out, f"{where}: {reason}")


def _keys_item(item):
    """First-pass worker for site learning: (host, keys) of one response."""
    from .site import _WORKER_SITE, page_host, page_keys

    where, url, record_id, warc_date, payload, kind, unreadable = item
    host = page_host(url, _WORKER_SITE)
    if not host or unreadable:
        return None, []
    try:
        return host, list(page_keys(payload, kind))
    except Exception:
        return host, []


class _Responses:
    """Re-iterable responses of an archive (the first pass and the cleaning pass each read it)."""

    def __init__(self, path: str):
        self.path = path
        self.skipped = [0]

    def __iter__(self):
        self.skipped[0] = 0
        return iter_responses(self.path, self.skipped)


def _not_warc(path: str) -> str | None:
    """Why the file is not a WARC (None when it starts like one, compressed or not)."""
    try:
        with _ArchiveStream(path) as stream:
            head = stream.read(5)
    except OSError as exc:
        return f"cannot read the archive: {exc.strerror or exc}"
    except _Unreadable as exc:
        return f"cannot read the archive: {exc}"
    if head != b"WARC/":
        return "cannot read the archive: not a WARC file (it must start with a WARC/1.x record)"
    return None


def run_warc(args, options) -> int:
    from .batch import EXIT_USAGE, Summary, _finish, _map_ordered, _progress, _stdout
    from .output import atomic_writer, shown_path, write_whole
    from .site import learning_mode, prepare

    source = args.warc
    if not Path(source).is_file():
        print(f"clean-article: {shown_path(source)}: no such file", file=sys.stderr)
        return EXIT_USAGE
    _import_warcio()
    problem = _not_warc(source)
    if problem:
        print(f"clean-article: {shown_path(source)}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    responses = _Responses(source)
    if learning_mode(args) != "off":
        prepare(args, responses, _keys_item)
    elif getattr(args, "site_profile", None):
        from .site import load_profiles, warner

        args.site_profiles = load_profiles(args.site_profile, warner(args))
    summary = Summary()
    bar = _progress(args, None)
    out = atomic_writer(args.output) if args.output else _stdout()
    # (what cannot be read comes as items with an error: reading the archive raises nothing)
    with out as fh:
        for line, error, removed, empty in _map_ordered(_clean_item, responses, args, lost=_lost_item):
            write_whole(fh, line)
            fh.write("\n")
            summary.add(error, removed, empty)
            if bar is not None:
                bar.update()
    if not args.quiet and responses.skipped[0]:
        print(f"clean-article: {shown_path(source)}: skipped {responses.skipped[0]} records that are not HTML or text responses", file=sys.stderr)
    return _finish(args, summary, bar)
