"""What a failing browser test leaves behind for a person to look at: test-results/<test>/<label>.png and .html."""

from django.conf import settings
from slugify import slugify

RESULTS = settings.BASE_DIR / "test-results"


def save_page(node, page, label):
    """A full-page screenshot and the page's current HTML (with its address), named after the test and ``label``."""
    folder = RESULTS / slugify(node.nodeid)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{slugify(label)}.png", full_page=True)
    (folder / f"{slugify(label)}.html").write_text(f"<!-- {page.url} -->\n{page.content()}", encoding="utf-8")
