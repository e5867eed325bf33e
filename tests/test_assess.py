"""The "should I let this client go?" recommendation and its scenario."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.assess import (
    Assessment,
    Decision,
    Urgency,
    assess,
    issues_of,
    scenario_from,
)
from coach.scenarios.schema import Difficulty, Scenario, Situation

PROFITABLE = {"monthly_revenue": 5000, "hours_per_month": 10, "hourly_rate": 100}


def test_cost_to_serve_is_hours_times_rate_plus_costs() -> None:
    a = Assessment(monthly_revenue=1000, hours_per_month=12, hourly_rate=50, other_costs=150)
    assert a.cost_to_serve == 750
    assert a.margin == 250


def test_a_profitable_client_without_issues_is_kept() -> None:
    rec = assess(Assessment(**PROFITABLE, tenure_years=1))
    assert rec.decision is Decision.KEEP
    assert rec.urgency is Urgency.NONE
    assert rec.issues == ()


def test_losing_money_counts_as_unprofitable_even_if_not_ticked() -> None:
    a = Assessment(monthly_revenue=800, hours_per_month=20, hourly_rate=60)
    assert Situation.UNPROFITABLE in issues_of(a)
    rec = assess(a)
    assert rec.decision is Decision.LET_GO
    assert any("lose money" in r for r in rec.reasons)


def test_abuse_of_staff_means_let_go_now() -> None:
    rec = assess(Assessment(**PROFITABLE, situations=[Situation.ABUSIVE_TO_STAFF]))
    assert rec.decision is Decision.LET_GO
    assert rec.urgency is Urgency.NOW


def test_several_issues_are_the_first_to_refer_elsewhere() -> None:
    a = Assessment(
        **PROFITABLE,
        situations=[Situation.CHRONIC_COMPLAINER, Situation.NEVER_REFERS],
    )
    rec = assess(a)
    assert (rec.decision, rec.urgency) == (Decision.LET_GO, Urgency.NOW)


def test_long_standing_client_whose_situation_may_change_is_not_dropped() -> None:
    a = Assessment(
        **PROFITABLE,
        situations=[Situation.CHRONIC_COMPLAINER, Situation.NO_GROWTH_CAPACITY],
        tenure_years=8,
        likely_to_change=True,
    )
    assert assess(a).decision is Decision.KEEP
    newer = a.model_copy(update={"tenure_years": 0.5})
    assert assess(newer).decision is Decision.FIX_FIRST


def test_one_mild_issue_means_fix_first() -> None:
    rec = assess(Assessment(**PROFITABLE, situations=[Situation.NEVER_REFERS]))
    assert rec.decision is Decision.FIX_FIRST


def test_requests_beyond_scope_count_as_an_issue() -> None:
    within = assess(Assessment(**PROFITABLE, situations=[Situation.NEVER_REFERS]))
    beyond = assess(Assessment(**PROFITABLE, situations=[Situation.NEVER_REFERS], scope="beyond"))
    assert within.decision is Decision.FIX_FIRST
    assert beyond.decision is Decision.LET_GO
    assert any("right of expectation" in r for r in beyond.reasons)


def test_a_large_share_of_revenue_warns_of_a_house_of_cards() -> None:
    base = {**PROFITABLE, "situations": [Situation.CHRONIC_COMPLAINER, Situation.NEVER_REFERS]}
    small = assess(Assessment(**base, total_monthly_revenue=100_000))
    large = assess(Assessment(**base, total_monthly_revenue=10_000))
    assert not any("house of cards" in r for r in small.reasons)
    assert any("house of cards" in r for r in large.reasons)
    assert large.decision is Decision.LET_GO
    assert large.urgency is Urgency.WHEN_READY


def test_implausible_total_revenue_is_ignored() -> None:
    assert Assessment(monthly_revenue=500, total_monthly_revenue=100).revenue_share is None


def test_scenario_carries_the_assessment_facts() -> None:
    a = Assessment(
        client_name="Harbour Deli",
        business="sandwich shop",
        situations=[Situation.CHRONIC_COMPLAINER],
        monthly_revenue=1200,
        hours_per_month=30,
        hourly_rate=55,
        scope="beyond",
        incidents=["Complained after each of the last 5 deliveries", "  "],
    )
    sc = scenario_from(a)
    assert isinstance(sc, Scenario)
    assert sc.persona.name == "Harbour Deli"
    assert sc.situation is Situation.UNPROFITABLE  # the numbers outrank complaints
    summaries = [i.summary for i in sc.incidents]
    assert "Complained after each of the last 5 deliveries" in summaries
    assert not any("1,200" in s or "1,650" in s for s in summaries)  # internal, not citable
    assert sc.monthly_revenue == 1200
    assert any(i.id == "scope" for i in sc.incidents)
    assert set(sc.difficulties) == set(Difficulty)
    assert all("Harbour Deli" in lvl.opening for lvl in sc.difficulties.values())


amounts = st.floats(min_value=0, max_value=1e7, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    name=st.text(max_size=40),
    situations=st.lists(st.sampled_from(list(Situation)), unique=True),
    revenue=amounts,
    hours=st.floats(min_value=0, max_value=500),
    rate=amounts,
    total=st.none() | amounts,
    tenure=st.floats(min_value=0, max_value=60),
    change=st.booleans(),
    scope=st.sampled_from(["within", "sometimes", "beyond"]),
)
def test_any_assessment_gets_a_recommendation_and_a_valid_scenario(
    name, situations, revenue, hours, rate, total, tenure, change, scope
) -> None:
    a = Assessment(
        client_name=name,
        situations=situations,
        monthly_revenue=revenue,
        hours_per_month=hours,
        hourly_rate=rate,
        total_monthly_revenue=total,
        tenure_years=tenure,
        likely_to_change=change,
        scope=scope,
    )
    rec = assess(a)
    assert rec.reasons
    assert set(situations) <= set(rec.issues)
    if rec.decision is Decision.KEEP:
        assert not (set(rec.issues) & {Situation.ABUSIVE_TO_STAFF, Situation.UNETHICAL_REQUESTS})
    scenario_from(a)


@pytest.mark.parametrize("severe", [Situation.ABUSIVE_TO_STAFF, Situation.UNETHICAL_REQUESTS])
def test_severe_issues_are_never_kept_even_for_old_friends(severe: Situation) -> None:
    a = Assessment(**PROFITABLE, situations=[severe], tenure_years=20, likely_to_change=True)
    assert assess(a).decision is Decision.LET_GO


def test_money_is_shown_in_the_currency_typed() -> None:
    a = Assessment(
        client_name="Harbour Deli",
        monthly_revenue=1200,
        hours_per_month=30,
        hourly_rate=55,
        currency="£",
        incidents=["Returned three orders on 4 May"],
    )
    rec = assess(a)
    assert any("£1,200" in r and "£1,650" in r for r in rec.reasons)
    assert not any("$" in r for r in rec.reasons)
    assert scenario_from(a).currency == "£"


def test_the_reason_names_each_problem_it_counts() -> None:
    rec = assess(
        Assessment(**PROFITABLE, situations=[Situation.CHRONIC_COMPLAINER], scope="beyond")
    )
    reason = next(r for r in rec.reasons if "problems at once" in r)
    assert reason.startswith("Two problems at once (chronic complainer, requests beyond scope)")
    assert "Several" not in " ".join(rec.reasons)


def test_whether_things_may_change_is_always_given_as_a_reason() -> None:
    base = {**PROFITABLE, "situations": [Situation.ABUSIVE_TO_STAFF]}
    may_change = assess(Assessment(**base, likely_to_change=True))
    stuck = assess(Assessment(**base))
    assert may_change.urgency is Urgency.SOON and stuck.urgency is Urgency.NOW
    assert any("expect things to change" in r for r in may_change.reasons)
    two = {**PROFITABLE, "situations": [Situation.CHRONIC_COMPLAINER, Situation.NEVER_REFERS]}
    assert any("do not expect" in r for r in assess(Assessment(**two)).reasons)
