"""Files that must be refused in one line (graph.model.DocumentError), quickly and without
reading or inflating without bound: a scanned PDF, an encrypted PDF, a .doc without a
converter, a zip bomb, /dev/zero; and control characters removed with a warning."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from graph.model import DocumentError
from loaders import load_document, parse_text
from tests.formats.makers import _pdf_fonts, make, source, tsv_text


def _error(path: Path | str) -> DocumentError:
    with pytest.raises(DocumentError) as exc:
        load_document(path)
    assert str(path) in str(exc.value) and "\n" not in str(exc.value)
    return exc.value


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    scan = tmp_path / "scan.png"
    Image.new("L", (400, 560), 235).save(scan)
    path = tmp_path / "扫描件.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        c.drawImage(str(scan), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    err = _error(path)
    assert "scanned PDF" in err.reason and "text layer" in err.reason


def test_encrypted_pdf(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "加密.pdf"
    enc = pdfencrypt.StandardEncryption("用户口令", ownerPassword="owner", strength=128)
    c = canvas.Canvas(str(path), encrypt=enc)
    c.setFont(_pdf_fonts(), 12)
    c.drawString(72, 720, "1．做好工作。（区财政局负责）")
    c.save()
    assert "encrypted PDF" in _error(path).reason


def test_not_a_pdf_and_pdf_named_otherwise(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    assert "PDF" in _error(broken).reason
    renamed = tmp_path / "renamed.txt"  # detected by content, not by name
    renamed.write_bytes(make("pdf-prose", tmp_path).read_bytes())
    assert load_document(renamed).document.format == "pdf"


def _no_converter_env() -> dict[str, str]:
    bare = Path(sys.executable).parent  # the interpreter only: no soffice, no antiword
    return dict(os.environ, PATH=str(bare))


def _ole_doc(path: Path) -> Path:
    """An OLE compound file that names a WordDocument stream, as every .doc does."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    path.write_bytes(header + "WordDocument".encode("utf-16-le") + b"\0" * 2000)
    return path


def test_doc_without_converter_says_save_as_docx(tmp_path: Path) -> None:
    doc = _ole_doc(tmp_path / "老文件.doc")
    code = "import sys; from loaders import load_document; load_document(sys.argv[1])"
    proc = subprocess.run(
        [sys.executable, "-c", code, str(doc)], capture_output=True, text=True, env=_no_converter_env(),
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.returncode != 0
    last = proc.stderr.strip().splitlines()[-1]
    assert "no converter" in last and "save it as .docx" in last and "老文件.doc" in last
    wps = _ole_doc(tmp_path / "老文件.wps")
    proc = subprocess.run(
        [sys.executable, "-c", code, str(wps)], capture_output=True, text=True, env=_no_converter_env(),
        cwd=Path(__file__).resolve().parents[2],
    )
    assert "old binary .wps file" in proc.stderr.strip().splitlines()[-1]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_doc_through_libreoffice(tmp_path: Path) -> None:  # pragma: no cover - needs LibreOffice
    docx = make("docx-table", tmp_path)
    subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180, env=dict(os.environ, HOME=str(tmp_path)))
    parsed = load_document(docx.with_suffix(".doc"))
    assert parsed.document.format == "doc" and len(parsed.measures) == 30


def _bomb(path: Path, inflated: int = 1 << 30) -> Path:
    """A real .xlsx whose sheet XML inflates to ``inflated`` bytes of zeros (~1 MB packed)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["任务序号", "落实措施", "责任单位"])
    good = path.with_name("good.xlsx")
    wb.save(good)
    chunk = b"0" * (1 << 20)
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                big = zipfile.ZipInfo(info.filename)
                big.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(big, "w", force_zip64=True) as out:
                    for _ in range(inflated // len(chunk)):
                        out.write(chunk)
            else:
                dst.writestr(info, src.read(info))
    return path


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _bomb(tmp_path_factory.mktemp("bomb") / "炸弹.xlsx")


def test_xlsx_bomb_is_refused_before_inflating(bomb: Path) -> None:
    assert bomb.stat().st_size < 4 * 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    err = _error(bomb)
    assert time.perf_counter() - t < 2
    assert "decompression bomb" in err.reason
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 100


def test_docx_bomb_by_ratio_and_too_many_entries(tmp_path: Path) -> None:
    docx = make("docx-prose", tmp_path)
    ratio = tmp_path / "比例.docx"
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(ratio, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("word/media/zeros.bin", b"\0" * (50 * 1024 * 1024))
    assert "compression ratio" in _error(ratio).reason
    many = tmp_path / "多.docx"
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(many, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        for i in range(10_001):
            dst.writestr(f"customXml/item{i}.xml", b"")
    assert "members" in _error(many).reason


def test_dev_zero_is_not_read_without_bound() -> None:
    t = time.perf_counter()
    assert "too large" in _error("/dev/zero").reason
    assert time.perf_counter() - t < 10


def test_control_characters_are_removed_with_a_warning_naming_the_line(tmp_path: Path) -> None:
    lines = tsv_text(source()).splitlines()
    at = next(i for i, x in enumerate(lines) if x.split("\t")[2:3] == ["2"])
    lines[at] = lines[at].replace("扩大有效投资", "扩大\x00有效\x07投资\x1b")
    path = tmp_path / "控制字符.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parsed = load_document(path)
    m = parsed.measures[1]
    assert m.text.startswith("扩大有效投资，") and not any(ord(c) < 32 for c in m.text)
    assert [(w.line, w.message) for w in parsed.warnings] == [(at + 1, "control characters removed")]
    # the same rule on sheet cells (.xls holds control characters as they are)
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("s")
    for c, v in enumerate(["措施序号", "落实措施", "责任单位"]):
        ws.write(0, c, v)
    for c, v in enumerate([1, "做好\x01工作。", "区财政局负责"]):
        ws.write(1, c, v)
    wb.save(str(tmp_path / "ctl.xls"))
    sheet = load_document(tmp_path / "ctl.xls")
    assert sheet.measures[0].text == "做好工作。"
    assert [(w.line, w.message) for w in sheet.warnings] == [(2, "control characters removed")]


def test_parse_text_removes_controls_too() -> None:
    p = parse_text("1．做好\x0c工作。（区财政局负责）\n", "t.txt")
    assert p.measures[0].text == "做好工作。" and p.warnings[0].line == 1
