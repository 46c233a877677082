"""Extractions to and from JSON, so a document's extraction is kept until its text changes."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from kg.model import Alias, Candidate, Evidence, Extraction, Mention, MentionKind, TypeHint


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    return asdict(extraction)


def _mention(d: dict[str, Any]) -> Mention:
    return Mention(d["text"], d["start"], d["end"], d["label"], MentionKind(d["kind"]),
                   d["number"])


def extraction_from_json(data: dict[str, Any]) -> Extraction:
    return Extraction(
        doc_id=data["doc_id"],
        sentences=data["sentences"],
        mentions=tuple(_mention(m) for m in data["mentions"]),
        candidates=tuple(Candidate(_mention(c["subject"]), c["relation"], _mention(c["object"]),
                                   Evidence(**c["evidence"]), c["canonical"])
                         for c in data["candidates"]),
        aliases=tuple(Alias(_mention(a["first"]), _mention(a["second"]), a["reason"])
                      for a in data["aliases"]),
        hints=tuple(TypeHint(_mention(h["mention"]), h["label"], h["weight"], h["reason"])
                    for h in data["hints"]),
    )
