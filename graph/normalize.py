"""Canonical agency names, read from the reviewed data file ``graph/data/agencies.csv``.

Why a data file and not code: which spelling stands for which agency is a fact a
person checks against the documents ("区农业农村局" is the district's one
agriculture body, written two ways in the same list).  The loaders resolve a name
only through this file; a name the file does not know is kept as written and
reported, never merged by guesswork.

Names are matched after a 1:1 traditional -> simplified character mapping (also a
data file), so ``to_simplified`` never changes string length and offsets computed
on the simplified text are valid in the original.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
AGENCIES_CSV = DATA_DIR / "agencies.csv"
T2S_CSV = DATA_DIR / "traditional_simplified.csv"
COLLECTIVES_CSV = DATA_DIR / "collectives.csv"

LEVELS = ("national", "province", "city", "district", "unknown")
KINDS = (
    "department",
    "party",
    "mass_org",
    "branch",
    "enterprise",
    "temporary",
    "collective",
    "government",
    "unknown",
)

# Endings that make a string look like the name of an organisation (used only to
# decide whether "A和B" is two agencies; never to accept a name as known).
AGENCY_SUFFIX_RE = re.compile(
    r"(局|委|办|厅|部|署|会|行|总队|支队|分局|公司|集团|中心|社|室|联|院|所|站|队|组|处|海关|办公室|指挥部|政府)$"
)
# Endings of a place or an organisation that AGENCY_SUFFIX_RE does not cover (滨海新区,
# 中新天津生态城, 东疆港, 科技园, 各成员单位): used only to accept a bare list of names in
# a clause as units (kept as written, reported as unknown), never to resolve a name.
PLACE_SUFFIX_RE = re.compile(r"(区|县|市|州|旗|盟|镇|乡|街|街道|城|港|园|村|单位|馆|校|学|台|场|库|厂|报|网)$")
COLLECTIVE_RE = re.compile(
    r"^(?:市|区|县|省|国务院|市政府|区政府|县政府)?(?:各|有关|相关|各有关|各相关)"
    r"|(?:政府)?各(?:部门|单位|委办局|委、办、局)$"
)


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    table: dict[int, str] = {}
    with T2S_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            t, s = row["traditional"], row["simplified"]
            if len(t) == 1 and len(s) == 1:
                table[ord(t)] = s
    return table


def to_simplified(text: str) -> str:
    """Map traditional characters to simplified, one character for one (same length)."""
    return text.translate(_t2s_table())


_SPACE_RE = re.compile(r"[\s\u3000\u00a0]+")


@lru_cache(maxsize=1)
def collective_phrases() -> frozenset[str]:
    """Collective phrases from the reviewed data file (各省级人民政府, 领导小组成员单位)."""
    with COLLECTIVES_CSV.open(encoding="utf-8", newline="") as f:
        return frozenset(clean_name(row["phrase"]) for row in csv.DictReader(f) if row["phrase"].strip())


def clean_name(name: str) -> str:
    """The matching key of a name: simplified, no spaces, no wrapping quotes."""
    key = _SPACE_RE.sub("", to_simplified(name))
    return key.strip("“”\"'‘’《》")


@dataclass(frozen=True)
class Agency:
    """One row of agencies.csv."""

    name: str
    aliases: tuple[str, ...]
    level: str
    kind: str
    government: str
    counterpart: str
    branch_of: str
    note: str = ""

    @property
    def collective(self) -> bool:
        return self.kind == "collective"

    @property
    def region(self) -> str | None:
        """For a government row: the region it governs (天津市, 西青区, 全国)."""
        if self.kind != "government":
            return None
        if self.name == "国务院":
            return "全国"
        return self.name.removesuffix("人民政府")

    @property
    def region_prefixes(self) -> list[str]:
        """Region names a unit name may start with (西青区, 天津市西青区), longest first."""
        if self.kind != "government" or self.name == "国务院":
            return []
        names = {n.removesuffix("人民政府") for n in (self.name, *self.aliases) if n.endswith("人民政府")}
        return sorted((n for n in names if len(n) >= 2), key=len, reverse=True)


class AgencyDirectory:
    """All known agencies, with alias lookup scoped by the issuing government."""

    def __init__(self, agencies: list[Agency]) -> None:
        self.agencies = agencies
        self.by_name: dict[str, Agency] = {}
        self.by_alias: dict[str, list[Agency]] = {}
        for a in agencies:
            key = clean_name(a.name)
            if key in self.by_name:
                raise ValueError(f"agencies.csv: duplicate canonical name {a.name}")
            self.by_name[key] = a
        for a in agencies:
            for alias in a.aliases:
                key = clean_name(alias)
                if key and key not in self.by_name:
                    self.by_alias.setdefault(key, []).append(a)
        self.governments = [a for a in agencies if a.kind == "government"]

    @classmethod
    def load(cls, path: Path | None = None) -> AgencyDirectory:
        path = path or AGENCIES_CSV
        rows: list[Agency] = []
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                rows.append(
                    Agency(
                        name=row["name"].strip(),
                        aliases=tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()),
                        level=(row.get("level") or "unknown").strip(),
                        kind=(row.get("kind") or "unknown").strip(),
                        government=(row.get("government") or "").strip(),
                        counterpart=(row.get("counterpart") or "").strip(),
                        branch_of=(row.get("branch_of") or "").strip(),
                        note=(row.get("note") or "").strip(),
                    )
                )
        return cls(rows)

    def get(self, canonical: str) -> Agency | None:
        return self.by_name.get(clean_name(canonical))

    def _lookup(self, key: str, government: str | None) -> Agency | None:
        hit = self.by_name.get(key)
        if hit:
            return hit
        cands = self.by_alias.get(key, [])
        if len(cands) == 1:
            return cands[0]
        if government:
            scoped = [a for a in cands if a.government == government or a.name == government]
            if len(scoped) == 1:
                return scoped[0]
        return None  # unknown or ambiguous: never guess

    def resolve(self, name: str, government: str | None = None) -> Agency | None:
        """The agency a written name stands for, or None when the file does not say.

        ``government`` (canonical, e.g. 西青区人民政府) scopes ambiguous aliases and
        allows the region-prefixed form (天津市财政局 -> 市财政局, 西青区财政局 -> 区财政局)."""
        key = clean_name(name)
        if not key:
            return None
        hit = self._lookup(key, government)
        if hit:
            return hit
        for gov in self.governments:
            for region in gov.region_prefixes:
                if not key.startswith(region) or len(key) <= len(region):
                    continue
                rest = key[len(region) :]
                short = region[-1]  # 市 / 区 / 县
                for cand in (short + rest, rest):
                    hit = self._lookup(cand, gov.name)
                    if hit and hit.government == gov.name:
                        return hit
        return None

    def government(self, name: str) -> Agency | None:
        """The government row for an issuer name (天津市西青区人民政府 -> 西青区人民政府)."""
        hit = self.resolve(name)
        if hit and hit.kind == "government":
            return hit
        key = clean_name(name)
        for gov in self.governments:
            if key.endswith(gov.name) or (gov.region and key == gov.region):
                return gov
        return None

    def scoped(self, agency: Agency, government: str | None) -> tuple[str, str | None]:
        """The canonical name and government of ``agency`` as named in one government's
        document, for names that are relative to the document that uses them.

        Why: 区财政局 in a 西青区 document is 西青区's finance bureau, and in a 瑞湖区
        document it is 瑞湖区's; one shared node would merge every district's agencies
        and their obligations.  The data file describes the governments it knows (天津市,
        西青区): their documents keep the file's names.  In a document of a government
        the file does not know, a name with a generic level prefix is localised by its
        prefix: 区财政局 -> 瑞湖区财政局 (the district), 市财政局 -> 宝林市财政局 (the city).
        Collectives with no government of their own (有关部门) are always named per region
        (西青区有关部门, 天津市有关部门): the city's 有关部门 is not the district's."""
        if agency.collective and not agency.government:
            if not government:
                return agency.name, None
            gov = self.get(government)
            region = gov.region if gov is not None else _region_of(government)
            return (f"{region}{agency.name}" if region else agency.name), government
        if not government or self.get(government) is not None or agency.kind == "government":
            return agency.name, agency.government or None
        letter = agency.name[:1]
        if letter not in "市区县" or not agency.government:
            return agency.name, agency.government or None
        city, district = _split_region(_region_of(government) or "")
        if letter == "市" and city:
            return city + agency.name[1:], f"{city}人民政府"
        if letter in "区县" and district:
            return district + agency.name[1:], government
        return agency.name, agency.government or None

    def scoped_name(self, agency: Agency, government: str | None) -> str:
        """The canonical name only (see ``scoped``)."""
        return self.scoped(agency, government)[0]

    def is_known(self, name: str, government: str | None = None) -> bool:
        return self.resolve(name, government) is not None

    @staticmethod
    def looks_collective(name: str) -> bool:
        key = clean_name(name)
        return key in collective_phrases() or bool(COLLECTIVE_RE.search(key))

    @staticmethod
    def looks_like_agency(name: str) -> bool:
        key = clean_name(name)
        return len(key) >= 2 and bool(AGENCY_SUFFIX_RE.search(key))

    @staticmethod
    def looks_like_unit(name: str) -> bool:
        """An agency, or a place / body named as a unit (滨海新区, 东疆港): a short name
        with an organisation or place ending.  Used to accept unknown names as units."""
        key = clean_name(name)
        return 2 <= len(key) <= 30 and bool(AGENCY_SUFFIX_RE.search(key) or PLACE_SUFFIX_RE.search(key))


_CITY_RE = re.compile(r"^(.+?[市州盟])")
_DISTRICT_RE = re.compile(r"([^市州盟]+?[区县旗])$")


def _region_of(government: str) -> str | None:
    """宝林市瑞湖区人民政府 -> 宝林市瑞湖区 (None when it is not a 人民政府 name)."""
    region = government.removesuffix("人民政府")
    return region if region and region != government else None


def _split_region(region: str) -> tuple[str | None, str | None]:
    """宝林市瑞湖区 -> (宝林市, 瑞湖区); 宝林市 -> (宝林市, None)."""
    city = _CITY_RE.match(region)
    district = _DISTRICT_RE.search(region)
    return (city.group(1) if city else None), (district.group(1) if district else None)


@lru_cache(maxsize=1)
def directory() -> AgencyDirectory:
    """The directory built from the bundled data file (cached)."""
    return AgencyDirectory.load()
