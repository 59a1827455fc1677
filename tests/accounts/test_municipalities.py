import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.gran_concepcion import GRAN_CONCEPCION
from accounts.models import Municipality


def test_the_eleven_comunas_are_loaded_with_their_leading_zero(db):
    comunas = dict(Municipality.objects.values_list("code", "name"))
    assert comunas == dict(GRAN_CONCEPCION)
    assert Municipality.objects.get(name="Concepción").code == "08101"
    assert all(len(code) == 5 and code.startswith("0") for code in comunas)
    assert set(Municipality.objects.values_list("region", flat=True)) == {"08"}


def test_the_database_refuses_a_code_that_is_not_five_digits(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Municipality.objects.create(code="8101", name="Sin cero", region="08")


def test_validation_explains_bad_codes(db):
    with pytest.raises(ValidationError) as error:
        Municipality(code="8101", name="Sin cero", region="08").full_clean()
    assert "cinco dígitos" in str(error.value)
    with pytest.raises(ValidationError) as error:
        Municipality(code="13101", name="Santiago", region="08").full_clean()
    assert "código de su región" in str(error.value)


def domains_formset(domains):
    """The institutional domains' inline formset of the municipality's admin form."""
    data = {"domains-TOTAL_FORMS": str(len(domains)), "domains-INITIAL_FORMS": "0", "domains-MAX_NUM_FORMS": "1000"}
    for number, domain in enumerate(domains):
        data.update({f"domains-{number}-domain": domain, f"domains-{number}-ORDER": str(number + 1)})
    return data


def test_any_comuna_of_chile_can_be_added_in_the_admin(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/snippets/accounts/municipality/add/",
        {"name": "Arica", "code": "15101", "region": "15", **domains_formset([])},
    )
    assert response.status_code == 302
    assert Municipality.objects.get(code="15101").get_region_display() == "Arica y Parinacota"
    listing = client.get("/admin/snippets/accounts/municipality/?q=Arica")
    assert "15101" in listing.content.decode()
