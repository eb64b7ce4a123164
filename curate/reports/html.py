"""One self-contained HTML page a curator opens in a browser.

Findings are a table grouped by file, filterable by severity, rule, file and text,
sortable by any column and shown a page at a time (a few lines of inline JavaScript; the
table is rendered here, so the page also reads without scripts). Each location leads to
the source: a click opens the lines around it in the page, and a link opens the file
itself (relative to the report, or on the repository's web page with ``repo_url``).
Duplicate clusters are shown side by side with the words that differ marked; two inline
SVG charts filter the table. Nothing is loaded from the network.
"""

from __future__ import annotations

import difflib
import html
import os
import re
from importlib import resources
from typing import Any, Mapping, Sequence, TextIO

from curate.reports._shared import (
    SEVERITIES,
    counts_by_file,
    counts_by_rule,
    duplicate_clusters,
    findings_of,
    option,
    problem_texts,
    rule_infos,
    severity_counts,
    summary_line,
)
from curate.rules.base import Finding, Severity

_COLOR = {Severity.ERROR: "#cf222e", Severity.WARNING: "#bf8700", Severity.INFO: "#0969da"}
_CHART_ROWS = 20
_ANSWER_CHARS = 1200
_CONTEXT = 2
"""Source lines shown above and below each finding."""


def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _asset(name: str) -> str:
    return resources.files("curate.reports").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def bar_chart(
    rows: Sequence[tuple[str, str, dict[Severity, int]]], kind: str, label_width: int = 230, bar_width: int = 300
) -> str:
    """A horizontal stacked bar chart as inline SVG; ``rows`` are (key, label, counts).
    Each bar carries ``data-filter-<kind>`` so a click filters the table."""
    height = 22
    total_max = max((sum(c.values()) for _, _, c in rows), default=1) or 1
    width = label_width + bar_width + 50
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height * len(rows) + 4}" '
        f'viewBox="0 0 {width} {height * len(rows) + 4}" role="img" aria-label="findings per {kind}">'
    ]
    for i, (key, label, counts) in enumerate(rows):
        y = i * height + 2
        shown_label = label if len(label) <= 32 else "…" + label[-31:]
        total = sum(counts.values())
        parts.append(f'<g class="bar" data-filter-{kind}="{esc(key)}"><title>{esc(label)}: {total}</title>')
        parts.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{esc(shown_label)}</text>')
        x = float(label_width)
        for severity in SEVERITIES:
            n = counts.get(severity, 0)
            if not n:
                continue
            w = bar_width * n / total_max
            parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{max(w, 1.5):.1f}" height="{height - 6}" rx="2" fill="{_COLOR[severity]}"/>')
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{total}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _legend() -> str:
    return '<div class="legend">' + "".join(
        f'<i style="background:{_COLOR[s]}"></i>{s}' for s in SEVERITIES
    ) + "</div>"


def _finding_row(f: Finding, file_id: int, link: str | None) -> str:
    extra = []
    for r in f.related:
        extra.append(f'<div class="extra">also at <code>{esc(r.path)}:{r.line}</code> {esc(r.message)}</div>')
    if f.fix is not None:
        kind = "fix" if f.fix.safe else "unsafe fix"
        desc = f.fix.description or f"replace with {f.fix.replacement!r}"
        extra.append(f'<div class="extra">{kind}: {esc(desc)}</div>')
    where = f"{f.path}:{f.line}:{f.column}"
    opener = f' <a class="open" href="{esc(link)}" title="open the file at this line">open</a>' if link else ""
    return (
        f'<tr class="finding" data-severity="{f.severity}" data-rule="{esc(f.code)}" data-file="{esc(f.path)}" '
        f'data-line="{f.line}">'
        f'<td><span class="sev {f.severity}">{f.severity}</span></td>'
        f'<td><span class="code">{esc(f.code)}</span><span class="name">{esc(f.name)}</span></td>'
        f'<td class="loc"><a class="goto" href="#src-{file_id}-{f.line}">{esc(where)}</a>{opener}</td>'
        f'<td>{esc(f.message)}{"".join(extra)}</td></tr>'
    )


