"""Integration tests call the real providers with the keys of the INTEGRATION_TEST_ENV secret.

They run on pull requests and on develop, non-blocking, never on main (service-ci's integration-tests job).
"""

from __future__ import annotations

import os

import httpx
import pytest

pytestmark = pytest.mark.integration


@pytest.fixture
def groq_key() -> str:
    key = os.environ.get("GROQ_API_KEY", "")
    if not key:
        pytest.skip("GROQ_API_KEY is not set (a fork's pull request gets no secrets)")
    return key


def test_groq_lists_models(groq_key: str) -> None:
    r = httpx.get(
        "https://api.groq.com/openai/v1/models",
        headers={"Authorization": f"Bearer {groq_key}"},
        timeout=20,
    )
    assert r.status_code == 200
    assert r.json()["data"]
