from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.views.defaults import server_error

from home import demo


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_is_spanish_accessible_and_self_hosted(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.html["lang"] == "es"
    assert soup.h1.get_text(strip=True) == home_page.heading
    skip = soup.select_one("a.skip-link")
    assert skip.get_text(strip=True) == "Saltar al contenido principal"
    assert soup.select_one(skip["href"]).name == "main"
    assert [a.get_text(strip=True) for a in soup.select(".site-nav__list:not(.site-nav__account) a")] == [
        "Catálogo",
        "Herramientas",
        "Mi aprendizaje",
        "Verificar certificado",
    ]
    assert soup.select_one("header") and soup.select_one("footer") and soup.select_one("nav[aria-label]")
    for tag in soup.select("link[href], script[src], img[src]"):
        address = tag.get("href") or tag.get("src")
        assert address.startswith("/"), f"{address} is not served by the site itself"
    # The one script is the offline reading's, from the site's own files, deferred; no inline code.
    scripts = soup.select("script:not([type='application/json'])")
    assert [(script["src"], script.has_attr("defer"), script.string) for script in scripts] == [
        ("/static/js/offline.js", True, None)
    ]


def test_home_page_shows_the_editable_programme_content(client, home_page):
    demo.load(stdout=_Silent())
    soup = soup_of(client.get("/"))
    assert soup.h1.get_text(strip=True) == "Aprender a co-crear la movilidad de nuestras comunas"
    headings = [h.get_text(strip=True) for h in soup.select("main h2")]
    assert "Los componentes del programa" in headings
    assert "Laboratorio de innovación" in soup.get_text()


def test_english_lives_under_en(client, home_page):
    demo.load(stdout=_Silent())
    soup = soup_of(client.get("/en/"))
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text(strip=True) == "Learning to co-create mobility in our comunas"
    assert soup.select_one(".site-nav a")["href"] == "/en/cursos/"
    assert soup.select_one(".site-nav a").get_text(strip=True) == "Catalogue"


def test_language_switcher_moves_between_the_spanish_and_english_addresses(client, home_page):
    soup = soup_of(client.get("/cuenta/ingresar/"))
    form = soup.select_one("form.language-switcher")
    assert form.select_one("input[name=next]")["value"] == "/cuenta/ingresar/"
    # Each language is named in itself, matching the lang attribute a screen reader uses to pronounce it.
    assert [(b["lang"], b.get_text(strip=True)) for b in form.select("button")] == [
        ("es", "Español"),
        ("en", "English"),
    ]
    assert form.select_one("button[value=es]").has_attr("disabled")
    response = client.post(form["action"], {"language": "en", "next": "/cuenta/ingresar/"})
    assert response["Location"] == "/en/cuenta/ingresar/"
    english = soup_of(client.get("/en/cuenta/ingresar/"))
    assert english.h1.get_text(strip=True) == "Sign in"
    response = client.post(form["action"], {"language": "es", "next": "/en/cuenta/ingresar/"})
    assert response["Location"] == "/cuenta/ingresar/"


def test_unknown_address_gets_a_spanish_404_page(client, home_page):
    response = client.get("/no-existe/")
    assert response.status_code == 404
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "No encontramos esta página"
    assert soup.select_one("a[href='/cursos/']")


def test_server_error_page_is_spanish_and_standalone(db):
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    soup = soup_of(response)
    assert soup.html["lang"] == "es"
    assert "Algo salió mal" in soup.h1.get_text()
    assert "Su avance está guardado" in soup.get_text()


def test_privacy_notice_names_the_law_and_the_contact(client, db):
    soup = soup_of(client.get("/privacidad/"))
    text = soup.get_text(" ", strip=True)
    assert soup.h1.get_text(strip=True) == "Aviso de privacidad"
    assert "19.628" in text
    assert "privacidad@cocrea.test" in text


class _Silent:
    def write(self, *args, **kwargs):
        pass


def test_privacy_notice_links_to_the_personal_data_page(client, db):
    soup = soup_of(client.get("/privacidad/"))
    link = soup.select_one("a[href='/cuenta/mis-datos/']")
    assert link.get_text(strip=True) == "Mis datos"
    assert "eliminarlos usted mismo" in link.parent.get_text()


def test_english_visitors_get_spanish_pages_that_have_no_translation(client, home_page):
    from wagtail.models import Locale

    from home.models import HomePage

    demo.load(stdout=_Silent())
    english_home = HomePage.objects.get(locale=Locale.objects.get(language_code="en"))
    assert english_home.get_children().filter(slug="cursos").count() == 0
    response = client.get("/en/cursos/")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.html["lang"] == "en"
    assert soup.select_one("main")["lang"] == "es"
    assert soup.select_one(".site-nav a").get_text(strip=True) == "Catalogue"
    assert client.get("/en/no-existe/").status_code == 404


def test_the_main_menu_offers_reports_and_the_admin_to_the_roles_that_use_them(
    client, home_page, official, trainer, coordinator, ministry
):
    def menu_of(user):
        client.force_login(user)
        header = BeautifulSoup(client.get("/").content, "html.parser").find("header")
        return {link.get_text(strip=True): link["href"] for link in header.find_all("a")}

    assert "Reportes" not in menu_of(official) and "Administración" not in menu_of(official)
    assert menu_of(coordinator)["Reportes"] == "/reportes/"
    assert "Administración" not in menu_of(coordinator)
    for staff in (trainer, ministry):
        menu = menu_of(staff)
        assert menu["Reportes"] == "/reportes/"
        assert menu["Administración"] == "/admin/"


def test_django_form_messages_use_the_site_verb():
    from django import forms
    from django.utils import translation

    class Sample(forms.Form):
        email = forms.EmailField()
        count = forms.IntegerField()

    with translation.override("es"):
        errors = Sample({"email": "no-es-correo", "count": "dos"}).errors
        assert errors["email"] == ["Ingrese un correo electrónico válido."]
        assert errors["count"] == ["Ingrese un número entero."]
