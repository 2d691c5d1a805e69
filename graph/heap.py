"""The C heap of a process that reads large values from the embedded store.

Why: a keyed read of a ~200 KB BLOB (an agency's read-model head, queries/read_model.py)
makes LadybugDB and its Python binding hold the value about five times over for a
moment.  With glibc's defaults the heap grows by that much for every such read and is
trimmed back when the copies are freed, so each read faults ~1 MB of fresh pages in
again: 7 ``brk`` calls per read, and at 1,000 documents more time (~0.2-0.5 ms) than the
read itself (~0.15 ms).  Keeping some free memory at the heap's top (``M_TOP_PAD``) makes
the next read reuse those pages.  The setting is process-wide and costs at most the pad
in memory kept mapped.
"""

from __future__ import annotations

import ctypes
import logging
import platform
import threading

log = logging.getLogger("policygraph.heap")

TOP_PAD = 16 << 20  # bytes kept free at the heap's top (a few reads' worth of copies)
_M_TOP_PAD = -2  # glibc malloc.h
_done: bool | None = None
_lock = threading.Lock()


def keep_heap_top(pad: int = TOP_PAD) -> bool:
    """Ask glibc to keep ``pad`` bytes free at the top of the heap when it trims it
    (once per process; later calls return the first call's result).  False where the C
    library is not glibc or refuses: nothing changes there, reads are only slower."""
    global _done
    with _lock:
        if _done is None:
            _done = _set_top_pad(pad)
        return _done


def _set_top_pad(pad: int) -> bool:
    if platform.libc_ver()[0] != "glibc":
        return False
    try:
        ok = bool(ctypes.CDLL(None).mallopt(_M_TOP_PAD, pad))
    except (OSError, AttributeError) as e:  # no mallopt in this C library
        log.info("heap top pad not set: %s", e)
        return False
    if not ok:
        log.info("heap top pad not set: mallopt refused %d", pad)
    return ok
