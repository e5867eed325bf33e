"""A rehearsal link opens only for its owner; attempts are counted under a key a client
cannot forge; the schema the migrations build matches the models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from coach.cli import main
from coach.ownership import may_open, new_owner_key, owner_hash, valid_owner_key
from coach.rate_limits import client_key
from coach.recorder import StoreRecorder
from coach.rehearsal import Rehearsal
from coach.settings import get_settings
from coach.store import Store
from coach.store.models import Base
from coach.store.rehearsals import get_rehearsal
from coach.workshops import create_workshop, join, revoke, trainee
from tests.db_fixtures import EchoEngine, sample_scenario, signed_in


def _saved(store: Store, recorder: StoreRecorder):
    r = Rehearsal.start(sample_scenario(), "hostile", EchoEngine(), recorder)
    r.send("Thank you for working with us.")
    return get_rehearsal(store, r.id)


def test_an_app_rehearsal_opens_only_for_the_browser_that_started_it(store: Store) -> None:
    mine, theirs = new_owner_key(), new_owner_key()
    saved = _saved(store, StoreRecorder(store, owner_hash=owner_hash(mine)))
    assert saved.owner_hash != mine  # only the hash is stored
    assert may_open(saved, mine, None)
    assert not may_open(saved, theirs, None)
    assert not may_open(saved, None, None)
    assert not may_open(saved, saved.id, None)  # the id in the URL is not a key


def test_a_workshop_rehearsal_opens_only_for_its_trainee(store: Store) -> None:
    gate, trainer = signed_in(store)
    w = create_workshop(store, gate, trainer, "W", ["late-payer"], "hostile")
    ana, ana_token = join(store, w.code, "Ana", "ip-a")
    ben, _ = join(store, w.code, "Ben", "ip-b")
    rec = StoreRecorder(store, workshop_id=w.id, participant_id=ana.participant.id)
    saved = _saved(store, rec)
    assert may_open(saved, None, ana)
    assert not may_open(saved, None, ben)
    assert not may_open(saved, new_owner_key(), None)
    revoke(store, gate, trainer, ana.participant.id)
    with pytest.raises(Exception, match="withdrawn"):
        trainee(store, ana_token)


def test_a_cli_rehearsal_is_not_opened_by_link(store: Store) -> None:
    saved = _saved(store, StoreRecorder(store, source="cli"))
    assert not may_open(saved, new_owner_key(), None)


@pytest.mark.parametrize("value", [None, "", "short", "A" * 42 + "!", 5, "A" * 44])
def test_only_keys_this_app_makes_are_accepted(value: object) -> None:
    assert not valid_owner_key(value)
    assert valid_owner_key(new_owner_key())


def test_client_key_behind_trusted_proxies() -> None:
    # One proxy appends the address it saw; what a client wrote to the left is ignored.
    assert client_key("6.6.6.6, 203.0.113.9", 1, "s1") == "ip:203.0.113.9"
    assert client_key("203.0.113.9", 1, "s1") == "ip:203.0.113.9"
    assert client_key("6.6.6.6, 203.0.113.9, 10.0.0.2", 2, "s1") == "ip:203.0.113.9"
    # Not configured, header missing or not an address: the browser session.
    assert client_key("203.0.113.9", 0, "s1") == "session:s1"
    assert client_key(None, 1, "s2") == "session:s2"
    assert client_key("not-an-ip", 1, "s3") == "session:s3"
    assert client_key("203.0.113.9", 2, "s4") == "session:s4"


def test_migrations_build_the_schema_the_models_describe(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_trainer_link_prints_a_one_time_link(store: Store, monkeypatch, capsys) -> None:
    monkeypatch.setenv("COACH_TRAINER_PASSCODE", "test-passcode-long-enough")
    get_settings.cache_clear()
    try:
        assert main(["trainer-link", "--db", store.url, "--url", "https://coach.example/"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("https://coach.example/dashboard?signin=")
        token = out.split("signin=")[1].split()[0]
        gate, _ = signed_in(store)
        assert gate.redeem(token) is not None
        assert gate.redeem(token) is None  # once only
        monkeypatch.setenv("COACH_TRAINER_PASSCODE", "short")
        get_settings.cache_clear()
        assert main(["trainer-link", "--db", store.url]) == 2
        assert "at least 12 characters" in capsys.readouterr().err
    finally:
        get_settings.cache_clear()
