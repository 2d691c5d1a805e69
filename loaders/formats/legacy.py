"""Old binary Word (.doc) and WPS (.wps) files, through a converter when one is installed.

Why a converter and not a parser: the binary Word format has no maintained pure-Python
reader.  LibreOffice (``soffice --headless --convert-to docx``) keeps tables, and the
result is read like any .docx; antiword (Debian package ``antiword``) gives the text.
Without either, the user is told in one line to save the file as .docx."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from graph.model import DocumentError
from loaders.formats import Extracted

TIMEOUT_S = 120


def converters() -> list[str]:
    """The converters found on PATH, preferred first."""
    found = []
    for name in ("soffice", "libreoffice", "antiword"):
        if shutil.which(name):
            found.append(name)
    return found


def extract_legacy_word(data: bytes, source: str, kind: str) -> Extracted:
    """``kind``: doc | wps.  Converts in a private temporary folder; DocumentError when no
    converter is installed or it fails."""
    from loaders.formats.docx import extract_docx

    tools = converters()
    if not tools:
        raise DocumentError(
            source,
            f"old binary .{kind} file and no converter (LibreOffice or antiword) is installed: "
            "save it as .docx and try again",
        )
    with tempfile.TemporaryDirectory(prefix="policygraph-") as tmp:
        src = Path(tmp) / f"in.{kind}"
        src.write_bytes(data)
        env = dict(os.environ, HOME=tmp)  # LibreOffice writes its profile under HOME
        for tool in tools:
            try:
                if tool == "antiword":
                    proc = subprocess.run(
                        [tool, "-m", "UTF-8.txt", "-w", "0", str(src)],
                        capture_output=True,
                        timeout=TIMEOUT_S,
                        env=env,
                    )
                    if proc.returncode == 0 and proc.stdout.strip():
                        return Extracted(fmt=kind, text=proc.stdout.decode("utf-8", "replace"))
                else:
                    subprocess.run(
                        [tool, "--headless", "--convert-to", "docx", "--outdir", tmp, str(src)],
                        capture_output=True,
                        timeout=TIMEOUT_S,
                        env=env,
                    )
                    out = Path(tmp) / "in.docx"
                    if out.is_file():
                        ex = extract_docx(out.read_bytes(), source)
                        ex.fmt = kind
                        return ex
            except (OSError, subprocess.TimeoutExpired):
                continue
    raise DocumentError(source, f"could not convert the old binary .{kind} file ({', '.join(tools)} failed): save it as .docx")
