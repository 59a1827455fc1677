"""The report filters' inputs are written in Python (``reports.widgets``), and write what Django's templates do."""

import pytest
from django import forms

from reports import widgets

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
