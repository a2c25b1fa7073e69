"""Robustness (issue 5): binary and oddly encoded input, huge input, hostile HTML, hostile
patterns, crashes during output, and batches that must go on after a bad record.

Numbers (sizes, seconds, peak RSS) are printed (`pytest -s`) and put in assertion messages.
The big-input cases are marked `big`; they generate their data in well under a second.
"""

from __future__ import annotations

import codecs
import gzip
import http.server
import json
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from cleaner import api, clean
from cleaner.api import make_options
from cleaner.registry import RuleError, load_rules, to_re2

from .test_rules import PAGES

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PAGE = textwrap.dedent(PAGES["en"][0])


def cli(*args, stdin: bytes | None = None, timeout: float = 180):
    return subprocess.run([PY, "-m", "cleaner", *map(str, args)], input=stdin, capture_output=True, timeout=timeout, cwd=ROOT)


def assert_one_clean_error_line(r, name: str, reason: str):
    err = r.stderr.decode("utf-8", "replace")
    lines = err.strip().splitlines()
    assert r.returncode == 2, f"exit {r.returncode}, stderr {err!r}"
    assert "Traceback" not in err, err
    assert len(lines) == 1, f"want one stderr line, got {lines}"
    assert name in lines[0] and reason in lines[0], lines[0]
    assert r.stdout == b"", r.stdout[:200]


# -- binary input ----------------------------------------------------------------------------

_rng = random.Random(5)
BINARIES = {
    "image.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(_rng.randrange(256) for _ in range(2000)), "PNG"),
    "doc.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nstream\n"
                + bytes(_rng.randrange(256) for _ in range(3000)), "PDF"),
    "photo.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(_rng.randrange(256) for _ in range(2000)), "JPEG"),
    "archive.zip": (b"PK\x03\x04\x14\x00\x00\x00" + bytes(_rng.randrange(256) for _ in range(2000)), "ZIP"),
    "random.bin": (bytes(_rng.randrange(256) for _ in range(8192)), "binary"),
    "nul.txt": (b"\x00" * 100_000, "NUL"),
    "random-behind-utf16-bom.txt": (codecs.BOM_UTF16_LE + bytes(_rng.randrange(256) for _ in range(8192)), "binary"),
    "random-behind-utf8-bom.txt": (codecs.BOM_UTF8 + bytes(_rng.randrange(256) for _ in range(8192)), "binary"),
    "corrupt.gz": (b"\x1f\x8b\x08\x00" + bytes(_rng.randrange(256) for _ in range(500)), "gzip"),
}


@pytest.mark.parametrize("name", sorted(BINARIES))
def test_binary_input_is_exit_2_with_one_line(tmp_path, name):
    data, reason = BINARIES[name]
    f = tmp_path / name
    f.write_bytes(data)
    r = cli(f)
    print(f"\n{name}: {len(data)} bytes -> exit {r.returncode}: {r.stderr.decode().strip()}")
    assert_one_clean_error_line(r, str(f), reason)


def test_many_random_byte_files_are_all_rejected(tmp_path):
    """Random bytes of file size (1 KB and more): never a traceback, never 'text'. (A few
    random bytes may well be text in some legacy encoding; those are only counted.)"""
    from cleaner.decode import NotText, decode

    rng = random.Random(1)
    accepted = []
    short_accepted = 0
    for i in range(300):
        size = rng.choice([16, 100, 1000, 5000, 20000])
        data = bytes(rng.randrange(256) for _ in range(size))
        try:
            decode(data)
        except NotText:
            continue
        if size >= 1000:
            accepted.append(data[:16])
        else:
            short_accepted += 1
    print(f"\nrandom byte strings accepted as text: {len(accepted)} of >= 1 KB, {short_accepted} of 16-100 bytes (out of 300)")
    assert not accepted, f"{len(accepted)} random byte strings decoded as text, e.g. {accepted[:3]}"


def test_binary_from_stdin(tmp_path):
    r = cli("-", stdin=BINARIES["image.png"][0])
    assert_one_clean_error_line(r, "<stdin>", "PNG")


def test_gzip_bomb_is_refused(tmp_path):
    f = tmp_path / "bomb.txt.gz"
    # 300 MB of spaces compress to ~300 KB; the cap is 256 MB
    with gzip.open(f, "wb", compresslevel=1) as fh:
        block = b" " * (1 << 20)
        for _ in range(300):
            fh.write(block)
    r = cli(f)
    print(f"\ngzip bomb {f.stat().st_size} bytes -> {r.stderr.decode().strip()}")
    assert_one_clean_error_line(r, str(f), "gzip")


