from src.ai_companion import settings


def test_defaults_are_development() -> None:
    s = settings.load({})
    assert s.environment == "development"
    assert s.log_level == "DEBUG"
    assert s.configured_keys == ()
    assert not s.is_production


def test_railway_environment_name_is_used() -> None:
    s = settings.load({"RAILWAY_ENVIRONMENT_NAME": "production"})
    assert s.is_production
    assert s.log_level == "INFO"


def test_explicit_values_win() -> None:
    s = settings.load(
        {
            "ENVIRONMENT": "ci",
            "RAILWAY_ENVIRONMENT_NAME": "production",
            "LOG_LEVEL": "warning",
            "SHORT_TERM_MEMORY_DB_PATH": ":memory:",
            "GROQ_API_KEY": "x",
            "QDRANT_API_KEY": "",
        }
    )
    assert s.environment == "ci"
    assert s.log_level == "WARNING"
    assert s.short_term_memory_db_path == ":memory:"
    assert s.configured_keys == ("GROQ_API_KEY",)
