from sqlalchemy import text


async def test_database_fixture_gives_a_migrated_empty_database(engine):
    async with engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM events"))).scalar() == 0