def file_link(path: str, line: int, options: Mapping[str, Any] | None) -> str | None:
    """Where the file opens at ``line``: on the repository's web page (``repo_url``, with
    ``repo_ref``, default ``HEAD``), else relative to the folder the report is written to
    (``report_dir``), else None (a report on standard output has no place to be relative to)."""
    repo = option(options, "repo_url", None)
    if repo:
        ref = option(options, "repo_ref", None) or "HEAD"
        return f"{str(repo).rstrip('/')}/blob/{ref}/{path.lstrip('./')}#L{line}"
    folder = option(options, "report_dir", None)
    if folder is None:
        return None
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(folder)).replace(os.sep, "/")
    return f"{rel}#L{line}"


def source_excerpts(result: Any, findings: Sequence[Finding], ids: Mapping[str, int]) -> str:
    """Per file with findings, the lines around them, numbered, each line an anchor the
    finding rows lead to (hidden until asked for, so a large report stays short)."""
    corpus = getattr(result, "corpus", None)
    docs = {d.path: d for d in getattr(corpus, "documents", ()) or ()}
    wanted: dict[str, set[int]] = {}
    for f in findings:
        doc = docs.get(f.path)
        if doc is None:
            continue
        last = f.end_line or f.line
        for n in range(max(1, f.line - _CONTEXT), min(doc.line_count, last + _CONTEXT) + 1):
            wanted.setdefault(f.path, set()).add(n)
    parts = []
    for path in sorted(wanted):
        doc, fid = docs[path], ids[path]
        parts.append(f'<details class="source" id="src-{fid}" data-file="{esc(path)}"><summary>{esc(path)}</summary><pre>')
        previous = 0
        for n in sorted(wanted[path]):
            if previous and n > previous + 1:
                parts.append('<span class="gap">⋯</span>\n')
            parts.append(f'<span class="srcline" id="src-{fid}-{n}"><i>{n}</i>{esc(doc.line(n))}</span>\n')
            previous = n
        parts.append("</pre></details>")
    return "".join(parts)


def marked_words(text: str, other: str) -> str:
    """``text`` escaped, with the words that ``other`` lacks (or has differently) marked."""
    a, b = re.split(r"(\s+)", text), re.split(r"(\s+)", other)
    out = []
    for op, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        chunk = esc("".join(a[i1:i2]))
        out.append(chunk if op == "equal" or not chunk.strip() else f"<mark>{chunk}</mark>")
    return "".join(out)


def _common_folder(paths: Sequence[str]) -> str:
    """The folder prefix ("examples/notes/") all paths share, so chart labels stay short."""
    if not paths:
        return ""
    parts = [p.split("/")[:-1] for p in paths]
    common = []
    for items in zip(*parts):
        if len(set(items)) != 1:
            break
        common.append(items[0])
    return "/".join(common) + "/" if common else ""