def test_batch_of_files_goes_on_after_a_binary(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(PAGE, encoding="utf-8")
    (d / "b.png").write_bytes(BINARIES["image.png"][0])
    (d / "c.txt").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    r = cli(d / "a.txt", d / "b.png", d / "c.txt", "-o", out, "-j", "1")
    err = r.stderr.decode()
    print(f"\nbatch with a PNG: exit {r.returncode}; stderr: {err.strip()}")
    assert r.returncode == 1, err
    assert "Traceback" not in err and "b.png" in err and "PNG" in err
    assert (out / "a.txt").read_text(encoding="utf-8") == (out / "c.txt").read_text(encoding="utf-8") != ""
    assert not (out / "b.txt").exists()


def test_jsonl_batch_goes_on_after_bad_records(tmp_path):
    good = json.dumps({"id": "good", "text": PAGE}).encode()
    lines = [
        good,
        b"this is not json",
        b'{"id": "utf8", "text": "caf\xe9 \xff\xfe"}',  # invalid UTF-8 inside the line
        b'{"id": "nul", "text": "\\u0000\\u0000\\u0000"}',
        b'["an", "array"]',
        b'{"id": "no-text"}',
        b'{"id": "num", "text": 42}',
        b'{"id": "truncated", "text": "abc',
        good.replace(b'"good"', b'"good2"'),
    ]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    r = cli("--jsonl", src, "-j", "2")
    out = [json.loads(l) for l in r.stdout.decode().splitlines()]
    print(f"\njsonl with bad records: exit {r.returncode}; errors: {[o['error'] for o in out]}")
    assert r.returncode == 1 and "Traceback" not in r.stderr.decode()
    assert len(out) == len(lines), "exactly one output line per input line"
    assert out[0]["id"] == "good" and out[-1]["id"] == "good2" and out[0]["text"] == out[-1]["text"] != ""
    for number, o in enumerate(out, 1):
        if o["error"]:
            assert o["error"].startswith(f"line {number}:"), o["error"]
    assert out[1]["error"] and out[2]["error"] and out[4]["error"] and out[5]["error"] and out[6]["error"] and out[7]["error"]


def test_jsonl_lone_surrogates_are_cleaned_not_failed(tmp_path):
    # A JavaScript scraper that cuts a string inside an emoji writes half of its UTF-16
    # pair as an escape (`\ud83d`): valid JSON, but no character. The page must still be
    # cleaned (the half becomes U+FFFD), and an id holding one comes back as given.
    page_json = json.dumps(PAGE)
    lines = [
        b'{"id": "cut-emoji", "text": ' + page_json.replace("until May.", "until May. Wow \\ud83d").encode() + b"}",
        b'{"id": "low-half-\\udc9f", "text": ' + page_json.encode() + b"}",
        b'{"id": "pair", "text": ' + json.dumps("Party time \U0001f389\n\n" + PAGE).encode() + b"}",
    ]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    r = cli("--jsonl", src, "-j", "1", "-q")
    out = [json.loads(l) for l in r.stdout.decode("utf-8").splitlines()]
    assert r.returncode == 0, r.stderr.decode()
    assert [o["error"] for o in out] == [None, None, None]
    expected = clean(PAGE)
    assert out[1]["id"] == "low-half-\udc9f" and out[1]["text"] == expected.text != ""
    cut = out[0]
    assert len(cut["body"].split("\n\n")) == len(expected.body)  # no paragraph lost
    assert not any("\ud800" <= c <= "\udfff" for c in cut["text"]), "a lone surrogate reached the output"
    assert "until May. Wow \ufffd\n" in cut["text"]


def test_jsonl_one_line_per_input_line_in_order(tmp_path):
    rng = random.Random(3)
    src = tmp_path / "in.jsonl"
    expected = []
    with src.open("wb") as fh:
        for i in range(400):
            if rng.random() < 0.1:
                fh.write(b"{broken json %d\n" % i)
                expected.append(("error", i + 1))
            else:
                fh.write((json.dumps({"id": i, "text": f"Headline number {i}\n\n" + PAGE}) + "\n").encode())
                expected.append(("ok", i))
    r = cli("--jsonl", src, "-j", "2", "-q")
    out = [json.loads(l) for l in r.stdout.decode().splitlines()]
    assert len(out) == 400
    for (kind, value), o in zip(expected, out):
        if kind == "ok":
            assert o["id"] == value and o["error"] is None
        else:
            assert o["error"].startswith(f"line {value}:")
    assert r.returncode == 1


# -- encodings ---------------------------------------------------------------------------------

ENCODED = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-bom": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "utf-16-le-bom": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf-16-be-bom": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "utf-32-bom": lambda s: s.encode("utf-32"),
    "cp1252": lambda s: s.encode("cp1252"),
    "latin-1": lambda s: s.encode("latin-1"),
}


