"""Reading a file of gzip members past a corrupt one.

Crawls in .warc.gz hold a gzip member per record, and JSON Lines shards are often gzip
members written one after another: one corrupt member must cost that member, not the
rest of the file. GzipFile stops at the first error; GzipMembers gunzips member by member
and resumes at the next member after a bad one, raising CorruptMember once to say what
was lost and where.
"""

from __future__ import annotations

import os
import zlib

from .decode import GZIP_MAGIC, TRUNCATED_GZIP

BLOCK_BYTES = 65536
# What starts a gzip member: gzip's magic bytes and its one compression method (deflate).
MEMBER_START = GZIP_MAGIC + b"\x08"
# Compressed bytes given to zlib at a time when reading up to the point where it fails.
SALVAGE_STEP = 64
# A gzip member found after a corrupt one is taken for one when zlib gives this much of it
# (gzip's magic bytes inside compressed data give a few bytes, if any, before zlib fails).
TRUSTED_BYTES = 4096
# Why a member that zlib has not read to its end when the file ends is lost, when gzip
# members follow it (else the file is cut short: TRUNCATED_GZIP).
UNENDED_MEMBER = "corrupt gzip member (it does not end before the end of the file)"


class Unreadable(Exception):
    """The file's data cannot be read any further (corrupt or cut gzip data, a disk error).

    Not an EOFError: warcio takes that for an archive's normal end."""

    resumed = False  # reading goes on after the part that was lost
    began: int | None = None  # where (in the uncompressed data) the lost part's data began
    place: str | None = None  # where the lost part is, for a message


class CorruptMember(Unreadable):
    """A gzip member that cannot be gunzipped, or bytes between members that
    are no gzip data: that part is lost, and reading goes on at the next member (`resumed`)
    when there is one."""

    def __init__(self, place: str, reason: str, began: int, resumed: bool):
        super().__init__(reason)
        self.place, self.began, self.resumed = place, began, resumed


