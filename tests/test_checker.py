"""Message-level behaviour of `check()`: missing steps, a fair score, profiles."""

from pathlib import Path

import pytest

from coach.checking.checker import check
from coach.checking.profile import Profile, ProfileError, load_profile
from coach.checking.rules import STEP_IDS
from coach.types import Severity

ATTACK = "You are rude and unreasonable, idiot."
FULL_EMAIL = (
    "Dear Maria,\n\nThank you for working with us since 2021; we really appreciate it.\n"
    "Between 3 May and 28 June you opened tickets #4411 and #4470 about late deliveries.\n"
    "I'm refunding invoice INV-2041 in full. I'm sorry we were not the right fit.\n"
    "You may want to try Northwind or Fabrikam instead.\n\nBest regards,\nSam\n"
)
NEUTRAL = "We will close the account at the end of the month."


def test_full_good_email_scores_high_and_misses_nothing() -> None:
    review = check(FULL_EMAIL)
    assert review.missing == ()
    assert not review.detected["personal_attack"]
    assert review.score >= 90
    assert all(review.detected[s] for s in STEP_IDS)


def test_neutral_text_misses_every_step() -> None:
    review = check(NEUTRAL)
    assert set(review.missing) == set(STEP_IDS)
    assert [f.rule_id for f in review.findings if f.kind == "missing"] == list(review.missing)


def test_an_attack_costs_more_than_a_missing_step() -> None:
    base = check(FULL_EMAIL)
    without_apology = check(FULL_EMAIL.replace(" I'm sorry we were not the right fit.", ""))
    with_attack = check(FULL_EMAIL.replace("Best regards", ATTACK + "\n\nBest regards"))
    assert "apology" in without_apology.missing
    assert with_attack.detected["personal_attack"]
    assert base.score > without_apology.score > with_attack.score
    assert with_attack.has_errors and not base.has_errors


def test_more_attacks_cost_more() -> None:
    one = check(f"{NEUTRAL} {ATTACK}")
    two = check(f"{NEUTRAL} {ATTACK} You are rude, idiot.")
    assert two.score <= one.score
    assert len(two.attacks) > len(one.attacks)


def test_empty_text_gets_a_review() -> None:
    review = check("")
    assert review.sentences == () and set(review.missing) == set(STEP_IDS)


def test_profile_disables_a_rule() -> None:
    profile = Profile.model_validate({"rules": {"personal_attack": {"enabled": False}}})
    review = check(ATTACK, profile)
    assert not review.detected["personal_attack"]
    assert not review.has_errors
    off = Profile.model_validate({"rules": {"apology": {"enabled": False}}})
    assert "apology" not in check(NEUTRAL, off).missing


def test_profile_changes_severity() -> None:
    soft = Profile.model_validate({"rules": {"personal_attack": {"severity": "warning"}}})
    review = check(ATTACK, soft)
    assert review.detected["personal_attack"] and not review.has_errors
    strict = Profile.model_validate({"rules": {"apology": {"severity": "error"}}})
    missing = [f for f in check(NEUTRAL, strict).findings if f.rule_id == "apology"]
    assert missing and missing[0].severity is Severity.ERROR
    assert check(NEUTRAL, strict).has_errors


PROFILE_YAML = """
name: acme
rules:
  goodwill: {severity: suggestion}
custom:
  - id: no_legal_threats
    title: No legal threats
    message: Do not threaten legal action in a goodbye.
    forbid: ["legal action", "our lawyers"]
    severity: error
  - id: ticket_reference
    title: Cite the ticket
    message: Quote the support ticket number.
    require: ["ticket"]
"""


def test_custom_rules_from_yaml(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(PROFILE_YAML, encoding="utf-8")
    profile = load_profile(path)
    text = "Our lawyers will be in touch."
    review = check(text, profile)
    hits = [f for f in review.findings if f.rule_id == "no_legal_threats"]
    assert hits and hits[0].kind == "violation" and hits[0].span is not None
    assert text[hits[0].span[0] : hits[0].span[1]].lower() == "our lawyers"
    assert review.has_errors
    assert "ticket_reference" in review.missing
    ok = check("About ticket 12: thank you.", profile)
    assert "ticket_reference" not in ok.missing
    assert check(text).score >= review.score


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("rules:\n  nope: {enabled: false}\n", "nope"),
        ("rules:\n  apology: {severity: loud}\n", "severity"),
        ("custom:\n  - {id: x1, title: t, message: m}\n", "forbid"),
        ("custom:\n  - {id: Bad Id, title: t, message: m, forbid: [a]}\n", "id"),
        ("rules: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_profile_gives_a_clear_error(tmp_path: Path, yaml_text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ProfileError, match=message) as info:
        load_profile(path)
    assert "bad.yaml" in str(info.value)


def test_company_profile_from_settings_applies_everywhere(tmp_path: Path) -> None:
    from coach.settings import set_overrides

    profile = tmp_path / "company.yaml"
    profile.write_text(
        "custom:\n  - id: no_refund_promise\n    title: No refund promises\n"
        '    forbid: ["promise a refund"]\n    message: Needs approval.\n    severity: error\n',
        encoding="utf-8",
    )
    draft = "We promise a refund by Friday."
    assert "no_refund_promise" not in {f.rule_id for f in check(draft).findings}
    set_overrides({"coach_profile": str(profile)})
    review = check(draft)
    assert any(f.rule_id == "no_refund_promise" and f.kind == "violation" for f in review.findings)
    assert review.has_errors


def test_a_call_line_that_attacks_never_looks_like_a_good_line() -> None:
    attack = check("You are impossible to work with.", mode="line")
    wrapped = check(
        "Thank you for your business, but you are impossible to work with.", mode="line"
    )
    greeting = check("Thanks for making time today.", mode="line")
    assert greeting.score == 100
    assert attack.score is not None and attack.score <= 30
    assert wrapped.score is not None and wrapped.score <= 30
    letter = check("We appreciate your business. You are impossible to work with.")
    assert letter.score == max(0, 20 - 30)  # a message: 20 a step, 30 off for the attack
