"""The Nu Html Checker (vnu.jar from node_modules/, pinned in package-lock.json), run once on many documents."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from slugify import slugify

from tests.conftest import skip_or_fail

VNU_JAR = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_errors(documents):
    """``{name: [error, …]}`` for those of ``documents`` (``{name: html}``) that are not valid HTML.

    One Java run for all of them: starting the checker takes seconds, checking a page milliseconds.
    """
    java = shutil.which("java")
    if not java or not VNU_JAR.exists():
        skip_or_fail(f"needs Java 17 and the Nu Html Checker at {VNU_JAR} (`make test` installs it with npm ci)")
    with tempfile.TemporaryDirectory(prefix="cocrea-vnu-") as folder:
        names = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"{number:02d}-{slugify(name)}.html"
            path.write_text(html, encoding="utf-8")
            names[str(path)] = name
        result = subprocess.run(
            [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--stdout", *names],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    errors = {}
    for message in json.loads(result.stdout)["messages"]:
        url = message.get("url", "")
        name = names.get(unquote(urlsplit(url).path), url)
        where = f"line {message['lastLine']}: " if "lastLine" in message else ""
        extract = f"\n    {message['extract'].strip()}" if message.get("extract") else ""
        errors.setdefault(name, []).append(f"{where}{message['message']}{extract}")
    return errors
