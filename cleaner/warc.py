"""WARC input: `clean-article --warc crawl.warc.gz` cleans the HTML (and plain-text) responses
of a web archive over the batch's ordered worker map and writes JSON Lines:

    {"url", "warc_record_id", "warc_date", "title", "body", "text", "author", "date",
     "source", "removed", "error"}

one line per response record, in archive order. Other records (requests, metadata,
revisits, images, scripts) are skipped and counted. Needs the `warc` extra (warcio),
imported only here. With site learning on (the default), a first pass over the archive
learns each host's repeated chrome (see cleaner/site.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

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
    """(number, url, record id, WARC date, payload bytes, kind) for each HTML/text response."""
    ArchiveIterator = _import_warcio()
    with open(path, "rb") as fh:
        number = 0
        for record in ArchiveIterator(fh):
            if record.rec_type != "response":
                if skipped is not None:
                    skipped[0] += 1
                continue
            headers = record.rec_headers
            url = headers.get_header("WARC-Target-URI")
            record_id = headers.get_header("WARC-Record-ID")
            warc_date = headers.get_header("WARC-Date")
            ctype = ""
            if record.http_headers is not None:
                ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            if ctype and not (ctype in _HTML_TYPES or ctype in _TEXT_TYPES):
                if skipped is not None:
                    skipped[0] += 1
                continue
            number += 1
            try:
                payload = record.content_stream().read(MAX_PAYLOAD_BYTES)
                error = None
            except Exception as exc:  # a broken record (bad chunking, truncated gzip)
                payload, error = b"", f"{exc.__class__.__name__}: {exc}"
            kind = "text" if ctype in _TEXT_TYPES else ("html" if ctype else "auto")
            yield number, url, record_id, warc_date, payload, kind, error


def _clean_item(item) -> tuple[str, str | None, list[str], bool]:
    """Clean one response in a worker; returns (JSON line, error, removed rule ids, empty)."""
    from dataclasses import replace

    from . import batch
    from .api import clean_bytes

    number, url, record_id, warc_date, payload, kind, read_error = item
    out = {"url": url, "warc_record_id": record_id, "warc_date": warc_date}
    try:
        if read_error:
            raise ValueError(f"cannot read the payload ({read_error})")
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
        error = f"record {number} ({url}): {exc.__class__.__name__}: {exc}" if not isinstance(exc, ValueError) else f"record {number} ({url}): {exc}"
        out.update({"title": None, "body": None, "text": None, "author": None, "date": None,
                    "source": None, "removed": [], "error": error})
        return batch._dumps(out), error, [], False


def _lost_item(item, reason: str) -> tuple[str, str, list[str], bool]:
    """The output line of a response whose worker died."""
    from . import batch
    from .api import FAILED_FIELDS

    number, url, record_id, warc_date = item[:4]
    out = {"url": url, "warc_record_id": record_id, "warc_date": warc_date, **FAILED_FIELDS}
    return batch._failed_line(out, f"record {number} ({url}): {reason}")


def _keys_item(item):
    """First-pass worker for site learning: (host, keys) of one response."""
    from .site import _WORKER_SITE, page_host, page_keys

    number, url, record_id, warc_date, payload, kind, read_error = item
    host = page_host(url, _WORKER_SITE)
    if not host or read_error:
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
    import gzip

    try:
        with open(path, "rb") as fh:
            head = fh.read(2)
            fh.seek(0)
            if head == b"\x1f\x8b":
                with gzip.open(fh) as gz:
                    head = gz.read(5)
            else:
                head = fh.read(5)
    except (OSError, EOFError) as exc:
        return f"cannot read the archive: {exc}"
    if head != b"WARC/":
        return "cannot read the archive: not a WARC file (it must start with a WARC/1.x record)"
    return None


def run_warc(args, options) -> int:
    from .batch import EXIT_USAGE, Summary, _finish, _map_ordered, _progress, _stdout
    from .output import atomic_writer, shown_path
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
        from .site import load_profiles

        args.site_profiles = load_profiles(args.site_profile)
    summary = Summary()
    bar = _progress(args, None)
    out = atomic_writer(args.output) if args.output else _stdout()
    try:
        with out as fh:
            for line, error, removed, empty in _map_ordered(_clean_item, responses, args, lost=_lost_item):
                fh.write(line)
                fh.write("\n")
                summary.add(error, removed, empty)
                if bar is not None:
                    bar.update()
    except Exception as exc:  # the archive itself is broken (not a WARC, truncated)
        if bar is not None:
            bar.close()
        print(f"clean-article: {shown_path(source)}: cannot read the archive after {summary.pages} responses: "
              f"{exc.__class__.__name__}: {exc}", file=sys.stderr)
        return EXIT_USAGE if summary.pages == 0 else 1
    if not args.quiet and responses.skipped[0]:
        print(f"clean-article: {shown_path(source)}: skipped {responses.skipped[0]} records that are not HTML or text responses", file=sys.stderr)
    return _finish(args, summary, bar)
