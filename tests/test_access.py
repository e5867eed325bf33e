"""A trainee sees only their own sessions; nobody reaches a dashboard without the trainer
passcode; guessing codes and passcodes is rate-limited."""

from __future__ import annotations

import pytest

from coach.recorder import StoreRecorder
from coach.rehearsal import Rehearsal
from coach.store import Store
from coach.store.rehearsals import new_rehearsal_id
from coach.workshops import (
    AccessDenied,
    JoinError,
    RateLimited,
    Trainee,
    TrainerGate,
    TrainerPass,
    create_workshop,
    join,
    new_join_code,
    own_rehearsal,
    own_rehearsals,
    trainer_workshop,
)
from tests.db_fixtures import EchoEngine, sample_scenario, signed_in


def practise(store: Store, me: Trainee) -> str:
    rec = StoreRecorder(store, workshop_id=me.workshop.id, participant_id=me.participant.id)
    r = Rehearsal.start(sample_scenario(), "hostile", EchoEngine(), rec)
    r.send("Thank you for working with us.")
    return r.id


def test_trainee_sees_only_their_own_sessions(store: Store) -> None:
    gate, trainer = signed_in(store)
    w = create_workshop(store, gate, trainer, "W", ["late-payer"], "hostile")
    ana, ana_token = join(store, w.code, "Ana", "ip-a")
    ben, _ = join(store, w.code, "Ben", "ip-b")
    ana_rid, ben_rid = practise(store, ana), practise(store, ben)

    assert [r.id for r in own_rehearsals(store, ana_token)] == [ana_rid]
    assert own_rehearsal(store, ana_token, ana_rid).id == ana_rid
    with pytest.raises(AccessDenied) as other:
        own_rehearsal(store, ana_token, ben_rid)
    with pytest.raises(AccessDenied) as unknown:
        own_rehearsal(store, ana_token, new_rehearsal_id())
    assert str(other.value) == str(unknown.value)  # existence is not revealed


@pytest.mark.parametrize("token", [None, "", "guess", "A" * 43])
def test_guessed_tokens_get_nothing(store: Store, token: str | None) -> None:
    with pytest.raises(AccessDenied):
        own_rehearsals(store, token)


def test_workshop_code_does_not_open_the_dashboard(store: Store) -> None:
    gate, trainer = signed_in(store)
    w = create_workshop(store, gate, trainer, "W", ["late-payer"], "hostile")
    _, token = join(store, w.code, "Ana", "ip-a")
    for forged in (None, TrainerPass(token), TrainerPass(w.code)):
        with pytest.raises(AccessDenied):
            trainer_workshop(store, gate, forged, w.code)
    assert trainer_workshop(store, gate, trainer, w.code).id == w.id


def test_guessing_join_codes_is_rate_limited(store: Store) -> None:
    with pytest.raises(RateLimited):
        for _ in range(50):
            try:
                join(store, new_join_code(), "Mallory", "mallory-ip")
            except JoinError:
                continue
    with pytest.raises(JoinError):
        join(store, new_join_code(), "Ana", "another-ip")


def test_guessing_the_passcode_is_rate_limited(store: Store) -> None:
    gate = TrainerGate("s3cret-passcode", store)
    with pytest.raises(RateLimited):
        for guess in ("1234", "password", "admin", "trainer", "s3cret", "letmein"):
            assert gate.login(guess, "mallory-ip") is None
