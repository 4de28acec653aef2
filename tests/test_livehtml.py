"""`make livehtml` serves a live-reloading preview of the site on localhost."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_livehtml_serves_the_site(tmp_path):
    port = _free_port()
    process = subprocess.Popen(
        ["make", "-s", "livehtml", f"LIVE_PORT={port}", f"BUILDDIR={tmp_path}"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline, page = time.monotonic() + 120, ""
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/about.html", timeout=5) as response:
                    page = response.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(0.5)
        assert 'class="dassco-hero"' in page, process.stdout.read1().decode() if process.poll() is not None else "no page"
        assert "websocket" in page.lower()  # sphinx-autobuild's live-reload script
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


# --- memory of a long-lived preview process ----------------------------------------------------

REBUILDS = 20


def _memory_after_collection() -> tuple[int, int]:
    """Bytes Python holds (tracemalloc), and the process's resident size, once garbage is collected."""
    import gc
    import resource
    import tracemalloc

    gc.collect()
    try:
        rss = int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize()
    except OSError:  # not Linux: the peak instead
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return tracemalloc.get_traced_memory()[0], rss


def test_twenty_rebuilds_in_one_process_keep_memory_flat(tmp_path):
    """``make livehtml``: edit, rebuild, twenty times, in one process that loads the extension
    (``sphinx-build`` run in-process, as a preview server or a notebook would): what the
    process holds after the last rebuild is within 10 % of what it held after the first ones."""
    import gc
    import shutil
    import tracemalloc

    from sphinx.cmd.build import build_main

    site = tmp_path / "docs"
    shutil.copytree(REPO / "docs", site)
    shutil.copytree(REPO / "locale", tmp_path / "locale")
    page = site / "data.md"
    args = ["-q", "-b", "html", "-D", "language=en", "-d", str(tmp_path / "doctrees"), str(site), str(tmp_path / "html")]
    assert gc.get_freeze_count() == 0
    sizes, rss = [], []
    tracemalloc.start()
    try:
        for rebuild in range(REBUILDS):
            page.write_text(page.read_text(encoding="utf-8") + f"\nEdit number {rebuild}.\n", encoding="utf-8")
            assert build_main(args) == 0
            traced, resident = _memory_after_collection()
            sizes.append(traced)
            rss.append(resident)
    finally:
        tracemalloc.stop()
    assert "Edit number 19." in (tmp_path / "html" / "data.html").read_text(encoding="utf-8")
    baseline = sizes[2]  # after the first rebuilds: modules, theme and caches are loaded
    growth = (sizes[-1] - baseline) / baseline
    print(f"livehtml memory after each rebuild, MiB: traced {[round(s / 2**20, 1) for s in sizes]}, "
          f"resident {[round(s / 2**20) for s in rss]}; traced growth {growth:+.1%}, "
          f"resident growth {(rss[-1] - rss[2]) / rss[2]:+.1%}")
    assert growth < 0.10, [round(s / 2**20, 1) for s in sizes]
    assert gc.get_freeze_count() == 0
