"""The recorder saves each turn when it happens; a saved rehearsal resumes where it was."""

from __future__ import annotations

import pytest

from coach.recorder import StoreRecorder, load_rehearsal
from coach.rehearsal import Rehearsal
from coach.store import NotFound, Store, get_rehearsal
from coach.store.rehearsals import new_rehearsal_id
from tests.db_fixtures import EchoEngine, sample_scenario

LINES = [
    "Thank you for working with us these past two years.",
    "Invoice 1042 was paid 90 days late, and that is partly on us for not chasing it.",
    "I am sorry this has not worked out.",
]


def start(store: Store) -> Rehearsal:
    return Rehearsal.start(sample_scenario(), "hostile", EchoEngine(), StoreRecorder(store))


def test_each_turn_is_in_the_store_as_soon_as_it_is_sent(store: Store) -> None:
    r = start(store)
    assert get_rehearsal(store, r.id).turns == ()
    for i, line in enumerate(LINES, 1):
        r.send(line)
        saved = get_rehearsal(store, r.id)
        assert [t.sent for t in saved.turns] == LINES[:i]
        assert saved.turns[-1].client_reply == f"You said: {line}"
        assert saved.turns[-1].score == r.turns[-1].review.score
        assert saved.state["mood"] == r.to_dict()["mood"]
    assert not r.notices


def test_draft_and_sent_text_are_both_kept(store: Store) -> None:
    r = start(store)
    r.send("I am sorry it did not work out.", draft="You never pay on time.")
    (t,) = get_rehearsal(store, r.id).turns
    assert (t.draft, t.sent) == ("You never pay on time.", "I am sorry it did not work out.")


def test_resume_continues_where_it_was(store: Store) -> None:
    r = start(store)
    for line in LINES[:2]:
        r.send(line)
    resumed = load_rehearsal(store, r.id, EchoEngine())
    assert resumed.to_dict() == r.to_dict()
    resumed.send(LINES[2])
    saved = get_rehearsal(store, r.id)
    assert [t.seq for t in saved.turns] == [1, 2, 3]
    assert [t.sent for t in saved.turns] == LINES


def test_end_is_saved_and_survives_resume(store: Store) -> None:
    r = start(store)
    r.send(LINES[0])
    r.end()
    assert get_rehearsal(store, r.id).status == "ended"
    assert load_rehearsal(store, r.id, EchoEngine()).finished


def test_loading_an_unknown_id(store: Store) -> None:
    with pytest.raises(NotFound):
        load_rehearsal(store, new_rehearsal_id(), EchoEngine())


def test_storage_failure_becomes_a_notice_not_a_lost_turn(store: Store) -> None:
    r = start(store)
    store.close()
    store.engine.dispose()
    r.recorder = StoreRecorder(_broken_store())
    turn = r.send(LINES[0])
    assert turn.user == LINES[0] and r.turns == [turn]
    assert any("Could not save" in n for n in r.notices)


def _broken_store() -> Store:
    from sqlalchemy import create_engine
    from sqlalchemy.orm import sessionmaker

    engine = create_engine("sqlite:////nonexistent-dir/x.db")
    return Store("sqlite:////nonexistent-dir/x.db", engine, sessionmaker(engine))
