"""Fuzzed and hostile inputs: every file gives a parse (possibly with warnings) or a clean
DocumentError; never another exception, never a hang, never a silently dropped clause.

How: hypothesis mutates the two bundled seed documents (cut rows, shuffled cells,
deleted brackets, GBK bytes spliced into UTF-8, binary junk, 10 MB inputs).  Each
mutated file is parsed by ``loaders.load_document`` in a long-lived worker process, so
that a hang (a regex that backtracks for ever, a loop that never ends) is caught by a
wall-clock limit that needs no cooperation from the code under test, and a crash of
the interpreter is a failure too, not a lost test run.

Two families of mutations:

* robustness mutations (anything goes): the only property is "parse or clean
  DocumentError, within the time limit";
* clause-preserving mutations (delete whole item lines or rows, delete brackets of
  parentheticals that are not responsibility clauses, blank lines and page-break
  repeats, ``<p>`` debris, stray spaces, junk text inside measure bodies): here every
  responsibility clause of the input must come out as exactly one measure.  In the
  prose format a measure is a run of text closed by a full-width parenthetical that
  names a 牵头 / 负责 obligation; in the table format it is a row whose 落实措施 cell
  is not empty.  Those counts are taken from the mutated input itself, so the
  property holds for any correct parser.

Budget: ~35 examples per property, ten-second limit per parse, the whole file well
under a minute on this machine kind.
"""

from __future__ import annotations

import json
import random
import re
import select
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from policygraph.samples import CITY_SEED, DISTRICT_SEED

PARSE_LIMIT_S = 10.0  # per parse of a seed-sized (≤ 1 MB) input
LARGE_LIMIT_S = 45.0  # per parse of a 10 MB input: ~30,000 measures at a few thousand/s is
# 10-15 s on this machine kind; 45 s still tells linear work from a hang
ROOT = Path(__file__).resolve().parent.parent

CITY_TEXT = CITY_SEED.read_text(encoding="utf-8")
DISTRICT_TEXT = DISTRICT_SEED.read_text(encoding="utf-8")

