"""Zip containers (.xlsx, .docx) checked before anything is extracted from them.

Why: a 1 MB workbook can hold a sheet that inflates to gigabytes (a decompression bomb).
The central directory states each member's size; Python's zipfile never inflates a
member past its stated size (it stops there and fails the CRC), so checking the stated
sizes, the compression ratio and the number of members before reading is enough.

Limits (environment overrides in brackets):
  MAX_UNZIPPED  200 MB total uncompressed  (POLICYGRAPH_MAX_UNZIPPED)
  MAX_RATIO     100 uncompressed : compressed, over the whole archive  (POLICYGRAPH_MAX_ZIP_RATIO)
  MAX_ENTRIES   10,000 members  (POLICYGRAPH_MAX_ZIP_ENTRIES)
"""

from __future__ import annotations

import io
import zipfile

from graph.model import DocumentError
from loaders.encoding import _env_int

MAX_UNZIPPED = _env_int("POLICYGRAPH_MAX_UNZIPPED", 200 * 1024 * 1024)
MAX_RATIO = _env_int("POLICYGRAPH_MAX_ZIP_RATIO", 100)
MAX_ENTRIES = _env_int("POLICYGRAPH_MAX_ZIP_ENTRIES", 10_000)
# small members compress well without being bombs (an empty sheet, shared strings)
_RATIO_FLOOR = 1024 * 1024


def open_zip(data: bytes, source: str, what: str = "zip container") -> zipfile.ZipFile:
    """The archive, once its stated sizes pass the limits; DocumentError otherwise."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise DocumentError(source, f"corrupt zip container (not a readable {what})") from None
    if len(infos) > MAX_ENTRIES:
        raise DocumentError(source, f"zip container has {len(infos)} members (limit {MAX_ENTRIES}); refused")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total > MAX_UNZIPPED:
        raise DocumentError(
            source, f"zip container inflates to {total} bytes (limit {MAX_UNZIPPED}); refused as a decompression bomb"
        )
    if total > _RATIO_FLOOR and total > MAX_RATIO * max(packed, 1):
        raise DocumentError(
            source,
            f"zip container compression ratio {total // max(packed, 1)}:1 (limit {MAX_RATIO}:1); "
            "refused as a decompression bomb",
        )
    return zf
