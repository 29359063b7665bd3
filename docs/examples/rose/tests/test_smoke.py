"""Post-deploy smoke tests against SERVICE_URL (service-deploy's post-deploy command)."""

from __future__ import annotations

import httpx


def test_health(service_url: str) -> None:
    assert httpx.get(f"{service_url}/api/health", timeout=10).status_code == 200


def test_session_start(service_url: str) -> None:
    r = httpx.get(f"{service_url}/api/session/start", timeout=10)
    assert r.status_code == 200
    assert r.json()["session_id"]
