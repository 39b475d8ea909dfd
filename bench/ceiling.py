"""The ceiling: a trivial 20-item JSON list on Litestar + granian, served as boxoffice is.

    python -m granian --interface asgi --factory --workers 2 ceiling:create_app

bench/perf.py starts it beside the service and measures it in every round, so each figure of
the service comes with the framework's own limit on this machine at that moment.
"""

from litestar import Litestar, get

ITEMS = [
    {"id": n, "title": f"Show {n}", "city": "Pune", "price": "250.00", "seats_available": 100}
    for n in range(20)
]


@get("/items", sync_to_thread=False)
def items() -> dict[str, object]:
    return {"items": ITEMS, "page": 1, "size": 20, "total": 20}


def create_app() -> Litestar:
    return Litestar([items], openapi_config=None)
