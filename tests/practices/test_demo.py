"""The practices demo on the two demo courses it extends (made here, light): items, 14 practices in 8 comunas in
every state, drawings stored as cleaned photos, idempotent."""

import io

from PIL import Image

from practices import demo
from practices.models import Evidence, Practice, PracticeItemPage, Review, Status
from tests.courses.factories import CoursePageFactory, ModulePageFactory


class Out:
    def __init__(self):
        self.lines = []

    def write(self, line):
        self.lines.append(line)


def test_the_demo_practices(make_method, trainer):
    for spec in demo.ITEMS:
        course = CoursePageFactory(slug=spec["course"], title=spec["course"], trainers=[trainer])
        ModulePageFactory(parent=course, title="Último módulo")
    for slug in ("auditoria-de-caminata", "mapa-de-actores", "como-podriamos"):
        make_method(slug.replace("-", " ").capitalize(), slug=slug)
    demo.load(Out())
    demo.load(Out())  # idempotent
    assert PracticeItemPage.objects.count() == 2
    practices = Practice.objects.all()
    assert practices.count() == len(demo.PRACTICES) >= 12
    assert practices.values("municipality").distinct().count() >= 6
    states = {status: practices.filter(status=status).count() for status in Status.values}
    assert states[Status.ACCEPTED] >= 6 and states[Status.SUBMITTED] >= 2 and states[Status.CHANGES_REQUESTED] == 1
    assert Practice.objects.public().count() == states[Status.ACCEPTED]
    assert Review.objects.filter(decision="cambios").get().feedback.startswith("Gracias por la sesión")
    photo = Evidence.objects.first()
    with photo.file.open("rb") as stored:
        content = stored.read()
    assert len(content) < 40_000
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == "JPEG"
