"""20 trainees each complete a 10-turn rehearsal at the same time against one workshop, on
SQLite and PostgreSQL: every turn is saved exactly once, in order."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from coach.recorder import StoreRecorder
from coach.rehearsal import Rehearsal
from coach.store import Store, TurnConflict, append_turn, get_rehearsal
from coach.store.models import TurnRow
from coach.store.rehearsals import RehearsalHeader, TurnRecord, create_rehearsal
from coach.workshops import create_workshop, join
from tests.db_fixtures import EchoEngine, sample_scenario, signed_in

TRAINEES, TURNS = 20, 10


def line(trainee: int, n: int) -> str:
    return f"Trainee {trainee}, line {n}: thank you for your business, and I am sorry."


def test_twenty_trainees_ten_turns_each(store: Store) -> None:
    gate, trainer = signed_in(store)
    w = create_workshop(store, gate, trainer, "W", ["late-payer"], "hostile")
    trainees = [join(store, w.code, f"T{i}", f"ip-{i}")[0] for i in range(TRAINEES)]
    barrier = threading.Barrier(TRAINEES)

    def run(i: int) -> tuple[str, list[str]]:
        me = trainees[i]
        rec = StoreRecorder(store, workshop_id=w.id, participant_id=me.participant.id)
        barrier.wait()
        r = Rehearsal.start(sample_scenario(), "hostile", EchoEngine(), rec)
        for n in range(1, TURNS + 1):
            r.send(line(i, n))
        r.end()
        return r.id, r.notices

    with ThreadPoolExecutor(TRAINEES) as pool:
        results = list(pool.map(run, range(TRAINEES)))

    assert all(notices == [] for _, notices in results), results
    for i, (rid, _) in enumerate(results):
        saved = get_rehearsal(store, rid)
        assert saved.participant_id == trainees[i].participant.id
        assert saved.status == "ended"
        assert [t.seq for t in saved.turns] == list(range(1, TURNS + 1))
        assert [t.sent for t in saved.turns] == [line(i, n) for n in range(1, TURNS + 1)]
    with store.session() as s:
        rows = s.scalars(select(TurnRow).order_by(TurnRow.id)).all()
        assert s.scalar(select(func.count()).select_from(TurnRow)) == TRAINEES * TURNS
    # Written in order: within each rehearsal, row ids grow with the sequence number.
    for rid, _ in results:
        assert [r.seq for r in rows if r.rehearsal_id == rid] == list(range(1, TURNS + 1))


def test_racing_writers_of_the_same_turn_store_it_once(store: Store) -> None:
    """Two tabs (or a retry) saving turn n at once: one row, and a different text loses."""
    rid = create_rehearsal(store, RehearsalHeader("late-payer", "hostile", "offline"))
    writers = 8
    barrier = threading.Barrier(writers)

    def write(k: int) -> str:
        text = "same line" if k % 2 == 0 else f"other line {k}"
        rec = TurnRecord(1, text, text, "reply", 50, {}, {}, {"user": text})
        barrier.wait()
        try:
            return "written" if append_turn(store, rid, rec) else "duplicate"
        except TurnConflict:
            return "conflict"

    with ThreadPoolExecutor(writers) as pool:
        outcomes = list(pool.map(write, range(writers)))
    (stored,) = get_rehearsal(store, rid).turns
    assert outcomes.count("written") == 1
    winners_text_count = sum(
        1
        for k, o in enumerate(outcomes)
        if o in ("written", "duplicate")
        and ("same line" if k % 2 == 0 else f"other line {k}") == stored.sent
    )
    assert winners_text_count == outcomes.count("written") + outcomes.count("duplicate")
