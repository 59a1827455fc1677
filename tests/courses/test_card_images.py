"""Publishing a course has a worker make its catalogue card pictures, so no visitor's request resizes images."""

from io import BytesIO

from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from courses.catalogue import CARD_IMAGE_FILTERS

from .factories import build_course


def cover():
    buffer = BytesIO()
    PillowImage.new("RGB", (1200, 600), (11, 93, 91)).save(buffer, format="PNG")
    return get_image_model().objects.create(title="Portada", file=ImageFile(buffer, name="portada.png"))


def test_publishing_a_course_makes_its_card_pictures(
    db, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    course = build_course(modules=1, lessons=1)
    course.cover_image = cover()
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    renditions = course.cover_image.renditions.values_list("filter_spec", flat=True)
    assert sorted(renditions) == sorted(CARD_IMAGE_FILTERS)

    card = BeautifulSoup(client.get("/cursos/").content, "html.parser").select_one(".card__image")
    assert {rendition.url for rendition in course.cover_image.renditions.all()} <= {
        candidate.split()[0] for candidate in card["srcset"].split(",")
    }
