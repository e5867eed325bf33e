"""The store on SQLite and PostgreSQL: schema on first use, turns once and in order,
email reviews and assessments, custom scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from coach.checking.checker import check
from coach.store import (
    NotFound,
    RehearsalHeader,
    Store,
    TurnConflict,
    TurnRecord,
    append_turn,
    create_rehearsal,
    get_rehearsal,
    list_assessments,
    list_email_reviews,
    list_rehearsals,
    open_store,
    save_assessment,
    save_email_review,
    update_state,
)
from coach.store.rehearsals import new_rehearsal_id
from coach.store.scenarios import (
    all_scenarios,
    delete_custom_scenario,
    get_custom_scenario,
    list_custom_scenarios,
    save_custom_scenario,
)
from tests.db_fixtures import sample_scenario


def turn(seq: int, text: str = "Thank you for working with us.") -> TurnRecord:
    review = check(text)
    return TurnRecord(
        seq=seq,
        draft=text,
        sent=text,
        client_reply=f"reply {seq}",
        score=review.score,
        detected=review.detected,
        review=review.to_dict(),
        data={"index": seq, "user": text},
        mood={"anger": 3, "trust": 5, "readiness": 2},
        usage={"requests": 1},
    )


def header(**kw: object) -> RehearsalHeader:
    base: dict[str, object] = {
        "scenario_id": "s1",
        "difficulty": "hostile",
        "engine": "offline",
        "state": {"k": 1},
    }
    base.update(kw)
    return RehearsalHeader(**base)  # type: ignore[arg-type]


def test_first_use_creates_schema_at_head(db_url: str) -> None:
    store = open_store(db_url)
    try:
        tables = set(inspect(store.engine).get_table_names())
        assert {"rehearsals", "turns", "workshops", "participants"} <= tables
        with store.engine.connect() as c:
            assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    finally:
        store.close()


def test_sqlite_file_is_created_with_wal(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "coach.db"
    store = open_store(f"sqlite:///{path}")
    try:
        assert path.exists()
        with store.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
    finally:
        store.close()


def test_reopening_keeps_data(db_url: str) -> None:
    store = open_store(db_url)
    rid = create_rehearsal(store, header())
    append_turn(store, rid, turn(0))
    store.close()
    again = open_store(db_url)
    try:
        assert [t.seq for t in get_rehearsal(again, rid).turns] == [0]
    finally:
        again.close()


def test_turns_round_trip_in_order(store: Store) -> None:
    rid = create_rehearsal(store, header())
    texts = ["Thank you for your business.", "You are impossible to work with.", "Sorry."]
    for i, text in enumerate(texts):
        assert append_turn(store, rid, turn(i, text))
    got = get_rehearsal(store, rid)
    assert [t.sent for t in got.turns] == texts
    assert got.turns[1].detected == check(texts[1]).detected
    assert got.turns[1].review["score"] == check(texts[1]).score
    assert got.state == {"k": 1} and got.status == "active"


def test_same_turn_twice_is_stored_once(store: Store) -> None:
    rid = create_rehearsal(store, header())
    assert append_turn(store, rid, turn(0))
    assert not append_turn(store, rid, turn(0))
    assert len(get_rehearsal(store, rid).turns) == 1


def test_different_turn_under_taken_number_is_refused(store: Store) -> None:
    rid = create_rehearsal(store, header())
    append_turn(store, rid, turn(0, "First line."))
    with pytest.raises(TurnConflict):
        append_turn(store, rid, turn(0, "Another line."))
    assert [t.sent for t in get_rehearsal(store, rid).turns] == ["First line."]


def test_turn_for_unknown_rehearsal(store: Store) -> None:
    with pytest.raises(NotFound):
        append_turn(store, new_rehearsal_id(), turn(0))


def test_end_marks_status_and_keeps_state(store: Store) -> None:
    rid = create_rehearsal(store, header())
    update_state(store, rid, {"k": 2}, ended=True)
    got = get_rehearsal(store, rid)
    assert got.status == "ended" and got.ended_at is not None and got.state == {"k": 2}


def test_list_filters_by_participant_and_workshop(store: Store) -> None:
    a = create_rehearsal(store, header(source="cli"))
    b = create_rehearsal(store, header())
    assert {r.id for r in list_rehearsals(store)} == {a, b}
    assert list_rehearsals(store, participant_id=99) == []


def test_rehearsal_ids_are_random_and_long() -> None:
    ids = {new_rehearsal_id() for _ in range(1000)}
    assert len(ids) == 1000 and all(len(i) == 32 for i in ids)


def test_email_reviews_and_assessments(store: Store) -> None:
    text = "We appreciate your business. I am sorry it did not work out."
    rid = save_email_review(store, text, check(text).to_dict(), rewrite="better")
    aid = save_assessment(store, {"revenue": 100}, {"why": ["x"]}, "let_go")
    reviews = list_email_reviews(store)
    assert [(r.id, r.text, r.score, r.rewrite) for r in reviews] == [
        (rid, text, check(text).score, "better")
    ]
    assessments = list_assessments(store)
    assert [(a.id, a.recommendation, a.inputs) for a in assessments] == [
        (aid, "let_go", {"revenue": 100})
    ]


def test_custom_scenarios_are_saved_replaced_and_listed(store: Store) -> None:
    first = sample_scenario("my-client")
    save_custom_scenario(store, first)
    changed = first.model_copy(update={"title": "Renamed"})
    save_custom_scenario(store, changed)
    assert list_custom_scenarios(store) == [changed]
    assert get_custom_scenario(store, "my-client") == changed
    assert "my-client" in all_scenarios(store)
    assert delete_custom_scenario(store, "my-client")
    assert get_custom_scenario(store, "my-client") is None


def test_a_stored_scenario_is_validated_once_per_version(store: Store, monkeypatch) -> None:
    from coach.scenarios.schema import Scenario

    save_custom_scenario(store, sample_scenario("counted"))
    calls = []
    real = Scenario.model_validate
    monkeypatch.setattr(Scenario, "model_validate", lambda body: calls.append(1) or real(body))
    for _ in range(5):
        assert [s.id for s in list_custom_scenarios(store)] == ["counted"]
    assert len(calls) == 1
    save_custom_scenario(store, sample_scenario("counted").model_copy(update={"title": "New"}))
    assert list_custom_scenarios(store)[0].title == "New"  # a new version is read afresh
