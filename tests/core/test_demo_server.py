"""``make run``: the demo greets a newcomer last, keeps its emails in var/mail/, answers with the designed error
pages and writes every absolute address on the port it is served on."""

import io
import json
import re

from wagtail.models import Site

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from core.management.commands import serve_demo
from core.management.commands.load_demo import align_site_with_base_url
from tests.core.test_settings import ROOT, run_manage

PRINT_DEV_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({'debug': s.DEBUG, 'email': "
    "s.EMAIL_BACKEND, 'mail': str(s.EMAIL_FILE_PATH), 'base': s.WAGTAILADMIN_BASE_URL, 'media': s.SERVE_MEDIA}))"
)


def dev_settings(**env):
    result = run_manage("shell", "--settings=lms.settings.dev", "-c", PRINT_DEV_SETTINGS, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_demo_keeps_emails_in_files_and_follows_its_port():
    settings = dev_settings(PORT="8801", BASE_URL="", DEBUG="")
    assert settings["email"] == "django.core.mail.backends.filebased.EmailBackend"
    assert settings["mail"] == str(ROOT / "var" / "mail")
    assert settings["base"] == "http://127.0.0.1:8801"
    assert settings["debug"] is False  # the designed 404 and 500 pages, not Django's debug pages
    assert settings["media"] is True
    assert "/var/" in (ROOT / ".gitignore").read_text().splitlines()


def test_base_url_wins_over_the_port_and_debug_can_be_asked_for():
    settings = dev_settings(PORT="8801", BASE_URL="https://cocrea.example.cl", DEBUG="1")
    assert settings["base"] == "https://cocrea.example.cl"
    assert settings["debug"] is True


def test_the_server_prints_the_address_and_the_demo_accounts_last():
    command = serve_demo.Command(stdout=io.StringIO(), no_color=True)
    command.addr, command._raw_ipv6, command.protocol = "127.0.0.1", False, "http"
    command.on_bind(8801)
    printed = command.stdout._out.getvalue()
    greeting = printed[printed.index("Cocrea is ready") :]
    assert printed.index("Starting development server") < printed.index("Cocrea is ready")
    assert greeting.splitlines()[0] == "Cocrea is ready: http://127.0.0.1:8801/"
    assert f"password {DEMO_PASSWORD}" in greeting
    for email, *_rest in DEMO_ACCOUNTS:
        assert re.search(rf"^  {re.escape(email)} ", greeting, re.MULTILINE), email


def test_make_run_serves_the_greeting_server_on_the_exported_port():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^export PORT$", makefile, re.MULTILINE)
    assert "$(MANAGE) serve_demo 127.0.0.1:$(PORT)" in makefile


def test_the_demo_site_answers_at_the_base_url(db, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8801"
    align_site_with_base_url()
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8801"
    assert site.root_page.full_url == "http://127.0.0.1:8801/"
    settings.WAGTAILADMIN_BASE_URL = "https://cocrea.example.cl"
    align_site_with_base_url()
    assert Site.objects.get(is_default_site=True).root_url == "https://cocrea.example.cl"


def test_certificate_and_toolkit_addresses_follow_the_base_url(settings):
    from certificates.rendering import verification_address
    from core.pdf import base_url

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8801"
    assert base_url() == "http://127.0.0.1:8801/"
    assert verification_address("7K3M9QX2ZD4B") == "http://127.0.0.1:8801/certificados/verificar/7K3M9QX2ZD4B/"
