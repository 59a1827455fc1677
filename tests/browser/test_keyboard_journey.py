"""Keyboard only (issue 8, journey 4): Tab, Shift+Tab, Enter, Space and typing, with focus visible at every stop."""

from playwright.sync_api import expect

from accounts.models import User
from courses.models import Enrolment
from tests.quizzes.factories import MULTIPLE, NUMERIC, SHORT_TEXT, SINGLE, TRUE_FALSE

from .content import a_short_course
from .keyboard import activate, assert_focus_visible, tab_to
from .steps import QUIZ_ALL_RIGHT, TALCAHUANO_OFFICIAL, assert_course_finished, assert_message, assert_signed_in


def test_skip_link_takes_focus_to_the_main_content(page):
    page.goto("/")
    tab_to(page, "link", "Saltar al contenido principal")
    activate(page, "Enter")
    main = page.locator("main")
    expect(main).to_be_focused()
    page.keyboard.press("Tab")
    assert main.evaluate("main => main.contains(document.activeElement)"), "Tab after the skip link left <main>"
    assert_focus_visible(page.locator(":focus"))


def test_an_official_signs_up_with_the_keyboard_only(page):
    official = TALCAHUANO_OFFICIAL
    page.goto("/")
    tab_to(page, "link", "Crear una cuenta")
    expect(page.locator("header").get_by_role("link", name="Crear una cuenta")).to_be_focused()
    with page.expect_navigation():
        activate(page, "Enter")

    fields = {
        "Nombres": official.first_name,
        "Apellidos": official.last_name,
        "Correo electrónico": official.email,
        "Cargo o departamento": official.position,
        "Contraseña": official.password,
        "Confirmación de contraseña": official.password,
    }
    for label, text in fields.items():
        tab_to(page, "textbox", label)
        page.keyboard.type(text)
        if label == "Correo electrónico":
            tab_to(page, "combobox", "Municipalidad")
            page.keyboard.type(official.municipality)  # a closed <select> picks the option typed
    # The privacy box is left unticked: the form comes back with an error.
    tab_to(page, "button", "Crear mi cuenta")
    with page.expect_navigation():
        activate(page, "Enter")

    summary = page.locator(".error-summary")
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text("Para crear una cuenta debe aceptar el aviso de privacidad.")
    expect(summary).to_be_focused()
    assert_focus_visible(summary)
    error_link = tab_to(page, "link", "Para crear una cuenta debe aceptar el aviso de privacidad.")
    activate(page, "Enter")
    privacy = page.get_by_role("checkbox", name="He leído y acepto el aviso de privacidad.")
    expect(privacy).to_be_focused()  # the summary's link leads to the field
    activate(page, "Space")
    expect(privacy).to_be_checked()
    expect(error_link).to_be_visible()

    # What was typed is kept, except the passwords, which are typed again.
    expect(page.get_by_label("Nombres")).to_have_value(official.first_name)
    for label in ("Confirmación de contraseña", "Contraseña"):
        tab_to(page, "textbox", label, backwards=True)
        page.keyboard.type(official.password)
    tab_to(page, "checkbox", "He leído y acepto el aviso de privacidad.")
    expect(privacy).to_be_checked()
    tab_to(page, "button", "Crear mi cuenta")
    with page.expect_navigation():
        activate(page, "Enter")

    assert_message(page, "¡Le damos la bienvenida a Cocrea! Su cuenta está lista.")
    assert_signed_in(page)
    assert User.objects.get(email=official.email).municipality.name == official.municipality


def test_an_official_enrols_completes_lessons_and_passes_the_quiz_with_the_keyboard_only(page, official, log_in):
    """The key steps of the official's journey: the menu, the catalogue's search, enrolling, marking lessons done,
    answering the quiz (radio buttons, checkboxes, text) and sending it."""
    short = a_short_course()
    course = short.course
    log_in(page, official)
    page.goto("/")
    menu = page.get_by_role("navigation", name="Principal")
    tab_to(page, "link", "Catálogo")
    expect(menu.get_by_role("link", name="Catálogo")).to_be_focused()
    with page.expect_navigation():
        activate(page, "Enter")

    tab_to(page, "searchbox", "Buscar")
    page.keyboard.type("paradero")
    tab_to(page, "button", "Ver cursos")
    with page.expect_navigation():
        activate(page, "Enter")
    tab_to(page, "link", course.title)
    with page.expect_navigation():
        activate(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(course.title)

    tab_to(page, "button", "Inscribirme en este curso")
    with page.expect_navigation():
        activate(page, "Space")
    assert_message(page, f"Su inscripción en «{course.title}» está lista. ¡Comencemos!")
    for lesson, key in zip(short.lessons, ("Enter", "Space"), strict=True):
        expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
        tab_to(page, "button", "Marcar como completada")
        with page.expect_navigation():
            activate(page, key)

    expect(page.get_by_role("heading", level=1)).to_have_text(short.quiz.title)
    tab_to(page, "button", "Comenzar el cuestionario")
    with page.expect_navigation():
        activate(page, "Enter")
    answer_the_quiz_with_the_keyboard(page)
    tab_to(page, "button", "Enviar respuestas")
    with page.expect_navigation():
        activate(page, "Enter")

    assert_message(page, f"Aprobó «{short.quiz.title}» con 100 %.")
    assert_course_finished(page, official.first_name, course.title)
    assert Enrolment.objects.get(user=official, course=course).progress_percent == 100


def answer_the_quiz_with_the_keyboard(page):
    """The journey's quiz, all right: Space ticks a radio button or checkbox, an arrow key moves to the next radio
    button of its group (and selects it), and text is typed."""
    tab_to(page, "radio", QUIZ_ALL_RIGHT[SINGLE])
    activate(page, "Space")
    for choice in QUIZ_ALL_RIGHT[MULTIPLE]:
        tab_to(page, "checkbox", choice)
        activate(page, "Space")
    tab_to(page, "radio", "Verdadero")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name=QUIZ_ALL_RIGHT[TRUE_FALSE])).to_be_focused()
    for question in (SHORT_TEXT, NUMERIC):
        tab_to(page, "textbox", question)
        page.keyboard.type(QUIZ_ALL_RIGHT[question])
    for choice in (QUIZ_ALL_RIGHT[SINGLE], *QUIZ_ALL_RIGHT[MULTIPLE], QUIZ_ALL_RIGHT[TRUE_FALSE]):
        expect(page.get_by_label(choice, exact=True)).to_be_checked()
