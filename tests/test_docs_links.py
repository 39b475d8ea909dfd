"""The documentation's relative links and anchors resolve, and the front page links every doc
(SECURITY.md included).

Headings are turned into anchors the way GitHub does, so a renamed heading or a moved file
fails here rather than in a reader's browser.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SECURITY = ROOT / "SECURITY.md"
FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
INLINE_LINK = re.compile(r"\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$", re.MULTILINE)
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def markdown_files() -> list[Path]:
    return [ROOT / "README.md", SECURITY, ROOT / "bench" / "README.md", *sorted(DOCS.rglob("*.md"))]


def without_code(text: str) -> str:
    """Links and headings inside code are not links or headings."""
    return CODE_SPAN.sub("", FENCE.sub("", text))


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: its text, lower case, punctuation dropped, spaces as -."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = text.replace("`", "").replace("*", "").strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for _, heading in HEADING.findall(FENCE.sub("", path.read_text(encoding="utf-8"))):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def relative_links(path: Path) -> list[str]:
    text = without_code(path.read_text(encoding="utf-8"))
    targets = INLINE_LINK.findall(text) + REFERENCE_LINK.findall(text)
    return [target for target in targets if not EXTERNAL.match(target)]


def broken_links(path: Path) -> list[str]:
    broken = []
    for link in relative_links(path):
        name, _, fragment = link.partition("#")
        target = (path.parent / name).resolve() if name else path
        where = f"{path.relative_to(ROOT)}: ({link})"
        if not target.exists():
            broken.append(f"{where} names no file")
        elif fragment and target.suffix == ".md" and fragment not in anchors(target):
            broken.append(f"{where} names no heading of {target.relative_to(ROOT)}")
    return broken


def test_every_relative_link_and_anchor_in_the_docs_resolves() -> None:
    broken = [problem for path in markdown_files() for problem in broken_links(path)]
    assert not broken, "\n".join(broken)


def test_the_front_page_and_the_docs_index_link_to_every_document_in_docs() -> None:
    documents = {path.resolve() for path in DOCS.rglob("*.md")} - {(DOCS / "README.md").resolve()}
    documents.add(SECURITY.resolve())
    for index in (ROOT / "README.md", DOCS / "README.md"):
        links = relative_links(index)
        linked = {(index.parent / link.partition("#")[0]).resolve() for link in links}
        missing = sorted(str(path.relative_to(ROOT)) for path in documents - linked)
        assert not missing, f"{index.relative_to(ROOT)} does not link {missing}"


def test_a_heading_becomes_the_anchor_github_gives_it() -> None:
    assert slug("Deployment (docker-compose)") == "deployment-docker-compose"
    assert slug("The `MessageBroker` port, [see](x.md)") == "the-messagebroker-port-see"
    assert slug("Setup of a real API key") == "setup-of-a-real-api-key"


def test_a_link_inside_code_is_not_checked_and_one_outside_is() -> None:
    text = "see [a](a.md) and `[b](b.md)`\n```\n[c](c.md)\n```\n[d](d.md#x)\n"
    text += "1. in a list:\n   ```sh\n   # [e](e.md)\n   ```\n"
    assert INLINE_LINK.findall(without_code(text)) == ["a.md", "d.md#x"]


def test_a_comment_in_an_indented_code_block_is_not_a_heading(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Title\n\n1. step:\n   ```sh\n   # not a heading\n   ```\n")
    assert anchors(page) == {"title"}
