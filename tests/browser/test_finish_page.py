"""The finish page in a real browser: while the certificate is being prepared it says so, then shows the certificate
as soon as the background task has made it, without being reloaded by hand; its copy button puts the verification
link on the clipboard."""

from playwright.sync_api import expect

from certificates import services as certificates
from certificates.models import Certificate
from courses import services
from tests.courses.factories import build_course, lessons_of

from .steps import assert_fits_the_screen


def test_the_finish_page_shows_the_certificate_once_it_is_ready(phone, official, log_in, live_server):
    course = build_course(modules=1, lessons=1, title="Encuestas móviles y SMS")
    services.enrol(official, course)
    services.complete_item(official, lessons_of(course)[0])
    Certificate.objects.filter(enrolment__user=official).update(rendered_at=None)  # as if its task had not run
    log_in(phone, official)
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    phone.goto(f"/mi-aprendizaje/cursos/{course.pk}/completado/")
    section = phone.locator(".finish-certificate")
    expect(section).to_contain_text("Estamos preparando su certificado")
    expect(phone.get_by_role("link", name="Descargar certificado (PDF)")).to_have_count(0)
    assert_fits_the_screen(phone)

    certificates.render(Certificate.objects.get(enrolment__user=official))
    expect(section).to_contain_text("Su certificado está listo.", timeout=20_000)  # the page asked and reloaded
    certificate = Certificate.objects.get(enrolment__user=official)
    expect(phone.get_by_role("link", name="Descargar certificado (PDF)")).to_have_attribute("href", certificate.pdf_url)
    assert_fits_the_screen(phone)

    phone.get_by_role("button", name="Copiar enlace").click()
    expect(phone.locator("[data-copy-status]")).to_have_text("Enlace copiado")
    copied = phone.evaluate("navigator.clipboard.readText()")
    assert copied == f"http://testserver/certificados/verificar/{certificate.code}/"
