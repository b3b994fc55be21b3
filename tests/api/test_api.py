"""The back-office HTTP API on a real aiohttp server on loopback: bearer tokens per client,
scopes, JSON errors with stable codes, the status graph, the applicant's notification, the
OpenAPI document, and the same routes mounted on another (webhook) application."""

from __future__ import annotations

import json

import aiohttp
import pytest
import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.api import create_api_app, setup_api
from bot.runtime import build_services
from domain.applications import tokens
from domain.applications.models import StatusEvent
from domain.calendar import default_calendar
from domain.documents import LocalFileStorage
from domain.outbox import render_text
from domain.settings import load_settings
from tests.staff_support import (
    IIN,
    NOW,
    OTHER_SERVICE,
    SERVICE,
    Holder,
    StaffKB,
    create_database,
    make_application,
    outbox_rows,
    status_of,
)

APPLICANT = 700


class Api:
    def __init__(self, server: TestServer, http: aiohttp.ClientSession) -> None:
        self.server = server
        self.http = http

    async def call(self, method: str, path: str, token: str | None = None, body=None,
                   raw: bytes | None = None) -> tuple[int, dict, dict]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        if data is not None:
            headers["Content-Type"] = "application/json"
        async with self.http.request(method, self.server.make_url(path), headers=headers,
                                     data=data) as resp:
            text = await resp.text()
            assert resp.content_type == "application/json", text[:200]
            return resp.status, json.loads(text), dict(resp.headers)

    async def status(self, number: str, token: str | None, body) -> tuple[int, dict]:
        code, data, _ = await self.call("POST", f"/api/v1/applications/{number}/status", token,
                                        body)
        return code, data


@pytest.fixture
async def env(tmp_path):
    db = await create_database(tmp_path / "api.sqlite3")
    storage = LocalFileStorage(tmp_path / "files")
    settings = load_settings(data_dir=tmp_path, database_url="", bot_token="", _env_file=None)
    services = build_services(settings, db, Holder(StaffKB()), storage=storage,
                              clock=lambda: NOW)
    async with db.unit() as s:
        _, all_token = await tokens.create_token(s, "backoffice")
        _, tour_token = await tokens.create_token(s, "tourism-dept", scope=[SERVICE])
        _, pharm_token = await tokens.create_token(s, "pharmacy-dept", scope=[OTHER_SERVICE])
        _, revoked_token = await tokens.create_token(s, "old-client")
        await tokens.revoke_token(s, "old-client")
    number = await make_application(db, storage, owner_id=APPLICANT, lang="kk")
    server = TestServer(create_api_app(services), host="127.0.0.1")
    await server.start_server()
    async with aiohttp.ClientSession() as http:
        yield {
            "api": Api(server, http), "db": db, "storage": storage, "number": number,
            "all": all_token, "tour": tour_token, "pharm": pharm_token,
            "revoked": revoked_token, "services": services,
        }
    await server.close()
    await db.dispose()


async def _events(db, number: str) -> int:
    from domain.applications import queries

    async with db.sessionmaker() as s:
        app = await queries.get_by_number(s, number)
        return int(await s.scalar(sa.select(sa.func.count()).select_from(StatusEvent).where(
            StatusEvent.application_id == app.id)))


async def _snapshot(env) -> tuple:
    db, number = env["db"], env["number"]
    return await status_of(db, number), await _events(db, number), len(await outbox_rows(db))


async def test_get_and_change_with_a_token(env):
    api, number = env["api"], env["number"]
    code, data, _ = await api.call("GET", f"/api/v1/applications/{number}", env["all"])
    assert code == 200
    assert data["number"] == number and data["status"] == "submitted"
    assert data["service_id"] == SERVICE and data["case"] == "issue"
    assert data["allowed_transitions"] == ["accepted"]
    expected_due = default_calendar().due(NOW, 15, "working_days").date
    assert data["due_date"] == expected_due.isoformat()
    assert data["deadline"]["value"] == 15 and data["deadline"]["unit"] == "working_days"
    assert [e["to"] for e in data["history"]] == ["submitted"]
    body = json.dumps(data, ensure_ascii=False)
    assert IIN not in body and "Айгүл" not in body and "7011234567" not in body

    code, data = await api.status(number, env["all"], {"status": "accepted",
                                                       "comment": "Құжаттар толық"})
    assert code == 200, data
    assert data["status"] == "accepted" and data["allowed_transitions"] == ["in_review"]
    assert data["history"][-1] == {
        "at": data["history"][-1]["at"], "kind": "status", "from": "submitted",
        "to": "accepted", "actor": "api", "comment": "Құжаттар толық", "reason": None,
        "items": [],
    }
    rows = await outbox_rows(env["db"])
    assert len(rows) == 1 and rows[0].chat_id == APPLICANT
    assert "қарауға қабылданды" in render_text(rows[0].payload)  # the applicant's language

    # A scoped client works on its own service (number normalised from a loose spelling).
    loose = number.lower().replace("-", " ")
    code, data = await api.status(loose, env["tour"], {"status": "in_review"})
    assert code == 200 and data["status"] == "in_review"


