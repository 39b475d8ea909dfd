from tests.fake_ticketmaster.process import API_KEY, GENERATED, FakeApi, fake_api_process, free_port

__all__ = ["API_KEY", "GENERATED", "FakeApi", "fake_api_process", "free_port"]
