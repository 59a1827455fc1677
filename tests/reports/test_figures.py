"""The figures of each report on the known data set (``conftest.py``), computed by hand, from the enrolments
and from the summaries alike."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import formats, timezone

from reports.builders import Report

from .pages import screen_rows, soup

pytestmark = pytest.mark.django_db

SOURCES = ["enrolments", "summaries"]


@pytest.fixture(params=SOURCES)
def source(request, known, monkeypatch):
    """Each test runs twice: reading the summaries (kept current by every write), and reading the enrolments
    directly as a report filtered by date or position does."""
    if request.param == "enrolments":
        monkeypatch.setattr(Report, "uses_summary_source", False)
    return request.param


def test_overview_by_municipality(client, ministry, known, source):
    client.force_login(ministry)
    page = soup(client.get("/reportes/general/"))
    rows = screen_rows(page, "comunas")
    # Enrolled, in progress, completed, completion rate, certificates issued (t2's was revoked: not counted).
    assert rows["Talcahuano"] == ["7", "3", "2", "28,6 %", "1"]
    assert rows["Coronel"] == ["3 *", "1 *", "2 *", "66,7 % *", "2 *"]  # three people: marked for the ministry
    assert rows["Lota"] == ["0", "0", "0", "—", "0"]  # every comuna shows, training or not
    assert rows["Total"] == ["10", "4", "4", "40,0 %", "3"]
    assert "Menos de 5 personas" in page.get_text()
    assert "Cifras al" in page.get_text()


def test_overview_by_course_and_matrix(client, ministry, known, source):
    client.force_login(ministry)
    page = soup(client.get("/reportes/general/"))
    courses = screen_rows(page, "cursos")
    assert courses["Curso A de movilidad"] == ["8", "3", "3", "37,5 %", "2"]
    assert courses["Curso B de datos"] == ["2 *", "1 *", "1 *", "50,0 % *", "1 *"]
    matrix = screen_rows(page, "matriz")
    assert matrix["Talcahuano"] == ["2", "0 *", "2"]  # completed: A, B (one person: marked), total
    assert matrix["Coronel"] == ["1 *", "1 *", "2 *"]
    assert matrix["Total"] == ["3", "1 *", "4"]
    enrolled = soup(client.get("/reportes/general/?medida=enrolled"))
    assert screen_rows(enrolled, "matriz")["Talcahuano"] == ["6", "1 *", "7"]
    certificates = soup(client.get("/reportes/general/?medida=certificates"))
    assert screen_rows(certificates, "matriz")["Coronel"] == ["1 *", "1 *", "2 *"]
    assert screen_rows(certificates, "matriz")["Total"] == ["2", "1 *", "3"]


def test_completions_per_month(client, ministry, known, source):
    client.force_login(ministry)
    page = soup(client.get("/reportes/general/"))
    now = timezone.localtime()
    # t1 finished A 62 days ago, t2 2 days ago, c1 5 days ago; c1 finished B 31 days ago.
    expected = Counter((now - timedelta(days=days)).strftime("%Y-%m") for days in (62, 2, 5, 31))
    months = screen_rows(page, "meses")
    assert len(months) == 12
    for month, count in expected.items():
        year, number = map(int, month.split("-"))
        label = formats.date_format(timezone.datetime(year, number, 1), "YEAR_MONTH_FORMAT")
        assert months[label] == [str(count)]
    assert sum(int(value[0]) for value in months.values()) == 4
    chart = page.find("svg", attrs={"aria-labelledby": "month-chart-title month-chart-desc"})
    assert len(chart.find_all("circle")) == 12


def test_completion_rate_chart_matches_its_table(client, ministry, known, source):
    client.force_login(ministry)
    page = soup(client.get("/reportes/general/?region=08"))
    chart = page.find("figure", attrs={"aria-labelledby": "rate-chart-title"})
    assert chart.find(id="rate-chart-title").get_text() == "Finalización por comuna"
    rows = chart.select(".report-bars__row")
    bars = {
        row.select_one(".report-bars__label").get_text(): row.select_one(".report-bars__value").get_text()
        for row in rows
    }
    assert len(bars) == 11  # the eleven comunas of Gran Concepción, Biobío region
    assert bars["Talcahuano"] == "28,6 %" and bars["Coronel"] == "66,7 %" and bars["Penco"] == "—"
    widths = {row.select_one(".report-bars__label").get_text(): float(row.rect["width"]) for row in rows}
    assert widths["Coronel"] == 66.7 and widths["Talcahuano"] == 28.6 and widths["Penco"] == 0


def test_course_view(client, ministry, known, source):
    client.force_login(ministry)
    page = soup(client.get(f"/reportes/cursos/{known.course_a.pk}/"))
    assert page.h1.get_text(strip=True) == "Curso A de movilidad"
    funnel = screen_rows(page, "embudo")
    assert funnel["Inscritos"] == ["8", "100,0 %"]
    assert funnel["Comenzaron"] == ["6", "75,0 %"]
    assert funnel["Llevan la mitad"] == ["5", "62,5 %"]  # t1, t2, c1 done; t3 at 50 %, c2 at 75 %
    assert funnel["Completados"] == ["3", "37,5 %"]
    assert funnel["Días promedio desde el inicio hasta completar"] == ["11,0", ""]  # (8 + 10 + 15) / 3
    municipalities = screen_rows(page, "comunas")
    assert municipalities == {"Coronel": ["2 *", "1 *", "1 *", "50,0 % *"], "Talcahuano": ["6", "2", "2", "33,3 %"]}
    # The optional quiz: t1 passed, t2 did not, c1 passed; each row links to the quiz's item analysis.
    assert screen_rows(page, "cuestionarios") == {"Evaluación final": ["3", "2", "66,7 %"]}
    link = page.find(id="table-cuestionarios").find_parent("table").find("a", string="Evaluación final")
    assert link["href"] == f"/cuestionarios/{known.quiz.pk}/analisis/"


def test_position_filter_counts_enrolments(client, ministry, known):
    client.force_login(ministry)
    page = soup(client.get("/reportes/general/?cargo=secplan"))
    # Secplan: t2 (A, done), t4 (A, 1/4), c2 (A, 3/4).
    assert screen_rows(page, "comunas")["Total"] == ["3 *", "2 *", "1 *", "33,3 % *", "0 *"]
    assert "Cifras al" in page.get_text()  # counted from the enrolments, at the same moment


def test_date_filter(client, ministry, known):
    client.force_login(ministry)
    from courses.models import Enrolment

    Enrolment.objects.filter(user=known.people["t1"]).update(enrolled_at=timezone.now() - timedelta(days=400))
    since = (timezone.localdate() - timedelta(days=100)).isoformat()
    page = soup(client.get(f"/reportes/general/?desde={since}"))
    assert screen_rows(page, "comunas")["Talcahuano"] == ["5", "2", "1", "20,0 %", "0"]


def test_municipality_view(client, coordinator, known):
    client.force_login(coordinator)
    response = client.get("/reportes/comunas/08110/")
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Funcionarios de Talcahuano"
    figures = [item.get_text(" ", strip=True) for item in page.select(".report-figures li")]
    assert figures == ["6 funcionarios inscritos", "7 inscripciones", "2 cursos completados", "2 estancados"]
    rows = [row[:3] + row[4:5] for row in _table(page)]  # official, course, progress, stalled
    assert [row[0] for row in rows] == [
        "T1 Alarcón",
        "T1 Alarcón",
        "T2 Bravo",
        "T3 Carrasco",
        "T4 Díaz",
        "T5 Espinoza",
        "T6 Fuentes",
    ]
    assert rows[0] == ["T1 Alarcón", "Curso A de movilidad", "100,0 %", ""]
    assert rows[1] == ["T1 Alarcón", "Curso B de datos", "50,0 %", "Estancado"]
    assert _table(page)[3][3] == "2 de 4"  # t3: the exact fraction beside the percentage
    fresh = soup(response)  # (reading the table above dropped the text only screen readers get)
    progress = fresh.find(id="table-funcionarios").find_parent("table").select("tbody tr")[3].select("td")[1]
    assert progress.span["title"] == "2 de 4" and "(2 de 4)" in progress.get_text()
    certificates_and_quizzes = [row[6:8] for row in _table(page)]
    today = formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    assert certificates_and_quizzes[0] == [f"Emitido el {today}", "Evaluación final: 90,0 % (aprobado)"]
    assert certificates_and_quizzes[1] == ["", ""]
    assert certificates_and_quizzes[2] == ["Revocado", "Evaluación final: 60,0 % (no aprobado)"]
    assert rows[5][3] == "Estancado"
    stalled_week = soup(client.get("/reportes/comunas/08110/?dias=7&estancados=on"))
    assert [row[0] for row in _table(stalled_week)] == ["T1 Alarcón", "T4 Díaz", "T5 Espinoza"]


def _table(page):
    from .pages import screen_table

    return screen_table(page, "funcionarios")[1:]


@pytest.mark.parametrize(
    ("query", "completed"),
    [("comuna=08102", 2), ("curso={a}", 3), ("region=08", 4), ("comuna=08110&curso={a}", 2), ("curso={b}", 1)],
)
def test_completions_per_month_filtered(client, ministry, known, source, query, completed):
    """Coronel: c1 finished A and B; course A: t1, t2, c1; Talcahuano in A: t1, t2; course B: c1."""
    client.force_login(ministry)
    url = "/reportes/general/?" + query.format(a=known.course_a.pk, b=known.course_b.pk)
    months = screen_rows(soup(client.get(url)), "meses")
    assert sum(int(value[0]) for value in months.values()) == completed
