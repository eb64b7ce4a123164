"""Run one command and measure it as a whole: wall time, CPU seconds and peak RSS of its
process tree (the command and every worker it starts).

Resource usage from ``wait4`` counts only the command and the children it waited for; pool
workers started by a fork server are reaped by that server, which may itself never be
waited for. So the tree is also sampled with psutil every ``interval`` seconds: the peak
RSS is the largest sum over the live processes of one sample, and each process's CPU
time is its last sampled value. The CPU figure reported is the larger of the two counts
(the samples miss at most one interval per process, ``wait4`` misses unreaped workers).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil


@dataclass(frozen=True)
class Measured:
    seconds: float
    """Wall time."""
    cpu: float
    """User + system CPU seconds of the whole process tree."""
    peak_mb: float
    """Largest total RSS (MB) of the process tree at one sample."""
    peak_main_mb: float
    """Peak RSS (MB) of the command's own process (from ``wait4``)."""
    code: int
    output: str
    """Standard output (kept only when asked for)."""


def _sample(root: psutil.Process, cpu: dict[int, float], stop: threading.Event, interval: float,
            peak: list[float]) -> None:
    while not stop.is_set():
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            procs = []
        total = 0
        for proc in procs:
            try:
                with proc.oneshot():
                    total += proc.memory_info().rss
                    times = proc.cpu_times()
                    cpu[proc.pid] = times.user + times.system
            except psutil.Error:
                continue
        peak[0] = max(peak[0], total / 1e6)
        stop.wait(interval)


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None, interval: float = 0.05,
        capture: bool = False, ok_codes: tuple[int, ...] = (0, 1)) -> Measured:
    """Run ``cmd`` to its end and measure it; exit codes outside ``ok_codes`` raise."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    cpu: dict[int, float] = {}
    peak = [0.0]
    stop = threading.Event()
    try:
        root = psutil.Process(proc.pid)
        sampler = threading.Thread(target=_sample, args=(root, cpu, stop, interval, peak), daemon=True)
        sampler.start()
    except psutil.Error:
        sampler = None
    # Read the pipes while waiting, so a chatty command cannot fill them and stall.
    out: list[bytes] = []
    err: list[bytes] = []
    readers = [threading.Thread(target=lambda s=s, b=b: b.append(s.read()), daemon=True)
               for s, b in ((proc.stdout, out), (proc.stderr, err)) if s is not None]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    if sampler is not None:
        sampler.join()
    for reader in readers:
        reader.join()
    waited = usage.ru_utime + usage.ru_stime
    code = proc.returncode
    if code not in ok_codes:
        text = b"".join(err).decode(errors="replace")
        raise SystemExit(f"command failed ({code}): {' '.join(cmd)}\n{text[-2000:]}")
    return Measured(seconds=seconds, cpu=max(waited, sum(cpu.values())), peak_mb=max(peak[0], usage.ru_maxrss / 1024),
                    peak_main_mb=usage.ru_maxrss / 1024, code=code, output=b"".join(out).decode(errors="replace"))
