"""Steps of the journeys, as a person does them with a pointer or a finger: each step starts on a page of the site
and ends where the person lands, asserting what they would notice there.

Journeys (tests/browser/test_*_journey.py) chain these; a feature adds its own steps here (find a course, enrol,
complete a lesson, …) so that later journeys continue from where the earlier ones stop.
"""

import re
from dataclasses import dataclass

import pdfplumber
from PIL import Image as PillowImage
from PIL import ImageDraw
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.quizzes.factories import ALL_RIGHT, MULTIPLE, NUMERIC, SHORT_TEXT, SINGLE, TRUE_FALSE

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


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the viewport (0 or less: it never scrolls sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


# Runs in the page: the innermost elements that reach past the right edge of the screen, to say what to fix.
ELEMENTS_PAST_THE_EDGE = """() => Array.from(document.body.querySelectorAll("*"))
    .filter(element => element.getBoundingClientRect().right > window.innerWidth + 0.5)
    .filter((element, _index, wide) => !wide.some(other => other !== element && element.contains(other)))
    .slice(0, 5)
    .map(element => `${element.outerHTML.slice(0, 160)} (right edge at ${element.getBoundingClientRect().right} px)`)"""


def assert_fits_the_screen(page):
    """Nothing is wider than the viewport: on a 360 px phone the page never scrolls sideways (WCAG 1.4.10)."""
    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"{page.url} is {overflow} px wider than the screen: " + "\n".join(
        page.evaluate(ELEMENTS_PAST_THE_EDGE)
    )


def assert_message(page, text):
    expect(page.locator(".messages")).to_contain_text(text)


def in_header(page, role, name):
    """A link or button of the header; on a phone it sits behind the Menu button, which this opens first."""
    header = page.locator("header")
    toggle = header.locator("summary.menu__toggle")
    if toggle.is_visible() and not header.locator("details.menu[open]").count():
        toggle.click()
    return header.get_by_role(role, name=name)


def assert_signed_in(page):
    expect(in_header(page, "link", "Mi perfil")).to_be_visible()
    expect(in_header(page, "button", "Cerrar sesión")).to_be_visible()


def assert_signed_out(page):
    expect(in_header(page, "link", "Iniciar sesión")).to_be_visible()


def sign_up(page, person):
    """From any page: the header's "Crear una cuenta", the form filled in, and the person lands signed in."""
    in_header(page, "link", "Crear una cuenta").click()
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


def confirm_email(page, person):
    """The link of the newest confirmation email to ``person`` opened in the browser, and the address confirmed."""
    from django.core import mail

    message = next(message for message in reversed(mail.outbox) if message.to == [person.email])
    assert message.subject == "Confirme su dirección de correo en Cocrea"
    path = re.search(r"https?://[^/\s]+(/cuenta/confirmar/\S+/)", message.body).group(1)
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirme su dirección de correo")
    assert_fits_the_screen(page)
    send(page, "Confirmar mi dirección de correo")
    assert_message(page, f"Su dirección de correo {person.email} está confirmada.")


def edit_profile(page, person, **changes):
    """From any page: the header's "Mi perfil", the profile shown as signed up, ``changes`` ({label: value}) saved."""
    in_header(page, "link", "Mi perfil").click()
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
        in_header(page, "button", "Cerrar sesión").click()
    assert_signed_out(page)


def sign_in(page, email, password):
    """From any page: the header's "Iniciar sesión", the form, and back to the page the person came from."""
    came_from = page.url
    in_header(page, "link", "Iniciar sesión").click()
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
    in_header(page, "link", "Catálogo").click()
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


def open_my_learning(page):
    """From any page: the main menu's "Mi aprendizaje"."""
    in_header(page, "link", "Mi aprendizaje").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi aprendizaje")
    assert_fits_the_screen(page)


@dataclass(frozen=True)
class LessonDraft:
    """What a trainer types into the admin for a new lesson."""

    title: str
    slug: str
    summary: str
    minutes: int
    paragraph: str
    image_title: str
    alt_text: str


LESSON_BY_A_TRAINER = LessonDraft(
    title="Registrar lo que escuchamos",
    slug="registrar-lo-que-escuchamos",
    summary="Cómo anotar lo que cuentan las personas en el paradero sin perder sus palabras.",
    minutes=10,
    paragraph="Anote las frases tal como las dicen quienes esperan la micro, con la hora y el paradero.",
    image_title="Ficha de registro en el paradero",
    alt_text="Una ficha de registro con columnas para la hora, el paradero y lo que dijo cada persona.",
)


def a_picture(folder, name):
    """A small PNG, as a trainer's photo or drawing would be uploaded."""
    path = folder / f"{name}.png"
    picture = PillowImage.new("RGB", (1200, 800), (11, 93, 91))
    ImageDraw.Draw(picture).rectangle((100, 100, 1100, 700), outline=(255, 191, 71), width=24)
    picture.save(path)
    return path


def add_a_lesson_in_the_admin(page, module, lesson, folder):
    """A trainer in the Wagtail admin: the module's pages, "Añadir página hija", the lesson's fields, a text block
    and an image block (the image uploaded from the chooser), then "Enviar a Revisión de cursos"."""
    page.goto(f"/admin/pages/{module.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Añadir página hija").first.click()
    lesson_kind = page.get_by_role("link", name="Lección", exact=True)
    if lesson_kind.count():  # when a module takes several kinds of item, Wagtail asks which one first
        lesson_kind.click()
    page.locator("#id_title").fill(lesson.title)
    page.locator("#id_summary").fill(lesson.summary)
    page.locator("#id_estimated_minutes").fill(str(lesson.minutes))

    body = page.locator("[data-contentpath=body]")
    body.get_by_role("button", name="Insertar un bloque").last.click()
    page.get_by_role("option", name="Texto").click()
    editor = body.locator("[contenteditable=true]").last
    editor.click()
    editor.type(lesson.paragraph)

    body.get_by_role("button", name="Insertar un bloque").last.click()
    page.get_by_role("option", name="Imagen con pie").click()
    body.get_by_role("button", name="Seleccionar una imagen").last.click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("tab", name="Subir").click()
    chooser.get_by_label("Título").fill(lesson.image_title)
    chooser.locator("input[type=file]").set_input_files(a_picture(folder, lesson.slug))
    chooser.get_by_role("button", name="Subir").click()
    expect(chooser).to_be_hidden()
    body.get_by_label("texto alternativo").last.fill(lesson.alt_text)
    wait_for_autosave(page)

    page.locator("footer").get_by_role("button", name="Más acciones").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Enviar a Revisión de cursos").click()
    expect(page.locator("tr").filter(has_text=lesson.title)).to_contain_text("En moderación", ignore_case=True)


AUTOSAVE_TIMEOUT_MS = 30_000

# True once the editor holds nothing it has not saved and no save is on its way. Wagtail's w-unsaved controller
# takes its first copy of the form two seconds after the page opens and a new copy after each autosave; w-autosave
# saves when the form differs from that copy. A deactivated autosave (after an error) sends nothing more.
EDITOR_SETTLED = """() => {
    const form = document.querySelector("[data-edit-form]");
    const unsaved = window.wagtail.app.getControllerForElementAndIdentifier(form, "w-unsaved");
    const autosave = window.wagtail.app.getControllerForElementAndIdentifier(form, "w-autosave");
    if (!unsaved || !autosave || autosave.submitPromise) return false;
    const saved = unsaved.initialFormData !== undefined && unsaved.initialFormData === unsaved.formData;
    return saved || !autosave.activeValue;
}"""


def wait_for_autosave(page):
    """Wait until the Wagtail editor has saved on its own what was typed into it.

    Wagtail saves a draft half a second after each change (a new page is created by the first such save and the
    form then edits it); a person sees "Guardado". Sending the form while that request is on its way would create
    the page a second time, which Wagtail refuses ("slug already in use").
    """
    try:  # on a busy CI machine the first save, which creates the page, can take several seconds
        page.wait_for_function(EDITOR_SETTLED, timeout=AUTOSAVE_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        state = page.evaluate(
            """() => {
            const form = document.querySelector("[data-edit-form]");
            return form && form.dataset.wAutosaveStateValue;
            }"""
        )
        raise AssertionError(f"the editor did not settle; its autosave state: {state}") from None


def approve_in_the_admin(page, title):
    """A reviewer in the Wagtail admin: the dashboard's "Esperando su revisión", the page's actions, "Aprobar";
    the dashboard comes back without it."""
    page.goto("/admin/")
    row = page.locator("[id^=awaiting-review] tr").filter(has_text=title)
    expect(row).to_have_count(1)
    row.get_by_role("button", name="Acciones").click()
    with page.expect_navigation():
        row.get_by_role("button", name="Aprobar", exact=True).click()
    expect(page.locator("[id^=awaiting-review] tr").filter(has_text=title)).to_have_count(0)


# A first try at the journey's quiz (tests/quizzes/factories.py): one right answer of five, under the 70 % pass mark.
QUIZ_FIRST_TRY = {
    SINGLE: "La Universidad de Concepción",
    MULTIPLE: ["Una plataforma única"],
    TRUE_FALSE: "Verdadero",
    SHORT_TEXT: "encuesta por SMS",
    NUMERIC: "35",
}
QUIZ_ALL_RIGHT = ALL_RIGHT


def take_quiz(page, quiz, answers, *, asked_first=False, finishes_course=False):
    """On a quiz's page: start an attempt (the first or a new one), pick each question's choices by their label or
    type the answer, and send; the graded attempt opens, or, when passing it ``finishes_course``, the course's
    finish page. ``asked_first``: send it empty first and be asked to confirm (nothing is graded)."""
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz)
    send(page, re.compile(r"^Comenzar (el cuestionario|un nuevo intento)$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz)
    assert_fits_the_screen(page)
    if asked_first:
        send_without_answers(page)
    form = page.locator("main form")
    for question, answer in answers.items():
        group = form.get_by_role("group", name=question)
        if group.count():
            for label in [answer] if isinstance(answer, str) else answer:
                group.get_by_label(label, exact=True).check()
        else:
            form.get_by_label(question, exact=True).fill(answer)
    send(page, "Enviar respuestas")
    if finishes_course:
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^¡Felicitaciones"))
    else:
        expect(page.get_by_role("heading", level=2, name=re.compile(r"^Resultado del intento \d+$"))).to_be_visible()
    assert_fits_the_screen(page)


def send_without_answers(page):
    """In an open attempt: send it with no answer given; the questions come back with the blank ones named and a
    button to send them anyway, and nothing is graded."""
    send(page, "Enviar respuestas")
    summary = page.locator(".unanswered-summary")
    expect(summary.get_by_role("heading", level=2)).to_have_text(re.compile(r"^\d+ preguntas? no tienen? respuesta$"))
    expect(summary).to_be_focused()
    expect(page.get_by_role("button", name=re.compile(r"^Enviar con \d+ preguntas? sin responder$"))).to_be_visible()
    assert_fits_the_screen(page)


def assert_course_finished(page, first_name, course):
    """The finish page: congratulations by name, the course, and the certificate ready to download."""
    expect(page.get_by_role("heading", level=1)).to_have_text(f"¡Felicitaciones, {first_name}!")
    expect(page.locator("main")).to_contain_text(f"Completó el curso «{course}» el")
    expect(page.locator("main").get_by_role("link", name="Descargar certificado (PDF)")).to_be_visible()
    expect(page.get_by_label("Enlace de verificación")).to_have_value(re.compile(r"/certificados/verificar/\w{12}/$"))
    assert_fits_the_screen(page)


def assert_quiz_result(page, *, passed, pass_mark=70):
    result = "Aprobado" if passed else "No aprobado"
    expect(page.locator("main")).to_contain_text(f"{result} (la nota de aprobación es {pass_mark} %).")


def back_to_the_quiz(page):
    page.locator("main").get_by_role("link", name="Volver al cuestionario").click()


def download_certificate(page, course):
    """On "Mi aprendizaje": the completed course's "Descargar certificado (PDF)". Returns the PDF's text (its lines
    joined, as a long title wraps) and the verification code shown beside the link."""
    completed = page.locator("main li").filter(has=page.get_by_role("link", name=course, exact=True))
    with page.expect_download() as download:
        completed.get_by_role("link", name=f"Descargar certificado (PDF) · {course}").click()
    code = completed.locator(".meta").filter(has_text="código").inner_text().removeprefix("código ").strip()
    with pdfplumber.open(download.value.path()) as pdf:
        text = " ".join(pdf_page.extract_text() for pdf_page in pdf.pages)
    return " ".join(text.split()), code


def verify_certificate(page, code):
    """From any page, signed in or not: the main menu's "Verificar certificado", the code typed, "Verificar"."""
    in_header(page, "link", "Verificar certificado").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verificar certificado")
    fill(page, "Código de verificación", code)
    send(page, "Verificar")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Certificado {code}")
    assert_fits_the_screen(page)
