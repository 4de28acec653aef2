"""The benchmark's harness (``make bench``): the synthetic site, its catalogs, the measuring,
the table and the JSON. No figure is asserted here; speed lives in ``make bench``."""

from __future__ import annotations

import json
import sys

import pytest
import yaml
from babel.messages.pofile import read_po

from benchmarks import run, sitegen
from benchmarks.harness import (
    CommandFailed,
    Figure,
    Sample,
    format_table,
    run_processes,
    write_json,
)
from dassco_ext.testing import assert_no_warnings, html_of, main_of


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A 3-page synthetic site with its Danish catalogs (one real gettext build)."""
    return sitegen.make_site(tmp_path_factory.mktemp("bench") / "site", 3)


def _front_matter(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1]), text


def test_site_has_n_pages_shaped_like_about(site):
    src = site / "src"
    pages = sorted(p.stem for p in src.glob("page-*.md"))
    assert pages == ["page-0001", "page-0002", "page-0003"]
    for name in pages:
        data, text = _front_matter(src / f"{name}.md")
        assert {"title", "description", "background", "imageAlt", "imageLicense", "height",
                "preTitle", "cta", "permalink", "lang-ref", "brief"} <= set(data)
        assert data["permalink"] == data["lang-ref"] == name
        assert (src / data["background"]).is_file()
        assert "\n## " in text and "\n### " in text
        assert "{: .button .is-primary}" in text and "](/page-" in text
    index, text = _front_matter(src / "index.md")
    assert index["permalink"] == "/"
    assert all(f"\n{name}\n" in text for name in pages)  # the toctree lists every page
    plain = (site / "plain" / "conf.py").read_text()
    assert "dassco_ext" not in plain and "myst_parser" in plain


def test_every_page_has_a_complete_danish_catalog(site):
    catalogs = site / "locale" / "da" / "LC_MESSAGES"
    assert sorted(p.stem for p in catalogs.glob("*.po")) == ["index", "page-0001", "page-0002", "page-0003"]
    for po_file in catalogs.glob("*.po"):
        with (site / "pot" / f"{po_file.stem}.pot").open("rb") as handle:
            template = {m.id for m in read_po(handle) if m.id}
        with po_file.open("rb") as handle:
            catalog = read_po(handle, locale="da")
        messages = {m.id: m.string for m in catalog if m.id}
        assert set(messages) == template  # every msgid of the gettext build, no other
        assert all(s and s != i for i, s in messages.items())  # all translated
    with (catalogs / "page-0001.po").open("rb") as handle:
        buttons = next(m.string for m in read_po(handle) if "{: .button" in m.id)
    assert "](/page-0002){: .button .is-primary}" in buttons  # links and attribute lists kept


def test_translate_keeps_markdown_structure():
    assert sitegen.translate("See [the data](/data-one){: .button} and `code` <https://a.example/o>") == (
        "Sææ [thæ dåtå](/data-one){: .button} ånd `code` <https://a.example/o>"
    )


def test_danish_build_uses_the_catalogs_and_the_probe_counts_reads(site, make_app):
    app = make_app("html", srcdir=site / "src", confoverrides={"language": "da"}, freshenv=True)
    app.build()
    assert_no_warnings(app)
    page = main_of(html_of(app, "page-0001"))
    assert "Whåt is cøllæctiøn 1?" in page.get_text()
    buttons = page.select("a.dassco-button.sd-btn-primary[href='page-0002.html']")
    assert "Cåll tø åctiøn" in [b.get_text(strip=True) for b in buttons]  # the body's button
    reread = json.loads((app.doctreedir / "reread.json").read_text())
    assert reread == ["index", "page-0001", "page-0002", "page-0003"]


def test_edit_one_msgstr_changes_exactly_one_message(site):
    po_file = site / "locale" / "da" / "LC_MESSAGES" / "page-0002.po"
    with po_file.open("rb") as handle:
        before = {m.id: m.string for m in read_po(handle) if m.id}
    msgid = sitegen.edit_one_msgstr(po_file, "rettet")
    with po_file.open("rb") as handle:
        after = {m.id: m.string for m in read_po(handle) if m.id}
    assert [i for i in before if before[i] != after[i]] == [msgid]
    assert after[msgid] == before[msgid] + " (rettet)"


def test_brief_probe_agrees_with_sphinx_registry(site, make_app):
    app = make_app("dummy", srcdir=site / "src", freshenv=True)
    expected = "brief" in app.registry.builders
    assert run.has_brief_builder(run.Site(site, 3)) is expected


def test_dassco_builds_run_in_workers_with_the_heap_measure_and_without(site):
    """The figures are taken with the heap measure where it lives (the build workers of
    ``make html``, tests/test_heap.py), and also without it; the plain stack is plain
    ``sphinx-build``."""
    import subprocess

    bench_site = run.Site(site, 3)
    for variant, frozen in (("dassco", True), ("unfrozen", False)):
        command = bench_site.command(variant, "en", "dummy")
        assert command[1:3] == ["-m", "dassco_ext.cli.worker"]
        assert ("--no-freeze-heap" not in command) is frozen
        subprocess.run(command, capture_output=True, text=True, check=True)
    plain = bench_site.command("plain", "en")
    assert plain[1:3] == ["-m", "sphinx"] and "-c" in plain


def test_run_processes_measures_memory_and_reports_failures(tmp_path):
    grow = [sys.executable, "-c", "b = bytearray(80 * 1024 * 1024); import sys; print('WARNING: x', file=sys.stderr)"]
    sample = run_processes([grow, grow], tmp_path / "logs")
    assert sample.peak_mb >= 80  # the largest process
    assert sample.tree_peak_mb >= 160  # both, running together
    assert sample.warnings == 2
    with pytest.raises(CommandFailed, match="exited 3"):
        run_processes([[sys.executable, "-c", "raise SystemExit(3)"]], tmp_path / "fail")


def test_table_and_json(tmp_path):
    def sample(seconds):
        return Sample(seconds=seconds, cpu_seconds=seconds, peak_mb=100, tree_peak_mb=100, warnings=0)

    figure = Figure("overhead", 300, samples=[sample(2.0), sample(9.0), sample(2.2)],
                    baseline=[sample(2.0)] * 3, baseline_name="plain", target="ratio <= 1.05", ok=False)
    assert figure.seconds == 2.2  # the median, not the mean
    assert figure.ratio == pytest.approx(1.1)
    text = format_table([figure])
    assert "overhead" in text and "1.10" in text and "NO" in text
    assert format_table([figure], markdown=True).startswith("| figure | N | seconds |")
    path = write_json([figure], tmp_path, {"cpus": 2})
    data = json.loads(path.read_text())
    assert json.loads((tmp_path / "latest.json").read_text()) == data
    assert data["meta"] == {"cpus": 2}
    assert data["figures"][0]["ratio"] == pytest.approx(1.1)
    assert len(data["figures"][0]["samples"]) == 3


def test_ratios_pair_each_run_with_its_neighbour():
    """The machine's speed drifts between runs: each pair sees one speed, so the ratio is
    the median of the pairs' ratios (1.2, 1.1, 1.2 here), not the ratio of the medians
    (22 / 20 = 1.1)."""
    def samples(*seconds: float) -> list[Sample]:
        return [Sample(seconds=s, cpu_seconds=s, peak_mb=1, tree_peak_mb=1, warnings=0) for s in seconds]

    drifting = Figure("x", 1, samples=samples(12, 22, 36), baseline=samples(10, 20, 30))
    assert drifting.ratio == pytest.approx(1.2)
    assert drifting.cpu_ratio == pytest.approx(1.2)
    unpaired = Figure("x", 1, samples=samples(11, 22), baseline=samples(10, 20, 30))
    assert unpaired.ratio == pytest.approx(16.5 / 20)
