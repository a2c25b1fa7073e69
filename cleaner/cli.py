"""Command line: `clean-article [FILE ...] [options]`.

Exit status: 0 cleaned (also when a page has no article: empty output and a warning),
1 some pages of a batch failed, 2 usage error or unreadable input, 141 the output was
closed early (a pipe into `head`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from . import __version__
from .api import clean_bytes, make_options
from .decode import NotText
from .document import CleanResult
from .output import atomic_writer, explain_text, format_result, shown_path, write_whole
from .registry import MODEL_FEATURES, SWITCHABLE_FEATURES, RuleError

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_OUTPUT_CLOSED = 128 + 13  # as a process ended by SIGPIPE (13) shows in the shell


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="clean-article",
        description="Strip page chrome from scraped article text or HTML, leaving the headline and body.",
        epilog="Exit status: 0 cleaned, 1 some pages of a batch failed, 2 usage error or unreadable input, "
        "141 output closed early.",
    )
    p.add_argument("inputs", nargs="*", metavar="PATH", help="files or directories to clean; '-' or none reads stdin")
    p.add_argument("-o", "--output", metavar="PATH", help="write here (a file; a directory when cleaning a directory); written atomically")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or one JSON object per page")
    p.add_argument("--jsonl", nargs="?", const="-", metavar="FILE", help="input is JSON Lines (id, url, and text, html or markdown); output is JSON Lines")
    p.add_argument("--input-type", choices=("auto", "text", "html", "markdown"), default="auto", help="force text, HTML or Markdown input (default: detect)")
    p.add_argument("--explain", action="store_true", help="print each input block with KEEP/DROP and the rule or model feature that decided")
    p.add_argument("--no-title", action="store_true", help="print the body without the headline")
    p.add_argument("--list-rules", action="store_true", help="list rule sets, rules and model features, then exit")
    p.add_argument("--disable", action="append", default=[], metavar="ID", help="disable a rule or a whole rule set by id (repeatable, or comma-separated)")
    p.add_argument("--select", action="append", default=[], metavar="ID", help="enable only these rules or rule sets (repeatable, or comma-separated)")
    p.add_argument("--rules", action="append", default=[], metavar="FILE", help="add a rule file of your own (TOML, same format as the built-in ones)")
    p.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="worker processes for batches (default: all cores)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, summary or warnings on stderr (errors are still printed)")
    site = p.add_argument_group("site learning and crawl inputs")
    site.add_argument("--learn-site", dest="learn_site", action="store_true", default=None,
                      help="learn blocks repeated on many pages of the same host and drop them as site chrome "
                      "(default: on for batch files once a host has 10 pages)")
    site.add_argument("--no-learn-site", dest="learn_site", action="store_false", help="do not learn site chrome")
    site.add_argument("--site", metavar="NAME", help="treat every page of the batch (or the single page) as from this host")
    site.add_argument("--site-profile", metavar="DIR", help="load saved site profiles from DIR and save learned ones there (one JSON file per host)")
    site.add_argument("--warc", metavar="FILE", help="input is a WARC file (.warc or .warc.gz): clean its HTML responses, write JSON Lines (needs the `warc` extra)")
    p.add_argument("--version", action="version", version=f"clean-article {__version__}")
    return p


def _ids(values: list[str]) -> frozenset[str]:
    return frozenset(v.strip() for value in values for v in value.split(",") if v.strip())


def list_rules(options_rules) -> str:
    lines = []
    for info in options_rules.sets:
        lines.append(f"{info.id}: {info.name}")
        for rule in options_rules.rules:
            if rule.set == info.id:
                lines.append(f"  {rule.id:<32} {rule.action:<8} {rule.description}")
    lines.append("model: content-model decisions (shown by --explain; `switch` ones can be turned off with --disable)")
    for key, desc in MODEL_FEATURES.items():
        if "." in key:
            kind = "switch" if key in SWITCHABLE_FEATURES else "model"
            lines.append(f"  {key:<32} {kind:<8} {desc}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.explain and (args.jsonl is not None or args.warc is not None):
        parser.error("--explain lists the blocks of pages given as files, directories or stdin; "
                     "it cannot be used with --jsonl or --warc")
    try:
        options = make_options(
            rule_files=tuple(args.rules),
            disabled=_ids(args.disable),
            select=_ids(args.select),
            no_title=args.no_title,
            input_type=args.input_type,
            # one page read by a person: name the rule of every dropped block (batches
            # skip the rules far from the article, see README: JSON output)
            explain=args.explain or (args.format == "json" and args.jsonl is None),
        )
    except RuleError as exc:
        print(f"clean-article: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.list_rules:
            sys.stdout.write(list_rules(options.rules))
            sys.stdout.flush()
            return EXIT_OK
        return _dispatch(args, options)
    except BrokenPipeError:
        return _output_closed()
    except OSError as exc:
        # an unwritable -o or an unreadable batch input: one line, no traceback
        where = str(exc.filename or args.output or "")
        if args.output and str(args.output).startswith(where):
            print(f"clean-article: {shown_path(args.output)}: cannot write ({exc.strerror or exc}: {shown_path(where)})", file=sys.stderr)
        else:
            print(f"clean-article: {shown_path(where)}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE


def _output_closed() -> int:
    """The reader of the output went away (`clean-article pages/ | head -1`): the run ends
    without a word, as Unix tools do, with the status of one that SIGPIPE ended."""
    with contextlib.suppress(OSError):  # (else the interpreter's last flush would complain)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OUTPUT_CLOSED


def _dispatch(args, options) -> int:
    if args.warc is not None:
        from .warc import run_warc

        return run_warc(args, options)
    if args.jsonl is not None:
        from .batch import run_jsonl

        return run_jsonl(args, options)
    inputs = args.inputs or ["-"]
    if len(inputs) > 1 or any(os.path.isdir(p) for p in inputs if p != "-"):
        from .batch import run_files

        return run_files(args, options, inputs)
    return _clean_one(args, options, inputs[0])


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as fh:
        return fh.read()


def _clean_one(args, options, path: str) -> int:
    name = "<stdin>" if path == "-" else shown_path(path)
    try:
        data = _read(path)
    except OSError as exc:
        print(f"clean-article: {name}: cannot read ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_USAGE
    if args.site_profile:
        from .site import single_page_options

        options = single_page_options(args, options)
    try:
        result = clean_bytes(data, options)
    except NotText as exc:
        print(f"clean-article: {name}: not text or HTML: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _warn(args, name, result)
    out = explain_text(result) if args.explain else format_result(result, args.format)
    if args.output:
        try:
            with atomic_writer(args.output) as fh:
                fh.write(out)
        except OSError as exc:
            print(f"clean-article: {shown_path(args.output)}: cannot write ({exc.strerror or exc})", file=sys.stderr)
            return EXIT_USAGE
    else:
        write_whole(sys.stdout, out)
        sys.stdout.flush()
    return EXIT_OK


def _warn(args, name: str, result: CleanResult) -> None:
    if args.quiet:
        return
    for warning in result.warnings:
        print(f"clean-article: {name}: warning: {warning}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
