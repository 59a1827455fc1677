"""Uploads through the Wagtail admin: images only as JPEG, PNG or WebP within the size limit; documents only of
the listed types."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def png(size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#0a5").save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(client, name, content, content_type):
    return client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content, content_type)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_a_png_is_accepted(admin_client):
    response = upload_image(admin_client, "paradero.png", png(), "image/png")
    assert response.json()["success"], response.json()
    assert get_image_model().objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("dibujo.svg", SVG, "image/svg+xml"),
        ("pagina.html", HTML, "text/html"),
        ("disfrazado.png", HTML, "image/png"),  # HTML with an image's name
        ("disfrazado.png", SVG, "image/png"),
        ("animado.gif", b"GIF89a" + b"\x00" * 20, "image/gif"),
    ],
)
def test_scripts_and_other_formats_are_refused_as_images(admin_client, name, content, content_type):
    response = upload_image(admin_client, name, content, content_type)
    assert response.status_code < 500
    assert not response.json()["success"]
    assert not get_image_model().objects.exists()


def test_images_over_the_size_limit_are_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    content = png(size=(400, 400))
    assert len(content) > 1024
    response = upload_image(admin_client, "grande.png", content, "image/png")
    assert not response.json()["success"]
    assert "tamaño" in response.json()["error_message"] or "grande" in response.json()["error_message"]


@pytest.mark.parametrize("name", ["pagina.html", "script.js", "programa.exe"])
def test_documents_of_unlisted_types_are_refused(admin_client, name):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile(name, HTML, "text/html")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code < 500
    assert not response.json()["success"]
    assert not get_document_model().objects.exists()


def test_a_pdf_document_is_accepted_and_served_as_an_attachment(admin_client):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("pauta.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["success"]
    document = get_document_model().objects.get()
    served = admin_client.get(document.url)
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    b"".join(served.streaming_content)


def test_an_svg_drawing_is_accepted_as_a_document_but_never_rendered_in_the_site(admin_client):
    """Lessons' figures may be SVG drawings (courses.blocks.FigureBlock). Shown in an <img>, an SVG runs no script;
    opened by its address, it downloads, with a policy that would forbid its script anyway."""
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("dibujo.svg", SVG, "image/svg+xml")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["success"]
    served = admin_client.get(get_document_model().objects.get().url)
    assert served["Content-Disposition"].startswith("attachment")
    assert served["Content-Type"] == "image/svg+xml"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in served["Content-Security-Policy"]
    b"".join(served.streaming_content)
