"""Check the pinned requirements against known vulnerabilities with pip-audit (run by ``make lint``).

Fails when a pinned package has a known vulnerability. Where the vulnerability data cannot be reached (no network,
or a package mirror that does not serve it), pip-audit marks every package as "could not be audited" and would
still print "No known vulnerabilities found": this script says plainly that the audit was skipped instead.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = [
    str(Path(sys.executable).with_name("pip-audit")),
    "--requirement",
    str(ROOT / "requirements.txt"),
    "--requirement",
    str(ROOT / "requirements-dev.txt"),
    "--no-deps",  # every requirement is pinned; resolving would install them all again
    "--disable-pip",
    "--progress-spinner",
    "off",
    "--format",
    "json",
]


def main():
    try:
        result = subprocess.run(COMMAND, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
        report = json.loads(result.stdout)
    except (subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
        print(f"pip-audit: SKIPPED, the vulnerability data could not be reached ({type(exc).__name__}).")
        return 0
    dependencies = report["dependencies"]
    skipped = [d["name"] for d in dependencies if "skip_reason" in d]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            print(f"pip-audit: {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    if vulnerable:
        return 1
    if len(skipped) == len(dependencies):
        print(
            f"pip-audit: SKIPPED, none of the {len(dependencies)} pinned packages could be audited: the package "
            "index's vulnerability data cannot be reached from here. Run `make lint` where pypi.org answers."
        )
    elif skipped:
        print(f"pip-audit: no known vulnerabilities; could not audit {', '.join(skipped)}.")
    else:
        print(f"pip-audit: no known vulnerabilities in {len(dependencies)} pinned packages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