@pytest.mark.parametrize("lang", ["en", "fr", "es", "de"])
@pytest.mark.parametrize("encoding", sorted(ENCODED))
def test_encodings_give_the_same_text(lang, encoding, options):
    page = textwrap.dedent(PAGES[lang][0])
    if encoding == "latin-1" and lang == "de":
        page = page.replace("„", '"').replace("“", '"')  # latin-1 has no curly quotes
    reference = clean(page.encode("utf-8"), options).text
    assert reference
    assert clean(ENCODED[encoding](page), options).text == reference


def test_encodings_through_the_cli(tmp_path):
    page = textwrap.dedent(PAGES["fr"][0])
    ref = cli("-", stdin=page.encode()).stdout
    for encoding, encode in ENCODED.items():
        f = tmp_path / f"page.{encoding}.txt"
        f.write_bytes(encode(page))
        assert cli(f).stdout == ref, encoding


HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="fr"><head>{meta}<title>Le Sénat adopte une loi contre les inondations</title></head>
<body>
<nav><a href="/">Accueil</a> <a href="/societe">Société</a> <a href="/météo">Météo</a></nav>
<article>
<h1>Le Sénat adopte une loi contre les inondations</h1>
<p>Le Sénat a adopté jeudi, à une large majorité, un texte qui oblige les communes à renforcer leurs digues et à mieux informer les habitants des zones inondables.</p>
<p>La météo de cet hiver a été la plus pluvieuse depuis le début des relevés, selon Météo-France, et plusieurs rivières sont sorties de leur lit en février.</p>
<p>« Nous avons déjà perdu trop de temps », a déclaré la rapporteure, élue d’une commune de l’Hérault régulièrement touchée par les crues.</p>
<p>La loi doit entrer en vigueur cet été, après un dernier vote de l’Assemblée nationale, et coûtera près de 300 millions d’euros.</p>
</article>
<footer>© 2025 Exemple Médias. Tous droits réservés.</footer>
</body></html>
"""


@pytest.mark.parametrize(
    "encoding, meta",
    [
        ("cp1252", '<meta charset="windows-1252">'),
        ("latin-1", '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'),
        ("cp1252", "<meta charset='windows-1252' />"),
        ("utf-16", '<meta charset="utf-16">'),
    ],
)
def test_html_declaring_its_charset(encoding, meta, options):
    utf8 = HTML_TEMPLATE.format(meta='<meta charset="utf-8">')
    reference = clean(utf8.encode("utf-8"), options).text
    assert "Le Sénat a adopté jeudi" in reference and "« Nous avons" in reference
    page = HTML_TEMPLATE.format(meta=meta)
    if encoding == "latin-1":
        page = page.replace("’", "'")
        reference = reference.replace("’", "'")
    assert clean(page.encode(encoding), options).text == reference


@pytest.mark.parametrize("declared", ["base64", "rot13", "hex", "no-such-charset", "utf-16", "UTF-32"])
def test_html_declaring_a_charset_it_cannot_be_in(declared, options):
    """A page in windows-1252 whose meta tag names no text encoding (`base64`, `rot13`), an
    unknown one, or UTF-16 (which a tag readable as ASCII cannot be in) is read by its bytes,
    not refused or crashed on (these raised LookupError or were refused as binary)."""
    reference = clean(HTML_TEMPLATE.format(meta='<meta charset="windows-1252">').encode("cp1252"), options)
    page = HTML_TEMPLATE.format(meta=f'<meta charset="{declared}">').encode("cp1252")
    for extra in (b"", b" "):  # (an even and an odd number of bytes: UTF-16 decodes only the one)
        result = clean(page + extra, options)
        # (the encoding is guessed from the bytes: a letter such as `à` may come out wrong)
        assert len(result.body) == len(reference.body) == 4
        assert "habitants des zones inondables" in result.text


def test_cyrillic_html_in_windows_1251(options):
    body = "Городской совет в понедельник одобрил строительство бетонной дамбы вдоль реки, завершив спор, который длился почти три года. " * 2
    page = f'<html><head><meta charset="windows-1251"><title>Совет одобрил дамбу</title></head><body><h1>Совет одобрил дамбу</h1><p>{body}</p><p>{body[::-1]}</p></body></html>'
    ref = clean(page.replace("windows-1251", "utf-8").encode("utf-8"), options).text
    assert "Городской совет" in ref
    assert clean(page.encode("cp1251"), options).text == ref


def test_gzip_input_is_read_transparently(tmp_path):
    plain = tmp_path / "page.txt"
    plain.write_text(PAGE, encoding="utf-8")
    gz = tmp_path / "page.txt.gz"
    gz.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    ref = cli(plain).stdout
    assert ref and cli(gz).stdout == ref
    assert cli("-", stdin=gzip.compress(PAGE.encode("utf-16"))).stdout == ref


def test_gzip_page_of_several_members_is_read_whole(tmp_path):
    """`gzip -c a > f.gz; gzip -c b >> f.gz`, bgzip and pigz write several gzip members;
    gunzip reads them all, and so must the cleaner (it kept the first member only)."""
    plain = tmp_path / "page.txt"
    plain.write_text(PAGE, encoding="utf-8")
    data = PAGE.encode("utf-8")
    two = tmp_path / "two.txt.gz"
    two.write_bytes(gzip.compress(data[: len(data) // 2]) + gzip.compress(data[len(data) // 2 :]))
    blocks = tmp_path / "blocks.txt.gz"  # bgzip-like: a member per 64 bytes, NUL padding after
    blocks.write_bytes(b"".join(gzip.compress(data[i:i + 64]) for i in range(0, len(data), 64)) + b"\0" * 16)
    ref = cli(plain).stdout
    assert ref and cli(two).stdout == ref
    assert cli(blocks).stdout == ref


def test_gzip_cap_counts_every_member():
    """The decompressed-size cap holds over all members, not per member."""
    from cleaner.decode import NotText, gunzip

    member = gzip.compress(b" " * 1000)
    assert gunzip(member * 3, limit=3000) == b" " * 3000
    with pytest.raises(NotText, match="expands beyond"):
        gunzip(member * 4, limit=3000)


def test_truncated_gzip_page_is_an_error_not_half_a_page(tmp_path):
    """A .gz page cut short (an interrupted download) was cleaned as a partial article with
    exit 0; it is refused: exit 2 alone, a failed page (exit 1) in a batch."""
    data = gzip.compress("\n\n".join(PAGE for _ in range(40)).encode("utf-8"))
    d = tmp_path / "in"
    d.mkdir()
    (d / "cut.txt.gz").write_bytes(data[: len(data) // 2])
    (d / "whole.txt").write_text(PAGE, encoding="utf-8")
    assert_one_clean_error_line(cli(d / "cut.txt.gz"), str(d / "cut.txt.gz"), "truncated gzip")
    r = cli(d, "-o", tmp_path / "out", "-j", "1")
    err = r.stderr.decode()
    assert r.returncode == 1 and "Traceback" not in err, err
    assert "cut.txt.gz" in err and "truncated gzip" in err and "1 failed" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["whole.txt"]


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n", codecs.BOM_UTF8, b"\n" * 1000])
def test_empty_input_is_exit_0_and_empty_output(tmp_path, content):
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    r = cli(f)
    assert r.returncode == 0 and r.stdout == b"", (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr.decode()
    j = cli("--format", "json", f)
    doc = json.loads(j.stdout)
    assert doc["text"] == "" and doc["body"] == "" and doc["title"] is None


# -- huge input, bounded memory ------------------------------------------------------------

_MEASURE = r"""
import json, resource, sys, time
from cleaner.cli import main
stats, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
with open(stats + ".out", "w") as out:
    sys.stdout = out
    try:
        rc = main(argv)
    except SystemExit as exc:
        rc = exc.code
    sys.stdout = sys.__stdout__
