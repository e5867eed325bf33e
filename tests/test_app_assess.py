"""The "Should I let this client go?" page, driven with AppTest."""

from __future__ import annotations

from coach.assess import Decision
from tests.app_harness import button, new_app, no_exception, texts
from ui.assess import RESULT_KEY


def _assess_page(tmp_path):
    at = new_app(tmp_path)
    at.switch_page("ui/pages/assess.py").run()
    no_exception(at)
    return at


def _fill(at, **numbers: float) -> None:
    at.text_input(key="assess_name").input("Harbour Deli")
    at.checkbox(key="assess_chronic_complainer").check()
    at.checkbox(key="assess_never_refers").check()
    for key, value in numbers.items():
        at.number_input(key=f"assess_{key}").set_value(value)
    at.text_area(key="assess_incidents").input("Complained after each of the last 5 deliveries")


def test_empty_state_before_assessing(tmp_path) -> None:
    at = _assess_page(tmp_path)
    assert at.title[0].value == "Should I let this client go?"
    assert any("press **Assess**" in i.value for i in at.info)


def test_an_unprofitable_complainer_is_let_go_with_reasons_and_a_chart(tmp_path) -> None:
    at = _assess_page(tmp_path)
    _fill(at, revenue=900, hours=20, rate=60, total=3000, tenure=1)
    button(at, "Assess").click().run()
    no_exception(at)
    data, rec = at.session_state[RESULT_KEY]
    assert data.cost_to_serve == 1200
    assert rec.decision is Decision.LET_GO
    assert at.error[0].value.startswith("**Let this client go")
    page = texts(at)
    assert "lose money" in page and "house of cards" in page
    assert at.get("vega_lite_chart")
    margin = next(m for m in at.metric if m.label == "Monthly margin")
    assert margin.value == "-$300"


def test_a_healthy_client_is_kept_and_offers_no_rehearsal(tmp_path) -> None:
    at = _assess_page(tmp_path)
    at.number_input(key="assess_revenue").set_value(5000)
    at.number_input(key="assess_hours").set_value(5)
    at.number_input(key="assess_rate").set_value(50)
    button(at, "Assess").click().run()
    assert at.success[0].value == "**Keep this client**"
    assert not [b for b in at.button if b.label == "Rehearse this conversation"]


def test_one_click_turns_the_assessment_into_a_rehearsal_scenario(tmp_path) -> None:
    at = _assess_page(tmp_path)
    _fill(at, revenue=900, hours=20, rate=60)
    button(at, "Assess").click().run()
    button(at, "Rehearse this conversation").click().run()
    no_exception(at)
    assert at.title[0].value == "Rehearse a call"
    assert at.selectbox(key="scenario_pick").value == "assessed-harbour-deli"
    page = texts(at)
    assert "Harbour Deli" in page
    assert "Complained after each of the last 5 deliveries" in page
    at.switch_page("ui/pages/rehearse.py")  # AppTest does not follow st.switch_page's URL
    button(at, "Start the call").click().run()
    no_exception(at)
    assert "Harbour Deli" in at.chat_message[0].markdown[0].value


def test_amounts_keep_the_currency_typed(tmp_path) -> None:
    at = _assess_page(tmp_path)
    at.selectbox(key="assess_currency").select("£")
    _fill(at, revenue=900, hours=20, rate=60)
    button(at, "Assess").click().run()
    no_exception(at)
    page = texts(at)
    assert "£900" in page and "$" not in page.replace("OPENAI", "")
    margin = next(m for m in at.metric if m.label == "Monthly margin")
    assert margin.value == "-£300"
