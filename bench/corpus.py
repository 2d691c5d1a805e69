"""A deterministic synthetic corpus of task-division documents, made from the two seeds.

Why: two documents are a demo; the real users hold every city's and district's lists
for several years.  This module recombines the seeds' sections, measures and
responsibility clauses into many documents for invented cities and districts, in
both seed formats (city prose, district TSV table), so that loaders, linking, the
stores and the queries meet the real shapes at scale.

Everything is read from the bundled seed files at run time (nothing is a hard-coded
text blob): the seed preambles become templates by substituting names, dates, years
and document numbers; the measures and clauses are the seeds' own, sampled, shuffled
between measures and renumbered.  The output is a pure function of ``seed``: the same
arguments always give byte-identical files, and the first N documents of a larger
corpus are the N-document corpus (so benchmark sizes nest).

Shape of the stream: families of one city and 6-12 districts.  For each family and
each year (2022, 2023, 2021) comes the city's prose document, then each district's
table, which cites the city's document by title and number (根据《…》（X政发〔Y〕N号）),
so counterpart links (区财政局 <-> 市财政局) stay intact.

    python -m bench.corpus --docs 1000 --out bench/out/corpus-1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from policygraph.samples import CITY_SEED, DISTRICT_SEED

SEED_YEAR = 2022
YEARS = (2022, 2023, 2021)
CITY_NAME, CITY_SHORT = "天津市", "天津"
DISTRICT_SHORT = "西青"
CITY_SEED_DOC_NUMBER = "津政发〔2022〕9号"  # as the district seed cites it

# Name material for invented places (two characters each, then 市 / 区).  Pairs that
# are the seeds' own names are excluded.
_FIRST = "云澄临青安嘉明瑞丰泽宁平兴和华清长永新金玉宝祥福鹤松柏桂兰芷岚翠溪梧"
_SECOND = "江川州原阳湖山宁平海城溪峰林源塘桥湾岭泉浦渡禾沙坪"

_CN_DIGITS = "零一二三四五六七八九"

RESP_WORDS = ("牵头", "负责", "配合")
# A parenthetical in full-width brackets, no nesting (the seeds have none).
_PAREN = re.compile(r"（[^（）]*）")
_CITY_SECTION = re.compile(r"^（([一二三四五六七八九十]+)）(.+)$")
_CITY_ITEM = re.compile(r"^(\d+)．(.*)$")
_YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?!\d)")


def cn_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 21 -> 二十一 (enough for section numbers)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


def is_responsibility_clause(paren: str) -> bool:
    """（市财政局牵头，…，12月底前完成） yes; （国发〔2022〕9号） / （LPR） no."""
    return any(w in paren for w in RESP_WORDS)


# --------------------------------------------------------------------------- seeds


@dataclass
class CitySegment:
    body: str  # the run of text, without its clause
    clause: str  # the responsibility clause with its brackets


@dataclass
class CitySection:
    title: str
    items: list[list[CitySegment]]


@dataclass
class CitySeed:
    preamble: str  # everything before the first section, verbatim
    sections: list[CitySection]
    postamble: str  # 二、工作要求 … to the end
    date: str  # 2022年5月6日 as written


@dataclass
class DistrictRow:
    text: str
    unit: str
    deadline: str
    note: str = ""


@dataclass
class DistrictTask:
    title: str
    measures: list[list[DistrictRow]]  # measure groups (措施序号), each of rows


@dataclass
class DistrictSeed:
    preamble: str
    header: str
    tasks: list[DistrictTask]
    date: str


def _strip_p(cell: str) -> str:
    cell = re.sub(r"</?p>?", "", cell.strip())
    return cell.strip()


def split_city_item(text: str) -> tuple[list[CitySegment], str]:
    """Split an item's text into runs closed by responsibility clauses; return the
    segments and any trailing text that no clause closes."""
    segs: list[CitySegment] = []
    start = 0
    for m in _PAREN.finditer(text):
        if is_responsibility_clause(m.group()):
            segs.append(CitySegment(text[start : m.start()], m.group()))
            start = m.end()
    return segs, text[start:]


def read_city_seed(path: Path = CITY_SEED) -> CitySeed:
    lines = path.read_text(encoding="utf-8").split("\n")
    first_sec = next(i for i, line in enumerate(lines) if _CITY_SECTION.match(line.strip()))
    end = next(i for i, line in enumerate(lines) if line.strip() == "二、工作要求")
    preamble = "\n".join(lines[:first_sec])
    sections: list[CitySection] = []
    for raw in lines[first_sec:end]:
        line = raw.strip()
        if not line:
            continue
        if m := _CITY_SECTION.match(line):
            sections.append(CitySection(m.group(2), []))
        elif m := _CITY_ITEM.match(line):
            segs, rest = split_city_item(m.group(2))
            if rest.strip():
                raise ValueError(f"city seed: text after the last clause: {rest[:40]}")
            sections[-1].items.append(segs)
        else:
            raise ValueError(f"city seed: unexpected line {line[:40]}")
    date = re.search(r"\d{4}年\d{1,2}月\d{1,2}日", preamble)
    assert date, "city seed: no date in the preamble"
    return CitySeed(preamble, sections, "\n".join(lines[end:]), date.group())


def read_district_seed(path: Path = DISTRICT_SEED) -> DistrictSeed:
    lines = path.read_text(encoding="utf-8").split("\n")
    hi = next(i for i, line in enumerate(lines) if line.startswith("任务序号\t"))
    tasks: list[DistrictTask] = []
    seen_tasks: dict[str, DistrictTask] = {}
    seen_measures: set[str] = set()
    for raw in lines[hi + 1 :]:
        if not raw.strip():
            continue
        cells = [_strip_p(c) for c in raw.split("\t")] + [""] * 7
        seq, title, mno, text, unit, deadline, note = cells[:7]
        if not text:
            continue
        if seq and seq not in seen_tasks:
            task = DistrictTask(re.sub(r"\s+", "", title), [])
            seen_tasks[seq] = task
            tasks.append(task)
        task = tasks[-1]
        row = DistrictRow(text, unit, deadline, note)
        if mno and mno not in seen_measures:
            seen_measures.add(mno)
            task.measures.append([row])
        else:  # continuation row or a page-break repeat of the current measure
            task.measures[-1].append(row)
    date = re.search(r"\d{4}年\d{1,2}月\d{1,2}日", "\n".join(lines[:hi]))
    assert date, "district seed: no date in the preamble"
    return DistrictSeed("\n".join(lines[:hi]), lines[hi], tasks, date.group())


# --------------------------------------------------------------------------- places


@dataclass
class District:
    name: str  # 青禾区
    short: str  # 青禾


@dataclass
class City:
    name: str  # 云江市
    short: str  # 云江
    districts: list[District] = field(default_factory=list)


def _name_pool(seed: int) -> list[str]:
    pool = [a + b for a in _FIRST for b in _SECOND if a != b]
    pool = [p for p in pool if p not in (CITY_SHORT, DISTRICT_SHORT)]
    random.Random(f"{seed}:names").shuffle(pool)
    return pool


def families(seed: int) -> Iterator[City]:
    """Invented cities, each with 6-12 invented districts; names never repeat."""
    pool = _name_pool(seed)
    rng = random.Random(f"{seed}:families")
    i = 0
    while True:
        n = rng.randint(6, 12)
        if i + n + 1 > len(pool):
            raise ValueError("name pool exhausted: more documents than invented places")
        city = City(pool[i] + "市", pool[i])
        city.districts = [District(p + "区", p) for p in pool[i + 1 : i + 1 + n]]
        i += n + 1
        yield city


# --------------------------------------------------------------------------- shared


def shift_years(text: str, year: int) -> str:
    delta = year - SEED_YEAR
    if not delta:
        return text
    return _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)


def _pick(rng: random.Random, items: list, p: float) -> list:
    kept = [x for x in items if rng.random() < p]
    return kept or [rng.choice(items)]


def thin_units(rng: random.Random, clause: str, sep: str = "，") -> str:
    """Drop one middle unit from a 、-list now and then (a district with fewer
    agencies), never the first or last element (they carry 牵头 / 等按职责分工负责)."""
    parts = clause.split(sep)
    out = []
    for part in parts:
        units = part.split("、")
        if len(units) >= 4 and rng.random() < 0.35:
            del units[rng.randrange(1, len(units) - 1)]
        out.append("、".join(units))
    return sep.join(out)


def _date(rng: random.Random, year: int, lo: tuple[int, int], days: int) -> dt.date:
    return dt.date(year, *lo) + dt.timedelta(days=rng.randrange(days))


def _zh_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# --------------------------------------------------------------------------- documents


@dataclass
class GenDoc:
    """One generated document and what the generator put in it."""

    file: str
    kind: str  # city | district
    format: str  # prose | table
    region: str
    government: str
    city: str
    year: int
    title: str
    doc_number: str
    published: str  # ISO date
    cites: list[str]  # doc numbers it says it implements
    measures: int  # measures written (each closed by one responsibility clause)
    text: str = field(repr=False, default="")

    def manifest(self) -> dict:
        d = self.__dict__.copy()
        d.pop("text")
        return d


def _city_localise(text: str, city: City, year: int) -> str:
    text = text.replace(CITY_NAME, city.name).replace(CITY_SHORT, city.short)
    return shift_years(text, year)


def city_doc_number(city: City, year: int, serial: int) -> str:
    return f"{city.short}政发〔{year}〕{serial}号"


def make_city_doc(
    cs: CitySeed, city: City, year: int, serial: int, published: dt.date, rng: random.Random
) -> GenDoc:
    clause_pool = [seg.clause for sec in cs.sections for item in sec.items for seg in item]
    out_sections: list[str] = []
    item_no = 0
    n_measures = 0
    for sec in _pick(rng, cs.sections, 0.85):
        item_lines = []
        for item in _pick(rng, sec.items, 0.9):
            segs = _pick(rng, item, 0.85)
            parts = []
            for seg in segs:
                clause = seg.clause
                if rng.random() < 0.15:  # recombine: another measure's clause
                    clause = rng.choice(clause_pool)
                parts.append(seg.body + thin_units(rng, clause))
            item_no += 1
            n_measures += len(parts)
            item_lines.append(f"{item_no}．" + "".join(parts))
        sec_no = len(out_sections) + 1
        block = f"（{cn_numeral(sec_no)}）{sec.title}\n\n" + "\n\n".join(item_lines)
        out_sections.append(block)
    doc_number = city_doc_number(city, year, serial)
    preamble = cs.preamble.replace(cs.date, _zh_date(published))
    preamble = _city_localise(preamble, city, year)
    # The seed does not print its own number; published documents carry it under the
    # title.  Put it on its own line after the title block, before the addressees.
    lines = preamble.split("\n")
    at = next((i for i, line in enumerate(lines) if line.rstrip().endswith("：")), 1)
    lines[at:at] = [doc_number, ""]
    body = "\n\n".join(out_sections)
    text = "\n".join(lines) + "\n" + _city_localise(body, city, year) + "\n\n"
    text += _city_localise(cs.postamble, city, year)
    title_lines = [line.strip() for line in cs.preamble.split("\n") if line.strip()][:2]
    title = _city_localise("".join(title_lines), city, year)
    return GenDoc(
        file="",
        kind="city",
        format="prose",
        region=city.name,
        government=f"{city.name}人民政府",
        city=city.name,
        year=year,
        title=title,
        doc_number=doc_number,
        published=published.isoformat(),
        cites=[f"国发〔{year}〕9号"],
        measures=n_measures,
        text=text,
    )


def _district_localise(text: str, city: City, d: District, year: int) -> str:
    text = text.replace(DISTRICT_SHORT, d.short)
    text = text.replace(CITY_NAME, city.name).replace(CITY_SHORT, city.short)
    return shift_years(text, year)


def _debris(cell: str, rng: random.Random, on: bool) -> str:
    if not on or not cell:
        return cell
    tail = rng.choice(["</p>", "</p>", ""])
    return f"<p>{cell}{tail}"


def make_district_doc(
    ds: DistrictSeed,
    city: City,
    d: District,
    year: int,
    city_doc: GenDoc,
    published: dt.date,
    rng: random.Random,
) -> GenDoc:
    unit_pool = [r.unit for t in ds.tasks for m in t.measures for r in m]
    rows_out: list[str] = []
    n_measures = 0
    measure_no = 0
    since_break = 0
    debris = False
    tasks = _pick(rng, ds.tasks, 0.85)
    for ti, task in enumerate(tasks, start=1):
        seq = f"({cn_numeral(ti)})"
        title = task.title
        first_title = title
        if len(title) > 4 and rng.random() < 0.12:  # stray space inside a title
            k = rng.randrange(2, len(title) - 1)
            first_title = title[:k] + " " + title[k:]
        halfwidth = rng.random() < 0.08
        for mi, group in enumerate(_pick(rng, task.measures, 0.9)):
            measure_no += 1
            for ri, row in enumerate(_pick(rng, group, 0.9)):
                lead = False
                unit = row.unit
                if rng.random() < 0.12:
                    unit = rng.choice(unit_pool)
                unit = thin_units(rng, unit)
                text = row.text
                if halfwidth:
                    text, unit = text.replace("，", ", "), unit.replace("，", ", ")
                # page break: blank lines, then the current task and measure repeated
                if since_break > rng.randint(5, 9):
                    rows_out.append("\n" * rng.randint(0, 2))
                    since_break = 0
                    debris = rng.random() < 0.3
                    lead = True
                if mi == 0 and ri == 0:
                    head = [seq, first_title, str(measure_no)]
                elif lead:  # page-break repeat of the current task (and measure number)
                    head = [seq, title, str(measure_no)]
                elif ri == 0:
                    head = ["", "", str(measure_no)]
                else:
                    head = ["", "", ""]
                if halfwidth:
                    head[1] = head[1].replace("，", ", ")
                cells = [
                    *head,
                    _debris(text, rng, debris),
                    _debris(unit, rng, debris),
                    _debris(row.deadline, rng, debris and rng.random() < 0.5),
                    row.note,
                ]
                rows_out.append("\t".join(cells))
                since_break += 1
                n_measures += 1
    preamble = ds.preamble.replace(ds.date, _zh_date(published))
    preamble = preamble.replace(CITY_SEED_DOC_NUMBER, "\0CITYNO\0")
    preamble = _district_localise(preamble, city, d, year)
    preamble = preamble.replace("\0CITYNO\0", city_doc.doc_number)
    doc_number = f"{d.short}政发〔{year}〕{rng.randint(2, 30)}号"
    lines = preamble.split("\n")
    at = next((i for i, line in enumerate(lines) if line.rstrip().endswith("：")), 1)
    lines[at:at] = [doc_number, ""]
    body = "\n".join(rows_out)
    text = "\n".join(lines) + "\n" + ds.header + "\n" + _district_localise(body, city, d, year)
    text += "\n\n"
    title = next(line for line in lines if line.startswith("# "))[2:].strip()
    return GenDoc(
        file="",
        kind="district",
        format="table",
        region=d.name,
        government=f"{d.name}人民政府",
        city=city.name,
        year=year,
        title=title,
        doc_number=doc_number,
        published=published.isoformat(),
        cites=[f"国发〔{year}〕9号", city_doc.doc_number],
        measures=n_measures,
        text=text,
    )


def generate(n_docs: int, seed: int = 7) -> Iterator[GenDoc]:
    """The first ``n_docs`` documents of the stream for ``seed``."""
    cs, ds = read_city_seed(), read_district_seed()
    produced = 0
    for city in families(seed):
        for year in YEARS:
            rng = random.Random(f"{seed}:{city.name}:{year}")
            serial = rng.randint(2, 30)
            city_date = _date(rng, year, (3, 15), 100)
            cdoc = make_city_doc(cs, city, year, serial, city_date, rng)
            cdoc.file = f"{produced + 1:05d}_{city.short}_{year}_city.txt"
            yield cdoc
            produced += 1
            if produced >= n_docs:
                return
            for d in city.districts:
                drng = random.Random(f"{seed}:{d.name}:{year}")
                ddate = city_date + dt.timedelta(days=drng.randint(20, 90))
                ddoc = make_district_doc(ds, city, d, year, cdoc, ddate, drng)
                ddoc.file = f"{produced + 1:05d}_{d.short}_{year}_district.txt"
                yield ddoc
                produced += 1
                if produced >= n_docs:
                    return


def write_corpus(n_docs: int, out: Path, seed: int = 7) -> list[GenDoc]:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    docs = []
    for doc in generate(n_docs, seed):
        (out / doc.file).write_text(doc.text, encoding="utf-8")
        docs.append(doc)
    manifest = {
        "seed": seed,
        "documents": len(docs),
        "measures": sum(d.measures for d in docs),
        "files": [d.manifest() for d in docs],
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return docs


def ensure_corpus(n_docs: int, out: Path | None = None, seed: int = 7) -> Path:
    """The corpus directory for ``n_docs`` (generated once, reused while the manifest
    says it was made with the same size and seed)."""
    out = out or Path(__file__).parent / "out" / f"corpus-{n_docs}"
    mf = out / "manifest.json"
    if mf.exists():
        m = json.loads(mf.read_text(encoding="utf-8"))
        if m.get("seed") == seed and m.get("documents") == n_docs:
            return out
    write_corpus(n_docs, out, seed)
    return out


def load_manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=10, help="number of documents (10, 100, 1000 ...)")
    ap.add_argument("--out", type=Path, default=None, help="output folder (default bench/out/corpus-N)")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    out = a.out or Path(__file__).parent / "out" / f"corpus-{a.docs}"
    docs = write_corpus(a.docs, out, a.seed)
    kinds = {k: sum(1 for d in docs if d.kind == k) for k in ("city", "district")}
    print(
        f"{len(docs)} documents ({kinds['city']} city, {kinds['district']} district), "
        f"{sum(d.measures for d in docs)} measures -> {out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
