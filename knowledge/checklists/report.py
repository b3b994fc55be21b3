"""Plain-text report of a checklist result (the CLI without ``--json``).

Labels are English (a maintainer's tool); document names, conditions and reasons are shown in
the chosen language (``kk`` or ``ru``), Kazakh where no Russian exists.
"""

from __future__ import annotations


def _pick(entry: dict, key: str, lang: str) -> str:
    other = "kk" if lang == "ru" else "ru"
    return entry.get(f"{key}_{lang}") or entry.get(f"{key}_{other}") or ""


def _cite(citation: dict) -> str:
    if not citation:
        return ""
    bits = []
    if citation.get("paragraph"):
        bits.append(f"p. {citation['paragraph']}")
    if citation.get("subitem"):
        bits.append(f"sub-item {citation['subitem']}")
    lines = citation.get("source_lines") or []
    if lines:
        bits.append(f"{citation.get('source', 'source')} lines {lines[0]}-{lines[-1]}")
    return ", ".join(bits)


def render(result: dict, lang: str = "ru") -> str:
    out = []
    head = f"[{result.get('id')}] " if result.get("id") is not None else ""
    out.append(f"{head}service: {result.get('service_id')}  case: {result.get('case')}  "
               f"applicant: {result.get('applicant')}  channel: {result.get('channel')}")
    out.append(f"source: {result.get('source')}")
    if result.get("error"):
        out.append(f"error: {result['error']}")
    if result.get("source") == "standard_reference":
        ref = result.get("reference") or {}
        if ref:
            out.append(f"The regulation does not list the documents; it refers to paragraph "
                       f"{ref.get('standard_paragraph')} of the service standard "
                       f"({_cite(ref)}): «{ref.get('quote', '')}»")
        for w in result.get("warnings") or []:
            out.append(f"warning: {w}")
        return "\n".join(out)
    out.append("verdict: " + ("COMPLETE" if result.get("complete") else "INCOMPLETE"))
    if result.get("missing"):
        out.append("missing:")
        for m in result["missing"]:
            cond = _pick(m, "condition", lang)
            out.append(f"  - {_pick(m, 'name', lang)}" + (f" ({cond})" if cond else ""))
            cite = _cite(m.get("citation") or {})
            if cite:
                out.append(f"      [{cite}]")
    if result.get("present"):
        out.append("present:")
        for p in result["present"]:
            out.append(f"  + {_pick(p, 'name', lang) or p['id']}  <- {p['from']}")
    if result.get("not_required"):
        out.append("not required here:")
        for n in result["not_required"]:
            out.append(f"  ~ {_pick(n, 'name', lang) or n['id']}: {_pick(n, 'why', lang)}")
    if result.get("open_conditions"):
        out.append("to ask:")
        for c in result["open_conditions"]:
            out.append(f"  ? {_pick(c, 'question', lang)}")
    if result.get("unrecognised"):
        out.append("not recognised: " + "; ".join(map(str, result["unrecognised"])))
    for w in result.get("warnings") or []:
        out.append(f"warning: {w}")
    return "\n".join(out)
