"""Keyboard-only helpers: reach an element with Tab as a person would, and check they can see where focus is.

Playwright's ``get_by_role(role, name=…)`` computes accessible names as assistive technology does, so ``tab_to(page,
"link", "Crear una cuenta")`` finds what a screen-reader user would hear.
"""

from .visits import field_label

MAX_TABS = 60
NOTHING = "(nothing)"

# Runs in the page: what a sighted keyboard user needs to see the focused element, or why they cannot.
FOCUS_VISIBILITY = """element => {
    if (!element || element === document.body) return "nothing on the page has focus";
    if (element !== document.activeElement) return "it does not have focus";
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadowed = style.boxShadow !== "none";
    if (!outlined && !shadowed) return "it has neither an outline nor a box-shadow";
    const box = element.getBoundingClientRect();
    const onScreen = box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
    if (!onScreen || box.width === 0 || box.height === 0) return "it is not on the screen";
    return "";
}"""

FOCUSED_DESCRIPTION = """nothing => {
    const element = document.activeElement;
    if (!element || element === document.body) return nothing;
    const text = (element.getAttribute("aria-label") || element.innerText || element.value || "").trim().slice(0, 40);
    return `<${element.tagName.toLowerCase()}${element.id ? "#" + element.id : ""}> ${text}`;
}"""


def tab_to(page, role, name, *, backwards=False, max_tabs=MAX_TABS):
    """Press Tab (Shift+Tab with ``backwards``) until the element with ``role`` and accessible ``name`` has focus,
    checking at every stop that focus can be seen; return that element's locator.

    ``name`` is a whole name; for form fields Django's trailing colon may be left out. Fails, listing the stops,
    if focus leaves the page (or ``max_tabs`` presses pass) before it reaches the element.
    """
    targets = page.get_by_role(role, name=field_label(name) if isinstance(name, str) else name)
    key = "Shift+Tab" if backwards else "Tab"
    stops = []
    for _ in range(max_tabs):
        page.keyboard.press(key)
        stops.append(page.evaluate(FOCUSED_DESCRIPTION, NOTHING))
        focused = targets.evaluate_all("elements => elements.indexOf(document.activeElement)")
        if focused >= 0:
            target = targets.nth(focused)
            assert_focus_visible(target)
            return target
        if stops[-1] == NOTHING:  # focus went past the last element, to the browser's own controls
            break
        assert_focus_visible(page.locator(":focus"))
    raise AssertionError(f"{key} never reached the {role} {name!r}; focus went to:\n  " + "\n  ".join(stops))


def assert_focus_visible(locator):
    """The element has focus and a sighted keyboard user can see it: an outline or box-shadow, on the screen."""
    problem = locator.evaluate(FOCUS_VISIBILITY)
    assert not problem, f"focus is not visible on {locator}: {problem}"


def activate(page, key="Enter"):
    """Press ``key`` on the focused element once its focus is seen: "Enter" for links and buttons, "Space" for
    buttons and checkboxes."""
    assert_focus_visible(page.locator(":focus"))
    page.keyboard.press(key)
