"""results.json keeps one shape; the docs table marks missing pages and missed targets."""

import json

from bench.results import (
    MARK_END,
    MARK_START,
    PAGE_FIELDS,
    TOP_FIELDS,
    PageRun,
    build_results,
    render_table,
    replace_generated,
)


def _runs():
    ceiling = PageRun("halsa", "Ramverkstak", "ok", "health", p50_ms=1.0, p95_ms=1.5,
                      p99_ms=2.0, rps=1000.0, queries=0, scale_ratio=1.0)
    fast = PageRun("desk", "Skrivbord", "ok", "start", p50_ms=10.0, p95_ms=20.0, p99_ms=30.0,
                   rps=400.0, queries=7, scale_ratio=1.1111)
    slow = PageRun("search", "Sökning", "ok", "programs:search", p50_ms=120.0, p95_ms=180.0,
                   p99_ms=200.0, rps=100.0, queries=5, scale_ratio=2.0)
    missing = PageRun("matrix", "Matris", "saknas")
    return ceiling, [fast, slow, missing]


def _results():
    ceiling, pages = _runs()
    return build_results(date="2026-11-23 12:00 UTC", machine="2 × test CPU", pages=pages,
                         ceiling=ceiling, sweep_s=0.5, pdf_10_pages_s=None, export_50_s=None,
                         worker_rss_mb=120.04)


def test_shape_is_exactly_the_issue_shape():
    results = _results()
    assert tuple(results) == TOP_FIELDS
    assert set(results["pages"]) == {"halsa", "desk", "search", "matrix"}
    for figures in results["pages"].values():
        assert tuple(figures) == PAGE_FIELDS
    json.dumps(results)  # serialisable as it is


def test_ratios_and_nulls():
    pages = _results()["pages"]
    assert pages["desk"]["ceiling_ratio"] == 0.4
    assert pages["desk"]["scale_ratio"] == 1.111
    assert pages["search"]["scale_ratio"] == 2.0
    assert pages["halsa"]["ceiling_ratio"] == 1.0
    assert all(v is None for v in pages["matrix"].values())
    assert _results()["ceiling_rps"] == 1000.0
    assert _results()["worker_rss_mb"] == 120.0


def test_table_marks_missing_pages_and_missed_targets():
    ceiling, pages = _runs()
    table = render_table(_results(), [ceiling, *pages])
    matrix = next(line for line in table.splitlines() if line.startswith("| Matris"))
    assert "saknas" in matrix
    search = next(line for line in table.splitlines() if line.startswith("| Sökning"))
    assert "p95 180 ms > 150 ms" in search and "10 y / 1 y 2.00 > 1.3" in search
    desk = next(line for line in table.splitlines() if line.startswith("| Skrivbord"))
    assert desk.rstrip().endswith("| met |")
    assert "1000.0 req/s" in table


def test_sweep_scaling_line_only_when_both_sweeps_ran():
    ceiling, pages = _runs()
    results = {**_results(), "sweep_s": 0.6}
    table = render_table(results, [ceiling, *pages], sweep_1y_s=0.5)
    assert "The same sweep at one year (about 20 000 open rows, 1 000 due): 0.50 s; " \
           "10 y / 1 y 1.20." in table
    assert "The same sweep at one year" not in render_table(results, [ceiling, *pages])


def test_generated_block_is_replaced_not_duplicated():
    doc = "# Performance\n\nIntro.\n"
    once = replace_generated(doc, "table one\n")
    twice = replace_generated(once + "\nHand-written notes.\n", "table two\n")
    assert twice.count(MARK_START) == 1 and twice.count(MARK_END) == 1
    assert "table two" in twice and "table one" not in twice
    assert "Intro." in twice and "Hand-written notes." in twice