async def test_full_path_through_the_api(env):
    api, number, token = env["api"], env["number"], env["all"]
    for body in (
        {"status": "accepted"},
        {"status": "in_review"},
        {"status": "needs_documents", "items": ["insurance_contract", "charter_copy"],
         "comment": "Көшірме анық емес"},
        {"status": "in_review"},
        {"status": "approved"},
        {"status": "issued"},
    ):
        code, data = await api.status(number, token, body)
        assert code == 200, (body, data)
        assert data["status"] == body["status"]
        if body["status"] == "needs_documents":
            assert data["requested_items"] == ["insurance_contract", "charter_copy"]
    assert data["allowed_transitions"] == []
    rows = await outbox_rows(env["db"])
    assert len(rows) == 6
    request_text = render_text(rows[2].payload, "ru")
    assert "Договор страхования" in request_text and "Копия устава" in request_text


@pytest.mark.parametrize(
    ("token_key", "expected_status", "expected_code"),
    [
        (None, 401, "unauthorized"),
        ("garbage", 401, "invalid_token"),
        ("kla_not-a-real-token-at-all", 401, "invalid_token"),
        ("revoked", 403, "token_revoked"),
        ("pharm", 403, "forbidden_scope"),
    ],
)
async def test_refused_clients_change_nothing(env, token_key, expected_status, expected_code):
    api, number = env["api"], env["number"]
    token = env.get(token_key, token_key) if token_key else None
    before = await _snapshot(env)
    code, data = await api.status(number, token, {"status": "accepted"})
    assert (code, data["error"]["code"]) == (expected_status, expected_code)
    code, data, headers = await api.call("GET", f"/api/v1/applications/{number}", token)
    assert (code, data["error"]["code"]) == (expected_status, expected_code)
    if expected_status == 401:
        assert headers["WWW-Authenticate"].startswith("Bearer")
    assert await _snapshot(env) == before


async def test_error_codes(env):
    api, number, token = env["api"], env["number"], env["all"]
    before = await _snapshot(env)

    code, data = await api.status("LIC-2026-999999", token, {"status": "accepted"})
    assert (code, data["error"]["code"]) == (404, "application_not_found")
    code, data, _ = await api.call("GET", "/api/v1/applications/not-a-number", token)
    assert (code, data["error"]["code"]) == (404, "application_not_found")

    code, data = await api.status(number, token, {"status": "approved"})
    assert (code, data["error"]["code"]) == (409, "transition_not_allowed")
    code, data = await api.status(number, token, {"status": "submitted"})
    assert (code, data["error"]["code"]) == (409, "transition_not_allowed")
    code, data = await api.status(number, token, {"status": "withdrawn"})
    assert (code, data["error"]["code"]) == (409, "transition_not_allowed")

    for raw in (b"{not json", b"[1, 2]", b"", "\xff".encode("latin-1")):
        code, data, _ = await api.call("POST", f"/api/v1/applications/{number}/status", token,
                                       raw=raw)
        assert (code, data["error"]["code"]) == (422, "invalid_body"), raw
    for body in ({"status": "done"}, {"comment": "no status"}, {"status": "accepted",
                 "stauts": "typo"}, {"status": 5}, {"status": "accepted", "comment": "x" * 2001}):
        code, data = await api.status(number, token, body)
        assert (code, data["error"]["code"]) == (422, "invalid_body"), body
        assert data["error"]["details"]
    assert await _snapshot(env) == before

    for status in ("accepted", "in_review"):
        assert (await api.status(number, token, {"status": status}))[0] == 200
    before = await _snapshot(env)
    code, data = await api.status(number, token, {"status": "refused"})
    assert (code, data["error"]["code"]) == (422, "reason_required")
    code, data = await api.status(number, token, {"status": "refused", "reason": "   "})
    assert (code, data["error"]["code"]) == (422, "reason_required")
    code, data = await api.status(number, token, {"status": "needs_documents"})
    assert (code, data["error"]["code"]) == (422, "items_required")
    code, data = await api.status(number, token, {"status": "needs_documents",
                                                  "items": ["passport_of_the_moon"]})
    assert (code, data["error"]["code"]) == (422, "unknown_items")
    assert "charter_copy" in data["error"]["details"]["available"]
    assert await _snapshot(env) == before

    code, data = await api.status(number, token, {"status": "refused",
                                                  "reason": "Біліктілік талаптарына сәйкес емес"})
    assert code == 200 and data["history"][-1]["reason"].startswith("Біліктілік")


