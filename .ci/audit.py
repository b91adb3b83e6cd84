"""Audit the lock file (every transitive dependency) with pip-audit and fail on any known vulnerability.

pip-audit asks PyPI's vulnerability data about each pinned release. Where that
service cannot be reached, every package comes back "not found" and pip-audit
alone would still say "No known vulnerabilities found"; this script says loudly
that those packages were NOT audited instead. Exit status: 1 when a vulnerability
is known, or when AUDIT_REQUIRED=1 and some package could not be audited; else 0.
"""

import json
import os
import subprocess
import sys
from pathlib import Path


def main(requirements):
    pip_audit = Path(sys.executable).with_name("pip-audit")
    result = subprocess.run(
        # The lock pins everything with hashes: audit exactly that, without resolving anew.
        [str(pip_audit), "-r", requirements, "--no-deps", "--disable-pip", "-f", "json", "--progress-spinner", "off"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stdout + result.stderr, file=sys.stderr)
        print("pip-audit: NOT AUDITED - pip-audit failed before it produced a report", file=sys.stderr)
        return 1 if os.environ.get("AUDIT_REQUIRED") == "1" else 0

    dependencies = report.get("dependencies", [])
    vulnerable = [dep for dep in dependencies if dep.get("vulns")]
    skipped = [dep for dep in dependencies if dep.get("skip_reason")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(f"VULNERABLE {dep['name']}=={dep['version']}: {vuln['id']} (fixed in {fixes})")
    audited = len(dependencies) - len(skipped)
    print(f"pip-audit: {audited} of {len(dependencies)} pinned packages audited, {len(vulnerable)} vulnerable")
    if skipped:
        print(
            f"pip-audit: NOT AUDITED - {len(skipped)} packages could not be checked "
            f"(vulnerability service unreachable?), e.g. {skipped[0]['name']}: {skipped[0]['skip_reason']}",
            file=sys.stderr,
        )
    if vulnerable:
        return 1
    if skipped and os.environ.get("AUDIT_REQUIRED") == "1":
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "requirements.lock"))
