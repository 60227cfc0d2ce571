"""``python -m kg.store.fill NTRIPLES OFFSET LOCATION``: fill a new store at LOCATION
from the N-Triples lines of NTRIPLES after byte OFFSET, and print the number of
quads. Run by :func:`kg.store.embedded.start_store_load` beside the rest of a build."""
from __future__ import annotations

import sys
from pathlib import Path

from pyoxigraph import RdfFormat

from kg.store.embedded import fill_store


def main(argv: list[str]) -> int:
    source, offset, location = argv
    try:
        count = fill_store(Path(source), RdfFormat.N_TRIPLES, Path(location), int(offset))
    except (SyntaxError, OSError, ValueError) as exc:
        print(f"{source}: {exc}", file=sys.stderr)
        return 1
    print(count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
