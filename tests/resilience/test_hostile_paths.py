"""NUL characters, which no PostgreSQL text column holds, in addresses and query parameters: 400, never a 500."""

import pytest
from bs4 import BeautifulSoup

ADDRESSES = [
    "/reportes/comunas/%00/",
    "/reportes/?comuna=%00",
    "/cursos/%00/",
    "/certificados/verificar/%00/",
    "/herramientas/?q=a%00b",
    "/mi-aprendizaje/?x%00=1",
    "/%00",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_nul_character_in_the_address_is_a_bad_request_on_postgresql(client, postgres, ministry, address):
    client.force_login(ministry)
    response = client.get(address)
    assert response.status_code == 400
    heading = BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)
    assert heading == "No pudimos entender esa solicitud"


def test_ordinary_addresses_are_untouched(client, postgres, ministry):
    client.force_login(ministry)
    response = client.get("/reportes/comunas/08110/")
    assert response.status_code == 200 and "Talcahuano" in response.content.decode()
