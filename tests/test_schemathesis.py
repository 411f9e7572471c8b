"""schemathesis, the field's own API checker, against a real `qa-bot serve`: every check, zero failures."""

from __future__ import annotations

import json
import urllib.request

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from qa_bot.channels.openapi import build_spec

from .server_process import ROOT, running_server

# Seed, determinism and the statuses qa-bot uses for over-long values (413) live in this file, so a
# reviewer's `schemathesis run --checks all` from the repository behaves exactly like this test.
CONFIG = SchemathesisConfig.from_path(ROOT / "schemathesis.toml")
# Every channel on, so every route is described and exercised; unsigned webhooks get 401.
ENV = {"SLACK_SIGNING_SECRET": "schemathesis-secret", "SLACK_BOT_TOKEN": "xoxb-none",
       "SLACK_API_URL": "http://127.0.0.1:9/", "MATTERMOST_TOKEN": "mm-secret-token",
       "QA_BOT_ADMIN_TOKEN": "admin-secret-token", "QA_BOT_RATE_LIMIT": "off", "QA_BOT_WEBHOOK_RATE_LIMIT": "off"}
# The description the server gives with that configuration (checked against /openapi.json below).
# schemathesis' lazy fixture loader does not run on pytest 9.2, so the schema is built here and the
# requests go to the live server by base_url.
SPEC = build_spec(slack=True, mattermost=True, admin=True)
schema = schemathesis.openapi.from_dict(SPEC, config=CONFIG)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    env = {**ENV, "QA_BOT_DB": str(tmp_path_factory.mktemp("schemathesis") / "qa.sqlite3")}
    with running_server(env) as base:
        yield base


def test_the_server_serves_this_description(base_url):
    with urllib.request.urlopen(base_url + "/openapi.json", timeout=10) as response:
        assert json.loads(response.read()) == json.loads(json.dumps(SPEC))


@schema.parametrize()
@settings(max_examples=100, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_route_behaves_as_described(case, base_url):
    case.call_and_validate(base_url=base_url)
