"""Measuring whole processes: wall time and peak memory, medians, one table, one JSON file.

Each command runs as its own process (as an editor's ``make html`` does); processes started
together run in parallel. Peak memory comes from the kernel: ``os.wait4`` returns each child's
``ru_maxrss`` (the child and everything it waited for), so no sampling and no third-party
package. For parallel processes the sum of their peaks is reported as the tree's peak (an
upper bound: the peaks may not coincide).
"""

from __future__ import annotations

import dataclasses as dc
import json
import os
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any


class CommandFailed(RuntimeError):
    """A measured process exited non-zero; the message ends with its stderr tail."""


@dc.dataclass(frozen=True)
class Sample:
    """One measured run of one or more processes started together."""

    seconds: float
    cpu_seconds: float  # user + system of every process: steadier than wall time on a busy machine
    peak_mb: float  # the largest single process
    tree_peak_mb: float  # the sum over processes running in parallel
    warnings: int  # WARNING/ERROR lines on stderr


def run_processes(commands: list[list[str]], log_dir: Path, *, cwd: Path | None = None, env: dict[str, str] | None = None) -> Sample:
    """Start ``commands`` together, wait for all; raise :class:`CommandFailed` if one fails."""
    log_dir.mkdir(parents=True, exist_ok=True)
    logs = []
    procs = []
    start = time.perf_counter()
    for number, command in enumerate(commands):
        out = open(log_dir / f"{number}.out", "w", encoding="utf-8")  # noqa: SIM115 - closed below
        err = open(log_dir / f"{number}.err", "w", encoding="utf-8")  # noqa: SIM115
        logs.append((out, err))
        procs.append(subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd, env=env))
    peaks = []
    cpu = 0.0
    failed = []
    for proc, command in zip(procs, commands):
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        peaks.append(usage.ru_maxrss / 1024)  # Linux reports KiB
        cpu += usage.ru_utime + usage.ru_stime
        if proc.returncode:
            failed.append((command, proc.returncode))
    seconds = time.perf_counter() - start
    for out, err in logs:
        out.close()
        err.close()
    warnings = 0
    for number in range(len(commands)):
        text = (log_dir / f"{number}.err").read_text(encoding="utf-8", errors="replace")
        warnings += sum(1 for line in text.splitlines() if "WARNING" in line or "ERROR" in line)
    if failed:
        command, code = failed[0]
        tail = (log_dir / f"{commands.index(command)}.err").read_text(encoding="utf-8", errors="replace")[-2000:]
        raise CommandFailed(f"{' '.join(command)} exited {code}:\n{tail}")
    return Sample(seconds=seconds, cpu_seconds=cpu, peak_mb=max(peaks), tree_peak_mb=sum(peaks), warnings=warnings)


@dc.dataclass
class Figure:
    """One row of the table: a measured value, optionally against a baseline and a target."""

    name: str
    pages: int | None
    samples: list[Sample] = dc.field(default_factory=list)
    baseline: list[Sample] = dc.field(default_factory=list)
    baseline_name: str = ""
    target: str = ""
    ok: bool | None = None
    note: str = ""
    extra: dict[str, Any] = dc.field(default_factory=dict)

    @property
    def seconds(self) -> float | None:
        return median([s.seconds for s in self.samples])

    @property
    def baseline_seconds(self) -> float | None:
        return median([s.seconds for s in self.baseline])

    @property
    def peak_mb(self) -> float | None:
        return median([s.tree_peak_mb for s in self.samples])

    @property
    def cpu_ratio(self) -> float | None:
        return _ratio([s.cpu_seconds for s in self.samples], [s.cpu_seconds for s in self.baseline])

    @property
    def ratio(self) -> float | None:
        return _ratio([s.seconds for s in self.samples], [s.seconds for s in self.baseline])

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "pages": self.pages,
            "seconds": self.seconds,
            "peak_mb": self.peak_mb,
            "baseline": self.baseline_name or None,
            "baseline_seconds": self.baseline_seconds,
            "ratio": self.ratio,
            "cpu_seconds": median([s.cpu_seconds for s in self.samples]),
            "cpu_ratio": self.cpu_ratio,
            "target": self.target or None,
            "ok": self.ok,
            "note": self.note or None,
            "samples": [dc.asdict(s) for s in self.samples],
            "baseline_samples": [dc.asdict(s) for s in self.baseline],
            **self.extra,
        }


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _ratio(ours: list[float], base: list[float]) -> float | None:
    """The median of the runs' own ratios when the runs are paired (each of ours measured
    right beside its baseline run, as the benchmark interleaves them), else the ratio of
    the medians. A shared machine's speed drifts within minutes: a pair sees the same speed,
    two medians may not."""
    if ours and len(ours) == len(base) and all(base):
        return median([a / b for a, b in zip(ours, base, strict=True)])
    top, bottom = median(ours), median(base)
    return top / bottom if top is not None and bottom else None


def _fmt(value: float | None, spec: str, unit: str = "") -> str:
    return "" if value is None else f"{value:{spec}}{unit}"


COLUMNS = ("figure", "N", "seconds", "peak MB", "baseline", "ratio", "cpu ratio", "target", "ok", "note")


def table_rows(figures: list[Figure]) -> list[tuple[str, ...]]:
    """The table as text cells (what is printed and put in the README)."""
    rows = []
    for f in figures:
        ok = "" if f.ok is None else ("yes" if f.ok else "NO")
        base = f"{f.baseline_name} {_fmt(f.baseline_seconds, '.2f', ' s')}".strip() if f.baseline else ""
        rows.append((
            f.name, "" if f.pages is None else str(f.pages), _fmt(f.seconds, ".2f"), _fmt(f.peak_mb, ".0f"),
            base, _fmt(f.ratio, ".2f"), _fmt(f.cpu_ratio, ".2f"), f.target, ok, f.note,
        ))
    return rows


def format_table(figures: list[Figure], *, markdown: bool = False) -> str:
    rows = [COLUMNS, *table_rows(figures)]
    if markdown:
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(COLUMNS)]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def write_json(figures: list[Figure], out_dir: Path, meta: dict[str, Any]) -> Path:
    """``bench-<UTC time>.json`` and ``latest.json`` under ``out_dir``; returns the first."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    payload = {"meta": meta, "figures": [f.as_json() for f in figures], "table": format_table(figures)}
    text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    path = out_dir / f"bench-{stamp}.json"
    path.write_text(text, encoding="utf-8")
    (out_dir / "latest.json").write_text(text, encoding="utf-8")
    return path
