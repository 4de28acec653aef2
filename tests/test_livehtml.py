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
