"""One case-insensitive key for text, the same on every database."""


def fold_case(text: str) -> str:
    """Each character's simple lower-case mapping, as PostgreSQL's lower() applies it under a
    UTF-8 ctype: one character for one, with no context. Python's str.lower() differs from it
    on a word-final capital sigma (the final form) and a dotted capital I (two characters), so
    it is applied per character and only its first character kept."""
    if text.isascii():
        return text.lower()
    return "".join(c.lower()[0] for c in text)
