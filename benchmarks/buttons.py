"""``make bench`` row: 20,000 buttons in one paragraph (issue 13: reading them must be linear).

One page holding one paragraph of ``[Bn](/index){: .button .is-primary}`` links is built by a
fresh ``sphinx-build`` process, with every transform of dassco-ext's page and translation steps
timed in CPU seconds inside it: the figure
is their sum, the target under 2 s. The whole build's CPU time is given beside it (most of it is MyST's parse,
Sphinx's search index and docutils' SmartQuotes, whose replacing of each text node is
quadratic in a paragraph's length; none of that is dassco-ext's).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .harness import Figure, Sample

BUTTONS = 20_000
TARGET_SECONDS = 2.0

#: Runs in the child: time every transform of dassco-ext's page and translation steps (found
#: by walking the package, so the row follows its modules), build, print the sums as JSON.
_CHILD = r"""
import importlib, inspect, json, pkgutil, sys, time
from docutils.transforms import Transform
import dassco_ext
timed = {}
def timer(owner, name):
    original = getattr(owner, name)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            key = f"{owner.__name__}.{name}"
            timed[key] = timed.get(key, 0.0) + time.process_time() - start
    setattr(owner, name, wrapper)
for found in pkgutil.walk_packages(dassco_ext.__path__, "dassco_ext."):
    if found.name.startswith(("dassco_ext.jekyll", "dassco_ext.cli")) or found.name.endswith("__main__"):
        continue
    module = importlib.import_module(found.name)
    for cls in vars(module).values():
        if inspect.isclass(cls) and issubclass(cls, Transform) and cls.__module__ == module.__name__:
            timer(cls, "run" if "run" in vars(cls) else "apply")
from sphinx.cmd.build import main
start = time.process_time()
code = main(sys.argv[1:])
print(json.dumps({"code": code, "ours": timed, "build": time.process_time() - start}))
"""


def write_site(root: Path, buttons: int = BUTTONS) -> Path:
    src = root / "src"
    shutil.rmtree(root, ignore_errors=True)
    src.mkdir(parents=True)
    (src / "conf.py").write_text('project = "Bench"\nextensions = ["dassco_ext"]\n', encoding="utf-8")
    (src / "index.md").write_text("---\ntitle: Home\n---\n\n```{toctree}\nbuttons\n```\n", encoding="utf-8")
    row = " ".join(f"[B{i}](/index){{: .button .is-primary}}" for i in range(buttons))
    (src / "buttons.md").write_text(f"---\ntitle: Buttons\n---\n\n{row}\n", encoding="utf-8")
    return src


def button_figure(workdir: Path, repeats: int, buttons: int = BUTTONS) -> Figure:
    """The row: dassco-ext's CPU seconds on one paragraph of ``buttons`` buttons."""
    src = write_site(workdir / f"buttons-{buttons}", buttons)
    figure = Figure(f"{buttons:,} buttons in one paragraph: dassco-ext's steps", None,
                    target=f"< {TARGET_SECONDS:.0f} s")
    totals = []
    for _run in range(repeats):
        out = src.parent / "out"
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _CHILD, "-q", "-E", str(src), str(out)],
                              capture_output=True, text=True, check=False)
        if done.returncode:
            figure.ok = False
            figure.note = f"the build failed: {done.stderr.strip().splitlines()[-1:]}"
            return figure
        wall = time.perf_counter() - start
        result = json.loads(done.stdout.strip().splitlines()[-1])
        ours = sum(result["ours"].values())
        figure.samples.append(Sample(ours, ours, 0.0, 0.0, done.stderr.count("WARNING")))
        totals.append(result["build"])
        figure.extra.setdefault("steps", []).append(result["ours"])
        figure.extra.setdefault("build_wall", []).append(wall)
    figure.extra["build_cpu"] = totals
    figure.ok = figure.seconds < TARGET_SECONDS  # type: ignore[operator]
    figure.note = f"whole build {sorted(totals)[len(totals) // 2]:.1f} s CPU"
    return figure
