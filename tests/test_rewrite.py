"""The offline rewrite: no attack left, every fact kept, placeholders instead of inventions,
greeting and sign-off kept, the same draft gives the same rewrite."""

import itertools

import pytest

from coach.checking.checker import check
from coach.checking.facts import extract_facts, join_facts
from coach.checking.rewrite import PLACEHOLDERS, STEP_TEMPLATES, rewrite, unified_diff
from coach.prompts import load_variants

FACT_SENTENCES = [
    "You have contacted us 14 times since 3 May 2024.",
    "Invoice INV-2041 for $1,250.00 is still unpaid after 45 days.",
    "Ticket #4411 was about the weekend deliveries in clause 4.2 of the contract.",
    "On 2024-03-12 Mr. Jones from Harbour Deli Ltd asked for a 15% discount.",
    "We have worked together for 3 years and delivered 212 orders.",
]
ATTACK_SENTENCES = [
    "You are rude and unreasonable.",
    "Frankly, you are impossible to work with, idiot.",
    "You called us 9 times on 12/03/2024, idiot.",
    "You are rude about invoice INV-99 for €300, and you are unreasonable.",
]
GOOD_SENTENCES = [
    "Thank you for working with us.",
    "I'm sorry we could not be the right fit.",
    "We are refunding last month's fee of £80.",
]


def drafts() -> list[str]:
    out = []
    for facts, attack, good in itertools.product(
        FACT_SENTENCES[:3], ATTACK_SENTENCES, GOOD_SENTENCES
    ):
        out.append(f"{attack} {facts} {good}")
        out.append(f"Dear Ann,\n\n{good}\n{facts} {attack}\n\nBest regards,\nTom\n")
    out.extend(FACT_SENTENCES + ATTACK_SENTENCES)
    return out


@pytest.mark.parametrize("draft", drafts())
def test_rewrite_keeps_facts_and_removes_attacks(draft: str) -> None:
    result = rewrite(draft)
    for fact in extract_facts(draft):
        assert fact.text in result.text, fact
    assert result.facts_preserved
    assert not check(result.text).detected["personal_attack"], result.text
    if check(draft).detected["personal_attack"]:
        assert result.dropped


def test_attack_sentence_facts_are_restated_neutrally() -> None:
    draft = "You called us 9 times on 12/03/2024, idiot."
    assert check(draft).detected["personal_attack"]
    result = rewrite(draft)
    assert "9 times" in result.text and "12/03/2024" in result.text
    assert "idiot" not in result.text
    assert draft in result.dropped


def test_missing_steps_are_supplied_with_placeholders_not_inventions() -> None:
    draft = "We will close your account at the end of the month."
    review = check(draft)
    result = rewrite(draft, review)
    assert set(result.added_steps) == set(review.missing)
    after = check(result.text)
    assert not set(result.added_steps) & set(after.missing) or not after.detected["personal_attack"]
    if "goodwill" in result.added_steps:
        assert PLACEHOLDERS["refund"] in result.text
    if "alternatives" in result.added_steps:
        assert PLACEHOLDERS["provider"] in result.text
    assert set(result.placeholders) <= set(PLACEHOLDERS.values())
    assert all(p in result.text for p in result.placeholders)
    original_numbers = {f.text for f in extract_facts(draft)}
    new_numbers = {f.text for f in extract_facts(result.text) if f.kind in ("amount", "date")}
    assert new_numbers <= original_numbers


@pytest.mark.parametrize("step", STEP_TEMPLATES)
def test_every_step_variant_reads_as_that_step(step: str) -> None:
    for variant in load_variants(STEP_TEMPLATES[step]):
        review = check(variant.render(PLACEHOLDERS))
        assert review.detected[step], variant.text
        assert not review.detected["personal_attack"], variant.text


def test_complete_email_is_left_nearly_alone() -> None:
    draft = (
        "Dear Maria,\n\nThank you for working with us since 2021.\n"
        "Between 3 May and 28 June you opened tickets #4411 and #4470.\n"
        "I'm refunding invoice INV-2041 in full. I'm sorry we were not the right fit.\n"
        "You may want to try Northwind or Fabrikam instead.\n\nBest regards,\nSam\n"
    )
    review = check(draft)
    result = rewrite(draft, review)
    assert result.added_steps == review.missing
    assert not result.dropped
    for sentence in review.sentences:
        assert sentence.sentence.text in result.text


def test_greeting_and_sign_off_stay_in_place() -> None:
    draft = "Hi Bob,\n\nYou are rude and unreasonable. Ticket #12 is closed.\n\nKind regards,\nAl\n"
    text = rewrite(draft).text
    assert text.startswith("Hi Bob,\n\n")
    assert text.endswith("Kind regards,\nAl\n")


def test_deterministic_and_seed_varies_phrasing() -> None:
    draft = "You are rude and unreasonable."
    assert rewrite(draft).text == rewrite(draft).text
    texts = {rewrite(draft, seed=s).text for s in range(20)}
    assert len(texts) > 1


def test_diff_helper() -> None:
    diff = unified_diff("a\nb\n", "a\nc\n")
    assert "-b" in diff and "+c" in diff and diff.startswith("--- draft")
    assert unified_diff("same\n", "same\n") == ""


def test_join_facts() -> None:
    assert join_facts([]) == ""
    assert join_facts(["a"]) == "a"
    assert join_facts(["a", "b", "c"]) == "a, b and c"


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Refund of $1,250.00 is due", "amount", "$1,250.00"),
        ("It costs 300 EUR a month", "amount", "300 EUR"),
        ("a 15% rise", "percentage", "15%"),
        ("on 3 May 2024 we met", "date", "3 May 2024"),
        ("by March 5th, 2023 at the latest", "date", "March 5th, 2023"),
        ("since 2024-01-05", "date", "2024-01-05"),
        ("since 12/03/2024", "date", "12/03/2024"),
        ("see invoice INV-2041 please", "id", "invoice INV-2041"),
        ("about ticket #4411 today", "id", "ticket #4411"),
        ("under PO-7781 we shipped", "id", "PO-7781"),
        ("as clause 4.2 (b) says", "clause", "clause 4.2 (b)"),
        ("for 3 years now", "duration", "3 years"),
        ("you called 14 times", "count", "14 times"),
        ("we spoke to Mr. Jones about it", "name", "Mr. Jones"),
        ("our partners at Harbour Deli Ltd said so", "name", "Harbour Deli Ltd"),
    ],
)
def test_fact_extraction(text: str, kind: str, value: str) -> None:
    facts = extract_facts(text)
    assert any(f.kind == kind and f.text == value for f in facts), facts
    for f in facts:
        assert text[f.start : f.end] == f.text
