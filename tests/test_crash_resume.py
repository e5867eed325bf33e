"""Kill -9 a process in the middle of a rehearsal: every turn written before the kill is in
the database, and the rehearsal resumes from there. Run as a script, this file is the
process that gets killed (it reads one line per turn from stdin)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from coach.recorder import StoreRecorder, load_rehearsal
from coach.rehearsal import Rehearsal
from coach.store import Store, get_rehearsal, open_store
from tests.db_fixtures import EchoEngine, sample_scenario

ROOT = Path(__file__).resolve().parent.parent


def line(n: int) -> str:
    return f"Line {n}: thank you for your business; invoice 1042 was paid 90 days late."


def _driver(url: str) -> None:
    rec = StoreRecorder(open_store(url), source="cli")
    r = Rehearsal.start(sample_scenario(), "hostile", EchoEngine(), rec)
    print(r.id, flush=True)
    for text in sys.stdin:
        r.send(text.strip())
        print(f"saved {len(r.turns)}", flush=True)


def test_kill_mid_rehearsal_then_resume(store: Store) -> None:
    proc = subprocess.Popen(
        [sys.executable, __file__, store.url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdin and proc.stdout
    try:
        rid = proc.stdout.readline().strip()
        for n in range(1, 5):
            proc.stdin.write(line(n) + "\n")
            proc.stdin.flush()
            assert proc.stdout.readline().strip() == f"saved {n}"
        # A fifth line is on its way when the process dies: it may or may not be saved,
        # but nothing before it may be lost and nothing may be half-written.
        proc.stdin.write(line(5) + "\n")
        proc.stdin.flush()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    saved = get_rehearsal(store, rid)
    n_saved = len(saved.turns)
    assert n_saved in (4, 5)
    assert [t.seq for t in saved.turns] == list(range(1, n_saved + 1))
    assert [t.sent for t in saved.turns] == [line(n) for n in range(1, n_saved + 1)]
    assert all(t.client_reply == f"You said: {t.sent}" for t in saved.turns)

    resumed = load_rehearsal(store, rid, EchoEngine())
    assert [t.user for t in resumed.turns] == [t.sent for t in saved.turns]
    assert not resumed.finished
    resumed.send(line(n_saved + 1))
    again = get_rehearsal(store, rid)
    assert [t.seq for t in again.turns] == list(range(1, n_saved + 2))


if __name__ == "__main__":
    _driver(sys.argv[1])
