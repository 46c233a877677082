"""Extractions to and from JSON, so a document's extraction is kept until its text changes."""

from __future__ import annotations

import json
from typing import Any

from kg.model import (
    Alias,
    Candidate,
    Evidence,
    Extraction,
    Mention,
    MentionKind,
    Quote,
    TypeHint,
)


def _mention_json(m: Mention) -> dict[str, Any]:
    return {"text": m.text, "start": m.start, "end": m.end, "label": m.label,
            "kind": m.kind.value, "number": m.number}


def _evidence_json(e: Evidence) -> dict[str, Any]:
    return {"doc_id": e.doc_id, "start": e.start, "end": e.end, "sentence": e.sentence,
            "rule": e.rule, "confidence": e.confidence, "modality": e.modality,
            "time_text": e.time_text, "cues": e.cues}


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    """Plain data, written field by field (``dataclasses.asdict`` deep-copies and is slow)."""
    return {
        "doc_id": extraction.doc_id,
        "sentences": extraction.sentences,
        "mentions": [_mention_json(m) for m in extraction.mentions],
        "candidates": [{"subject": _mention_json(c.subject), "relation": c.relation,
                        "object": _mention_json(c.object),
                        "evidence": _evidence_json(c.evidence), "canonical": c.canonical}
                       for c in extraction.candidates],
        "aliases": [{"first": _mention_json(a.first), "second": _mention_json(a.second),
                     "reason": a.reason} for a in extraction.aliases],
        "hints": [{"mention": _mention_json(h.mention), "label": h.label, "weight": h.weight,
                   "reason": h.reason, "noun": h.noun} for h in extraction.hints],
        "quotes": [{"speaker": q.speaker and _mention_json(q.speaker), "text": q.text,
                    "start": q.start, "end": q.end, "direct": q.direct, "cue": q.cue,
                    "mentions": [_mention_json(m) for m in q.mentions],
                    "evidence": _evidence_json(q.evidence)} for q in extraction.quotes],
    }


def encode_extraction(extraction: Extraction) -> str:
    """The JSON text of an extraction, as the store's cache keeps it."""
    return json.dumps(extraction_to_json(extraction), ensure_ascii=False)


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
        hints=tuple(TypeHint(_mention(h["mention"]), h["label"], h["weight"], h["reason"],
                             h.get("noun", "")) for h in data["hints"]),
        quotes=tuple(Quote(q["speaker"] and _mention(q["speaker"]), q["text"], q["start"],
                           q["end"], q["direct"], q["cue"],
                           tuple(_mention(m) for m in q["mentions"]), Evidence(**q["evidence"]))
                     for q in data.get("quotes", ())),
    )