class GzipMembers:
    """The uncompressed bytes of a file of gzip members (`read1`, as GzipFile gives them).

    A member that does not gunzip (corrupt, even so that zlib reads on to the file's end
    for its end; or bytes between members that start none) costs that member only: `read1`
    gives what zlib read of it before the error, then raises CorruptMember once, naming its
    offset in the file, and goes on with the next member, the next gzip header
    (`\\x1f\\x8b\\x08`) after the bad member's start that zlib reads (see `_resume_at`).
    With no member after it, a member that the file ends inside is gzip data cut short.
    NUL padding between members is skipped, as gunzip does. The file is read forward in
    blocks, and again from a bad member on to find the next."""

    def __init__(self, file, name: str, record_start: bytes | None = None):
        # (`record_start`: what the file's records start with, e.g. b"WARC/": a member found
        # after a bad one that starts so is taken for one, however short)
        self.file, self.name, self.record_start = file, name, record_start
        self.input = b""  # compressed bytes read, not yet inflated
        self.input_at = 0  # their offset in the file
        self.member_at = 0  # offset of the member being read
        self.inflate = None  # its decompressor (None between members)
        self.produced = 0  # uncompressed bytes handed out
        self.began = 0  # `produced` when the member began
        self.pending = b""  # output of the member found after a bad one, handed out next
        self.failure = None  # a bad member's CorruptMember, raised after its last output
        self.member_error = None  # (`_skip_member`'s reasons) for the member found after a bad one, once its output is out
        self.salvaged = b""  # what zlib gave of the data of a call that failed, before the error

    def read1(self, size: int = -1) -> bytes:
        size = size if size > 0 else BLOCK_BYTES
        if self.failure is not None:
            failure, self.failure = self.failure, None
            raise failure
        if self.pending:
            data, self.pending = self.pending[:size], self.pending[size:]
            return self._handed_out(data)
        if self.member_error is not None:
            reasons, self.member_error = self.member_error, None
            raise self._skip_member(*reasons)
        while True:
            if self.inflate is None and not self._start_member():
                return b""
            try:
                data = self._inflate(size)
            except zlib.error as exc:
                # (the data before the error first: the records it holds are read, and the
                # one the error cuts is named)
                data = self._handed_out(self.salvaged)
                self.failure = self._skip_member(f"corrupt gzip member ({exc})")
                return data or self.read1(size)
            except EOFError:  # (cut short, or corrupt so that it takes in the members after it)
                raise self._skip_member(UNENDED_MEMBER, if_last=TRUNCATED_GZIP) from None
            if data:
                return self._handed_out(data)

    def _handed_out(self, data: bytes) -> bytes:
        self.produced += len(data)
        return data

    def _start_member(self) -> bool:
        """Starts the member at the read position; False at the end of the file."""
        while True:
            rest = self.input.lstrip(b"\0")
            self.input_at += len(self.input) - len(rest)
            self.input = rest
            if len(self.input) >= len(MEMBER_START) or not self._fill():
                break
        if not self.input:
            return False
        self.member_at, self.began = self.input_at, self.produced
        if not self.input.startswith(MEMBER_START):
            raise self._skip_member("not gzip data")
        self.inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        return True

    def _inflate(self, size: int) -> bytes:
        """Up to `size` bytes of the member; b"" when it ends or needs more input. Raises
        zlib.error on corrupt data, EOFError when the file ends inside the member."""
        more = bool(self.input) or self._fill()  # (without more, zlib may still hold output)
        before = self.inflate.copy()
        try:
            data = self.inflate.decompress(self.input, size)
        except zlib.error:
            self.salvaged = inflated_until_error(before, self.input)
            raise
        rest = self.inflate.unused_data if self.inflate.eof else self.inflate.unconsumed_tail
        self.input_at += len(self.input) - len(rest)
        self.input = rest
        if self.inflate.eof:
            self.inflate = None
        elif not data and not more:
            raise EOFError("the file ends inside a gzip member")
        return data

    def _fill(self) -> bool:
        more = self.file.read(BLOCK_BYTES)
        self.input += more
        return bool(more)

    def _skip_member(self, reason: str, if_last: str | None = None) -> CorruptMember:
        """What to raise for the member at `member_at`, which cannot be read (why: `reason`,
        or `if_last` when no member follows); reading stands at the next member after it
        (or at the end of the file)."""
        place, began = f"{self.name}, byte {self.member_at}", self.began
        candidate = self.member_at
        while True:
            candidate = self._find_member_start(candidate + 1)
            if candidate is None:
                self.file.seek(0, os.SEEK_END)
                self.input, self.input_at, self.inflate = b"", self.file.tell(), None
                return CorruptMember(place, f"{if_last or reason}; no gzip member after it", began, resumed=False)
            if self._resume_at(candidate):
                resumed_at = f"reading resumed at the next member that gunzips, byte {candidate}"
                return CorruptMember(place, f"{reason}; {resumed_at}", began, resumed=True)

    def _find_member_start(self, offset: int) -> int | None:
        """Offset of the next gzip header in the file from `offset` on, or None."""
        self.file.seek(offset)
        tail = b""  # (a header cut by the block's end)
        while True:
            block = self.file.read(BLOCK_BYTES)
            if not block:
                return None
            data = tail + block
            found = data.find(MEMBER_START)
            if found >= 0:
                return offset - len(tail) + found
            offset += len(block)
            tail = data[-(len(MEMBER_START) - 1):]

    def _resume_at(self, offset: int) -> bool:
        """Whether a member starts at `offset`: zlib reads it to its end, or gives
        TRUSTED_BYTES of it or the start of a record (`record_start`); gzip's three bytes
        found inside other data give none of these. If so, reading stands in it, with that output
        pending; when zlib fails after it, that member is reported in its turn
        (`member_error`)."""
        self.file.seek(offset)
        self.input, self.input_at = b"", offset
        self.member_at, self.began = offset, self.produced
        self.inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        data, error = b"", None
        try:
            while self.inflate is not None and len(data) < TRUSTED_BYTES:
                data += self._inflate(BLOCK_BYTES)
        except zlib.error as exc:
            data, error = data + self.salvaged, (f"corrupt gzip member ({exc})", None)
        except EOFError:
            error = (UNENDED_MEMBER, TRUNCATED_GZIP)
        read_whole = error is None and self.inflate is None
        if not (read_whole or len(data) >= TRUSTED_BYTES or (self.record_start is not None and data.startswith(self.record_start))):
            return False
        self.pending, self.member_error = data, error
        return True


def inflated_until_error(inflate, data: bytes, step: int = SALVAGE_STEP) -> bytes:
    """What `inflate` gives of `data` before the point where it fails, to the byte (zlib
    gives none of the output of a call that fails); no more than that call would have given."""
    out = []
    for start in range(0, len(data), step):
        before = inflate.copy()
        try:
            out.append(inflate.decompress(data[start:start + step]))
        except zlib.error:
            if step > 1:  # (the failing step again, a byte at a time)
                out.append(inflated_until_error(before, data[start:start + step], 1))
            break
    return b"".join(out)




def member_lines(file, name: str, lost: list[tuple[int, str]]):
    """The lines of a file of gzip members (JSON Lines), past corrupt members.

    A corrupt member is added to `lost` as (the number of the line it hit, what was lost
    and where), and the lines go on with the next member. The line the damage cut is part
    of what was lost, and so is the start of the next member when it is the end of a line
    (records are objects: a line that does not start with `{` there is a piece of one).
    Lines are counted as read, so numbers after a lost member are short of those in the
    file by the lines it held. With no member after it, the lines end there.
    """
    members = GzipMembers(file, name)
    rest, number, resumed = b"", 0, False
    while True:
        try:
            data = members.read1(BLOCK_BYTES)
        except CorruptMember as exc:
            rest = b""
            lost.append((number + 1, f"{exc.place}: {exc}"))
            if not exc.resumed:
                return
            resumed = True
            continue
        if not data:
            break
        if resumed:
            resumed = False
            if not data.lstrip().startswith(b"{"):
                cut = data.find(b"\n")
                data = data[cut + 1:] if cut >= 0 else b""
        lines = (rest + data).split(b"\n")
        rest = lines.pop()
        for line in lines:
            number += 1
            yield line + b"\n"
    if rest:
        yield rest
