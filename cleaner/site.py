"""Site-level learning: blocks that recur verbatim on many pages of one host are site chrome.

A footer mission statement, an affiliate disclosure or a donation appeal reads like prose,
so the per-page rules and the content model keep it; seen across a batch of the same host,
it is plainly part of the site, not of any one article. Learning takes a first pass over
the batch:

    learner = SiteLearner()
    for host, page in pages:            # page: text or HTML, as str or bytes
        learner.add(host, page)
    profiles = learner.profiles()       # host -> SiteProfile (dict: block key -> pages)

then cleans each page with `replace(options, site_profile=profiles.get(host))`; the
pipeline drops blocks whose key is in the profile with rule id `site.repeated`.

Safety: the article's own text must never go. A block is learned only when it recurred on
at least `MIN_REPEAT_PAGES` pages and `MIN_REPEAT_SHARE` of the host's pages (a quote
repeated across two stories of a series does not qualify), and only for hosts with at least
`MIN_HOST_PAGES` pages. At cleaning time the pipeline also protects a learned block that
sits between two paragraphs of the page's own prose unless it recurred on at least
`SURE_SHARE` of the host's pages (see `protect`).

Memory stays bounded: the first pass counts 64-bit hashes of blocks (each page counted
once per block), keeps a block's text only from its second page on, and holds at most
`MAX_KEYS_PER_HOST` hashes per host (pruning the ones seen once when full).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit

from .api import _parse_json, without_lone_surrogates
from .output import shown_path

# A host is learned only with at least this many pages in the batch (default mode) ...
MIN_HOST_PAGES = 10
# ... or this many when learning is asked for explicitly (--learn-site).
MIN_HOST_PAGES_FORCED = 5
# A block is site chrome when it recurred on at least this many distinct pages ...
MIN_REPEAT_PAGES = 3
# ... and this share of the host's pages.
MIN_REPEAT_SHARE = 0.3
# A learned block between two paragraphs of the page's own prose is kept unless it recurred
# on at least this share of the host's pages (chrome that is on nearly every page goes even
# from the middle of the article: inline newsletter or donation boxes).
SURE_SHARE = 0.6
# Blocks longer than this are never learned (no chrome is that long; saves memory).
MAX_KEY_CHARS = 2000
# Blocks shorter than this are not worth learning (rules and the model handle them).
MIN_KEY_CHARS = 2
# Hashes counted per host before pruning the ones seen on a single page ...
MAX_KEYS_PER_HOST = 200_000
# ... and over all hosts (a crawl of many small sites), about 100 MB.
MAX_KEYS_TOTAL = 1_000_000
PROFILE_VERSION = 1

_WS = re.compile(r"\s+")
_SAFE = re.compile(r"[^a-z0-9._-]+")
# A profile file is named after its host when the (IDNA) name is made of these characters
# only: portable, and what every ASCII host's profile has always been named.
_PLAIN_NAME = re.compile(r"[a-z0-9_-][a-z0-9._-]*")
# The longest such name (bytes, without `.json`): the writer's temporary file
# `.NAME.json.XXXXXXXX.tmp` must stay within the usual 255-byte limit of a file name.
MAX_PROFILE_NAME = 255 - len("..json.XXXXXXXX.tmp")
# Other names keep this much of their readable part, followed by `~` and a hash of the host.
PROFILE_NAME_KEEP = 120
# Names Windows reserves for devices, with any extension (`con.example.com.json` too).
_WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{d}{n}" for d in ("com", "lpt") for n in range(10)]
)
_IDNA_PREFIX = "xn--"
# What a percent-decoded host must not hold: characters that end a URL's host (`%2F`,
# `%40`, `%3A`), white space, controls, and `%` (decoded once only).
_NOT_IN_HOST = re.compile(r"[\x00-\x20\x7f#%/:<>?@\[\\\]^|]")


def block_key(text: str) -> str:
    """The form blocks are compared in: white space collapsed, casefolded."""
    return " ".join(text.split()).casefold()


def host_key(name: str | None) -> str | None:
    """The form hosts are compared and saved in: lower-cased, without trailing dots, and
    IDNA labels (`xn--r8jz45g.jp`, as Scrapy and HTTP give them) in Unicode (`例え.jp`, as
    a browser shows them), so that both spellings of a host share one profile. None for a
    name that is not text (a lone surrogate, from a JSON "\\ud83d": no file or UTF-8 output
    could hold it) or that is empty."""
    if not name:
        return None
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return None
    name = unicodedata.normalize("NFC", name.strip().lower()).rstrip(".")
    if _IDNA_PREFIX in name:
        name = ".".join(_unicode_label(label) for label in name.split("."))
    return name or None


def _unicode_label(label: str) -> str:
    """An IDNA label in Unicode; any other label (or a malformed `xn--` one) as it is."""
    if not label.startswith(_IDNA_PREFIX) or not label.isascii():
        return label
    try:
        decoded = label[len(_IDNA_PREFIX):].encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        return label
    # only a label that encodes back to itself (one file name per host, whichever
    # spelling) and is text (punycode can spell a lone surrogate)
    if decoded.isascii() or _ascii_label(decoded) != label or host_key(decoded) != decoded:
        return label
    return decoded


def _ascii_label(label: str) -> str:
    """A label as IDNA writes it: ASCII as it is, else `xn--` and its punycode."""
    if label.isascii():
        return label
    return _IDNA_PREFIX + label.encode("punycode").decode("ascii")


def host_of(url: str | None) -> str | None:
    """The host of a URL (see `host_key`), without `www.`, user and port; None when there
    is none or it is not a host name."""
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        host = host_key(_percent_decoded(parts.hostname))
    except ValueError:
        return None
    if not host:
        return None
    if "." not in host and host != "localhost" and "[" not in parts.netloc:
        return None  # not a host name ("hard::page.html", a bare word); an IPv6 [::1] is one
    return host[4:] if host.startswith("www.") else host


def _percent_decoded(host: str | None) -> str | None:
    """A URL's host with its percent-encoding decoded, as browsers read it: `%65xample.com`
    is example.com, `m%C3%BCnchen.de` is münchen.de, so that every spelling of a host gets
    one key. A host whose escapes are not UTF-8, or decode to a character no host name
    holds, is kept as it is."""
    if not host or "%" not in host:
        return host
    try:
        decoded = unquote_to_bytes(host).decode("utf-8")
    except UnicodeError:  # (not UTF-8; or a lone surrogate in the URL, which has no bytes)
        return host
    return host if _NOT_IN_HOST.search(decoded) else decoded


class SiteProfile(dict):
    """Block key -> number of the host's pages it recurred on; `pages` is the host's page count."""

    def __init__(self, blocks: dict[str, int] | None = None, host: str = "", pages: int = 0):
        super().__init__(blocks or {})
        self.host = host
        self.pages = pages

    def share(self, key: str) -> float:
        return self.get(key, 0) / self.pages if self.pages else 1.0

    def to_json(self) -> dict:
        """The saved form (UTF-8 text: a lone surrogate in a name given by a library caller
        is replaced, as the cleaner replaces it in pages)."""
        blocks = {without_lone_surrogates(k): n for k, n in sorted(self.items(), key=lambda kv: (-kv[1], kv[0]))}
        return {"version": PROFILE_VERSION, "host": without_lone_surrogates(self.host), "pages": self.pages, "blocks": blocks}

    @classmethod
    def from_json(cls, data: dict) -> SiteProfile:
        if not isinstance(data, dict) or not isinstance(data.get("blocks"), dict):
            raise ValueError("not a site profile (no `blocks` object)")
        blocks = {block_key(str(k)): _count(v, f"block {k!r}") for k, v in data["blocks"].items()}
        return cls(blocks, host=str(data.get("host") or ""), pages=_count(data.get("pages") or 0, "pages"))


def _count(value, what: str) -> int:
    """A page count of a saved profile, which may have been edited by hand."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{what}: a page count must be a whole number, not {value!r}")
    return value


