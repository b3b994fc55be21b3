"""aiogram FSM storage: in the database by default (inside the update's transaction or on its
own), RedisStorage when REDIS_URL is set; a restart in the middle of a dialog keeps the step."""

from __future__ import annotations

import secrets

from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.redis import DefaultKeyBuilder, RedisStorage

from bot.fsm_storage import DbStorage, build_storage, current_session, storage_key
from domain import state_store
from tests.e2e.client import TgUser
from tests.e2e.harness import running_bot

KEY = StorageKey(bot_id=1, chat_id=-100, user_id=5)


async def test_db_storage_through_fsm_context(db):
    storage = DbStorage(db)
    fsm = FSMContext(storage, KEY)
    assert await fsm.get_state() is None and await fsm.get_data() == {}
    await fsm.set_state("cat.search")
    await fsm.update_data(cat={"id": "health", "page": 1})
    fresh = FSMContext(DbStorage(db), KEY)  # another process, same database
    assert await fresh.get_state() == "cat.search"
    assert await fresh.get_data() == {"cat": {"id": "health", "page": 1}}
    await fresh.clear()
    assert await fsm.get_state() is None and await fsm.get_data() == {}
    assert storage_key(KEY) == "tg:-100:5"


async def test_db_storage_writes_in_the_current_transaction(db):
    storage = DbStorage(db)
    async with db.sessionmaker() as session:
        token = current_session.set(session)
        try:
            await storage.set_state(KEY, "docs.upload")
            assert await storage.get_state(KEY) == "docs.upload"  # visible inside
            await session.rollback()  # the update failed
        finally:
            current_session.reset(token)
    assert await storage.get_state(KEY) is None


async def test_redis_storage_round_trip(redis_url):
    storage = RedisStorage.from_url(
        redis_url, key_builder=DefaultKeyBuilder(prefix=f"test{secrets.token_hex(4)}")
    )
    try:
        fsm = FSMContext(storage, KEY)
        await fsm.set_state("op.chat")
        await fsm.set_data({"op_ticket": 12, "ә": ["қ"]})
        other = FSMContext(RedisStorage(storage.redis, key_builder=storage.key_builder), KEY)
        assert await other.get_state() == "op.chat"
        assert await other.get_data() == {"op_ticket": 12, "ә": ["қ"]}
        await fsm.clear()
    finally:
        await storage.close()


def test_build_storage_picks_redis_when_configured(settings, db, redis_url):
    assert isinstance(build_storage(settings, db), DbStorage)
    configured = settings.model_copy(update={"redis_url": redis_url})
    assert isinstance(build_storage(configured, db), RedisStorage)


async def test_restart_keeps_the_dialog_with_redis(
    migrated_settings, emulator, kb_holder, redis_url
):
    prefix = f"test{secrets.token_hex(4)}"

    def storage() -> RedisStorage:
        return RedisStorage.from_url(redis_url, key_builder=DefaultKeyBuilder(prefix=prefix))

    user = TgUser(emulator, 31337, language_code="kk")
    async with running_bot(migrated_settings, emulator, knowledge=kb_holder, storage=storage()):
        await user.say("/start")
        await user.press(data="lang:set:kk")
        await user.press(data="cat:home")
    async with running_bot(
        migrated_settings, emulator, knowledge=kb_holder, storage=storage()
    ) as app:
        replies = await user.say("туроператор")
        assert any(a.startswith("svc:open:") for a in replies[-1].actions)
        # The state lived in Redis, not in the database.
        async with app.runtime.db.sessionmaker() as session:
            key = state_store.state_key("tg", user.chat_id, user.id)
            assert await state_store.get_state(session, key) is None
        await app.dp.storage.redis.delete(*await app.dp.storage.redis.keys(f"{prefix}*"))
