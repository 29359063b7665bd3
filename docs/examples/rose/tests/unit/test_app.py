from fastapi.testclient import TestClient

from src.ai_companion import __version__
from src.ai_companion.interfaces.chainlit.app import app

client = TestClient(app)


def test_health(monkeypatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "ci")
    monkeypatch.setenv("SHORT_TERM_MEMORY_DB_PATH", ":memory:")
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "version": __version__, "environment": "ci"}


def test_health_degraded_without_the_volume(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("SHORT_TERM_MEMORY_DB_PATH", str(tmp_path / "missing" / "memory.db"))
    assert client.get("/api/health").json()["status"] == "degraded"


def test_session_start() -> None:
    first = client.post("/api/session/start").json()["session_id"]
    second = client.get("/api/session/start").json()["session_id"]
    assert len(first) == 32
    assert first != second
