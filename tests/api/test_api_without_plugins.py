"""Without the press and activities plugins the API boots without their endpoints."""

import json

from tests.core_site import run_without_plugins

SCRIPT = """
import json
import django
django.setup()
from django.core.management import call_command
from django.test import Client

call_command("migrate", interactive=False, verbosity=0)
client = Client()
urls = ("/api/v2/pages/", "/api/v2/press-releases/", "/api/v2/activities/")
statuses = {url: client.get(url).status_code for url in urls}
print(json.dumps({"statuses": statuses, "paths": sorted(client.get("/api/v2/openapi.json").json()["paths"])}))
"""


def test_removing_a_plugin_removes_its_endpoint(tmp_path):
    result = run_without_plugins(SCRIPT, tmp_path)
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["statuses"] == {"/api/v2/pages/": 200, "/api/v2/press-releases/": 404, "/api/v2/activities/": 404}
    assert not any("press" in path or "activities" in path for path in outcome["paths"])
    assert "/api/v2/pages/" in outcome["paths"]
