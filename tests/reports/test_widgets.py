"""The report filters' inputs are written in Python (``reports.widgets``), and write what Django's templates do."""

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.http import QueryDict

from reports import services, widgets

from .pages import soup

ATTRS = [None, {"id": "id_x", "required": True, "maxlength": "150", "aria-invalid": "true", "disabled": False}]


@pytest.mark.parametrize(
    ("quick", "stock", "values"),
    [
        (widgets.TextInput, forms.TextInput, [None, "", 'Jefa de <tránsito> & "obras"', 7]),
        (widgets.NumberInput, forms.NumberInput, [None, "", 30, "12x"]),
        (widgets.CheckboxInput, forms.CheckboxInput, [None, "", True, False, "on"]),
    ],
)
def test_an_input_writes_what_djangos_template_writes(quick, stock, values):
    for value in values:
        for attrs in ATTRS:
            assert quick().render("campo", value, attrs) == stock().render("campo", value, attrs)


def test_a_date_input_writes_an_iso_date_and_drops_anything_else():
    assert widgets.DateInput().render("desde", "2026-03-10", {"id": "id_desde"}) == (
        '<input type="date" name="desde" value="2026-03-10" id="id_desde">'
    )
    assert widgets.DateInput().render("desde", "ayer", {"id": "id_desde"}) == (
        '<input type="date" name="desde" id="id_desde">'
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "address", "kind", "key", "query"),
    [
        ("coordinator", "/reportes/comunas/08110/", "municipio", "08110", ""),
        ("coordinator", "/reportes/comunas/08110/", "municipio", "08110", "desde=ayer&dias=0&cargo=Tr%C3%A1nsito"),
        ("ministry", "/reportes/general/", "general", None, "curso=abc&medida=rate"),
    ],
)
def test_the_filters_write_what_the_sites_field_template_writes(client, request, who, address, kind, key, query):
    """``reports/filters.html`` writes each field in one loop: the same labels, errors (with their ARIA wiring) and
    inputs as ``as_field_group`` through the site's field template, valid or not."""
    user = request.getfixturevalue(who)
    request.getfixturevalue("talcahuano")
    client.force_login(user)
    page = soup(client.get(f"{address}?{query}"))
    report = services.open_report(user, kind, key, QueryDict(query))
    expected = BeautifulSoup(
        "".join(field.as_field_group() for form in report.forms for field in form.visible_fields()), "html.parser"
    )

    def fields(markup):
        return [" ".join(str(field).split()).replace("> <", "><") for field in markup.select("div.field")]

    written = fields(page.find("form", class_="filters"))
    assert written == fields(expected)
    assert len(written) == sum(len(form.visible_fields()) for form in report.forms)
    assert ("field--invalid" in "".join(written)) is bool(query and "ayer" in query or "abc" in query)
