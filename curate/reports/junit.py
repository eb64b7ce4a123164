"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI).

One test suite per file, one failing test case per error or warning (info findings are
passing cases with the message as output, so they show without failing the build), and
one passing case for a file with no findings, so clean files count too.
"""

from __future__ import annotations

import collections
import re
import xml.etree.ElementTree as ET
from typing import Any, Mapping, TextIO

from curate.reports._shared import findings_of
from curate.rules.base import Finding, Severity

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (control characters from a mojibake file)."""
    return _XML_INVALID.sub("\ufffd", text)


def _case(suite: ET.Element, f: Finding) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        classname=clean(f.path),
        name=clean(f"{f.code} {f.name} (line {f.line})"),
        file=clean(f.path),
        line=str(f.line),
    )
    detail = f"{f.path}:{f.line}:{f.column}: {f.code} {f.name}: {f.message}"
    for r in f.related:
        detail += f"\n  related: {r.path}:{r.line} {r.message}".rstrip()
    if f.severity == Severity.INFO:
        ET.SubElement(case, "system-out").text = clean(detail)
    else:
        failure = ET.SubElement(case, "failure", message=clean(f.message), type=f"{f.code} {f.severity}")
        failure.text = clean(detail)


def render(result: Any, out: TextIO, options: Mapping[str, Any] | None = None) -> None:
    findings = findings_of(result)
    by_file: dict[str, list[Finding]] = collections.defaultdict(list)
    for f in findings:
        by_file[f.path].append(f)
    corpus = getattr(result, "corpus", None)
    for doc in getattr(corpus, "documents", ()) or ():
        by_file.setdefault(doc.path, [])
    root = ET.Element("testsuites", name="curate")
    total = failures = 0
    for path in sorted(by_file):
        items = by_file[path]
        fails = sum(1 for f in items if f.severity != Severity.INFO)
        cases = max(len(items), 1)
        suite = ET.SubElement(
            root, "testsuite", name=clean(path), tests=str(cases), failures=str(fails), errors="0", skipped="0"
        )
        if items:
            for f in items:
                _case(suite, f)
        else:
            ET.SubElement(suite, "testcase", classname=clean(path), name="no findings", file=clean(path))
        total += cases
        failures += fails
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
