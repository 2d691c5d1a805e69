"""Read a document file's bytes and decode them: UTF-8 (with or without BOM), UTF-16,
GBK / GB18030 and Big5.  Anything else is a DocumentError naming the file and why."""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from graph.model import DocumentError
from loaders.cleaning import CONTROL_RE as _CTRL_RE


def _env_int(name: str, default: int) -> int:
    """A positive integer limit from the environment, else ``default``."""
    try:
        value = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


# the most bytes read from one input file (POLICYGRAPH_MAX_INPUT_BYTES); reading stops one
# byte past it, so a device or pipe without end (/dev/zero) is refused, not read for ever
MAX_BYTES = _env_int("POLICYGRAPH_MAX_INPUT_BYTES", 50 * 1024 * 1024)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, at most MAX_BYTES of them (DocumentError past that)."""
    p = Path(path)
    name = str(path)
    try:
        if p.is_dir():
            raise DocumentError(name, "is a directory, not a document file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(name, f"file too large ({size} bytes; limit {MAX_BYTES})")
        with p.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise DocumentError(name, f"input too large (more than {MAX_BYTES} bytes)")
    except DocumentError:
        raise
    except FileNotFoundError:
        raise DocumentError(name, "no such file") from None
    except PermissionError:
        raise DocumentError(name, "permission denied") from None
    except OSError as e:
        raise DocumentError(name, f"cannot read file: {e.strerror or e}") from None
    if not data.strip():
        raise DocumentError(name, "empty file")
    return data


def _plausible(text: str) -> bool:
    """Decoded text looks like Chinese prose/table, not mojibake or binary."""
    sample = text[:200_000]
    if not sample.strip():
        return False
    if len(_CTRL_RE.findall(sample)) > max(3, len(sample) // 1000):
        return False
    return bool(_CJK_RE.search(sample)) or sample.isascii()


def _frequent_share(text: str, codec: str, lead_bytes: range) -> float:
    """Share of the CJK characters whose ``codec`` lead byte falls in ``lead_bytes``: how
    much of a decoding reads as that codec's frequent characters."""
    cjk = _CJK_RE.findall(text[:100_000])
    if not cjk:
        return 0.0
    ok = 0
    for ch in cjk:
        try:
            ok += ch.encode(codec)[0] in lead_bytes
        except UnicodeEncodeError:
            pass
    return ok / len(cjk)


def _gb_score(text: str) -> float:
    """Share of CJK characters that are common simplified ones (GB2312 level 1: rows 0xB0-0xD7)."""
    return _frequent_share(text, "gb2312", range(0xB0, 0xD8))


def _big5_score(text: str) -> float:
    """Share of CJK characters that are frequent Big5 ones (lead bytes 0xA4-0xC6)."""
    return _frequent_share(text, "big5", range(0xA4, 0xC7))


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding).  Raises DocumentError for binary or undecodable data."""
    if not data.strip():
        raise DocumentError(name, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise DocumentError(name, f"invalid UTF-8 after a UTF-8 BOM at byte {e.start}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise DocumentError(name, f"invalid UTF-16 at byte {e.start}") from None
        if not _plausible(text):
            raise DocumentError(name, "binary file (not a text document)")
        return text, "utf-16"
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 4:
        # UTF-16 without BOM: zero bytes on one side of ASCII characters
        even, odd = head[0::2].count(0), head[1::2].count(0)
        enc = "utf-16-le" if odd > even else "utf-16-be"
        try:
            text = data.decode(enc)
            if _plausible(text):
                return text, enc
        except UnicodeDecodeError:
            pass
        raise DocumentError(name, "binary file (not a text document)")
    try:
        text = data.decode("utf-8")
        if _plausible(text):
            return text, "utf-8"
        raise DocumentError(name, "binary or control characters in file (not a text document)")
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            score = _gb_score(text) if enc == "gb18030" else _big5_score(text)
            candidates.append((score, enc, text))
    if not candidates:
        try:
            from charset_normalizer import from_bytes

            best = from_bytes(data[:1_000_000]).best()
        except Exception:  # noqa: BLE001 - any detector failure means "unknown"
            best = None
        if best is not None and best.encoding:
            try:
                text = data.decode(best.encoding)
                if _plausible(text) and _CJK_RE.search(text):
                    return text, best.encoding
            except (UnicodeDecodeError, LookupError):
                pass
        raise DocumentError(name, "cannot decode: not UTF-8, UTF-16, GBK/GB18030 or Big5 text")
    candidates.sort(key=lambda c: c[0], reverse=True)
    score, enc, text = candidates[0]
    return text, enc


def read_text(path: str | Path) -> tuple[str, str]:
    """Read and decode a text document file: (text, encoding)."""
    return decode_bytes(read_bytes(path), str(path))
