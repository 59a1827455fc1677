"""The editor's live preview (issue 15): a trainer types into a lesson's body and reads it in the side panel.

The panel frames the page's preview (same origin); before its policy allowed that, the browser refused to show it
and the panel stayed blank. Wagtail refreshes the preview on its own a moment after each change, once the editor
has taken its first copy of the form (``w-unsaved:watch-edits``, two seconds after it opens): what is typed before
that copy counts as the page's starting point, not as a change.
"""

from playwright.sync_api import expect

from courses.authoring import sync_course_team

from .content import a_short_course

TYPED = "Anote la hora y el paradero de cada conversación."
PREVIEW_TIMEOUT_MS = 30_000


def test_a_trainer_sees_what_they_type_in_the_preview_panel(page, trainer, log_in):
    short = a_short_course(trainer=trainer)
    sync_course_team(short.course)
    lesson = short.lessons[0]
    log_in(page, trainer)
    page.add_init_script("document.addEventListener('w-unsaved:watch-edits', () => { window.cocreaWatching = true; })")
    page.goto(f"/admin/pages/{lesson.pk}/edit/")
    page.locator("[data-side-panel-toggle=preview]").click()
    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.get_by_role("heading", level=1)).to_have_text(lesson.title, timeout=PREVIEW_TIMEOUT_MS)

    page.wait_for_function("() => window.cocreaWatching", timeout=PREVIEW_TIMEOUT_MS)
    editor = page.locator("[data-contentpath=body] [contenteditable=true]").first
    editor.click()
    page.keyboard.press("End")
    editor.type(" " + TYPED)
    expect(frame.locator("main")).to_contain_text(TYPED, timeout=PREVIEW_TIMEOUT_MS)

    for size in ("mobile", "tablet", "desktop"):
        page.locator(f"input[name=preview-size][value={size}]").check(force=True)
        expect(frame.locator("main")).to_contain_text(TYPED)