async def test_unknown_routes_methods_and_big_bodies_are_json(env):
    api, number, token = env["api"], env["number"], env["all"]
    code, data, _ = await api.call("GET", "/api/v1/nothing-here", token)
    assert (code, data["error"]["code"]) == (404, "not_found")
    code, data, _ = await api.call("DELETE", f"/api/v1/applications/{number}", token)
    assert (code, data["error"]["code"]) == (405, "method_not_allowed")
    big = json.dumps({"status": "accepted", "comment": "x" * 40_000}).encode()
    code, data, _ = await api.call("POST", f"/api/v1/applications/{number}/status", token,
                                   raw=big)
    assert (code, data["error"]["code"]) == (413, "body_too_large")
    assert await status_of(env["db"], number) == "submitted"


async def test_internal_errors_never_leak_a_traceback(env, monkeypatch, caplog):
    from domain.applications import queries

    async def broken(*_a, **_k):
        raise RuntimeError("secret internals at /srv/app.py line 12")

    monkeypatch.setattr(queries, "get_by_number", broken)
    code, data, _ = await env["api"].call("GET", f"/api/v1/applications/{env['number']}",
                                          env["all"])
    assert (code, data["error"]["code"]) == (500, "internal_error")
    assert "secret" not in json.dumps(data) and "Traceback" not in json.dumps(data)
    assert any("secret internals" in (r.exc_text or "") or r.exc_info for r in caplog.records)


async def test_openapi_document_is_served_and_describes_the_api(env):
    code, doc, _ = await env["api"].call("GET", "/api/v1/openapi.json")
    assert code == 200
    assert doc["openapi"].startswith("3.")
    paths = doc["paths"]
    post = paths["/api/v1/applications/{number}/status"]["post"]
    assert set(post["responses"]) >= {"200", "401", "403", "404", "409", "422"}
    schema = doc["components"]["schemas"]["StatusChange"]
    assert set(schema["properties"]) == {"status", "comment", "reason", "items"}
    assert "accepted" in schema["properties"]["status"]["enum"]
    assert doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    codes = set(doc["components"]["schemas"]["Error"]["properties"]["error"]["properties"]
                ["code"]["enum"])
    assert {"application_not_found", "transition_not_allowed", "invalid_body"} <= codes
    assert "get" in paths["/api/v1/applications/{number}"]


async def test_routes_mount_on_another_app(env):
    """Webhook mode: the same routes on the webhook server's application."""
    hooked = web.Application()

    async def webhook(_request):
        return web.Response(text="ok")

    hooked.router.add_post("/webhook", webhook)
    setup_api(hooked, env["services"])
    server = TestServer(hooked, host="127.0.0.1")
    await server.start_server()
    try:
        async with aiohttp.ClientSession() as http:
            api = Api(server, http)
            code, data = await api.status(env["number"], env["all"], {"status": "accepted"})
            assert code == 200 and data["status"] == "accepted"
            code, data, _ = await api.call("GET", "/api/v1/applications/x", None)
            assert code == 401
            code, data, _ = await api.call("GET", "/api/v1/no-such-route", None)
            assert (code, data["error"]["code"]) == (404, "not_found")
            async with http.post(server.make_url("/webhook")) as resp:
                assert await resp.text() == "ok"
    finally:
        await server.close()
