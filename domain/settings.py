"""Configuration from the environment and ``.env`` (pydantic-settings).

Every knob of the application lives here; nothing else reads ``os.environ``. Id lists accept
``"1, 2,3"`` (comma/space separated) as well as JSON lists.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PUBLIC_API_BASE = "https://api.telegram.org"
# "<digits>:<35 url-safe chars>" is what BotFather issues; be a little lenient on the length.
_TOKEN_RE = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,100}$")

IdList = Annotated[frozenset[int], NoDecode]


class ConfigError(ValueError):
    """A setting is missing or malformed; the message is one readable line for the operator."""


def _parse_ids(value: Any) -> frozenset[int]:
    if value is None or value == "":
        return frozenset()
    if isinstance(value, int):
        return frozenset({value})
    if isinstance(value, str):
        text = value.strip().strip("[]")
        items = [p for p in re.split(r"[\s,;]+", text) if p]
    else:
        items = list(value)
    try:
        return frozenset(int(str(i).strip()) for i in items)
    except ValueError as exc:
        raise ValueError(f"expected comma-separated Telegram ids, got {value!r}") from exc


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    # Telegram
    bot_token: str = ""
    telegram_api_base: str = PUBLIC_API_BASE
    telegram_api_local: bool = False  # a local Bot API server (--local) returns file paths
    # Storage
    data_dir: Path = Path("./data")
    database_url: str = ""
    redis_url: str = ""
    # Roles and chats
    admin_ids: IdList = frozenset()
    staff_ids: IdList = frozenset()
    operator_ids: IdList = frozenset()
    operator_chat_id: int | None = None
    staff_chat_id: int | None = None
    operator_hours: str = "Mon-Fri 09:00-18:00"
    operator_chat_lang: str = "ru"  # language of the texts the bot posts in the operators' group
    ticket_reopen_hours: float = 24.0  # an applicant's message reopens a closed ticket this long
    ticket_remind_minutes: float = 30.0  # remind the group once of a ticket unanswered this long
    timezone: str = "Asia/Almaty"
    # Knowledge base
    knowledge_cache: Path | None = None  # default DATA_DIR/knowledge/kb.json
    kb_watch_seconds: float = 5.0  # reload the knowledge base when its cache changes; 0 = off
    # Webhook / HTTP
    webhook_url: str = ""
    webhook_secret: str = ""
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    # Behaviour
    log_level: str = "INFO"
    album_debounce: float = Field(default=0.6, ge=0.05, le=10)
    shutdown_grace: float = Field(default=25.0, ge=0, le=300)
    processed_updates_keep_days: int = Field(default=7, ge=1)

    @field_validator("admin_ids", "staff_ids", "operator_ids", mode="before")
    @classmethod
    def _ids(cls, value: Any) -> frozenset[int]:
        return _parse_ids(value)

    @field_validator("operator_chat_id", "staff_chat_id", "knowledge_cache", mode="before")
    @classmethod
    def _optional_int(cls, value: Any) -> Any:
        return None if value in ("", None) else value

    @field_validator("telegram_api_base", mode="before")
    @classmethod
    def _api_base(cls, value: Any) -> Any:
        return (value or PUBLIC_API_BASE).rstrip("/") if isinstance(value, str) else value

    # ------------------------------------------------------------------ derived values
    @property
    def db_url(self) -> str:
        """The SQLAlchemy async URL: SQLite under DATA_DIR by default, asyncpg for PostgreSQL."""
        return normalise_database_url(self.database_url, self.data_dir)

    @property
    def kb_cache_path(self) -> Path:
        return self.knowledge_cache or self.data_dir / "knowledge" / "kb.json"

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")

    @property
    def webhook_mode(self) -> bool:
        return bool(self.webhook_url)

    @property
    def webhook_path(self) -> str:
        from urllib.parse import urlsplit

        path = urlsplit(self.webhook_url).path if self.webhook_url else ""
        return path or "/webhook"

    def require_token(self) -> str:
        """The bot token, or ``ConfigError`` with one readable line."""
        token = self.bot_token.strip()
        if not token:
            raise ConfigError(
                "BOT_TOKEN is not set: put the token from @BotFather into the environment or "
                ".env (or try the bot without Telegram: python run_bot.py chat)"
            )
        if not _TOKEN_RE.match(token):
            raise ConfigError(
                "BOT_TOKEN is malformed: expected '<digits>:<secret>' as issued by @BotFather"
            )
        return token

    def roles_from_env(self) -> dict[int, set[str]]:
        roles: dict[int, set[str]] = {}
        for role, ids in (
            ("admin", self.admin_ids),
            ("staff", self.staff_ids),
            ("operator", self.operator_ids),
        ):
            for user_id in ids:
                roles.setdefault(user_id, set()).add(role)
        return roles


def normalise_database_url(url: str, data_dir: Path) -> str:
    """Map what people write in DATABASE_URL onto an async driver.

    ``postgres://`` and ``postgresql://`` become ``postgresql+asyncpg://``; ``sqlite://`` becomes
    ``sqlite+aiosqlite://``; empty means ``DATA_DIR/bot.sqlite3``.
    """
    url = (url or "").strip()
    if not url:
        return f"sqlite+aiosqlite:///{(Path(data_dir) / 'bot.sqlite3').resolve()}"
    for prefix in (
        "postgres://",
        "postgresql://",
        "postgresql+psycopg2://",
        "postgresql+psycopg://",
    ):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    if url.startswith("sqlite://"):
        return "sqlite+aiosqlite://" + url[len("sqlite://") :]
    return url


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment/.env; keyword overrides win (tests use them)."""
    return Settings(**overrides)
