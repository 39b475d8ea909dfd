"""Both databases fold case as the domain does, for every character, not only ASCII letters."""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.case import fold_case

SURROGATES = range(0xD800, 0xE000)
# Every character of the basic and the supplementary multilingual planes but NUL.
EVERY_CHARACTER = "".join(chr(c) for c in range(1, 0x20000) if c not in SURROGATES)


async def test_the_database_lower_agrees_with_fold_case_on_every_character(
    engine: AsyncEngine,
) -> None:
    async with engine.connect() as conn:
        lowered = (await conn.execute(text("SELECT lower(:t)"), {"t": EVERY_CHARACTER})).scalar()

    assert isinstance(lowered, str)
    differing = [
        (hex(ord(c)), f) for c, f in zip(EVERY_CHARACTER, lowered, strict=True) if f != fold_case(c)
    ]
    assert differing == []


def test_fold_case_maps_one_character_to_one_without_context() -> None:
    assert fold_case("ÄRGER@Example.COM") == "ärger@example.com"
    assert fold_case("ΟΔΟΣ") == "οδοσ"  # no final sigma: PostgreSQL has no context either
    assert fold_case("İ") == "i"
    assert fold_case("STRASSE ẞ") == "strasse ß"
