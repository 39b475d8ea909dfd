import pytest

from boxoffice.application.errors import NotReady
from boxoffice.application.use_cases.check_readiness import CheckReadiness
from tests.fake_health import SwitchedStorageProbe


async def test_a_process_whose_database_answers_is_ready() -> None:
    await CheckReadiness(SwitchedStorageProbe()).execute()


async def test_a_process_whose_database_does_not_answer_is_not_ready() -> None:
    with pytest.raises(NotReady, match="database does not answer"):
        await CheckReadiness(SwitchedStorageProbe(down=True)).execute()
