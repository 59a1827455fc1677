"""What a page's preview must carry to show in the editor's side panel, and no public page may."""


def policy(response, header="Content-Security-Policy"):
    directives = {}
    for part in response[header].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_framed_by_the_admin_only(response):
    """A preview: the front end's strict policy, framed by the site itself (the admin's preview panel)."""
    csp = policy(response)
    assert csp["frame-ancestors"] == ["'self'"], "the admin's side panel frames the preview"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"], "still the front end's policy"
    assert csp["object-src"] == ["'none'"]


def assert_never_framed(response):
    assert policy(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