json.dump({"rc": rc, "seconds": time.perf_counter() - start,
           "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}, open(stats, "w"))
"""


def measure(tmp_path, *argv) -> tuple[dict, str, str]:
    """Run the CLI in a fresh interpreter; return (rc/seconds/peak RSS, stdout, stderr)."""
    stats = tmp_path / "stats.json"
    r = subprocess.run([PY, "-c", _MEASURE, str(stats), *map(str, argv)], capture_output=True, timeout=300, cwd=ROOT)
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    info = json.loads(stats.read_text())
    out = Path(str(stats) + ".out").read_text(encoding="utf-8")
    return info, out, r.stderr.decode()


def _baseline_rss(tmp_path) -> float:
    f = tmp_path / "tiny.txt"
    f.write_text(PAGE, encoding="utf-8")
    return measure(tmp_path, "-q", f)[0]["max_rss_mb"]


PARA = ("The council voted on Monday to build a concrete flood barrier along the river, ending a debate "
        "that had divided the town for nearly three years, officials said. ")


@pytest.mark.parametrize("line_break", ["\r", "\r\n", "\u2028", "\u2029", "\x85", "\v", "\f", "\x1e"])
def test_line_limit_counts_every_kind_of_line_break(monkeypatch, line_break):
    # a page whose lines end in CR (old Mac exports) or U+2028 has as many lines for the
    # segmenter as one in LF: it must be cut at the same line, with the same warning
    monkeypatch.setattr(api, "MAX_PAGE_LINES", 40)
    page = "\n\n".join(f"Paragraph {i}. {PARA}" for i in range(100))  # 199 lines
    by_lf = clean(page)
    assert by_lf.warnings[0] == "page cut to its first 40 lines (it has 199)"
    assert by_lf.text.rstrip().endswith(f"Paragraph 19. {PARA}".strip())
    other = clean(page.replace("\n", line_break))
    assert other.warnings == by_lf.warnings and other.text == by_lf.text
    # a line break at the end of the page starts no line of its own
    ended = clean(page.replace("\n", line_break) + line_break)
    assert ended.warnings == by_lf.warnings and ended.text == by_lf.text


@pytest.mark.big
def test_100_mb_text_file(tmp_path):
    f = tmp_path / "big.txt"
    chunk = ((PARA * 3).strip() + "\n\n").encode() * 2000
    t0 = time.perf_counter()
    with f.open("wb") as fh:
        while fh.tell() < 100 << 20:
            fh.write(chunk)
    size = f.stat().st_size
    gen = time.perf_counter() - t0
    base = _baseline_rss(tmp_path)
    info, out, err = measure(tmp_path, f)
    msg = f"100 MB text: {size / 1e6:.1f} MB in {gen:.2f}s, cleaned in {info['seconds']:.1f}s, peak RSS {info['max_rss_mb']:.0f} MB (baseline {base:.0f} MB), output {len(out) / 1e6:.1f} MB"
    print("\n" + msg)
    assert info["rc"] == 0, msg
    assert info["max_rss_mb"] < 2000, msg
    assert out.startswith((PARA * 3).strip() + "\n\n"), msg
    assert "cut" in err, f"the cut must be announced: {err!r}; {msg}"


@pytest.mark.big
def test_single_10_mb_line(tmp_path):
    f = tmp_path / "line.txt"
    f.write_bytes(PARA.encode() * ((10 << 20) // len(PARA)))
    info, out, err = measure(tmp_path, "-q", f)
    msg = f"one {f.stat().st_size / 1e6:.1f} MB line: {info['seconds']:.1f}s, peak RSS {info['max_rss_mb']:.0f} MB, output {len(out) / 1e6:.1f} MB"
    print("\n" + msg)
    assert info["rc"] == 0 and info["max_rss_mb"] < 1500, msg
    # a single hard-wrapped-free line of prose is one paragraph: all of it is kept
    assert len(out) >= f.stat().st_size * 0.99, msg


@pytest.mark.big
def test_a_million_short_lines(tmp_path):
    f = tmp_path / "lines.txt"
    f.write_bytes(b"".join(b"item %d\n" % i for i in range(1_000_000)))
    info, out, err = measure(tmp_path, "-q", f)
    msg = f"1,000,000 short lines ({f.stat().st_size / 1e6:.1f} MB): {info['seconds']:.1f}s, peak RSS {info['max_rss_mb']:.0f} MB, output {len(out)} chars"
    print("\n" + msg)
    assert info["rc"] == 0 and info["max_rss_mb"] < 2000, msg


@pytest.mark.big
def test_html_nested_100000_levels(tmp_path):
    f = tmp_path / "deep.html"
    inner = "<h1>Council approves the flood barrier</h1>" + f"<p>{PARA * 3}</p><p>{PARA * 2}</p>"
    f.write_text("<!DOCTYPE html><html><body>" + "<div>" * 100_000 + inner + "</div>" * 100_000 + "</body></html>", encoding="utf-8")
    info, out, err = measure(tmp_path, f)
    msg = f"HTML nested 100,000 deep ({f.stat().st_size / 1e6:.1f} MB): {info['seconds']:.1f}s, peak RSS {info['max_rss_mb']:.0f} MB, output {len(out)} chars; stderr {err.strip()!r}"
    print("\n" + msg)
    assert info["rc"] == 0 and info["max_rss_mb"] < 1500, msg
    assert "Traceback" not in err, msg


def test_html_nested_100000_levels_keeps_its_text(tmp_path):
    """The article inside 100,000 <div>s is still an article."""
    inner = "<h1>Council approves the flood barrier</h1>" + f"<p>{PARA * 3}</p><p>{PARA * 2}</p>"
    page = "<!DOCTYPE html><html><body>" + "<div>" * 100_000 + inner + "</div>" * 100_000 + "</body></html>"
    result = clean(page, make_options())
    assert "The council voted on Monday" in result.text, f"deep HTML lost its article; warnings: {result.warnings}"


def test_many_unclosed_tags_and_huge_attribute(options):
    page = "<html><body>" + "<b><i><span>" * 20000 + "<p " + 'x="' + "y" * 2_000_000 + '">' + PARA * 3 + "</p></body></html>"
    t0 = time.perf_counter()
    result = clean(page, options)
    print(f"\nunclosed tags + 2 MB attribute: {time.perf_counter() - t0:.1f}s, {len(result.text)} chars out")
    assert isinstance(result.text, str)


# -- hostile patterns: linear work --------------------------------------------------------------

def _adversarial(rule, n: int) -> list[str]:
    """Long runs of what the rule's examples repeat, each with a tail that makes it fail."""
    tails = ["\x01", "!", " x", "§"]
    out = []
    seeds = list(rule.examples_drop[:3]) + ["a", " ", "1", "a ", "A.", "»", "·", "*", "-", "é", "aA1 .,:", "[", "{{", "by A "]
    for k, seed in enumerate(seeds):
        chars = sorted(set(seed))[:6] or [" "]
        for c in chars:
            out.append(seed[: len(seed) // 2] + c * n + tails[k % len(tails)])
        out.append((seed * (n // max(1, len(seed)) + 1))[:n] + tails[(k + 1) % len(tails)])
    return out


def test_every_rule_pattern_runs_in_linear_time():
    import re2

    rules = [r for r in load_rules().rules if r.patterns and r.action != "trim"]
    n = 4000
    totals = {}
    worst = []
    for rule in rules:
        compiled = re2.compile(to_re2(rule))
        times = []
        for size in (n, 4 * n):
            strings = _adversarial(rule, size)
            best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                for s in strings:
                    compiled.fullmatch(s)
                    compiled.search(s)
                best = min(best, time.perf_counter() - t0)
            times.append(best)
        totals[rule.id] = times
        worst.append(((times[1] + 1e-4) / (times[0] + 1e-4), rule.id, times))
    t1 = sum(t[0] for t in totals.values())
    t4 = sum(t[1] for t in totals.values())
    worst.sort(reverse=True)
    msg = f"all rules: {t1 * 1000:.1f} ms on n={n}, {t4 * 1000:.1f} ms on 4n (ratio {t4 / t1:.1f}); worst rules {worst[:3]}"
    print("\n" + msg)
    assert t4 / t1 < 10, msg
    assert worst[0][0] < 16, msg


def test_rule_matching_of_hostile_blocks_is_fast():
    """RuleSet.match (RE2, then Python's engine for named groups on a hit) on blocks up to the
    rule cap, built to make backtracking engines explode."""
    rules = load_rules()
    from cleaner.registry import MAX_RULE_BLOCK_CHARS as cap
    from cleaner.registry import MAX_WHOLE_BLOCK_CHARS

    blocks = []
    for rule in rules.rules:
        for ex in rule.examples_drop:
            blocks.append((ex + " " + ex) * (cap // (2 * len(ex) + 1)))
            blocks.append(ex + (" " + ex.split()[-1]) * ((cap - len(ex)) // (len(ex.split()[-1]) + 1)))
    units = ["By A ", "By Jane ", "Von X ", "a-", "A. ", "·", "» ", "1.", "x, ", "© ", "Jane Miller, ", "A,B "]
    # separator-joined index lines, longer than any menu pattern's repeat count: `A | B | ... | Z`
    for sep in ["|", "»", "›", ">", "·", "•", "::", "→", "/", "-", "–", ",", ";", ":", "*", "+"]:
        units += [f"A {sep} ", f"Ab{sep}", f"{sep} ", f"1 {sep} A "]
    for unit in units:
        # at the cap, and at lengths that whole-block patterns are still tried on
        for size in (cap, MAX_WHOLE_BLOCK_CHARS, 100):
            blocks.append("By " + unit * ((size - 4) // len(unit)) + "!")
            blocks.append(unit * (size // len(unit)))
    slow = []
    t_all = time.perf_counter()
    for b in blocks:
        b = b[:cap]
        t0 = time.perf_counter()
        rules.match(b)
        rules.trim(b)
        dt = time.perf_counter() - t0
        if dt > 0.05:
            slow.append((round(dt, 3), b[:60]))
    total = time.perf_counter() - t_all
    print(f"\n{len(blocks)} hostile blocks matched in {total * 1000:.0f} ms; slow: {slow[:5]}")
    assert not slow, f"blocks that took over 50 ms: {slow[:5]}"


USER_REDOS_WHOLE = """\
[set]
id = "evil"
[[rule]]
id = "evil.redos"
description = "a pattern that is exponential on a backtracking engine"
patterns = ['(a+)+b', '(\\w+\\s?)+!']
examples.drop = ["aab"]
examples.keep = ["c"]
"""

USER_REDOS_TRIM = """\
[set]
id = "evil"
[[rule]]
id = "evil.trim"
description = "a trim pattern that is exponential on a backtracking engine"
action = "trim"
patterns = ['(\\w+\\s?)+!$']
examples.drop = ["ab c!"]
examples.keep = ["c"]
"""

REDOS_PAGE = (
    "Council approves the new flood barrier plan after the vote\n\n"
    + PARA * 3 + "\n\n"
    + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac\n\n"
    + "Words words words words words words words words words words words words words\n\n"
    + PARA * 2 + "\n"
)


@pytest.mark.parametrize("body", [USER_REDOS_WHOLE, USER_REDOS_TRIM], ids=["whole", "trim"])
def test_user_redos_pattern_cannot_hang_the_cleaner(tmp_path, body):
    rules = tmp_path / "evil.toml"
    rules.write_text(body, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(REDOS_PAGE, encoding="utf-8")
    t0 = time.perf_counter()
    try:
        r = cli("--rules", rules, page, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail(f"a user pattern that backtracks exponentially hung the cleaner for over 10 s ({body.splitlines()[3]})")
    dt = time.perf_counter() - t0
    print(f"\nuser ReDoS pattern ({body.splitlines()[3]}): exit {r.returncode} in {dt:.2f}s")
    assert r.returncode in (0, 2), r.stderr.decode()


def test_loader_rejects_bad_user_patterns(tmp_path):
    for pattern, needle in [("foo(?=bar)", "evil.p"), ("(?<!x)y", "evil.p"), ("(a)\\1", "evil.p"), ("([a-", "evil.p")]:
        f = tmp_path / "bad.toml"
        f.write_text(f"[set]\nid = 'evil'\n[[rule]]\nid = 'evil.p'\npatterns = ['{pattern}']\n", encoding="utf-8")
        with pytest.raises(RuleError) as info:
            make_options(rule_files=(str(f),))
        message = str(info.value)
        print(f"\n{pattern!r}: {message}")
        assert str(f) in message and needle in message, message


# -- HTML parsing loads nothing external ---------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        _Recorder.hits.append(self.path)
        body = b'<!ENTITY leak "LEAKED-OVER-HTTP">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    _Recorder.hits = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_no_external_entity_or_dtd_is_loaded(tmp_path, http_server, options):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-FILE-CONTENT-42", encoding="utf-8")
    body = f"<h1>Council approves the flood barrier</h1><p>{PARA * 3}</p><p>Entity here: &xxe; and &leak; end of it, the mayor said.</p><p>{PARA * 2}</p>"
    doctypes = [
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>',
        f'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}"> <!ENTITY % ext SYSTEM "{http_server}/evil.dtd"> %ext;]>',
        f'<!DOCTYPE html SYSTEM "{http_server}/doctype.dtd">',
        f'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{http_server}/xhtml.dtd">',
    ]
    for doctype in doctypes:
        page = f"{doctype}\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Flood</title></head><body>{body}</body></html>"
        for text in (clean(page, options).text, cli("-", stdin=page.encode()).stdout.decode()):
            assert "TOP-SECRET" not in text and "LEAKED" not in text, (doctype, text)
    print(f"\nXXE pages: requests to the local server: {_Recorder.hits}")
    assert _Recorder.hits == [], f"HTML parsing fetched {_Recorder.hits}"


# -- -o is atomic ---------------------------------------------------------------------------


def _temp_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(".") or p.name.endswith(".tmp"))


def test_atomic_writer_keeps_old_file_on_error(tmp_path):
    from cleaner.output import atomic_writer

    target = tmp_path / "out.txt"
    target.write_text("OLD CONTENT\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as fh:
            fh.write("NEW PARTIAL " * 10000)
            raise RuntimeError("crash mid-write")
    assert target.read_text(encoding="utf-8") == "OLD CONTENT\n"
    assert _temp_files(tmp_path) == []


def test_atomic_writer_keeps_old_file_when_rename_fails(tmp_path, monkeypatch):
    from cleaner import output

    target = tmp_path / "out.txt"
    target.write_text("OLD CONTENT\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    with pytest.raises(OSError):
        with output.atomic_writer(target) as fh:
            fh.write("NEW")
    assert target.read_text(encoding="utf-8") == "OLD CONTENT\n"
    assert _temp_files(tmp_path) == []


_SLOW_WRITE = r"""
import os, sys, time
import cleaner.output as output
real_fsync = os.fsync
def stalled_fsync(fd):
    real_fsync(fd)
    print("written", flush=True)   # the data is in the temp file, not yet renamed
    time.sleep(60)
output.os.fsync = stalled_fsync
from cleaner.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["SIGINT", "SIGTERM", "SIGKILL"])
def test_output_file_survives_a_kill_mid_write(tmp_path, sig):
    src = tmp_path / "page.txt"
    src.write_text(PAGE, encoding="utf-8")
    outdir = tmp_path / "out"
    outdir.mkdir()
    target = outdir / "clean.txt"
    target.write_text("OLD CONTENT\n", encoding="utf-8")
    proc = subprocess.Popen([PY, "-c", _SLOW_WRITE, str(src), "-o", str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    try:
        line = proc.stdout.readline()
        assert line == b"written\n", (line, proc.stderr.read() if proc.poll() is not None else b"")
        assert _temp_files(outdir), "the new text should sit in a temp file by now"
        proc.send_signal(sig)
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    left = _temp_files(outdir)
    print(f"\nkilled with {sig.name} mid-write: exit {proc.returncode}, target intact: "
          f"{target.read_text(encoding='utf-8') == 'OLD CONTENT' + chr(10)}, temp files left: {left}")
    assert target.read_text(encoding="utf-8") == "OLD CONTENT\n"
    if sig != signal.SIGKILL:  # SIGKILL cannot be caught: a stray temp file is unavoidable
        assert left == [], f"temp files left after {sig.name}: {left}"
    # the next run succeeds and replaces the file
    r = cli(src, "-o", target)
    assert r.returncode == 0 and target.read_text(encoding="utf-8").startswith(PAGES["en"][1])


def test_unwritable_output_is_a_clean_error(tmp_path):
    src = tmp_path / "page.txt"
    src.write_text(PAGE, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = cli(src, "-o", blocker / "out.txt")
    assert_one_clean_error_line(r, str(blocker / "out.txt"), "cannot write")


def test_unwritable_jsonl_output_is_a_clean_error(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 1, "text": PAGE}) + "\n", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = cli("--jsonl", src, "-o", blocker / "out.jsonl", "-j", "1")
    err = r.stderr.decode()
    assert r.returncode == 2 and "Traceback" not in err and "out.jsonl" in err, err


# -- -o FILE replaces only a regular file ---------------------------------------------------


def test_atomic_writer_writes_into_a_fifo_instead_of_replacing_it(tmp_path):
    """`-o /dev/null` (as root) or `-o FIFO` swapped the node for a regular 0600 file."""
    import os
    import stat

    from cleaner.output import atomic_writer

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so opening it to write does not block
    try:
        with atomic_writer(fifo) as fh:
            fh.write("through the pipe\n")
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced"
        assert os.read(reader, 1000) == b"through the pipe\n"
    finally:
        os.close(reader)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo"]


def test_atomic_writer_follows_a_symlink(tmp_path):
    import os

    from cleaner.output import atomic_writer

    (tmp_path / "real.txt").write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    with atomic_writer(link) as fh:
        fh.write("new\n")
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == "new\n"
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to("sub/made.txt")
    with atomic_writer(dangling) as fh:
        fh.write("made\n")
    assert dangling.is_symlink() and (tmp_path / "sub" / "made.txt").read_text(encoding="utf-8") == "made\n"
    assert _temp_files(tmp_path) == []


def test_atomic_writer_modes_follow_the_umask_or_the_old_file(tmp_path):
    """Outputs were 0600 (mkstemp's mode) whatever the umask."""
    import os
    import stat

    from cleaner.output import atomic_writer

    old_umask = os.umask(0o027)
    try:
        with atomic_writer(tmp_path / "new.txt") as fh:
            fh.write("x")
        existing = tmp_path / "existing.txt"
        existing.write_text("old", encoding="utf-8")
        os.chmod(existing, 0o604)
        with atomic_writer(existing) as fh:
            fh.write("y")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(os.stat(tmp_path / "new.txt").st_mode) == 0o640
    assert stat.S_IMODE(os.stat(existing).st_mode) == 0o604 and existing.read_text(encoding="utf-8") == "y"
