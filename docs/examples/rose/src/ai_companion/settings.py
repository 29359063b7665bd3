"""Settings read from the environment (Railway sets them per environment; CI from tests/.env.ci)."""

from __future__ import annotations

import os
from dataclasses import dataclass

# API keys the companion uses; none is needed to start, each feature checks its own.
API_KEYS = (
    "GROQ_API_KEY",
    "ELEVENLABS_API_KEY",
    "QDRANT_API_KEY",
    "TOGETHER_API_KEY",
)


@dataclass(frozen=True)
class Settings:
    environment: str
    log_level: str
    short_term_memory_db_path: str
    configured_keys: tuple[str, ...]

    @property
    def is_production(self) -> bool:
        return self.environment == "production"


def load(env: dict[str, str] | None = None) -> Settings:
    """Build the settings from env (os.environ by default)."""
    env = dict(os.environ) if env is None else env
    environment = env.get("ENVIRONMENT") or env.get("RAILWAY_ENVIRONMENT_NAME") or "development"
    default_level = "INFO" if environment == "production" else "DEBUG"
    return Settings(
        environment=environment,
        log_level=(env.get("LOG_LEVEL") or default_level).upper(),
        short_term_memory_db_path=env.get("SHORT_TERM_MEMORY_DB_PATH", "/app/data/memory.db"),
        configured_keys=tuple(k for k in API_KEYS if env.get(k)),
    )
