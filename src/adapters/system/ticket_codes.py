import secrets

from boxoffice.domain.tickets import ENTROPY_BYTES, TicketCode


class SecretsTicketCodes:
    """Codes from the operating system's CSPRNG: 80 bits each, so they cannot be guessed."""

    def issue(self, count: int) -> list[TicketCode]:
        codes: set[TicketCode] = set()
        while len(codes) < count:
            codes.add(TicketCode.from_entropy(secrets.token_bytes(ENTROPY_BYTES)))
        return list(codes)
