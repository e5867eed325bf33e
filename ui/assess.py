"""Page: should I let this client go? A short assessment, a recommendation with reasons,
and one click to rehearse the conversation with the assessment's facts."""

from __future__ import annotations

import streamlit as st

from coach.assess import (
    SITUATION_LABELS,
    Assessment,
    Decision,
    Recommendation,
    assess,
    scenario_from,
)
from coach.scenarios.schema import Situation
from ui import nav, rehearse

CURRENCIES = ["$", "£", "€", "A$", "C$", "NZ$", "R", "₹", "¥", "CHF"]
RESULT_KEY = "assess_result"
SCOPES = {
    "within": "Yes, they ask for what was agreed",
    "sometimes": "Sometimes they ask for more",
    "beyond": "They regularly expect more than the contract covers",
}
_DECISION_ALERT = {
    Decision.KEEP: st.success,
    Decision.FIX_FIRST: st.warning,
    Decision.LET_GO: st.error,
}


def render() -> None:
    st.title("Should I let this client go?")
    st.caption(
        "A short, honest check: which warning signs apply, what the client brings in against "
        "what they cost you, and whether things are likely to change."
    )
    with st.form("assessment", border=True):
        data = _form()
        submitted = st.form_submit_button("Assess", type="primary", icon=":material/balance:")
    if submitted:
        st.session_state[RESULT_KEY] = (data, assess(data))
    stored: tuple[Assessment, Recommendation] | None = st.session_state.get(RESULT_KEY)
    if stored is None:
        st.info("Fill in what you know and press **Assess**. Leave unknown figures at 0.")
        return
    _result(*stored)


def _form() -> Assessment:
    cols = st.columns(2)
    name = cols[0].text_input("Client name", key="assess_name", placeholder="Harbour Deli")
    business = cols[1].text_input(
        "Their business", key="assess_business", placeholder="a sandwich shop with two sites"
    )
    st.markdown("**Which of these apply?**")
    picks = st.columns(2)
    situations = [
        s
        for i, s in enumerate(Situation)
        if picks[i % 2].checkbox(SITUATION_LABELS[s], key=f"assess_{s.value}")
    ]

    st.markdown("**The simplest test: what they bring in against what they cost**")
    currency = st.selectbox(
        "Currency",
        CURRENCIES,
        key="assess_currency",
        accept_new_options=True,
        help="Amounts are shown, and the rehearsal's client speaks, in this currency.",
    )
    money = st.columns(3)
    revenue = money[0].number_input(
        "Monthly revenue from them", min_value=0.0, step=100.0, key="assess_revenue"
    )
    hours = money[1].number_input(
        "Hours a month serving them", min_value=0.0, step=1.0, key="assess_hours"
    )
    rate = money[2].number_input(
        "Cost of an hour of your time", min_value=0.0, step=5.0, key="assess_rate"
    )
    more = st.columns(3)
    costs = more[0].number_input(
        "Other monthly costs for them",
        min_value=0.0,
        step=50.0,
        key="assess_costs",
        help="Materials, travel, software, write-offs…",
    )
    total = more[1].number_input(
        "Your total monthly revenue",
        min_value=0.0,
        step=1000.0,
        key="assess_total",
        help="To see how much of your business depends on this client. 0 if unsure.",
    )
    tenure = more[2].number_input(
        "Years as a client", min_value=0.0, max_value=100.0, step=0.5, key="assess_tenure"
    )
    scope = st.radio(
        "Are their requests within what you agreed?",
        list(SCOPES),
        format_func=SCOPES.__getitem__,
        key="assess_scope",
        help="A client is owed everything promised — and no more (the right of expectation).",
    )
    change = st.checkbox(
        "The situation is likely to change (a new contact, a temporary crisis, a fix in sight)",
        key="assess_change",
    )
    incidents = st.text_area(
        "Documented incidents, one per line (optional)",
        key="assess_incidents",
        placeholder="12 March: complained about the 5th delivery in a row (ticket T-1043)",
        help="They become the facts you can cite when you rehearse the conversation.",
    )
    return Assessment(
        client_name=name,
        business=business,
        situations=situations,
        monthly_revenue=revenue,
        hours_per_month=hours,
        hourly_rate=rate,
        other_costs=costs,
        total_monthly_revenue=total or None,
        tenure_years=tenure,
        likely_to_change=change,
        scope=scope or "within",
        incidents=(incidents or "").splitlines(),
        currency=(currency or "$").strip()[:4] or "$",
    )


def _result(data: Assessment, rec: Recommendation) -> None:
    _DECISION_ALERT[rec.decision](f"**{rec.headline}**")
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("Why")
        st.markdown("\n".join(f"- {r}" for r in rec.reasons))
    with right:
        st.subheader("Revenue against cost to serve")
        st.bar_chart(
            {
                "per month": [data.monthly_revenue, data.cost_to_serve],
                "item": ["Revenue", "Cost to serve"],
            },
            x="item",
            y="per month",
            x_label="",
            horizontal=True,
            height=180,
        )
        margin = data.margin
        st.metric(
            "Monthly margin",
            f"{'-' if margin < 0 else ''}{data.currency}{abs(margin):,.0f}",
            help="Revenue minus (hours × hourly cost + other costs).",
        )
        if (share := data.revenue_share) is not None:
            st.metric("Share of your revenue", f"{share:.0%}")
    if rec.decision is not Decision.KEEP and st.button(
        "Rehearse this conversation",
        type="primary",
        icon=":material/record_voice_over:",
        help="Opens the Rehearse page with a client built from these facts.",
    ):
        rehearse.offer_scenario(scenario_from(data))
        nav.go(nav.REHEARSE)