def protect(profile: SiteProfile, key: str, before_is_prose: bool, after_is_prose: bool) -> bool:
    """Keep a learned block that sits inside the page's own prose unless it is near-universal."""
    return before_is_prose and after_is_prose and profile.share(key) < SURE_SHARE


# -- the first pass --------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "p li h1 h2 h3 h4 h5 h6 blockquote td th dd dt figcaption caption div section aside footer header "
    "article span a small strong em pre address label button summary".split()
)


@lru_cache(maxsize=None)
def _xpath(path: str):
    """An lxml XPath giving plain strings, compiled once (lxml is imported only for HTML)."""
    from lxml import etree

    return etree.XPath(path, smart_strings=False)


def page_keys(page: str | bytes, input_type: str = "auto") -> set[str]:
    """The keys of the blocks the cleaner may see on a page (text or HTML), each once.

    Text pages are segmented as the pipeline does. For HTML the blocks depend on what
    trafilatura extracts, which costs as much as cleaning; instead every element's text and
    every text node is counted (a superset: keys that never become blocks are harmless).
    """
    from .api import MAX_PAGE_CHARS
    from .decode import decode
    from .detect import is_html

    text = decode(page) if isinstance(page, bytes) else page
    # as the cleaner sees the page: lone surrogates replaced (a learned block must match
    # the cleaned one, and be savable as UTF-8)
    text = without_lone_surrogates(text)[:MAX_PAGE_CHARS]
    kind = input_type if input_type != "auto" else ("html" if is_html(text) else "text")
    keys: set[str] = set()
    if kind == "html":
        texts = _html_texts(text)
    else:
        from .segment import segment

        texts = (b.text for b in segment(text))
    for t in set(texts):  # (an element's text is often its only text node's too)
        if MIN_KEY_CHARS <= len(t) <= MAX_KEY_CHARS * 2:
            key = block_key(t)
            if MIN_KEY_CHARS <= len(key) <= MAX_KEY_CHARS:
                keys.add(key)
    return keys


