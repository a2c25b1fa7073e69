"""Integrations with crawling and data tools: Scrapy (`cleaner.integrations.scrapy`) and
Dask (`cleaner.integrations.dask`); WARC input is `cleaner.warc`. Each needs its extra
(`pip install 'clean-article[scrapy]'`, `[dask]`, `[warc]`), imported only by its module.

`clean_record` is the record-level cleaning they share with `clean-article --jsonl`.
"""

from __future__ import annotations

import functools
from dataclasses import replace

from ..api import clean_record as _clean_record
from ..api import make_options
from ..pipeline import Options

OUTPUT_FIELDS = ("id", "url", "title", "body", "text", "author", "date", "source", "removed", "input_type", "warnings", "error")


@functools.lru_cache(maxsize=8)
def cached_options(rule_files: tuple = (), disabled: frozenset = frozenset(), select: frozenset = frozenset(),
                   no_title: bool = False, input_type: str = "auto") -> Options:
    """Options built once per process for a set of arguments (compiled rules are not picklable)."""
    return make_options(tuple(rule_files), frozenset(disabled), frozenset(select), no_title, input_type)


def clean_record(record, options: Options, site_profiles: dict | None = None, site: str | None = None,
                 input_field: str | None = None) -> dict:
    """Clean one record as `clean-article --jsonl` does; never raises.

    `record` is a dict (or a JSON object string) with `id`, `url` and `html` or `text`
    (or `input_field`). Returns {id, url, title, body, text, author, date, source, removed,
    error}: on failure the cleaned fields are None and `error` says why.
    """
    options_for = None
    if site_profiles:
        from ..site import page_host

        def options_for(options, url):
            profile = site_profiles.get(page_host(url, site) or "")
            return options if profile is None else replace(options, site_profile=profile)

    out, _, exc = _clean_record(record, options, input_field, options_for)
    out["error"] = None if exc is None else f"{exc.__class__.__name__}: {exc}"
    return out
