"""Steps of the journeys, as a person does them with a pointer or a finger: each step starts on a page of the site
and ends where the person lands, asserting what they would notice there.

Journeys (tests/browser/test_*_journey.py) chain these; a feature adds its own steps here (find a course, enrol,
complete a lesson, …) so that later journeys continue from where the earlier ones stop.
"""

from dataclasses import dataclass

from playwright.sync_api import expect

from .visits import field_label


@dataclass(frozen=True)
class Person:
    """Who signs up in a journey, with what they type into the forms."""

    first_name: str
    last_name: str
    email: str
    municipality: str
    position: str
    password: str

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


TALCAHUANO_OFFICIAL = Person(
    first_name="Valentina",
    last_name="Sáez Riquelme",
    email="valentina.saez@talcahuano.test",
    municipality="Talcahuano",
    position="Dirección de Tránsito y Transporte Público",
    password="paradero-con-techo-2014",
)


def fill(page, label, value):
    page.locator("main").get_by_label(field_label(label)).fill(value)


def send(page, button):
    """Press the main content's button named ``button`` and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=button).click()


def assert_fits_the_screen(page):
    """Nothing is wider than the viewport: on a 360 px phone the page never scrolls sideways (WCAG 1.4.10)."""
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow} px wider than the screen"


def assert_message(page, text):
    expect(page.locator(".messages")).to_contain_text(text)


def assert_signed_in(page):
    header = page.locator("header")
    expect(header.get_by_role("link", name="Mi perfil")).to_be_visible()
    expect(header.get_by_role("button", name="Cerrar sesión")).to_be_visible()


def assert_signed_out(page):
    expect(page.locator("header").get_by_role("link", name="Iniciar sesión")).to_be_visible()


def sign_up(page, person):
    """From any page: the header's "Crear una cuenta", the form filled in, and the person lands signed in."""
    page.locator("header").get_by_role("link", name="Crear una cuenta").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Crear una cuenta")
    assert_fits_the_screen(page)
    fill(page, "Nombres", person.first_name)
    fill(page, "Apellidos", person.last_name)
    fill(page, "Correo electrónico", person.email)
    page.get_by_label(field_label("Municipalidad")).select_option(label=person.municipality)
    fill(page, "Cargo o departamento", person.position)
    fill(page, "Contraseña", person.password)
    fill(page, "Confirmación de contraseña", person.password)
    page.get_by_role("checkbox", name="He leído y acepto el aviso de privacidad.").check()
    send(page, "Crear mi cuenta")
    assert_message(page, "¡Le damos la bienvenida a Cocrea! Su cuenta está lista.")
    assert_signed_in(page)


def edit_profile(page, person, **changes):
    """From any page: the header's "Mi perfil", the profile shown as signed up, ``changes`` ({label: value}) saved."""
    page.locator("header").get_by_role("link", name="Mi perfil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi perfil")
    assert_fits_the_screen(page)
    expect(page.locator("main")).to_contain_text(f"Usted inicia sesión como {person.email}.")
    expect(page.get_by_label(field_label("Nombres"))).to_have_value(person.first_name)
    expect(page.get_by_label(field_label("Municipalidad")).locator("option:checked")).to_have_text(person.municipality)
    for label, value in changes.items():
        fill(page, label, value)
    send(page, "Guardar mi perfil")
    assert_message(page, "Se guardó su perfil.")
    for label, value in changes.items():
        expect(page.get_by_label(field_label(label))).to_have_value(value)


def sign_out(page):
    with page.expect_navigation():
        page.locator("header").get_by_role("button", name="Cerrar sesión").click()
    assert_signed_out(page)


def sign_in(page, email, password):
    """From any page: the header's "Iniciar sesión", the form, and back to the page the person came from."""
    came_from = page.url
    page.locator("header").get_by_role("link", name="Iniciar sesión").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Iniciar sesión")
    assert_fits_the_screen(page)
    fill(page, "Correo electrónico", email)
    fill(page, "Contraseña", password)
    send(page, "Iniciar sesión")
    assert page.url == came_from
    assert_signed_in(page)


def assert_progress(page, done, required, percent):
    """The first progress bar on the page (the course's) shows ``done`` of ``required`` and ``percent``."""
    progress = page.locator("main .progress").first
    expect(progress.locator("progress")).to_have_attribute("value", str(percent))
    activities = "actividad completada" if required == 1 else "actividades completadas"
    expect(progress).to_contain_text(f"{done} de {required} {activities} ({percent} %)")


def find_course(page, search, title):
    """From any page: the main menu's "Catálogo", a search, and the course's card, which leads to the course."""
    page.locator("header").get_by_role("link", name="Catálogo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cursos")
    fill(page, "Buscar", search)
    send(page, "Ver cursos")
    expect(page.get_by_label(field_label("Buscar"))).to_have_value(search)
    card = page.locator(".course-card").filter(has=page.get_by_role("link", name=title))
    expect(card).to_be_visible()
    assert_fits_the_screen(page)
    card.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert_fits_the_screen(page)


def enrol(page, course, first_item):
    """On a course's page: "Inscribirme en este curso", and the course's first item opens."""
    send(page, "Inscribirme en este curso")
    assert_message(page, f"Su inscripción en «{course}» está lista. ¡Comencemos!")
    expect(page.get_by_role("heading", level=1)).to_have_text(first_item)


def complete_lesson(page, title):
    """On a lesson: read it to the end and press "Marcar como completada"; the next item (or the course) opens."""
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert_fits_the_screen(page)
    send(page, "Marcar como completada")


def assert_course_complete(page, course):
    """On the course's page after its last required item: the congratulations and a full progress bar."""
    assert_message(page, f"¡Felicitaciones! Completó el curso «{course}».")
    expect(page.get_by_role("heading", level=1)).to_have_text(course)
    expect(page.locator("main")).to_contain_text("Completó este curso el")


def open_my_learning(page):
    """From any page: the main menu's "Mi aprendizaje"."""
    page.locator("header").get_by_role("link", name="Mi aprendizaje").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi aprendizaje")
    assert_fits_the_screen(page)
