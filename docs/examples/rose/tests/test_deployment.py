"""Deployment tests.

- TestDeploymentConfig checks railway.json: run before any deploy (service-ci's smoke job).
- TestRunningService checks the service that the smoke job started from its start command (SERVICE_URL).
- TestDeployedInstance checks a deployed environment: service-deploy runs it after the deploy, with
  SERVICE_URL set to the environment's URL; a failure rolls the deployment back.

Before a deploy:  pytest tests/test_deployment.py -k "not TestDeployedInstance"
After a deploy:   pytest tests/test_deployment.py::TestDeployedInstance tests/test_smoke.py
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]


class TestDeploymentConfig:
    @pytest.fixture(scope="class")
    def config(self) -> dict:
        return json.loads((ROOT / "railway.json").read_text())

    def test_build(self, config: dict) -> None:
        assert config["build"]["builder"] == "NIXPACKS"
        assert "npm run build" in config["build"]["buildCommand"]

    def test_start_command_serves_the_app(self, config: dict) -> None:
        start = config["deploy"]["startCommand"]
        assert "src.ai_companion.interfaces.chainlit.app:app" in start
        assert "$PORT" in start

    def test_health_and_restart_policy(self, config: dict) -> None:
        deploy = config["deploy"]
        assert deploy["healthcheckPath"] == "/api/health"
        assert deploy["healthcheckTimeout"] == 30
        assert deploy["restartPolicyType"] == "ON_FAILURE"
        assert deploy["restartPolicyMaxRetries"] == 3
        assert deploy["requiredMountPath"] == "/app/data"

    @pytest.mark.parametrize("environment", ["production", "staging"])
    def test_environments(self, config: dict, environment: str) -> None:
        assert environment in config["environments"]

    def test_environment_variables(self) -> None:
        for environment, level in (("production", "INFO"), ("staging", "DEBUG")):
            lines = (ROOT / "railway" / f"{environment}.env").read_text().splitlines()
            env = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
            assert env == {"ENVIRONMENT": environment, "LOG_LEVEL": level, "SENTRY_ENVIRONMENT": environment}


class TestRunningService:
    def test_health(self, service_url: str) -> None:
        r = httpx.get(f"{service_url}/api/health", timeout=10)
        assert r.status_code == 200
        assert r.json()["status"] == "ok"

    def test_session_start(self, service_url: str) -> None:
        assert httpx.post(f"{service_url}/api/session/start", timeout=10).status_code == 200


class TestDeployedInstance:
    def test_health_reports_the_environment(self, service_url: str) -> None:
        body = httpx.get(f"{service_url}/api/health", timeout=10).json()
        assert body["status"] == "ok"
        assert body["environment"] in ("production", "staging")

    def test_https(self, service_url: str) -> None:
        assert service_url.startswith("https://")
