"""Shared fixtures. SERVICE_URL is the base URL of a running service: the smoke job of service-ci sets it to
the service it started on the runner, the post-deploy step of service-deploy to the deployed environment."""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def service_url() -> str:
    url = os.environ.get("SERVICE_URL", "").rstrip("/")
    if not url:
        pytest.skip("SERVICE_URL is not set: no running service to test")
    return url
