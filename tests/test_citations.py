"""The citation check: facts a user cites are compared with the scenario's incident log."""

import pytest

from coach.citations import CitationCheck, check_citations
from coach.scenarios.schema import Scenario

SCENARIO = Scenario.model_validate(
    {
        "id": "citations-test",
        "title": "Test",
        "situation": "chronic_complainer",
        "summary": "A client who complains.",
        "persona": {
            "name": "Dana",
            "role": "owner",
            "company": "Dana Co",
            "business": "catering",
            "temperament": "exacting",
            "wants": "perfection",
        },
        "incidents": [
            {
                "id": "shipments",
                "date": "2024-05-31",
                "summary": "Complained after each of the last five shipments",
                "count": 5,
                "unit": "shipments",
                "ticket": "T-4471",
                "keywords": ["shipment", "complained", "complaint"],
            },
            {
                "id": "herb",
                "date": "2024-04-12",
                "summary": "Demanded a full refund over one substituted herb",
                "invoice": "INV-2207",
                "amount": 1840,
                "keywords": ["herb", "substituted", "refund"],
            },
        ],
        "difficulties": {
            "cooperative": {"opening": "Hi.", "mood": {"anger": 1, "trust": 6, "readiness": 4}}
        },
    }
)


def only(text: str) -> CitationCheck:
    checks = check_citations(text, SCENARIO)
    assert len(checks) == 1, checks
    return checks[0]


@pytest.mark.parametrize(
    "text",
    [
        "You have contacted us after each of the last seven shipments.",
        "You complained about 7 shipments.",
        "After twenty-one shipments you complained again.",
    ],
)
def test_misstated_count_is_flagged_with_the_record(text: str) -> None:
    c = only(text)
    assert c.status == "misstated"
    assert c.detail == "count"
    assert c.incident_id == "shipments"
    assert c.correct_value == "five shipments"
    assert "five shipments" in c.message
    assert "T-4471" in (c.correct_record or "")


@pytest.mark.parametrize(
    "text",
    [
        "You have contacted us after each of the last five shipments.",
        "You complained about 5 shipments.",
    ],
)
def test_accurate_count_is_credited(text: str) -> None:
    c = only(text)
    assert (c.status, c.detail, c.incident_id) == ("accurate", "count", "shipments")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("On 12 April you demanded a refund over the substituted herb.", "accurate"),
        ("On April 12th, 2024 you demanded a refund over the substituted herb.", "accurate"),
        ("On 2024-04-12 you demanded a refund over the substituted herb.", "accurate"),
        ("On 12/04/2024 you demanded a refund over the substituted herb.", "accurate"),
        ("On 13 April you demanded a refund over the substituted herb.", "misstated"),
        ("On 12 April 2023 you demanded a refund over the substituted herb.", "misstated"),
    ],
)
def test_dates(text: str, status: str) -> None:
    c = only(text)
    assert (c.detail, c.status, c.incident_id) == ("date", status, "herb")
    assert c.correct_value == "12 April 2024"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Invoice INV-2207 covered the herb order.", "accurate"),
        ("Invoice no. 2207 covered the herb order.", "accurate"),
        ("Invoice INV-2208 covered the herb order.", "misstated"),
        ("INV-2209 covered the herb order.", "misstated"),
    ],
)
def test_invoice_ids(text: str, status: str) -> None:
    c = only(text)
    assert (c.detail, c.status, c.incident_id) == ("id", status, "herb")
    assert c.correct_value == "invoice INV-2207"


def test_wrong_amount_is_flagged() -> None:
    c = only("You asked for a full refund of $1,940 over a substituted herb.")
    assert (c.status, c.detail, c.correct_value) == ("misstated", "amount", "$1,840")


def test_several_claims_in_one_sentence_are_checked_separately() -> None:
    checks = check_citations(
        "On 31 May, after the last seven shipments, you opened ticket T-4471.", SCENARIO
    )
    assert [(c.detail, c.status) for c in checks] == [
        ("date", "accurate"),
        ("count", "misstated"),
        ("id", "accurate"),
    ]


def test_invented_incident_is_unknown_and_lists_the_record() -> None:
    c = only("On 3 February you shouted at our driver.")
    assert c.status == "unknown"
    assert c.incident_id is None
    assert "five shipments" in (c.correct_record or "")
    assert "INV-2207" in (c.correct_record or "")


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for three great years together.",
        'You wrote "seven shipments were bad" in your email.',
        "We will stop deliveries on 30 June.",
        "I'm refunding $450 for this month.",
        "We appreciate you giving us a try, and I'm sorry it didn't work out.",
        "",
    ],
)
def test_no_claims_no_checks(text: str) -> None:
    assert check_citations(text, SCENARIO) == []


def test_spans_point_at_the_quote_in_the_draft() -> None:
    text = "Hello Dana.\nThanks for your business. You complained about seven shipments. Sorry."
    checks = check_citations(text, SCENARIO)
    assert checks
    for c in checks:
        assert text[c.span[0] : c.span[1]] == c.quote


def test_deterministic_and_round_trips() -> None:
    text = "On 13 April, after seven shipments, invoice INV-2208 was disputed."
    first = check_citations(text, SCENARIO)
    assert first == check_citations(text, SCENARIO)
    assert [CitationCheck.from_dict(c.to_dict()) for c in first] == first
