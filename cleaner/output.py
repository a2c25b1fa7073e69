"""Stage 6: output. Text, JSON, explain listings, and atomic file writes."""

from __future__ import annotations

import contextlib
import os

from .document import CleanResult

# json, tempfile, signal and threading are imported where used: printing one page's text
# must not pay for them at start-up.


def format_result(result: CleanResult, fmt: str = "text") -> str:
    if fmt == "json":
        import json

        return json.dumps(result.to_json(), ensure_ascii=False) + "\n"
    return result.text


# Text this short fits a stream's buffer (8 KB, at most 4 bytes a character), which
# writes it whole; longer text goes to the file at once and may be written in part.
_BUFFERED_CHARS = 8192 // 4


def write_whole(stream, text: str) -> None:
    """stream.write(text), all of it.

    A write longer than the stream's buffer goes straight to the file, and a pipe can take
    only part of it (its reader closed it, a signal came); TextIOWrapper ignores the short
    count, so the rest was lost without an error, and one big page written into `| head -1`
    ended with status 0. Here the rest is written again, which raises BrokenPipeError when
    the reader has gone. (POSIX text streams: no newline translation to redo.)
    """
    buffer = getattr(stream, "buffer", None)
    if buffer is None or len(text) <= _BUFFERED_CHARS:
        stream.write(text)
        return
    stream.flush()
    data = memoryview(text.encode(stream.encoding, stream.errors or "strict"))
    while data:
        data = data[buffer.write(data) :]


def shown_path(path: str | os.PathLike) -> str:
    """`path` as it can be printed: a file name that is not UTF-8 (Latin-1 `café.txt` from an
    old system) reaches Python with its bad bytes as lone surrogates, which a UTF-8 stdout
    refuses; here they are escaped (`caf\\xe9.txt`), so the name still says which file."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def explain_text(result: CleanResult) -> str:
    """One line per input block: verdict, rule or model feature, line numbers, text."""
    lines = [f"# input: {result.input_type}, language: {result.language or 'unknown'}, blocks: {len(result.blocks)}"]
    for b in result.blocks:
        where = f"{b.first_line + 1}" if b.first_line == b.last_line else f"{b.first_line + 1}-{b.last_line + 1}"
        text = b.text if len(b.text) <= 100 else b.text[:97] + "..."
        lines.append(f"{b.verdict:<4} {b.rule:<28} L{where:<8} {text}")
        if b.cut:
            lines.append(f"{'CUT':<4} {b.cut_rule:<28} {'':<9} {b.cut}")
        if b.note:
            lines.append(f"{'':<4} {'':<28} {'':<9} ({b.note})")
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike, mode: str = "w"):
    """Write to a temporary file beside `path`, then rename it over `path`.

    A crash or Ctrl-C leaves the old file (or none), never a half-written one. Only a
    regular file is replaced: a device or a FIFO at `path` (`-o /dev/null`, `-o /dev/stdout`
    into a pipe) is written to directly, and a symlink is followed, so its target gets the
    new content and the link stays. A new file gets the mode `open(path, "w")` would give it
    (0666 less the umask); a replaced file keeps its mode.
    """
    import stat
    from pathlib import Path

    kwargs = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
    try:
        st = os.stat(path)  # follows a symlink
    except (FileNotFoundError, NotADirectoryError):
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        with open(path, mode, **kwargs) as fh:
            yield fh
        return
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))  # the link's target (created if it dangles)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temp(target)
    try:
        if st is not None and stat.S_ISREG(st.st_mode):
            os.fchmod(fd, stat.S_IMODE(st.st_mode))
        with _terminate_as_exit(), os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _create_temp(target) -> tuple[int, str]:
    """A new file `.NAME.XXXXXXXX.tmp` beside `target`, opened for writing. Unlike mkstemp
    (always 0600) it is created 0666, so the kernel applies the umask (and a directory's
    default ACL) as for any file a program opens for writing."""
    import secrets

    for _ in range(100):
        tmp = str(target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


@contextlib.contextmanager
def _terminate_as_exit():
    """While a file is being written, SIGTERM (the default of `kill`, of job schedulers and
    of a worker pool's shutdown) exits through Python's unwinding, so the temporary file is
    removed; Python's default would die on the spot and leave it behind. A handler the
    application installed itself is left alone."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        previous = signal.getsignal(signal.SIGTERM)
        if previous is not signal.SIG_DFL:
            previous = None
        else:
            signal.signal(signal.SIGTERM, _exit_on_signal)
    except (ValueError, OSError):
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _exit_on_signal(signum, frame):
    raise SystemExit(128 + signum)
