"""The processes of a running `boxoffice serve`, read from /proc (a worker is a child)."""

from pathlib import Path


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        with_children = task / "children"
        if with_children.exists():
            found |= {int(child) for child in with_children.read_text().split()}
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def workers(pid: int) -> set[int]:
    return {child for child in children(pid) if alive(child)}
