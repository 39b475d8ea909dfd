"""A strict reader of iCalendar files (RFC 5545), enough to check what the API writes."""

from dataclasses import dataclass

CRLF = "\r\n"


@dataclass(frozen=True)
class Calendar:
    lines: list[str]  # the physical lines, each without its CRLF
    properties: list[tuple[str, str]]  # (name, raw value) after unfolding, in order

    def value(self, name: str) -> str:
        """The one raw value of `name` inside the VEVENT."""
        found = [v for n, v in self.event_properties() if n == name]
        assert len(found) == 1, (name, found)
        return found[0]

    def text(self, name: str) -> str:
        return unescape(self.value(name))

    def event_properties(self) -> list[tuple[str, str]]:
        start = self.properties.index(("BEGIN", "VEVENT"))
        end = self.properties.index(("END", "VEVENT"))
        return self.properties[start + 1 : end]


def read_calendar(body: str) -> Calendar:
    """Fails unless every line ends in CRLF, has no other CR or LF, and is at most 75 octets."""
    assert body.endswith(CRLF), repr(body[-10:])
    lines = body[: -len(CRLF)].split(CRLF)
    for line in lines:
        assert "\r" not in line, repr(line)
        assert "\n" not in line, repr(line)
        assert len(line.encode()) <= 75, repr(line)
    logical: list[str] = []
    for line in lines:
        if line.startswith((" ", "\t")):
            assert logical, "a file cannot start with a continuation"
            logical[-1] += line[1:]
        else:
            logical.append(line)
    properties = []
    for line in logical:
        name, colon, value = line.partition(":")
        assert colon, repr(line)
        assert name.replace("-", "").isalnum(), repr(line)
        properties.append((name, value))
    assert properties[0] == ("BEGIN", "VCALENDAR")
    assert properties[-1] == ("END", "VCALENDAR")
    assert [p for p in properties if p[0] in ("BEGIN", "END")] == [
        ("BEGIN", "VCALENDAR"),
        ("BEGIN", "VEVENT"),
        ("END", "VEVENT"),
        ("END", "VCALENDAR"),
    ]
    return Calendar(lines, properties)


def unescape(value: str) -> str:
    """A TEXT value as written; an unescaped `,` or `;` (a list or a new parameter) fails."""
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            assert following in "\\;,nN", repr(value)
            out.append("\n" if following in "nN" else following)
        else:
            assert char not in ",;", repr(value)
            out.append(char)
    return "".join(out)
