"""Clean a dask.bag of records or a column of a dask.dataframe, partition by partition.

    import dask.bag as db
    from cleaner.integrations.dask import clean_bag

    records = db.read_text("pages-*.jsonl").map(json.loads)      # {id, url, html or text}
    cleaned = clean_bag(records)                                  # {id, url, title, body, ...}
    cleaned.map(json.dumps).to_textfiles("clean-*.jsonl", last_endline=True)

Each partition builds the cleaner's options once (per worker process, cached), so the
partitions spread over the cluster's workers; records come out in input order with the
same fields and bodies as `clean-article --jsonl`. Site learning (`learn_site=True`) adds a
first pass over the bag that counts repeated blocks per host on the workers and merges the
counts (as `--learn-site` does; it is off by default here, on by default in the CLI).

Needs the `dask` extra: pip install 'clean-article[dask]'.
"""

from __future__ import annotations

from ..api import FAILED_FIELDS
from . import OUTPUT_FIELDS, cached_options, clean_record


def _option_key(rule_files=(), disable=(), select=(), no_title=False, input_type="auto") -> tuple:
    return (tuple(rule_files), frozenset(disable), frozenset(select), bool(no_title), input_type)


def _clean_partition(records, option_key, site_profiles, site, input_field):
    options = cached_options(*option_key)
    return [clean_record(r, options, site_profiles, site, input_field) for r in records]


# -- site learning over a bag -------------------------------------------------------------


def _record_pages(records, site, input_field, input_type):
    """(host, page text or None, kind) of each record with a host."""
    import json

    from ..site import page_host

    for record in records:
        try:
            if isinstance(record, (str, bytes)):
                record = json.loads(record)
            url = record.get("url")
            host = page_host(url if isinstance(url, str) else None, site)
            if not host:
                continue
            if input_field:
                page, kind = record.get(input_field), input_type
            else:
                is_html = record.get("html") is not None
                page = record.get("html") if is_html else record.get("text")
                kind = "html" if is_html and input_type == "auto" else input_type
        except Exception:
            continue
        yield host, _page_text(page), kind


def _page_text(page) -> str | None:
    """A record's page as text for counting its blocks (bytes decoded as for cleaning), or
    None when it has none (a missing field, binary data)."""
    if isinstance(page, (bytes, bytearray)):
        from ..decode import decode

        try:
            return decode(bytes(page))
        except ValueError:  # not text: the cleaning pass reports it
            return None
    return page if isinstance(page, str) else None


def _count_partition(records, site, input_field, input_type):
    from ..site import SiteLearner, page_keys

    learner = SiteLearner()
    for host, page, kind in _record_pages(records, site, input_field, input_type):
        learner.add_keys(host, page_keys(page, kind) if isinstance(page, str) else ())
    return [(host, h.pages, h.counts, h.texts) for host, h in learner.hosts.items()]


def _find_texts(records, wanted, site, input_field, input_type):
    """{(host, hash): text} for the wanted hashes (a block seen once in several partitions)."""
    from ..site import _hash, page_keys

    found = {}
    for host, page, kind in _record_pages(records, site, input_field, input_type):
        if host not in wanted or not isinstance(page, str):
            continue
        for key in page_keys(page, kind):
            k = _hash(key)
            if k in wanted[host]:
                found[(host, k)] = key
    return [found]


def learn_site_profiles(bag, *, site: str | None = None, input_field: str | None = None, input_type: str = "auto",
                        min_host_pages: int | None = None) -> dict:
    """First pass: learn each host's repeated blocks over the bag; host -> SiteProfile."""
    import math

    from ..site import MIN_HOST_PAGES, MIN_REPEAT_PAGES, MIN_REPEAT_SHARE, SiteLearner, _HostCounts

    parts = bag.map_partitions(_count_partition, site, input_field, input_type).compute()
    learner = SiteLearner()
    for host, pages, counts, texts in parts:
        h = learner.hosts.get(host)
        if h is None:
            h = learner.hosts[host] = _HostCounts()
        h.pages += pages
        for k, n in counts.items():
            h.counts[k] = h.counts.get(k, 0) + n
        h.texts.update(texts)
        if len(h.counts) > learner.max_keys:
            learner._prune(h)
    # a block seen once in each of several partitions has its text in none of them (a
    # partition keeps the text from a block's second page on): fetch those that qualify
    minimum = MIN_HOST_PAGES if min_host_pages is None else min_host_pages
    wanted = {}
    for host, h in learner.hosts.items():
        if h.pages >= minimum:
            need = max(MIN_REPEAT_PAGES, math.ceil(MIN_REPEAT_SHARE * h.pages - 1e-9))
            missing = {k for k, n in h.counts.items() if n >= need and k not in h.texts}
            if missing:
                wanted[host] = missing
    if wanted:
        for part in bag.map_partitions(_find_texts, wanted, site, input_field, input_type).compute():
            for (host, k), text in part.items():
                learner.hosts[host].texts[k] = text
    return learner.profiles(minimum)


