"""The HTTP application Railway starts:

    uvicorn src.ai_companion.interfaces.chainlit.app:app --host 0.0.0.0 --port $PORT

The real service mounts its Chainlit UI here; the skeleton keeps the two endpoints the pipeline checks.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from src.ai_companion import __version__, settings

app = FastAPI(title="Rose AI Companion", version=__version__)


def _memory_ok(path: str) -> bool:
    """The short-term memory database opens (":memory:" in CI, the /app/data volume on Railway)."""
    try:
        with sqlite3.connect(path) as db:
            db.execute("select 1")
        return True
    except sqlite3.Error:
        return False


@app.get("/api/health")
def health() -> dict[str, Any]:
    """Railway's healthcheckPath and the pipeline's health check."""
    s = settings.load()
    return {
        "status": "ok" if _memory_ok(s.short_term_memory_db_path) else "degraded",
        "version": __version__,
        "environment": s.environment,
    }


@app.api_route("/api/session/start", methods=["GET", "POST"])
def start_session() -> dict[str, str]:
    """The critical endpoint the smoke tests call after the health check."""
    return {"session_id": uuid.uuid4().hex}


_dist = Path(__file__).resolve().parents[4] / "frontend" / "dist"
if _dist.is_dir():
    # The built frontend (npm run build), served at the root as on Railway.
    app.mount("/", StaticFiles(directory=str(_dist), html=True), name="frontend")
