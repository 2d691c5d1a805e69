"""Document metadata from the preamble: title, issuer, date, level, region, own
document number and the documents it says it implements.

    根据《国务院关于落实〈政府工作报告〉重点工作分工的意见》（国发〔2022〕9号）和
    《天津市人民政府印发…的通知》（津政发〔2022〕9号）  -> implements: two DocumentRefs
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.model import Document, DocumentRef
from graph.normalize import AgencyDirectory, directory, to_simplified
from loaders.numerals import CN_DIGITS, cn_small_int

_DOCNUM = r"[\u4e00-\u9fff]{1,12}[〔\[［【(（]\d{4}[〕\]］】)）]\s*\d{1,4}\s*号"
_DOCNUM_LINE_RE = re.compile(rf"^\s*({_DOCNUM})\s*$")
_REF_RE = re.compile(rf"《(?P<title>[^《》\n]{{2,200}})》\s*[（(]\s*(?P<num>{_DOCNUM})\s*[）)]")
_DATE_LINE_RE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_DATE_ANY_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_ISSUER_RE = re.compile(
    r"^(?P<iss>.{0,30}?(?:人民政府办公厅|人民政府办公室|人民政府|国务院办公厅|国务院))(?=印发|关于|转发|办公厅|$)"
)
# A department issuing its own plan (石家庄市财政局关于…的工作方案): the issuer is the
# department, its level the government level its name starts with.
_DEPT_ISSUER_RE = re.compile(
    r"^(?P<iss>[\u4e00-\u9fff]{2,24}?(?:局|厅|委员会|委|办公室|部))(?=关于|印发)"
)
_DEPT_LEVEL_RE = re.compile(r"^(?P<region>[\u4e00-\u9fff]{1,10}?(?P<word>省|自治区|市|区|县))")
_SALUTATION_RE = re.compile(r"[：:]\s*$")
_BODY_START_RE = re.compile(r"^(?:为|根据|现将|按照|经|近日)")
_SKIP_RE = re.compile(r"^[（(]此件.{0,10}[）)]$|^附件\s*\d*$|^[-—_=\s]*$")
# the red header of an official document: 天津市人民政府文件 / 某某市人民政府办公厅文件
RED_HEADER_RE = re.compile(r"^.{2,40}?(?:人民政府|办公厅|办公室|委员会|政府|局|厅)?文件$")
_CN_DATE_RE = re.compile(
    r"^\s*(?P<y>[〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日\s*$"
)
_YEAR_RE = re.compile(r"(20\d{2})\s*年")


def date_of_line(line: str) -> str | None:
    """A signature date line: 2022年5月6日 or 二〇二三年三月一日 / 二○○六年四月二十八日."""
    s = to_simplified(line).replace("\u3000", " ")
    dm = _DATE_LINE_RE.match(s)
    if dm:
        return _iso(*dm.groups())
    cm = _CN_DATE_RE.match(s)
    if cm:
        y = "".join(str(CN_DIGITS[c]) for c in cm.group("y"))
        month, day = cn_small_int(cm.group("m")), cn_small_int(cm.group("d"))
        return _iso(y, str(month), str(day)) if month and day else None
    return None


def _iso(y: str, m: str, d: str) -> str | None:
    yi, mi, di = int(y), int(m), int(d)
    if 1 <= mi <= 12 and 1 <= di <= 31:
        return f"{yi:04d}-{mi:02d}-{di:02d}"
    return None


def find_title(lines: list[str]) -> str | None:
    """The first heading lines before the salutation (各区人民政府…：) or the body."""
    parts: list[str] = []
    for raw in lines[:40]:
        line = re.sub(r"\s+", "", raw)
        if not line:
            if parts and len("".join(parts)) >= 8 and ("通知" in "".join(parts) or "意见" in "".join(parts)):
                # a blank line inside a two-line title is common; stop only once it is complete
                continue
            continue
        simp = to_simplified(line)
        if _SKIP_RE.match(line) or _DOCNUM_LINE_RE.match(simp) or RED_HEADER_RE.match(simp):
            continue
        if _SALUTATION_RE.search(line) or _BODY_START_RE.match(line) or date_of_line(line):
            break
        if len(line) > 80:
            break
        parts.append(line)
        joined = "".join(parts)
        if re.search(r"(通知|意见|清单|方案|分工|办法|决定|计划)$", joined) and len(parts) >= 1:
            if len(parts) >= 3 or re.search(r"(通知|意见)$", joined):
                break
    title = "".join(parts)
    return title or None


def department_level(title: str, issuer: str | None) -> tuple[str, str | None, str | None]:
    """(level, region, issuer) of a document issued by a department, not a government:
    石家庄市财政局关于… -> (city, 石家庄市, 石家庄市财政局); 财政部关于… -> national;
    ("unknown", None, issuer) when the title names no department."""
    m = _DEPT_ISSUER_RE.match(title)
    if not m:
        return "unknown", None, issuer
    dept = m.group("iss")
    if dept.startswith("国家") or dept.endswith("部"):
        return "national", None, dept
    r = _DEPT_LEVEL_RE.match(dept)
    if not r:
        return "unknown", None, dept
    word = r.group("word")
    level = {"省": "province", "自治区": "province", "市": "city"}.get(word, "district")
    return level, r.group("region"), dept


def extract_metadata(
    lines: list[str],
    source: str,
    fmt: str,
    preamble_end: int,
    dirx: AgencyDirectory | None = None,
) -> Document:
    """Build the Document from the file's lines; ``preamble_end`` is the index of the
    first body line (first item / table header)."""
    dirx = dirx or directory()
    pre = lines[:preamble_end]
    simp_pre = [to_simplified(x) for x in pre]
    title = find_title(pre) or Path(source).stem

    issuer_written: str | None = None
    m = _ISSUER_RE.match(to_simplified(title))
    if m:
        issuer_written = m.group("iss")
    gov = dirx.government(issuer_written) if issuer_written else None
    if gov is None:
        for line in simp_pre:
            s = re.sub(r"\s+", "", line)
            s = s.removesuffix("文件")  # the red header names the issuer
            if s and (s.endswith("人民政府") or s in ("国务院", "国务院办公厅")) and len(s) <= 20:
                issuer_written = issuer_written or s
                gov = dirx.government(s)
                if gov:
                    break
    issuer = gov.name if gov else issuer_written
    if gov is not None:
        level, region = gov.level, gov.region
    elif issuer_written:
        level = (
            "national"
            if issuer_written.startswith("国务院")
            else "province"
            if "省" in issuer_written
            else "district"
            if re.search(r"[区县]人民政府", issuer_written)
            else "city"
            if "市人民政府" in issuer_written
            else "unknown"
        )
        region = re.sub(r"人民政府.*$", "", issuer_written) or None
    else:
        level, region, issuer = department_level(to_simplified(title), issuer)

    published = None
    for line in lines:
        published = date_of_line(line)
        if published:
            break
    year = int(published[:4]) if published else None
    if year is None:
        ym = _YEAR_RE.search(title) or next(filter(None, (_YEAR_RE.search(x) for x in simp_pre)), None)
        year = int(ym.group(1)) if ym else None

    doc_number = None
    for line in simp_pre[:30]:
        dn = _DOCNUM_LINE_RE.match(line)
        if dn:
            doc_number = re.sub(r"\s+", "", dn.group(1))
            break

    implements: list[DocumentRef] = []
    seen: set[str] = set()
    for rm in _REF_RE.finditer("".join(pre)):
        num = re.sub(r"\s+", "", rm.group("num"))
        if num == doc_number or num in seen:
            continue
        seen.add(num)
        implements.append(DocumentRef(doc_number=num, title=rm.group("title").strip()))

    if doc_number:
        doc_id = doc_number
    elif issuer and published:
        doc_id = f"{issuer}-{published}"
    else:
        doc_id = Path(source).stem
    return Document(
        id=doc_id,
        title=title,
        issuer=issuer,
        doc_number=doc_number,
        level=level,  # type: ignore[arg-type]
        region=region,
        published=published,
        year=year,
        implements=implements,
        source=Path(source).name,
        format=fmt,
    )