def _html_texts(html: str):
    # (parsed as the HTML path parses, without comments and processing instructions; the
    # text nodes and the block elements are found by lxml in C: walking every element in
    # Python cost a fifth of cleaning the page, paid again by every page of a site)
    from .html import _parse

    tree = _parse(html)
    if tree is None:
        return []
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg"):
        bad.drop_tree()
    out = [text for text in _xpath("//text()")(tree) if not text.isspace()]
    for el in tree.iter(*_BLOCK_TAGS):
        content = el.text_content()
        if content and len(content) <= MAX_KEY_CHARS * 2 and not content.isspace():
            out.append(content)
    # the title: trafilatura puts it first
    out.extend(_xpath("//title/text()")(tree))
    return out


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


class _HostCounts:
    __slots__ = ("pages", "counts", "texts", "pruned")

    def __init__(self):
        self.pages = 0
        self.counts: dict[int, int] = {}
        self.texts: dict[int, str] = {}
        self.pruned = False


class SiteLearner:
    """Counts, per host, on how many distinct pages each block occurs."""

    def __init__(self, max_keys_per_host: int = MAX_KEYS_PER_HOST, max_keys_total: int = MAX_KEYS_TOTAL):
        self.max_keys = max_keys_per_host
        self.max_total = max_keys_total
        self.total = 0
        self.hosts: dict[str, _HostCounts] = {}

    def add(self, host: str | None, page: str | bytes, input_type: str = "auto") -> None:
        """Count one page (its keys are computed here)."""
        self.add_keys(host, page_keys(page, input_type))

    def add_keys(self, host: str | None, keys) -> None:
        """Count one page given the keys of its blocks (from `page_keys`, maybe in a worker)."""
        if not host:
            return
        h = self.hosts.get(host)
        if h is None:
            h = self.hosts[host] = _HostCounts()
        h.pages += 1
        counts, texts = h.counts, h.texts
        before = len(counts)
        for key in set(keys):
            k = _hash(key)
            n = counts.get(k, 0) + 1
            counts[k] = n
            if n == 2:
                texts[k] = key
        self.total += len(counts) - before
        if len(counts) > self.max_keys:
            self.total -= len(h.counts)
            self._prune(h)
            self.total += len(h.counts)
        if self.total > self.max_total:
            # many hosts: drop every host's blocks seen on a single page (then the rarer half)
            for other in self.hosts.values():
                other.pruned = True
                other.counts = {k: n for k, n in other.counts.items() if n > 1}
                other.texts = {k: t for k, t in other.texts.items() if k in other.counts}
            self.total = sum(len(o.counts) for o in self.hosts.values())
            if self.total > self.max_total // 2:
                for other in self.hosts.values():
                    self._prune(other)
                self.total = sum(len(o.counts) for o in self.hosts.values())

    def _prune(self, h: _HostCounts) -> None:
        # drop the hashes seen on a single page; if that is not enough, the rarest half
        h.pruned = True
        h.counts = {k: n for k, n in h.counts.items() if n > 1}
        if len(h.counts) > self.max_keys // 2:
            cut = sorted(h.counts.values())[len(h.counts) // 2]
            h.counts = {k: n for k, n in h.counts.items() if n > cut}
        h.texts = {k: t for k, t in h.texts.items() if k in h.counts}

    def page_count(self, host: str) -> int:
        h = self.hosts.get(host)
        return h.pages if h else 0

    def profiles(self, min_host_pages: int = MIN_HOST_PAGES) -> dict[str, SiteProfile]:
        """The learned profile of every host with enough pages."""
        out = {}
        for host, h in self.hosts.items():
            if h.pages < min_host_pages:
                continue
            need = max(MIN_REPEAT_PAGES, math.ceil(MIN_REPEAT_SHARE * h.pages - 1e-9))
            blocks = {h.texts[k]: n for k, n in h.counts.items() if n >= need and k in h.texts}
            out[host] = SiteProfile(blocks, host=host, pages=h.pages)
        return out


def learn(pages, min_host_pages: int = MIN_HOST_PAGES, input_type: str = "auto") -> dict[str, SiteProfile]:
    """Profiles from an iterable of (host, page) pairs (a convenience for the library)."""
    learner = SiteLearner()
    for host, page in pages:
        learner.add(host, page, input_type)
    return learner.profiles(min_host_pages)


# -- saved profiles ----------------------------------------------------------------------


def profile_path(directory: str | os.PathLike, host: str) -> Path:
    return Path(directory) / profile_file_name(host)


def profile_file_name(host: str) -> str:
    """The file name of a host's profile: unique per host, the same on every run, portable.

    A host whose IDNA form is a plain name (`example.com`, `xn--r8jz45g.jp` for 例え.jp) is
    its own name. Any other (an IPv6 address, a `--site` name with spaces or slashes, a
    Windows device name, a name too long for a file) keeps a readable part and gets `~` and
    a hash of the host, so two such hosts never share a file (`~` is not in a plain name).
    """
    key = host_key(host)
    name = ".".join(_ascii_label(label) for label in key.split(".")) if key else ""
    key = key or host
    if _PLAIN_NAME.fullmatch(name) and len(name) <= MAX_PROFILE_NAME and not _windows_device(name):
        return f"{name}.json"
    readable = _SAFE.sub("_", name or host.lower()).strip("._")[:PROFILE_NAME_KEEP] or "site"
    if _windows_device(readable):
        readable = "_" + readable
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return f"{readable}~{digest}.json"


def _windows_device(name: str) -> bool:
    return name.split(".")[0] in _WINDOWS_DEVICES


def _legacy_profile_path(directory: str | os.PathLike, host: str) -> Path:
    """Where earlier versions saved a host's profile (distinct hosts could share the name)."""
    name = _SAFE.sub("_", host.lower()).strip("._") or "site"
    return Path(directory) / f"{name}.json"


def save_profile(directory: str | os.PathLike, profile: SiteProfile) -> Path:
    from .output import atomic_writer

    path = profile_path(directory, profile.host)
    with atomic_writer(path) as fh:
        json.dump(profile.to_json(), fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    return path


def load_profile(directory: str | os.PathLike, host: str) -> SiteProfile | None:
    """The saved profile of a host, or None when there is none (ValueError when unreadable)."""
    profile = _read_profile(profile_path(directory, host))
    if profile is None:
        # saved by an older version under a name other hosts could share: only if its own
        legacy = _read_profile(_legacy_profile_path(directory, host))
        if legacy is not None and host_key(legacy.host) == host_key(host):
            profile = legacy
    return profile


def _read_profile(path: Path) -> SiteProfile | None:
    """A saved profile file; None when there is none, ValueError naming the file when it
    cannot be read."""
    try:
        return SiteProfile.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ValueError(f"{path}: cannot read site profile: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise ValueError(f"{path}: cannot read site profile: {exc}") from None


def print_warning(message: str) -> None:
    print(f"clean-article: warning: {message}", file=sys.stderr)


def _silent(message: str) -> None:
    pass


def load_profiles(directory: str | os.PathLike, warn=print_warning) -> dict[str, SiteProfile]:
    """Every saved profile in a directory, by host (see `host_key`).

    A file that cannot be read is skipped, and `warn(message)` says which and why (None:
    silently): the batch goes on without that host's profile.
    """
    d = Path(directory)
    warn = warn or _silent
    if not d.is_dir():
        if d.exists():
            warn(f"{d}: not a directory; no site profiles loaded")
        return {}
    try:
        names = sorted(n for n in os.listdir(d) if n.endswith(".json") and not n.startswith("."))
    except OSError as exc:
        warn(f"{d}: cannot list site profiles: {exc.strerror or exc}; none loaded")
        return {}
    out = {}
    for name in names:
        try:
            profile = _read_profile(d / name)
        except ValueError as exc:
            warn(f"{exc}; skipped")
            continue
        if profile is None:  # removed since the listing
            continue
        host = host_key(profile.host or Path(name).stem) or Path(name).stem
        # a host's current file wins over a copy an older version saved under another name
        if host not in out or name == profile_file_name(host):
            out[host] = profile
    return out


# -- batches (the CLI) -------------------------------------------------------------------
# The batch driver runs a first pass over its input (`prepare`), which sets
# `args.site_profiles`; the workers receive them through their option arguments
# (`install`) and pick a page's profile by its host (`options_for`).

_WORKER_PROFILES: dict[str, SiteProfile] = {}
_WORKER_SITE: str | None = None


def install(profiles: dict[str, SiteProfile] | None, site: str | None) -> None:
    """Make profiles available in this (worker) process."""
    global _WORKER_PROFILES, _WORKER_SITE
    _WORKER_PROFILES = profiles or {}
    _WORKER_SITE = site


def page_host(url: str | None, site: str | None = None) -> str | None:
    """A page's host: `--site NAME` for the whole batch, else the host of its URL."""
    if site and site.strip():
        # a name from a command line that was not valid UTF-8 holds lone surrogates
        name = without_lone_surrogates(site)
        # a host written as URLs give it (`www.example.com`, a port, a scheme, an IPv6
        # literal in brackets) gets the key its pages' URLs give; any other name is its own
        return host_of(name) or host_key(name)
    return host_of(url)


def options_for(options, url: str | None):
    """`options` with the site profile of the page's host, when there is one."""
    if not _WORKER_PROFILES:
        return options
    profile = _WORKER_PROFILES.get(page_host(url, _WORKER_SITE) or "")
    if profile is None:
        return options
    from dataclasses import replace

    return replace(options, site_profile=profile)


def learning_mode(args) -> str:
    """'off', 'auto' (hosts with >= MIN_HOST_PAGES pages) or 'on' (>= MIN_HOST_PAGES_FORCED)."""
    value = getattr(args, "learn_site", None)
    return "auto" if value is None else ("on" if value else "off")


def prepare(args, items, keys_func) -> dict[str, SiteProfile]:
    """First pass of a batch: learn profiles, load and save saved ones; sets `args.site_profiles`.

    `items` is re-iterable input for `keys_func` (a picklable worker function returning
    (host, keys) for one item, run over the batch's worker processes).
    """
    from .batch import _map_ordered

    mode = learning_mode(args)
    directory = getattr(args, "site_profile", None)
    profiles: dict[str, SiteProfile] = {}
    learned: dict[str, SiteProfile] = {}
    if mode != "off":
        learner = SiteLearner()
        # (a page whose worker died teaches nothing; the cleaning pass reports it)
        for host, keys in _map_ordered(keys_func, items, args, lost=_no_keys):
            learner.add_keys(host, keys)
        learned = learner.profiles(MIN_HOST_PAGES if mode == "auto" else MIN_HOST_PAGES_FORCED)
        if mode == "on" and not learned and not getattr(args, "quiet", False):
            biggest = max((h.pages for h in learner.hosts.values()), default=0)
            print(
                f"clean-article: site learning: no host has {MIN_HOST_PAGES_FORCED} pages in this batch "
                f"(largest: {biggest}); give records a `url` or use --site NAME",
                file=sys.stderr,
            )
        if learner.hosts and any(h.pruned for h in learner.hosts.values()) and not getattr(args, "quiet", False):
            print("clean-article: site learning: many distinct blocks; rare ones were pruned", file=sys.stderr)
    if directory:
        profiles.update(load_profiles(directory, warner(args)))
    profiles.update(learned)
    if directory:
        for profile in learned.values():
            try:
                save_profile(directory, profile)
            except OSError as exc:
                print(f"clean-article: site learning: cannot save the profile of {profile.host} in {shown_path(directory)}: {exc}", file=sys.stderr)
    if learned and not getattr(args, "quiet", False):
        for host, profile in sorted(learned.items()):
            print(f"clean-article: site learning: {host}: {profile.pages} pages, {len(profile)} repeated blocks", file=sys.stderr)
    args.site_profiles = profiles
    return profiles


def _no_keys(item, reason: str):
    return None, []


def _record_keys(item: tuple[int, bytes]):
    """First-pass worker for a JSONL line: (host, keys of its blocks)."""
    _, line = item
    if _LEARN_HOSTS is not None and _host_outside(line, _LEARN_HOSTS):
        return None, []
    try:
        record = _parse_json(line)
        if not isinstance(record, dict):
            return None, []
        host = page_host(record.get("url") if isinstance(record.get("url"), str) else None, _WORKER_SITE)
        if not host or (_LEARN_HOSTS is not None and host not in _LEARN_HOSTS):
            return None, []
        html_page = record.get("html")
        page = html_page if html_page is not None else record.get("text")
        if not isinstance(page, str):
            return host, []
        return host, list(page_keys(page, "html" if html_page is not None and _input_type() == "auto" else _input_type()))
    except Exception:  # a bad record is reported by the cleaning pass
        return None, []


def _file_keys(item):
    """First-pass worker for a file batch item (path, out_path, fmt): (host, keys)."""
    path = item[0]
    host = page_host(None, _WORKER_SITE)
    if not host:
        return None, []
    try:
        return host, list(page_keys(Path(path).read_bytes(), _input_type()))
    except Exception:
        return host, []


def _input_type() -> str:
    from . import batch

    options = batch._WORKER_OPTIONS
    return options.input_type if options is not None else "auto"


def spool_stdin() -> str:
    """Copy stdin to a temporary file (a first pass needs to read the input twice)."""
    import shutil
    import tempfile

    fd, path = tempfile.mkstemp(prefix="clean-article-", suffix=".jsonl")
    with os.fdopen(fd, "wb") as fh:
        shutil.copyfileobj(sys.stdin.buffer, fh)
    import atexit

    atexit.register(lambda: os.path.exists(path) and os.unlink(path))
    return path


def single_page_options(args, options):
    """Options for one page: the saved profile of `--site NAME` from `--site-profile DIR`."""
    directory = getattr(args, "site_profile", None)
    if not directory or getattr(args, "learn_site", None) is False:
        return options
    warn = warner(args)
    site = getattr(args, "site", None)
    if not site:
        warn("--site-profile on a single page needs --site NAME (the page's host)")
        return options
    host = page_host(None, site)
    try:
        profile = load_profile(directory, host) if host else None
    except ValueError as exc:
        warn(f"{exc}; cleaning without it")
        return options
    if profile is None:
        warn(f"no saved site profile for {site} in {shown_path(directory)}")
        return options
    from dataclasses import replace

    return replace(options, site_profile=profile)


def warner(args):
    """How the batch warns: on stderr, or not at all under --quiet."""
    return _silent if getattr(args, "quiet", False) else print_warning


def prepare_jsonl(args, source: str) -> str:
    """First pass over a JSONL batch; returns the source to clean (stdin is spooled when learning)."""
    mode = learning_mode(args)
    if source == "-" and mode == "auto":
        # stdin streams: learning there is asked for explicitly (it must read the input twice)
        return _prepare_no_learning(args) or source
    if mode == "off":
        _prepare_no_learning(args)
        return source
    if source == "-":
        source = spool_stdin()
    from .batch import _lines

    global _LEARN_HOSTS
    if mode == "auto" and not getattr(args, "site", None):
        # A cheap count of hosts first: in a crawl of many sites most hosts have too few
        # pages to learn from, and only the others' pages need the costly pass.
        _LEARN_HOSTS = _hosts_with_enough_pages(_lines(source))
        if not _LEARN_HOSTS:
            _prepare_no_learning(args)
            return source
    try:
        prepare(args, _Reiterable(lambda: _lines(source)), _record_keys)
    finally:
        _LEARN_HOSTS = None
    return source


# hosts whose pages the first pass reads (None: all); set before the workers fork
_LEARN_HOSTS: set[str] | None = None


_URL_FIELD = re.compile(rb'"url"\s*:\s*"((?:[^"\\]|\\.){0,2000})"')


def _raw_url(line: bytes) -> str | None:
    """The `url` string of a raw JSONL line, read without decoding the record (None if absent)."""
    m = _URL_FIELD.search(line)
    if m is None:
        return None
    try:
        return json.loads(b'"' + m.group(1) + b'"')
    except ValueError:
        return None


def _host_outside(line: bytes, hosts: set[str]) -> bool:
    """The record's host is surely not in `hosts`, read from the raw line: decoding a record
    (a whole page) costs far more than cleaning needs here. Only when `"url"` stands once in
    the line is the match the record's own url key (or a nested one, with no url of its
    own: outside too); otherwise the record is decoded."""
    if line.count(b'"url"') != 1:
        return False
    url = _raw_url(line)
    return url is not None and page_host(url, _WORKER_SITE) not in hosts


def _hosts_with_enough_pages(lines) -> set[str]:
    """Hosts with MIN_HOST_PAGES records, read cheaply from the raw lines' `url`."""
    counts: dict[str, int] = {}
    for _, line in lines:
        host = host_of(_raw_url(line))
        if host:
            counts[host] = counts.get(host, 0) + 1
    return {host for host, count in counts.items() if count >= MIN_HOST_PAGES}


def prepare_files(args, items: list) -> None:
    """First pass over a file batch (a host only with --site NAME: files carry no URL)."""
    if learning_mode(args) == "off" or not getattr(args, "site", None):
        _prepare_no_learning(args)
        return
    prepare(args, items, _file_keys)


def _prepare_no_learning(args) -> None:
    directory = getattr(args, "site_profile", None)
    args.site_profiles = load_profiles(directory, warner(args)) if directory else {}


class _Reiterable:
    def __init__(self, factory):
        self.factory = factory

    def __iter__(self):
        return iter(self.factory())
