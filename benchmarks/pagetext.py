"""How much of a web page's article text kg keeps, and how much of what it keeps is article.

A corpus of saved pages with the article text expected from each (``html/NAME.html`` and
``text/NAME.txt``, as newspaper3k's test pages come) is read three ways: trafilatura's default
extraction alone, kg's page reader (the document's text), and the paragraphs kg parses (page
furniture dropped). For each page whose expected text is English and at least 100 words long,
recall is the share of the expected words kept and precision the share of the words kept that
are expected (words lower-cased, counted with multiplicity); the means over the pages are
printed, then the worst pages.

    python benchmarks/pagetext.py CORPUS [--worst 15]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from kg.documents import paragraphs
from kg.sources import ReadOptions, Skipped
from kg.sources.html import read
from kg.sources.language import Guesser

_WORD = re.compile(r"\w+")
MIN_WORDS = 100


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def overlap(expected: Counter[str], kept: Counter[str]) -> tuple[float, float]:
    """(recall, precision) of the words ``kept`` against those ``expected``.

    >>> overlap(Counter("a b b c".split()), Counter("a b x".split()))
    (0.5, 0.6666666666666666)
    """
    common = sum((expected & kept).values())
    return (common / max(1, sum(expected.values())),
            common / sum(kept.values()) if kept else 0.0)


def texts(page: Path) -> dict[str, str]:
    """The page's text as trafilatura alone, kg's reader and kg's parse see it."""
    import trafilatura

    read_whole = [d for d in read(page, ReadOptions()) if not isinstance(d, Skipped)]
    document = read_whole[0].text if read_whole else ""
    return {"trafilatura": trafilatura.extract(page.read_bytes()) or "",
            "kg document": document,
            "kg parsed": "\n".join(p.text for p in paragraphs(document))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder with html/ and text/")
    parser.add_argument("--worst", type=int, default=15, help="pages listed, worst first")
    args = parser.parse_args()
    guesser = Guesser()
    scores: dict[str, list[tuple[str, float, float]]] = {}
    for expected_file in sorted((args.corpus / "text").glob("*.txt")):
        page = args.corpus / "html" / f"{expected_file.stem}.html"
        expected_text = expected_file.read_text(encoding="utf-8", errors="replace")
        guess = guesser.guess(expected_text)
        if not page.exists() or len(expected_text.split()) < MIN_WORDS or \
                guess is None or guess.code != "en":
            continue
        expected = words(expected_text)
        for way, text in texts(page).items():
            recall, precision = overlap(expected, words(text))
            scores.setdefault(way, []).append((expected_file.stem, recall, precision))
    for way, rows in scores.items():
        print(f"{way:12s} pages {len(rows)}  recall {sum(r for _, r, _ in rows) / len(rows):.3f}"
              f"  precision {sum(p for _, _, p in rows) / len(rows):.3f}")
    rows = scores.get("kg parsed", [])
    print("\nworst pages (kg parsed), by the lower of recall and precision:")
    for name, recall, precision in sorted(rows, key=lambda r: min(r[1], r[2]))[:args.worst]:
        print(f"  {name:30s} recall {recall:.2f}  precision {precision:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
