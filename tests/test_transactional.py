"""Transactional tests (a live server, a real worker) start from what migrations made, whatever ran before them."""

import pytest
from wagtail.models import Site

from accounts.models import Municipality


@pytest.mark.parametrize("run", ["first", "second"])
def test_each_transactional_test_starts_from_the_migrated_data(transactional_db, run):
    assert Municipality.objects.count() == 11
    assert Site.objects.get(is_default_site=True).root_page.specific.heading
    Municipality.objects.all().delete()  # the next run sees them again only if they are restored