def clean_bag(bag, *, input_field: str | None = None, rule_files=(), disable=(), select=(), no_title: bool = False,
              input_type: str = "auto", site_profiles: dict | None = None, site: str | None = None,
              learn_site: bool = False):
    """A bag of cleaned records ({id, url, title, body, text, author, date, source, removed, error}).

    Records are dicts (or JSON strings) with `html` or `text` (or `input_field`), `url`
    and `id`. `site_profiles` (host -> profile, e.g. from `cleaner.site.load_profiles(DIR)`)
    or `learn_site=True` drop each host's learned chrome.
    """
    key = _option_key(rule_files, disable, select, no_title, input_type)
    cached_options(*key)  # fail early, here, on a bad rule file or id
    if learn_site:
        learned = learn_site_profiles(bag, site=site, input_field=input_field, input_type=input_type)
        site_profiles = {**(site_profiles or {}), **learned}
    return bag.map_partitions(_clean_partition, key, site_profiles or None, site, input_field)


# -- dataframes ------------------------------------------------------------------------------

FRAME_FIELDS = ("title", "body", "author", "date", "error")
# output fields that do not hold text (lists; the id is whatever the caller's was)
_NOT_TEXT_FIELDS = frozenset({"removed", "warnings", "id"})


# Cell types holding raw page bytes: a parquet binary column gives bytes.
_BYTES_TYPES = (bytes, bytearray, memoryview)


def _cell_page(cell, column: str):
    """A dataframe cell as a page to clean (text, or bytes decoded as `clean-article` decodes
    a file); ValueError when the cell holds no page."""
    import pandas as pd

    if isinstance(cell, str):
        return cell
    if isinstance(cell, _BYTES_TYPES):
        return bytes(cell)
    if pd.api.types.is_scalar(cell) and pd.isna(cell):  # None, NaN, NA
        raise ValueError("no page (missing value)")
    raise ValueError(f"`{column}` holds a {type(cell).__name__}, not text or bytes")


def _cell_url(cell) -> str | None:
    if isinstance(cell, _BYTES_TYPES):
        return bytes(cell).decode("utf-8", "replace")
    return cell if isinstance(cell, str) else None


def _clean_frame(frame, column, url_column, option_key, site_profiles, site, fields, prefix):
    import pandas as pd

    options = cached_options(*option_key)
    urls = frame[url_column] if url_column else [None] * len(frame)
    columns = {f: [] for f in fields}
    for cell, url in zip(frame[column], urls):
        try:
            page = _cell_page(cell, column)
        except ValueError as exc:
            out = {"id": None, "url": None, **FAILED_FIELDS, "error": f"ValueError: {exc}"}
        else:
            out = clean_record({"page": page, "url": _cell_url(url)}, options, site_profiles, site, input_field="page")
        for f in fields:
            columns[f].append(out[f])
    result = frame.copy()
    for f in fields:
        # object columns, so that a missing title or error stays None (pandas would infer
        # a string column and turn None into NaN)
        result[prefix + f] = pd.Series(columns[f], index=frame.index, dtype="object")
    return result


def clean_dataframe(df, column: str, *, url_column: str | None = None, fields=FRAME_FIELDS, prefix: str = "clean_",
                    rule_files=(), disable=(), select=(), no_title: bool = False, input_type: str = "auto",
                    site_profiles: dict | None = None, site: str | None = None):
    """`df` with columns `clean_title`, `clean_body`, ... (prefix + field) from cleaning `column`.

    The column holds page HTML or text (`input_type="auto"` detects which; HTML when
    detected is cleaned as `--jsonl` cleans an `html` field). Fields are any of
    OUTPUT_FIELDS (`removed` comes as a list).
    """
    import pandas as pd

    fields = tuple(fields)
    bad = [f for f in fields if f not in OUTPUT_FIELDS]
    if bad:
        raise ValueError(f"unknown output fields: {', '.join(bad)} (known: {', '.join(OUTPUT_FIELDS)})")
    missing = [c for c in (column, url_column) if c is not None and c not in df.columns]
    if missing:  # say it here, not as a KeyError from a worker at compute time
        raise ValueError(f"no column {', '.join(map(repr, missing))} in the dataframe (columns: {', '.join(map(str, df.columns))})")
    key = _option_key(rule_files, disable, select, no_title, input_type)
    cached_options(*key)
    meta = df._meta.copy()
    for f in fields:
        # the text fields are declared as strings: dask writes parquet by the schema of
        # `meta`, and an object column there has no type (to_parquet failed)
        meta[prefix + f] = pd.Series([], dtype="object" if f in _NOT_TEXT_FIELDS else "string")
    return df.map_partitions(_clean_frame, column, url_column, key, site_profiles or None, site, fields, prefix, meta=meta)
