"""Page-weight budgets (tests/browser/pages.py, BUDGETS): a first load on a phone, with static files served as in
production (hashed names, compressed by collectstatic, sent by WhiteNoise). The figures are printed at the end of
the run."""

from .conftest import PHONE
from .page_weight import (
    blocking_scripts,
    breakdown,
    eager_images_below_the_fold,
    first_load,
    images_not_sized_for_the_screen,
    record,
)
from .pages import BUDGETS, PAGES


def test_every_budgeted_page_stays_within_its_budget(new_context, production_static_server, request):
    problems = []
    for name, budget in BUDGETS.items():
        problems_before = len(problems)
        page = new_context(**PHONE).new_page()  # empty cache: a first visit
        transfers = first_load(page, PAGES[name], request, production_static_server.url)
        record(request.config, name, transfers, budget)
        counted = [transfer for transfer in transfers if transfer.counted]
        total = sum(transfer.size for transfer in counted)
        if total > budget:
            problems.append(f"{name} transfers {total:,} B, over its budget of {budget:,} B:\n{breakdown(transfers)}")
        static_text = [transfer for transfer in counted if transfer.kind in {"stylesheet", "script"}]
        if not static_text or not all(transfer.encoding in {"gzip", "br"} for transfer in static_text):
            problems.append(f"{name}: stylesheets and scripts must come compressed:\n{breakdown(static_text)}")
        if scripts := blocking_scripts(page):
            problems.append(f"{name}: scripts that block rendering (load them from static/js/ with defer): {scripts}")
        if images := eager_images_below_the_fold(page):
            problems.append(f"{name}: images below the first screen need loading=lazy: {images}")
        if images := images_not_sized_for_the_screen(page):
            problems.append(f"{name}: content images must be renditions sized for the screen (srcset): {images}")
        if len(problems) == problems_before:
            page.context.close()  # test-results/ keeps the pages that failed

    assert not problems, "\n".join(problems)
