"""Quiz attempts in an official's data download."""

from decimal import Decimal

from accounts.personal_data import export_personal_data

from .factories import ALL_RIGHT, SINGLE, take


def test_attempts_are_in_the_download(learner, enrolled, quiz, official):
    take(learner, quiz, {**ALL_RIGHT, SINGLE: "La Universidad de Concepción"})
    data = export_personal_data(learner)
    [attempt] = data["quiz_attempts"]
    assert (attempt["quiz"], attempt["course"], attempt["number"], attempt["passed"]) == (
        "Evaluación del módulo",
        "Ciudad inteligente",
        1,
        True,
    )
    assert attempt["score_percent"] == Decimal("83.33")
    first = attempt["answers"][0]
    assert (first["question"], first["answer"], first["correct"]) == (SINGLE, "La Universidad de Concepción", False)
    assert export_personal_data(official)["quiz_attempts"] == []


def test_the_download_is_json(client, learner, enrolled, quiz):
    take(learner, quiz, ALL_RIGHT)
    client.force_login(learner)
    data = client.get("/cuenta/mis-datos/descargar/").json()
    assert data["quiz_attempts"][0]["score_percent"] == "100.00"
