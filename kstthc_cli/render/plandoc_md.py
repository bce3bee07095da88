"""The decision issuing the plan, its plan table and appendix, as Markdown (pandoc reads it).

Laid out from ``compute.plandoc.PlanDoc``; every text from the files goes through ``md_text``,
so the plan's words stay words (a ``*`` or a leading ``1.`` never becomes Markdown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kstthc_cli.render.report_md import md_text

if TYPE_CHECKING:
    from kstthc_cli.compute.plandoc import PlanDoc
    from kstthc_cli.compute.report import Header


def _t(text: str) -> str:
    return md_text(text)


def _c(text: str) -> str:
    return md_text(text, cell=True) if text.strip() else ""


def _bold(text: str) -> str:
    return f"**{text}**" if text else ""


def header_lines(h: Header) -> list[str]:
    """NĐ 30's two-column header as a pipe table, as the report's template lays it out."""
    if h.parent_body:
        lines = [
            f"| {_c(h.parent_body)} | **{_c(h.country)}** |",
            "|:---:|:---:|",
            f"| **{_c(h.issuing_body)}** | **{_c(h.motto)}** |",
        ]
    else:
        lines = [
            f"| **{_c(h.issuing_body)}** | **{_c(h.country)}** |",
            "|:---:|:---:|",
            f"|  | **{_c(h.motto)}** |",
        ]
    return [*lines, f"| {_c(h.number)} | *{_c(h.place_date)}* |"]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render(doc: PlanDoc) -> str:
    """The whole document: the decision, then the plan, then the appendix."""
    out: list[str] = [*header_lines(doc.header), ""]
    out += [f"# {_t(doc.title)}", "", _bold(_t(doc.summary)), "", _bold(_t(doc.authority)), ""]
    for basis in doc.bases:
        out += [f"*{_t(basis)}*", ""]
    if doc.proposal:
        out += [f"*{_t(doc.proposal)}*", ""]
    out += [f"## {_t(doc.decides)}", ""]
    for article in doc.articles:
        out += [f"**{_t(article.label)}** {_t(article.text)}", ""]
    out += ["**Nơi nhận:**", ""]
    out += [f"- {_t(r)}" for r in doc.recipients]
    out.append("")
    sig = doc.signature
    *above, last = sig.lines
    out += [f"**{_t(line)}**\\" for line in above]
    out += [f"**{_t(last)}**", ""]
    if sig.name:
        out += [f"**{_t(sig.name)}**", ""]

    out += ["---", "", f"# {_t(doc.plan_title)}", "", _bold(_t(doc.plan_subtitle)), ""]
    out += [f"*{_t(doc.plan_attached)}*", ""]
    out += [_row([f"**{_c(c)}**" for c in doc.plan_columns]), "|:---:|:---|:---|:---|:---:|"]
    for r in doc.rows:
        if r.kind == "section":
            out.append(_row([f"**{_c(r.id)}**", f"**{_c(r.content)}**", "", "", ""]))
        else:
            results = " ".join(_c(o) for o in r.outputs)
            out.append(
                _row([_c(r.id), _c(r.content), results, _c(r.responsibility), _c(r.timeframe)])
            )
    out.append("")

    out += ["---", "", f"## {_t(doc.appendix)}", "", _bold(_t(doc.appendix_title)), ""]
    out += [f"### {_t(doc.rule_heading)}", ""]
    for paragraph in doc.rule:
        out += [_t(paragraph), ""]
    out += [f"### {_t(doc.list_heading)}", ""]
    out += [_row([f"**{_c(c)}**" for c in doc.indicator_columns]), "|:---:|:---|:---:|:---:|:---|"]
    for i in doc.indicators:
        out.append(_row([_c(i.id), _c(i.name), _c(i.unit), _c(i.target), _c(i.responsibility)]))
    return "\n".join(out).rstrip("\n") + "\n"
