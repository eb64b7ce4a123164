"""The HTML report: one self-contained file, checked in real headless Chromium (filters
hide rows, charts and duplicate clusters render) with a screenshot."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from reports_helpers import SEEDS, FakeResult, seed_result

from curate.reports import html

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def render(result, options=None) -> str:
    buf = io.StringIO()
    html.render(result, buf, options or {})
    return buf.getvalue()


def test_html_is_self_contained_and_escaped() -> None:
    page = render(seed_result())
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing loaded from the network
    assert "<script src" not in page and "<link " not in page
    assert "&lt;should be&gt;" in page and "<should be>" not in page
    assert page.count('<tr class="finding"') == 7
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'data-filter-rule="QA101"' in page
    assert 'class="cluster"' in page


def test_every_finding_links_to_its_source_lines_and_the_file() -> None:
    result = seed_result()
    page = render(result, {"report_dir": str(SEEDS.parent)})
    assert 'id="src-' in page
    anchors = re.findall(r'href="#(src-\d+-\d+)"', page)
    assert len(anchors) == 7 and all(f'id="{a}"' in page for a in anchors)
    assert 'class="open" href="genai-notes/' in page  # relative to the report's folder
    on_web = render(result, {"repo_url": "https://example.org/team/notes", "repo_ref": "main"})
    assert 'href="https://example.org/team/notes/blob/main/' in on_web
    assert 'class="open"' not in render(result)  # on standard output: nothing to be relative to


def test_duplicate_members_mark_the_words_that_differ() -> None:
    assert html.marked_words("how to prevent overfitting", "ways to prevent overfitting") == (
        "<mark>how</mark> to prevent overfitting")
    assert "<mark>" not in html.marked_words("same words", "same words")


def test_html_of_a_clean_run() -> None:
    page = render(FakeResult(findings=[], corpus=seed_result().corpus))
    assert "No findings." in page and "<svg" not in page


def test_html_in_headless_chromium(tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    report = tmp_path / "report.html"
    report.write_text(render(seed_result()), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(report.as_uri())
            rows = page.locator("tr.finding")
            assert rows.count() == 7
            assert page.locator("tr.finding:visible").count() == 7
            assert "mojibake" in page.locator("#findings").inner_text()
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
            assert (tmp_path / "report.png").stat().st_size > 10_000

            page.select_option("#filter-rule", "QA101")
            assert page.locator("tr.finding:visible").count() == 3
            assert set(page.locator("tr.finding:visible").evaluate_all("rs => rs.map(r => r.dataset.rule)")) == {"QA101"}
            assert page.inner_text("#shown") == "3 of 7 findings shown"

            page.click("#filter-reset")
            page.select_option("#filter-severity", "info")
            assert page.locator("tr.finding:visible").count() == 1
            page.click("#filter-reset")
            files = page.locator("#filter-file option").evaluate_all("os => os.map(o => o.value)")
            page.select_option("#filter-file", files[1])
            visible = page.locator("tr.finding:visible").evaluate_all("rs => rs.map(r => r.dataset.file)")
            assert visible and set(visible) == {files[1]}

            page.click("#filter-reset")
            page.fill("#filter-text", "pipes")
            assert page.locator("tr.finding:visible").count() == 1
            page.fill("#filter-text", "no such words anywhere")
            assert page.locator("tr.finding:visible").count() == 0
            assert page.locator("#no-match").is_visible()

            page.click("#filter-reset")
            page.click('#chart-rules [data-filter-rule="QA201"]')
            assert page.locator("tr.finding:visible").count() == 2

            # a location leads to its source line, in one click
            first = page.locator("tr.finding a.goto").first
            target = first.get_attribute("href")[1:]
            first.click()
            line = page.locator(f"#{target}")
            assert line.is_visible() and "target" in line.get_attribute("class")
            assert line.evaluate("el => el.closest('details').open")
            row_line = page.locator("tr.finding").first.get_attribute("data-line")
            assert line.inner_text().strip().startswith(row_line)

            # sorting by rule puts the rows in rule order and hides the file headers
            page.click('#findings th[data-sort="rule"]')
            order = page.locator("tr.finding:visible").evaluate_all("rs => rs.map(r => r.dataset.rule)")
            assert order == sorted(order) and page.locator("tr.group:visible").count() == 0
            page.click('#findings th[data-sort="rule"]')
            order = page.locator("tr.finding:visible").evaluate_all("rs => rs.map(r => r.dataset.rule)")
            assert order == sorted(order, reverse=True)

            members = page.locator(".cluster .member")
            assert members.count() == 2
            box_a, box_b = members.nth(0).bounding_box(), members.nth(1).bounding_box()
            assert box_a and box_b and box_b["x"] > box_a["x"]  # side by side
            assert errors == []
        finally:
            browser.close()
