"""Workshops: trainer passcode, join codes, joining and closing, the trainer's dashboard."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from coach.checking.profile import CustomRule
from coach.rate_limits import Limit, RateLimiter
from coach.recorder import StoreRecorder
from coach.rehearsal import Rehearsal
from coach.store import Store
from coach.store.dashboard import ACTIVE_WINDOW, workshop_dashboard
from coach.store.models import utcnow
from coach.workshops import (
    CODE_ALPHABET,
    CODE_LENGTH,
    AccessDenied,
    JoinError,
    RateLimited,
    TrainerGate,
    TrainerPass,
    close,
    create_workshop,
    format_code,
    join,
    new_join_code,
    normalize_code,
    trainer_workshop,
)
from tests.db_fixtures import EchoEngine, sample_scenario

PASSCODE = "correct horse battery staple"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def gate(store: Store) -> TrainerGate:
    return TrainerGate(PASSCODE, store)


@pytest.fixture
def trainer(gate: TrainerGate) -> TrainerPass:
    p = gate.login(PASSCODE, "trainer-laptop")
    assert p is not None
    return p


def test_passcode_is_not_kept_in_clear(gate: TrainerGate) -> None:
    held = repr(vars(gate)).encode()
    assert PASSCODE.encode() not in held
    assert hashlib.sha256(PASSCODE.encode()).hexdigest().encode() not in held


def test_login_right_and_wrong(gate: TrainerGate) -> None:
    assert gate.login("wrong", "a") is None
    assert gate.login(PASSCODE + " ", "a") is None
    trainer = gate.login(PASSCODE, "a")
    assert trainer is not None
    gate.check(trainer)


def test_no_passcode_configured_means_nobody_gets_in(store: Store) -> None:
    gate = TrainerGate(None, store)
    assert not gate.configured
    assert gate.login("", "a") is None


def test_a_short_passcode_opens_nothing(store: Store) -> None:
    gate = TrainerGate("short-pass", store)
    assert gate.too_short and not gate.configured
    assert gate.login("short-pass", "a") is None


def test_attempts_are_rate_limited_per_client(gate: TrainerGate) -> None:
    for _ in range(5):
        assert gate.login("guess", "attacker") is None
    with pytest.raises(RateLimited) as info:
        gate.login(PASSCODE, "attacker")  # even the right passcode is refused now
    assert 0 < info.value.retry_after <= 60
    assert gate.login(PASSCODE, "someone-else") is not None


def test_rate_limiter_window_slides(store: Store) -> None:
    clock = Clock()
    limiter = RateLimiter(store, Limit("t", per_key=2, overall=100, window_s=10), clock)
    limiter.hit("k")
    clock.now += 6
    limiter.hit("k")
    with pytest.raises(RateLimited):
        limiter.hit("k")
    clock.now += 5  # the first hit has left the window
    limiter.hit("k")


def test_an_overall_cap_stops_a_new_key_per_guess(store: Store) -> None:
    clock = Clock()
    limiter = RateLimiter(store, Limit("t", per_key=5, overall=8, window_s=60), clock)
    for i in range(8):
        limiter.hit(f"session-{i}")
    with pytest.raises(RateLimited):
        limiter.hit("session-new")
    clock.now += 61
    limiter.hit("session-new")


def test_limits_hold_across_processes(store: Store) -> None:
    """Two limiters on one database (two server processes) share the count."""
    first, second = (RateLimiter(store, Limit("t", 3, 100, 60)) for _ in range(2))
    first.hit("k")
    second.hit("k")
    first.hit("k")
    with pytest.raises(RateLimited):
        second.hit("k")


def test_forged_or_expired_pass_is_refused(
    store: Store, gate: TrainerGate, trainer: TrainerPass
) -> None:
    with pytest.raises(AccessDenied):
        gate.check(TrainerPass("made-up"))
    with pytest.raises(AccessDenied):
        gate.check(None)
    other_gate = TrainerGate(PASSCODE, store)
    with pytest.raises(AccessDenied):
        other_gate.check(trainer)
    gate.logout(trainer)
    with pytest.raises(AccessDenied):
        gate.check(trainer)


def test_join_codes_use_the_unambiguous_alphabet() -> None:
    codes = {new_join_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("0O1IL") & set(CODE_ALPHABET)
    code = next(iter(codes))
    assert normalize_code(format_code(code).lower()) == code
    assert normalize_code(f" {code[:4]} {code[4:]} ") == code


def test_create_needs_a_trainer(store: Store, gate: TrainerGate) -> None:
    with pytest.raises(AccessDenied):
        create_workshop(store, gate, None, "Q3 training", ["late-payer"], "hostile")


def test_create_join_and_close(store: Store, gate: TrainerGate, trainer: TrainerPass) -> None:
    rule = CustomRule(
        id="no_refund_promise",
        title="No refund promises",
        message="Never promise a refund without approval.",
        forbid=["promise a refund"],
    )
    w = create_workshop(store, gate, trainer, "Q3 training", ["late-payer"], "hostile", [rule])
    assert w.is_open and w.custom_rules[0]["id"] == "no_refund_promise"
    me, token = join(store, format_code(w.code).lower(), "  Ana   P. ", "ip-1")
    assert me.workshop.id == w.id and me.participant.display_name == "Ana P."
    assert len(token) >= 40
    close(store, gate, trainer, w.id)
    assert not trainer_workshop(store, gate, trainer, w.code).is_open
    with pytest.raises(JoinError, match="closed"):
        join(store, w.code, "Ben", "ip-2")


def test_join_errors(store: Store, gate: TrainerGate, trainer: TrainerPass) -> None:
    w = create_workshop(store, gate, trainer, "W", ["late-payer"], "defensive")
    with pytest.raises(JoinError):
        join(store, w.code, "   ", "ip-3")
    with pytest.raises(JoinError):
        join(store, "ZZZZ-ZZZZ" if w.code != "ZZZZZZZZ" else "YYYYYYYY", "Ana", "ip-3")


def test_custom_rule_without_phrases_is_refused(
    store: Store, gate: TrainerGate, trainer: TrainerPass
) -> None:
    bad = CustomRule(id="empty_rule", title="t", message="m")
    with pytest.raises(ValueError):
        create_workshop(store, gate, trainer, "W", ["late-payer"], "hostile", [bad])


def test_dashboard_first_best_latest_and_weakest_rule(
    store: Store, gate: TrainerGate, trainer: TrainerPass
) -> None:
    w = create_workshop(store, gate, trainer, "W", ["late-payer"], "hostile")
    ana, _ = join(store, w.code, "Ana", "ip-a")
    ben, _ = join(store, w.code, "Ben", "ip-b")
    idle, _ = join(store, w.code, "Cy", "ip-c")

    def attempt(who: int, lines: list[str], end: bool = True) -> Rehearsal:
        rec = StoreRecorder(store, workshop_id=w.id, participant_id=who)
        r = Rehearsal.start(sample_scenario(), "hostile", EchoEngine(), rec)
        for line in lines:
            r.send(line)
        if end:
            r.end()
        return r

    good = "Thank you for your business. I am sorry this did not work out for you."
    attack = "You are impossible to work with and you never listen."
    first = attempt(ana.participant.id, [attack])
    best = attempt(ana.participant.id, [good])
    latest = attempt(ana.participant.id, [attack, attack], end=False)
    attempt(ben.participant.id, [attack])

    d = workshop_dashboard(store, w)
    by_name = {t.participant.display_name: t for t in d.trainees}
    a = by_name["Ana"]
    assert [x.rehearsal_id for x in a.attempts] == [first.id, best.id, latest.id]
    assert a.first and a.first.rehearsal_id == first.id
    assert a.latest and a.latest.rehearsal_id == latest.id
    assert a.best and a.best.rehearsal_id == best.id
    assert a.best.score == max(x.score for x in a.attempts) > a.latest.score
    assert a.latest.score == latest.scorecard().overall_score
    assert a.practising and not by_name["Ben"].practising
    assert by_name["Cy"].attempts == () and by_name["Cy"].last_active is None
    assert {t.participant.id for t in d.practising} == {ana.participant.id}
    # Both latest attempts attack: no one passes personal_attack.
    assert d.pass_rates["personal_attack"] == 0.0
    assert d.weakest_rule is not None and d.pass_rates[d.weakest_rule] == 0.0
    later = workshop_dashboard(store, w, now=utcnow() + ACTIVE_WINDOW + timedelta(seconds=1))
    assert not later.practising
    assert idle.participant.id in {t.participant.id for t in later.trainees}
