"""axe-core, from node_modules/ (pinned in package-lock.json), run inside the page on the WCAG 2.1 A and AA rules."""

from functools import cache

from django.conf import settings

from tests.conftest import skip_or_fail

AXE_JS = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Runs in the page; returns one line per failing element, enough to find and fix it.
RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
    .then(results => results.violations.flatMap(rule => rule.nodes.map(node =>
        `${rule.id} (${rule.impact}): ${rule.help}\\n    at ${node.target.join(" ")}\\n    ${node.failureSummary}`)))"""


@cache
def axe_source():
    if not AXE_JS.exists():
        skip_or_fail(f"needs axe-core at {AXE_JS} (`make test` installs it with npm ci)")
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page):
    """The WCAG 2.1 A/AA violations axe-core finds in the page as it is now, one string per element.

    The script is evaluated rather than added as a <script> tag, so a Content-Security-Policy cannot block it.
    """
    page.evaluate(axe_source())
    return page.evaluate(RUN_AXE, WCAG_21_AA)
