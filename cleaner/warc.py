"""WARC input: `clean-article --warc crawl.warc.gz` cleans the HTML (and plain-text) responses
of a web archive over the batch's ordered worker map and writes JSON Lines:

    {"url", "warc_record_id", "warc_date", "title", "body", "text", "author", "date",
     "source", "removed", "input_type", "warnings", "error"}

one line per response record, in archive order, and one for each part of the archive that
cannot be read (with `error` set; the records after a garbled record, a wrong
Content-Length or a corrupt gzip member are still read). Other records (requests,
metadata, revisits, images, scripts) are skipped and counted. Reading the archive raises
nothing past its first bytes, and prints nothing: warcio's own warnings are caught and
told as errors of the records. Needs the `warc` extra (warcio), imported only here. With
site learning on (the default), a first pass over the archive learns each host's repeated
chrome (see cleaner/site.py).
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from .decode import GZIP_MAGIC, READ_ERRORS, read_error
from .gzipped import BLOCK_BYTES as _BLOCK_BYTES
from .gzipped import CorruptMember as _CorruptMember
from .gzipped import GzipMembers as _GzipMembers
from .gzipped import Unreadable as _Unreadable

# Response payloads beyond this many bytes are cut (as MAX_PAGE_CHARS cuts pages).
MAX_PAYLOAD_BYTES = 50_000_000
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
_TEXT_TYPES = ("text/plain",)
# A line that starts a WARC record: `WARC/1.0`, `WARC/1.1` (after a line's end; at one).
_RECORD_START = re.compile(rb"\nWARC/[0-9]+\.[0-9]+\r?\n")
_RECORD_LINE = re.compile(rb"WARC/[0-9]+\.[0-9]+\r?\n")
_RECORD_LINE_BYTES = 32
# The last bytes read that are kept, to read again from a record's start when the record
# turns out not to end where its Content-Length says (most pages are far smaller).
_REREAD_BYTES = 8 * 1024 * 1024
# Longest message of warcio's quoted in an error (it quotes the garbled line).
_MAX_QUOTE_CHARS = 200



def _import_warcio():
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise SystemExit(
            "clean-article: --warc needs warcio: pip install 'clean-article[warc]'"
        ) from None
    return ArchiveIterator


def iter_responses(path: str, skipped: list[int] | None = None):
    """(where, url, record id, WARC date, payload bytes, kind, error, warnings) for each
    HTML/text response, in archive order (warnings: a payload that is not whole).

    What cannot be read is an item too, with its reason in `error`, so that it is reported
    and counted (never silently lost) and the records after it are still read: a response
    whose payload fails, a record the archive ends inside or whose Content-Length is wrong
    (`where` names the record), a stretch that is no WARC record or a gzip member that is
    corrupt (`where` is its offset; reading resumes at the next record or member) and data
    that cannot be read any further (a disk error, gzip data cut short: the last item).
    """
    ArchiveIterator = _import_warcio()
    number = 0
    with _ArchiveStream(path) as stream:
        for record, where, payload, problem in _records(stream, ArchiveIterator):
            if record is None:
                yield where, None, None, None, b"", "auto", problem, ()
                continue
            headers = record.rec_headers
            url = headers.get_header("WARC-Target-URI")
            ctype = _content_type(record)
            if _wanted(record):
                number += 1
                where = f"record {number} ({url})"
            elif problem:
                where = f"{record.rec_type or 'untyped'} record at {where}" + (f" ({url})" if url else "")
            else:
                if skipped is not None:
                    skipped[0] += 1
                continue
            kind = "text" if ctype in _TEXT_TYPES else ("html" if ctype else "auto")
            payload, cut = _within_limit(payload)
            warnings = cut + _partial_payload(record)
            yield where, url, headers.get_header("WARC-Record-ID"), headers.get_header("WARC-Date"), payload, kind, problem, warnings


def _within_limit(payload: bytes) -> tuple[bytes, tuple[str, ...]]:
    """The payload cut at MAX_PAYLOAD_BYTES (it is read one byte beyond, to tell), and the
    warning that says so: a page cut short must not pass for the whole one."""
    if len(payload) <= MAX_PAYLOAD_BYTES:
        return payload, ()
    return payload[:MAX_PAYLOAD_BYTES], (f"payload cut to its first {MAX_PAYLOAD_BYTES:,} bytes",)


def _partial_payload(record) -> tuple[str, ...]:
    """Warnings for a payload that the archive holds only part of: cut by the crawler at a
    size or time limit (WARC-Truncated), or split into segments (only the first is read)."""
    headers = record.rec_headers
    warnings = []
    if headers.get_header("WARC-Truncated"):
        warnings.append(f"payload cut by the crawler (WARC-Truncated: {headers.get_header('WARC-Truncated')})")
    if headers.get_header("WARC-Segment-Number"):
        warnings.append("payload split into segments: only the first is cleaned")
    return tuple(warnings)


def _content_type(record) -> str:
    """The HTTP Content-Type of a record's payload ('text/html'), '' when it has none."""
    if record.http_headers is None:
        return ""
    return (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()


def _wanted(record) -> bool:
    """A response to clean: HTML or plain text, or without a content type (detected)."""
    ctype = _content_type(record)
    return record.rec_type == "response" and (not ctype or ctype in _HTML_TYPES or ctype in _TEXT_TYPES)


def _records(stream: _ArchiveStream, ArchiveIterator):
    """(record, where, payload, problem) for each record warcio reads from `stream`, read
    whole (the payload only of a wanted one, see `_wanted`); `problem` says why the record
    cannot be used, or is None. (None, where, b"", problem) for each part of the archive
    that is lost between records.

    Reading resumes after what is lost, in a new run of warcio: after a stretch that is no
    WARC record, or a record that does not end where its Content-Length says, at the next
    line that starts a record; after a corrupt gzip member, at the next member. Data that
    cannot be read at all (a disk error, gzip data cut short) ends the records."""
    resumed = True
    while resumed:
        resumed = yield from _run(stream, ArchiveIterator)


def _run(stream: _ArchiveStream, ArchiveIterator):
    """The records of one run of warcio over `stream`, as `_records` gives them, up to the
    archive's end (returns False) or to a part that warcio cannot read through (returns
    whether reading resumes after it)."""
    try:
        # A run starts at a line that starts a record: after a corrupt gzip member the next
        # one may start inside a record (the rest of the one lost), and warcio would take
        # a line of it that looks like an ARC header for a record.
        if not _skip_to_next_record(stream):
            return False
    except _Unreadable as exc:
        yield _lost_part(exc, stream)
        return exc.resumed
    archive = ArchiveIterator(stream)
    while True:
        try:
            with _WarcioOutput():
                record = next(archive, None)
        except _Unreadable as exc:
            yield _lost_part(exc, stream)
            return exc.resumed
        except Exception as exc:  # warcio: not a WARC record (a garbled header)
            return (yield from _garbled(stream, archive, exc))
        if record is None:
            if archive.offset < stream.tell():
                # warcio ends as at the archive's end when it ends inside a record's header
                yield None, stream.at(archive.offset), b"", "truncated: the archive ends inside the header of a record"
            return False
        resumed = yield from _whole_record(stream, archive, record)
        if resumed is not None:
            return resumed


def _whole_record(stream: _ArchiveStream, archive, record):
    """Reads the record warcio has just parsed, to the blank lines that end it, and yields it
    (with a part lost after it, if any); returns None when the run goes on, else whether
    reading resumes (in a new run)."""
    start = archive.offset
    where = stream.at(start)
    bad_header, resumed = _bad_header(stream, archive, record, start)
    if bad_header:
        yield record, where, b"", bad_header
        return resumed
    try:
        payload, problem = _read_record(record, _wanted(record))
    except _Unreadable as exc:
        yield record, where, b"", _lost_with_record(exc)
        return exc.resumed
    end = stream.tell() - archive.reader.rem_length()  # (where its Content-Length ends it)
    try:
        wrong_length, resumed = _wrong_length(stream, archive, record, start, end)
    except _Unreadable as exc:
        if exc.began is not None and exc.began < end:  # (the bad gzip member holds some of it)
            yield record, where, b"", _lost_with_record(exc)
        else:
            yield record, where, payload, problem
            yield _lost_part(exc, stream)
        return exc.resumed
    yield record, where, b"" if wrong_length else payload, wrong_length or problem
    return resumed


def _bad_header(stream: _ArchiveStream, archive, record, start: int) -> tuple[str | None, bool | None]:
    """(Why the header of the record at `start` cannot be used, whether reading resumes
    after it), or (None, None) when it can; the record is not read then."""
    inner = _record_kept_after(stream, start, stream.tell() - archive.reader.rem_length() - start)
    if inner is not None:  # (a record cut inside its header, then the next one: warcio joins them)
        stream.rewind(inner)
        return f"malformed: a record starts inside its header; reading resumed there, at {stream.at(inner)}", True
    length = record.rec_headers.get_header("Content-Length") or ""
    if not length.strip().isdigit():
        # (warcio would read the rest of the archive as its payload. WARC requires the
        # header; warcio reads a header cut before it, or cut inside it, as none)
        how, resumed = _resync(stream, start, _warcio_buffered(archive))
        return f"truncated or malformed: no valid Content-Length ({length!r}); {how}", resumed
    return None, None


def _wrong_length(stream: _ArchiveStream, archive, record, start: int, end: int) -> tuple[str | None, bool | None]:
    """Reads what follows the record at `start` that its Content-Length ends at `end`:
    (what is wrong with that length or None; None when the run goes on, else whether
    reading resumes, in a new run, at the next record after its start)."""
    length = record.rec_headers.get_header("Content-Length")
    ends_right = _ends_where_it_says(stream, archive, end)
    if ends_right and _runs_past_the_end(record):
        # cut short by the archive's end (`_damage` says so), or a length that took in the
        # records after it
        after = _record_kept_after(stream, start, _REREAD_BYTES)
        if after is None:
            return None, None
        stream.rewind(after)
        return f"wrong Content-Length ({length}): the record runs past the end of the archive; reading resumed at {stream.at(after)}", True
    if ends_right:
        return None, None
    if _RECORD_LINE.match(stream.kept(end, _RECORD_LINE_BYTES)):  # (only the blank lines after it are missing)
        stream.rewind(end)
        return None, True
    how, resumed = _resync(stream, start, (archive.next_line or b"") + _warcio_buffered(archive))
    return f"wrong Content-Length ({length}): the record does not end where it says; {how}", resumed


def _read_record(record, wanted: bool) -> tuple[bytes, str | None]:
    """(payload if `wanted`, why the record cannot be used or None); the whole record is read.

    Raises _Unreadable when the archive's data cannot be read any further."""
    payload, error = b"", None
    if wanted:
        try:
            with _WarcioOutput() as said:
                payload = record.content_stream().read(MAX_PAYLOAD_BYTES + 1)
        except _Unreadable:
            raise
        except Exception as exc:  # a broken record (bad chunking, a badly encoded body)
            error = f"cannot read the payload ({exc.__class__.__name__}: {exc})"
        else:
            error = _undecoded(record, said.getvalue())
    return payload, _damage(record) or error


def _undecoded(record, said: str) -> str | None:
    """Why the payload is not whole, from what warcio printed while reading it: it prints
    why a body's Content-Encoding (gzip, deflate) does not decode, and gives what it had
    decoded before as the whole payload. None when it printed nothing."""
    if not said:
        return None
    encoding = record.http_headers.get_header("Content-Encoding") if record.http_headers else None
    what = f"decode the payload's Content-Encoding {encoding}" if encoding else "read the payload"
    return f"cannot {what} ({_short_text(said)})"


def _damage(record) -> str | None:
    """Why the record is incomplete (the archive ends inside it), or None; reads the rest of it."""
    stream = record.raw_stream
    while stream.read(_BLOCK_BYTES):
        pass
    if _runs_past_the_end(record):
        return f"truncated: the archive ends {stream.limit} bytes before the end of this record"
    return None


def _ends_where_it_says(stream: _ArchiveStream, archive, end: int) -> bool:
    """Whether the record warcio has read, up to `end`, is followed by the blank lines that
    end a WARC record and then a record or the archive's end (if not, its Content-Length is
    wrong, or the lines are missing); reads them. A record whose length ends it on a line
    that a blank line follows passes warcio's test: the line after tells, unless the record
    is followed by the `\r\n\r\n` that WARC writes (then the next record is the garbled one)."""
    errors = archive.err_count  # (warcio counts, and prints a warning of its own, when not)
    with _WarcioOutput():
        archive.read_to_end()
    if archive.err_count != errors:
        return False
    line = archive.next_line
    return not line or bool(_RECORD_LINE.match(line)) or stream.kept(end, 4) == b"\r\n\r\n"


def _resync(stream: _ArchiveStream, start: int, unparsed: bytes) -> tuple[str, bool]:
    """After the record at `start`, which does not end where its Content-Length says (or has
    none): reading goes back to just after its start, while those bytes are kept (see
    _REREAD_BYTES; else it goes on from where warcio stands, `unparsed` being what warcio
    has read but not parsed), and on to the next line that starts a record, so that the
    records a length too long took in are read. Returns (how it went, for a message;
    whether reading resumes at a record)."""
    if not stream.rewind(start + 1):
        stream.unread(unparsed)
    try:
        found = _skip_to_next_record(stream)
    except _Unreadable as exc:
        return _lost_with_record(exc), exc.resumed
    if not found:
        return "no record after it", False
    return f"reading resumed at {stream.at(stream.tell())}", True


def _runs_past_the_end(record) -> bool:
    """The archive ended before the end its Content-Length gives the record (read whole)."""
    return getattr(record.raw_stream, "limit", 0) > 0  # (warcio's LimitReader: bytes not read)


def _record_kept_after(stream: _ArchiveStream, start: int, size: int) -> int | None:
    """Offset of the first line after `start` (within `size` bytes) that starts a record,
    among the bytes kept."""
    match = _RECORD_START.search(stream.kept(start, size))
    return start + match.start() + 1 if match else None


def _garbled(stream: _ArchiveStream, archive, exc: Exception):
    """Yields the stretch that warcio refused as no WARC record (`exc`); returns whether
    reading resumes after it, at the next line that starts a record."""
    start = archive.offset
    # warcio read ahead of the line it refused: the rest of its buffer is unread data
    stream.unread(_warcio_buffered(archive))
    try:
        if stream.tell() <= start:  # (warcio read nothing of it: step past it all the same)
            stream.read(1)
        found = _skip_to_next_record(stream)
    except _Unreadable as broken:
        if broken.began is not None and broken.began <= start:  # (the bad gzip member gave what warcio refused)
            yield _lost_part(broken, stream)
        else:
            yield None, stream.at(start), b"", f"not a WARC record ({_short(exc)}); {_lost_with_record(broken)}"
        return broken.resumed
    if not found:  # (a header cut short may fail in warcio as a garbled one does)
        yield None, stream.at(start), b"", f"truncated or not a WARC record ({_short(exc)}); no record after it"
        return False
    yield None, stream.at(start), b"", f"not a WARC record ({_short(exc)}); reading resumed at {stream.at(stream.tell())}"
    return True


def _warcio_buffered(archive) -> bytes:
    """What warcio has read from the stream but not parsed yet."""
    reader = archive.reader
    return reader.buff.read() if reader is not None and reader.buff else b""


class _WarcioOutput:
    """Catches what warcio prints on stderr while it reads (multi-line warnings of its own;
    its logger's notices, which reach stderr when logging is not set up): a batch's stderr
    holds one line per problem, in our words. The problems are told by what warcio did
    (`_ends_where_it_says`) or by there being output (`_read_record`). (A class, not
    contextlib's redirect_stderr: it runs three times a record.)"""

    def __enter__(self) -> io.StringIO:
        self.saved, sys.stderr = sys.stderr, io.StringIO()
        return sys.stderr

    def __exit__(self, *exc) -> bool:
        sys.stderr = self.saved
        return False


def _lost_part(exc: _Unreadable, stream: _ArchiveStream) -> tuple:
    """The item (as `_records` gives them) of a part of the archive lost between records."""
    if exc.place:
        return None, exc.place, b"", str(exc)
    return None, stream.at(stream.tell()), b"", f"cannot read the archive any further: {exc}"


def _lost_with_record(exc: _Unreadable) -> str:
    """Why a record (or the rest of one) is lost, for a message that names the record."""
    return f"{exc.place}: {exc}" if exc.place else f"cannot read the archive any further: {exc}"


class _ArchiveStream:
    """The archive's bytes, uncompressed, for warcio: a .warc.gz is gunzipped here, whether
    each record is a gzip member of its own (the usual form) or the whole file is one (which
    warcio refuses after its first record), and past a corrupt member (see _GzipMembers).
    Read forward; bytes read can be pushed back (`unread`), and the last _REREAD_BYTES read
    are kept to be read again (`rewind`), so that reading can resume at the next record
    after one that is garbled or too long."""

    def __init__(self, path: str):
        from .output import shown_path

        self.file = open(path, "rb")  # noqa: SIM115 (closed by __exit__)
        self.gzipped = self.file.read(len(GZIP_MAGIC)) == GZIP_MAGIC
        self.file.seek(0)
        self.read1 = _GzipMembers(self.file, shown_path(path), record_start=b"WARC/").read1 if self.gzipped else self.file.read1
        self.pushed = b""
        self.pushed_at = 0  # (read from `pushed` by moving this: no copy of the rest per read)
        self.kept_bytes = bytearray()  # the last bytes read, up to `position`
        self.position = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.close()
        return False

    def read(self, size: int = -1) -> bytes:
        if self.pushed_at < len(self.pushed):
            stop = len(self.pushed) if size < 0 else self.pushed_at + size
            data = self.pushed[self.pushed_at:stop]
            self.pushed_at += len(data)
        else:
            try:
                data = self.read1(size)
            except READ_ERRORS as exc:  # (a corrupt member's _Unreadable passes as it is)
                raise _Unreadable(read_error(exc)) from None
        self.position += len(data)
        self.kept_bytes += data
        if len(self.kept_bytes) > _REREAD_BYTES:
            del self.kept_bytes[: len(self.kept_bytes) - _REREAD_BYTES]
        return data

    def tell(self) -> int:
        return self.position

    def at(self, offset: int) -> str:
        """Where `offset` is, for a message (in a .warc.gz: in the uncompressed data)."""
        return f"byte {offset}" + (" (uncompressed)" if self.gzipped else "")

    def unread(self, data: bytes) -> None:
        self.pushed = data + self.pushed[self.pushed_at:]
        self.pushed_at = 0
        self.position -= len(data)
        del self.kept_bytes[max(len(self.kept_bytes) - len(data), 0):]

    def kept(self, offset: int, size: int) -> bytes:
        """Up to `size` bytes read from `offset` on that are still kept (b"" if none are)."""
        first = offset - (self.position - len(self.kept_bytes))
        return bytes(self.kept_bytes[first:first + size]) if first >= 0 else b""

    def rewind(self, offset: int) -> bool:
        """Read again from `offset`, when the bytes since are still kept."""
        back = self.position - offset
        if not 0 <= back <= len(self.kept_bytes):
            return False
        self.unread(bytes(self.kept_bytes[len(self.kept_bytes) - back:]))
        return True


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
    return _short_text(f"{exc.__class__.__name__}: {exc}")


def _short_text(text: str) -> str:
    """`text` on one line, cut to _MAX_QUOTE_CHARS."""
    text = " ".join(text.split())
    return text if len(text) <= _MAX_QUOTE_CHARS else text[: _MAX_QUOTE_CHARS - 3] + "..."


def _clean_item(item) -> tuple[str, str | None, list[str], bool]:
    """Clean one response in a worker; returns (JSON line, error, removed rule ids, empty)."""
    from dataclasses import replace

    from . import batch
    from .api import FAILED_FIELDS, clean_bytes

    where, url, record_id, warc_date, payload, kind, unreadable, warnings = item
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
        result.warnings[:0] = warnings
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

    where, url, record_id, warc_date, payload, kind, unreadable, warnings = item
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
            try:
                head = stream.read(5)
            except _CorruptMember as exc:
                if not exc.resumed:
                    raise
                head = stream.read(5)  # (a corrupt first member: the next one tells)
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