FUZZ = settings(
    max_examples=35,
    deadline=None,
    # no shrinking: a failing example is reported as found (shrinking 100 kB documents
    # through a worker process can take minutes, and the budget must stay bounded)
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

# ----------------------------------------------------------------------------- worker

_WORKER = textwrap.dedent(
    """
    import json, os, sys, traceback
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # whatever the loader prints goes to stderr, not into the protocol
    from graph.model import DocumentError
    from loaders import load_document
    print(json.dumps({"status": "ready"}), file=out, flush=True)
    for line in sys.stdin:
        path = line.rstrip("\\n")
        try:
            parsed = load_document(path)
            res = {"status": "ok", "measures": len(parsed.measures),
                   "warnings": len(parsed.warnings),
                   "clauses": [m.clause_text for m in parsed.measures]}
        except DocumentError as exc:
            res = {"status": "document_error", "message": str(exc)}
        except BaseException as exc:  # the property under test: this must never happen
            res = {"status": "crash", "type": type(exc).__name__,
                   "traceback": traceback.format_exc()[-3000:]}
        print(json.dumps(res, ensure_ascii=False), file=out, flush=True)
    """
)


class ParseWorker:
    """One Python process that parses files on request; killed and restarted on a hang."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None

    def _start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _WORKER],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )
        first = self._readline(60.0)
        if first is None or json.loads(first).get("status") != "ready":
            self.close()
            raise RuntimeError("parse worker did not start (is loaders/ importable?)")

    def _readline(self, timeout: float) -> str | None:
        assert self.proc and self.proc.stdout
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.proc.stdout.readline()
        return line or None

    def parse(self, path: Path, limit: float = PARSE_LIMIT_S) -> dict:
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        assert self.proc and self.proc.stdin
        self.proc.stdin.write(f"{path}\n")
        self.proc.stdin.flush()
        line = self._readline(limit)
        if line is None:
            died = self.proc.poll() is not None
            self.close()
            status = "died" if died else "hang"
            return {"status": status, "message": f"no answer within {limit:.0f} s"}
        return json.loads(line)

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            self.proc = None


@pytest.fixture(scope="module")
def worker():
    from loaders import load_document  # noqa: F401  (fail early and clearly if missing)

    w = ParseWorker()
    yield w
    w.close()


_counter = iter(range(10**9))


def parse_bytes(worker: ParseWorker, tmp: Path, data: bytes, suffix: str = ".txt", limit: float = PARSE_LIMIT_S) -> dict:
    path = tmp / f"fuzz_{next(_counter)}{suffix}"
    path.write_bytes(data)
    try:
        return worker.parse(path, limit)
    finally:
        path.unlink(missing_ok=True)


def assert_clean(res: dict, what: str = "") -> dict:
    """A parse, or a DocumentError with a one-line message: nothing else."""
    st_ = res["status"]
    assert st_ in ("ok", "document_error"), f"{what}: {st_}: {res.get('message') or res.get('traceback')}"
    if st_ == "document_error":
        msg = res["message"]
        assert msg.strip() and "\n" not in msg.strip(), f"{what}: error message is not one line: {msg!r}"
        assert "Traceback" not in msg
    return res


@pytest.fixture(scope="module")
def tmp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# ----------------------------------------------------------------------------- clause counting

_PAREN = re.compile(r"（[^（）]*）")
_RESP = ("牵头", "负责")
_CITY_SECTION = re.compile(r"^\s*(?:<p>)?\s*（[一二三四五六七八九十]+）")
_CITY_ITEM = re.compile(r"^\s*(?:<p>)?\s*\d+．")
_END = "二、工作要求"


def _is_clause(paren: str) -> bool:
    return any(w in paren for w in _RESP)


def city_region(lines: list[str]) -> tuple[int, int]:
    start = next(i for i, line in enumerate(lines) if _CITY_SECTION.match(line))
    end = next(i for i, line in enumerate(lines) if line.strip() == _END)
    return start, end


def count_prose_clauses(text: str) -> int:
    """Responsibility clauses that close a run of text in the task part of a prose
    document: full-width parentheticals naming a 牵头 / 负责 obligation."""
    lines = text.split("\n")
    a, b = city_region(lines)
    return sum(1 for line in lines[a:b] for p in _PAREN.findall(line) if _is_clause(p))


def _cells(line: str) -> list[str]:
    return [re.sub(r"</?p>?", "", c).strip() for c in line.split("\t")]


def table_header_index(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith("任务序号\t"))


def count_table_rows(text: str) -> int:
    """Rows after the header whose 落实措施 cell holds text: one measure each."""
    lines = text.split("\n")
    h = table_header_index(lines)
    return sum(1 for line in lines[h + 1 :] if len(_cells(line)) > 3 and _cells(line)[3])


def test_seed_counts_are_what_the_loader_finds(worker, tmp):
    """The counting rules above agree with the loader on the untouched seeds (170 / 135)."""
    for text, count in ((CITY_TEXT, count_prose_clauses), (DISTRICT_TEXT, count_table_rows)):
        res = assert_clean(parse_bytes(worker, tmp, text.encode()))
        assert res["status"] == "ok"
        assert res["measures"] == count(text)
    assert count_prose_clauses(CITY_TEXT) == 170
    assert count_table_rows(DISTRICT_TEXT) == 135


# ----------------------------------------------------------------------------- junk material

# Harmless CJK filler: no brackets, digits, punctuation or the characters of 牵头/负责/配合,
# so it can never form a clause, an item number or a section heading.
_FILLER = "的是在了和有这中大为上个国我以要他时来用们生到作地于出就对成会可主发动同也能下过子说产种面而方后多定行学所民得经之进着度家电力里如水化高自理起小物现实加量都体制机当使点从本去把性好应开它合还因由其些然前外天政日那社义事平形相全表间样与关重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系很情者最立代想已通并提直题党程展果料象员革位入常文总次品式活设及管特件长求老基资边流路级少图山统接知较将组见计别她手角期根论运农指几强放决被干做必战先回则任取据处世车"
_filler = st.text(alphabet=_FILLER, min_size=1, max_size=40)


# ----------------------------------------------------------------------------- prose: clause-preserving


@st.composite
def prose_preserving(draw) -> str:
    """The city seed with whole items deleted, non-clause brackets deleted, junk text
    inside measure bodies, blank lines and <p> wrappers: every remaining
    responsibility clause is intact."""
    lines = CITY_TEXT.split("\n")
    a, b = city_region(lines)
    items = [i for i in range(a, b) if _CITY_ITEM.match(lines[i])]
    rnd = draw(st.randoms(use_true_random=False))
    drop = set(draw(st.sets(st.sampled_from(items), max_size=len(items) - 1)))
    out = lines[:a]
    for i in range(a, b):
        if i in drop:
            continue
        line = lines[i]
        if i in items:
            if rnd.random() < 0.3:  # junk inside a body: just before some clause's bracket
                spans = [m for m in _PAREN.finditer(line) if _is_clause(m.group())]
                m = rnd.choice(spans)
                line = line[: m.start()] + draw(_filler) + line[m.start() :]
            balanced = line.count("（") == line.count("）")  # (one seed line has an unclosed （)
            if balanced and rnd.random() < 0.2:  # delete the opening bracket of a parenthetical that is not a clause
                others = [m for m in _PAREN.finditer(line) if not _is_clause(m.group())]
                if others:
                    k = rnd.choice(others).start()
                    line = line[:k] + line[k + 1 :]
            if rnd.random() < 0.15:
                line = f"<p>{line}</p>"
        out.append(line)
        if rnd.random() < 0.1:
            out.extend([""] * rnd.randint(1, 3))
    out.extend(lines[b:])
    return "\n".join(out)


@FUZZ
@given(text=prose_preserving())
def test_prose_mutations_keep_every_clause(worker, tmp, text):
    res = assert_clean(parse_bytes(worker, tmp, text.encode("utf-8")), "prose")
    expected = count_prose_clauses(text)
    assert res["status"] == "ok", f"a document with {expected} intact clauses was refused: {res}"
    assert res["measures"] == expected


# ----------------------------------------------------------------------------- table: clause-preserving


@st.composite
def table_preserving(draw) -> str:
    """The district seed with rows deleted (never the first data row), page breaks
    (blank lines, then the current task and measure number repeated), <p> debris,
    stray spaces inside titles and half-width commas: every row with text stays one
    measure."""
    lines = DISTRICT_TEXT.split("\n")
    h = table_header_index(lines)
    rnd = draw(st.randoms(use_true_random=False))
    data = [i for i in range(h + 1, len(lines)) if lines[i].strip()]
    drop = set(draw(st.sets(st.sampled_from(data[1:]), max_size=len(data) - 2)))
    out = lines[: h + 1]
    seq = title = mno = ""
    for i in range(h + 1, len(lines)):
        if i in drop:
            continue
        line = lines[i]
        if not line.strip():
            out.append(line)
            continue
        cells = line.split("\t")
        clean = _cells(line)
        if clean[0]:
            seq, title = cells[0], cells[1]
        if clean[2]:
            mno = cells[2]
        if not clean[0] and seq and rnd.random() < 0.12:  # page break before a continuation row
            out.extend([""] * rnd.randint(1, 3))
            cells[0], cells[1], cells[2] = seq, title.replace(" ", ""), mno
        if rnd.random() < 0.1:
            cells = [f"<p>{c}</p>" if c and k in (3, 4, 5) else c for k, c in enumerate(cells)]
        if rnd.random() < 0.05 and len(cells) > 4:
            cells[4] = cells[4].replace("，", ", ")
        if clean[0] and rnd.random() < 0.1 and len(cells[1]) > 3:
            k = rnd.randrange(1, len(cells[1]) - 1)
            cells[1] = cells[1][:k] + " " + cells[1][k:]
        out.append("\t".join(cells))
    return "\n".join(out)


@FUZZ
@given(text=table_preserving())
def test_table_mutations_keep_every_row(worker, tmp, text):
    res = assert_clean(parse_bytes(worker, tmp, text.encode("utf-8")), "table")
    expected = count_table_rows(text)
    assert res["status"] == "ok", f"a table with {expected} measure rows was refused: {res}"
    assert res["measures"] == expected


# ----------------------------------------------------------------------------- robustness only

_seed_text = st.sampled_from([CITY_TEXT, DISTRICT_TEXT])


@st.composite
def cut_rows(draw) -> bytes:
    """Random lines deleted anywhere (headings, header row, preamble included), or the
    file truncated at a random byte (possibly mid-character)."""
    text = draw(_seed_text)
    lines = text.split("\n")
    keep = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    data = "\n".join(line for line, k in zip(lines, keep, strict=True) if k).encode("utf-8")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@st.composite
def shuffled_cells(draw) -> bytes:
    text = draw(_seed_text)
    rnd = draw(st.randoms(use_true_random=False))
    out = []
    for line in text.split("\n"):
        if "\t" in line and rnd.random() < 0.3:
            cells = line.split("\t")
            rnd.shuffle(cells)
            line = "\t".join(cells)
        elif rnd.random() < 0.05:
            parts = re.split(r"(?<=[，。；])", line)
            rnd.shuffle(parts)
            line = "".join(parts)
        out.append(line)
    if rnd.random() < 0.3:
        rnd.shuffle(out)
    return "\n".join(out).encode("utf-8")


@st.composite
def deleted_brackets(draw) -> bytes:
    text = draw(_seed_text)
    rnd = draw(st.randoms(use_true_random=False))
    p = draw(st.floats(0.01, 1.0))
    chars = "（）()【】〔〕《》" if draw(st.booleans()) else "（）"
    return "".join(c for c in text if c not in chars or rnd.random() > p).encode("utf-8")


@st.composite
def mixed_encodings(draw) -> bytes:
    """GBK (or GB18030 / UTF-16 / Latin-1) bytes of some lines spliced into UTF-8."""
    text = draw(_seed_text)
    rnd = draw(st.randoms(use_true_random=False))
    enc = draw(st.sampled_from(["gbk", "gbk", "gb18030", "utf-16-le", "big5"]))
    p = draw(st.floats(0.01, 1.0))
    parts = []
    for line in text.split("\n"):
        if rnd.random() < p:
            parts.append(line.encode(enc, errors="replace"))
        else:
            parts.append(line.encode("utf-8"))
    data = b"\n".join(parts)
    if draw(st.booleans()):  # and a cut mid-character for good measure
        k = rnd.randrange(len(data))
        data = data[:k] + data[k + 1 :]
    return data


@st.composite
def binary_junk(draw) -> bytes:
    junk = draw(st.binary(min_size=0, max_size=4096))
    how = draw(st.sampled_from(["alone", "prefix", "suffix", "inside", "nul"]))
    seed = draw(_seed_text).encode("utf-8")
    if how == "alone":
        return junk
    if how == "prefix":
        return junk + seed
    if how == "suffix":
        return seed + junk
    if how == "nul":
        return seed.replace("。".encode(), b"\x00", draw(st.integers(1, 50)))
    k = draw(st.integers(0, len(seed)))
    return seed[:k] + junk + seed[k:]


@pytest.mark.parametrize(
    "strategy",
    [cut_rows(), shuffled_cells(), deleted_brackets(), mixed_encodings(), binary_junk()],
    ids=["cut_rows", "shuffled_cells", "deleted_brackets", "mixed_encodings", "binary_junk"],
)
def test_hostile_inputs_parse_or_fail_cleanly(worker, tmp, strategy):
    @settings(FUZZ, max_examples=25)
    @given(data=strategy, suffix=st.sampled_from([".txt", ".txt", ".csv", ".tsv"]))
    def check(data: bytes, suffix: str) -> None:
        assert_clean(parse_bytes(worker, tmp, data, suffix))

    check()


# ----------------------------------------------------------------------------- encodings, sizes


@pytest.mark.parametrize("seed", ["city", "district"])
def test_whole_file_gbk_reads_like_utf8(worker, tmp, seed):
    """GBK is common for these files: a GBK copy of a seed gives the same measures."""
    text = CITY_TEXT if seed == "city" else DISTRICT_TEXT
    utf8 = assert_clean(parse_bytes(worker, tmp, text.encode("utf-8")))
    gbk = assert_clean(parse_bytes(worker, tmp, text.encode("gbk")))
    bom = assert_clean(parse_bytes(worker, tmp, b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert utf8["status"] == gbk["status"] == bom["status"] == "ok"
    assert utf8["measures"] == gbk["measures"] == bom["measures"]
    assert utf8["clauses"] == gbk["clauses"] == bom["clauses"]


def _ten_mb_prose() -> bytes:
    lines = CITY_TEXT.split("\n")
    a, b = city_region(lines)
    body = "\n".join(lines[a:b]) + "\n"
    reps = 10 * 2**20 // len(body.encode()) + 1
    return ("\n".join(lines[:a]) + "\n" + body * reps + "\n".join(lines[b:])).encode("utf-8")


def _ten_mb_table() -> bytes:
    lines = DISTRICT_TEXT.split("\n")
    h = table_header_index(lines)
    body = "\n".join(lines[h + 1 :]) + "\n"
    reps = 10 * 2**20 // len(body.encode()) + 1
    return ("\n".join(lines[: h + 1]) + "\n" + body * reps).encode("utf-8")


_TEN_MB = {
    "prose_repeated": _ten_mb_prose,
    "table_repeated": _ten_mb_table,
    "one_line_no_newline": lambda: ("重点工作" * (10 * 2**20 // 12)).encode("utf-8"),
    "random_bytes": lambda: random.Random(7).randbytes(10 * 2**20),
    "clause_open_never_closed": lambda: (
        CITY_TEXT.split("（一）")[0] + "（一）总体要求\n1．" + "（" * (5 * 2**20 // 3)
    ).encode("utf-8"),
}


@pytest.mark.parametrize("kind", list(_TEN_MB))
def test_ten_megabyte_inputs_are_bounded(worker, tmp, kind):
    data = _TEN_MB[kind]()
    assert len(data) >= 5 * 2**20
    res = assert_clean(parse_bytes(worker, tmp, data, limit=LARGE_LIMIT_S), kind)
    if kind == "prose_repeated" and res["status"] == "ok":
        # repeated items restate the same numbers: whatever the loader makes of that,
        # no clause may vanish without a warning
        assert res["measures"] == count_prose_clauses(data.decode()) or res["warnings"] > 0
    if kind == "table_repeated" and res["status"] == "ok":
        assert res["measures"] == count_table_rows(data.decode()) or res["warnings"] > 0


# ----------------------------------------------------------------------------- generated corpus


def test_generated_documents_keep_every_clause(worker, tmp):
    """The benchmark corpus (recombined seeds for invented places) parses to exactly
    the measures the generator wrote, in both formats."""
    from bench.corpus import generate

    for doc in generate(6, seed=11):
        res = assert_clean(parse_bytes(worker, tmp, doc.text.encode("utf-8")), doc.file)
        assert res["status"] == "ok", f"{doc.file}: {res}"
        assert res["measures"] == doc.measures, doc.file