def _select(id_: str, label: str, values: Sequence[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in values)
    return f'<label>{esc(label)}<select id="{id_}"><option value="">all</option>{opts}</select></label>'


def render(result: Any, out: TextIO, options: Mapping[str, Any] | None = None) -> None:
    findings = findings_of(result)
    infos = rule_infos(result, findings)
    title = option(options, "title", "curate report")
    counts = severity_counts(findings)
    by_rule = counts_by_rule(findings)
    by_file = counts_by_file(findings)
    corpus = getattr(result, "corpus", None)
    n_files = len(getattr(corpus, "documents", ()) or ()) or len(by_file)
    n_records = sum(len(d.records) for d in getattr(corpus, "documents", ()) or ())
    baseline = option(options, "baseline", None)

    w = out.write
    w("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    w(f"<title>{esc(title)}</title>\n<style>\n{_asset('report.css')}</style>\n</head>\n<body>\n")
    sub = summary_line(findings)
    if getattr(result, "as_of", None) is not None:
        sub += f" · claims judged as of {result.as_of}"
    if baseline is not None:
        sub += f" · baseline: {baseline.summary()}"
    w(f"<header><h1>{esc(title)}</h1><p>{esc(sub)}</p></header>\n<main>\n")

    w('<section class="cards">')
    for severity in SEVERITIES:
        w(f'<div class="card {severity}"><b>{counts[severity]}</b><span>{severity}</span></div>')
    w(f'<div class="card"><b>{len(by_rule)}</b><span>rules triggered</span></div>')
    w(f'<div class="card"><b>{n_files}</b><span>files</span></div>')
    if n_records:
        w(f'<div class="card"><b>{n_records}</b><span>records</span></div>')
    w("</section>\n")

    if findings:
        rule_rows = sorted(by_rule.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:_CHART_ROWS]
        file_counts: dict[str, dict[Severity, int]] = {}
        for f in findings:
            file_counts.setdefault(f.path, {s: 0 for s in SEVERITIES})[f.severity] += 1
        prefix = _common_folder(list(by_file))
        file_rows = [(p, p[len(prefix):], file_counts[p]) for p in list(by_file)[:_CHART_ROWS]]
        w('<section class="charts">')
        w('<div class="chart" id="chart-rules"><h3>Findings per rule</h3>')
        w(bar_chart([(c, f"{c} {infos[c].name if c in infos else ''}", v) for c, v in rule_rows], "rule"))
        w(_legend() + "</div>")
        more = f" (top {_CHART_ROWS} of {len(by_file)})" if len(by_file) > _CHART_ROWS else ""
        under = f" in {esc(prefix)}" if prefix else ""
        w(f'<div class="chart" id="chart-files"><h3>Findings per file{under}{more}</h3>')
        w(bar_chart(file_rows, "file") + _legend() + "</div>")
        w("</section>\n")

    w("<h2>Findings</h2>\n")
    w('<section class="filters">')
    w(_select("filter-severity", "Severity", [(str(s), str(s)) for s in SEVERITIES if counts[s]]))
    w(_select("filter-rule", "Rule", [(c, f"{c} {infos[c].name if c in infos else ''}") for c in by_rule]))
    w(_select("filter-file", "File", [(p, p) for p in sorted(by_file)]))
    w('<label>Text<input id="filter-text" type="search" placeholder="words in the message"></label>')
    w('<button id="filter-reset" type="button">Reset</button>')
    w(f'<span id="shown">{len(findings)} of {len(findings)} findings shown</span></section>\n')
    w('<table id="findings"><thead><tr><th data-sort="severity">Severity</th><th data-sort="rule">Rule</th>'
      '<th data-sort="location">Location</th><th data-sort="message">Message</th></tr></thead><tbody>\n')
    ids = {path: i for i, path in enumerate(sorted({f.path for f in findings}))}
    current = None
    for f in findings:
        if f.path != current:
            current = f.path
            w(f'<tr class="group" data-file="{esc(f.path)}"><th colspan="4">{esc(f.path)} '
              f'<span>{by_file.get(f.path, 0)}</span></th></tr>\n')
        w(_finding_row(f, ids[f.path], file_link(f.path, f.line, options)) + "\n")
    w("</tbody></table>\n")
    w('<p class="pager" id="pager" hidden><button id="more" type="button">Show more</button></p>\n')
    w('<p class="empty" id="no-match" hidden>No finding matches these filters.</p>\n')
    if findings:
        w('<h2 id="sources">Source</h2>\n<section class="sources">' + source_excerpts(result, findings, ids) + "</section>\n")
    if not findings:
        w('<p class="empty">No findings. </p>\n')

    clusters = duplicate_clusters(result, findings)
    if clusters:
        w(f'<h2 id="duplicates">Duplicate clusters ({len(clusters)})</h2>\n')
        for codes, members in clusters:
            names = ", ".join(f"{c} {infos[c].name}" if c in infos else c for c in codes.split("/"))
            w(f'<div class="cluster" data-rule="{esc(codes)}"><h3>{esc(names)} · {len(members)} places</h3><div class="members">')
            first = members[0]
            for i, m in enumerate(members):
                answer = m.answer if len(m.answer) <= _ANSWER_CHARS else m.answer[:_ANSWER_CHARS] + " …"
                other = members[1] if i == 0 and len(members) > 1 else first
                question = marked_words(m.question, other.question) if len(members) > 1 else esc(m.question)
                w(f'<div class="member"><div class="loc">{esc(m.path)}:{m.line}</div><div class="q">{question}</div>')
                if answer:
                    w(f"<pre>{marked_words(answer, other.answer) if len(members) > 1 else esc(answer)}</pre>")
                w("</div>")
            w("</div></div>\n")

    if baseline is not None and baseline.fixed:
        w(f"<h2>Fixed since the baseline ({len(baseline.fixed)})</h2>\n<ul class=\"problems\">")
        for e in baseline.fixed:
            w(f"<li><code>{esc(e.code)}</code> {esc(e.path)}:{e.line} {esc(e.message)}</li>")
        w("</ul>\n")
    problems = problem_texts(result)
    if problems:
        w('<h2>Warnings</h2>\n<ul class="problems">')
        for text in problems:
            w(f"<li>{esc(text)}</li>")
        w("</ul>\n")
    w(f"</main>\n<script>\n{_asset('report.js')}</script>\n</body>\n</html>\n")
