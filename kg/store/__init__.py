"""Triple stores: the embedded on-disk Oxigraph store, any SPARQL 1.1 store over
HTTP, and the ``oxigraph serve`` endpoint over the embedded store.

* :mod:`kg.store.embedded` loads a built graph into ``output/store/`` and queries it;
* :mod:`kg.store.http` is the HTTP transport (credentials from the environment);
* :mod:`kg.store.endpoint` runs SPARQL queries over the SPARQL 1.1 Protocol;
* :mod:`kg.store.gsp` replaces graphs through the Graph Store HTTP Protocol;
* :mod:`kg.store.server` runs ``oxigraph serve`` (from the ``oxigraph`` PyPI package).
"""
from __future__ import annotations

from kg.constants import NS_KG_RESOURCE

STORE_DIRNAME = "store"  # the embedded store's directory inside a build's output directory
DEFAULT_GRAPH_IRI = f"{NS_KG_RESOURCE}graph"  # the named graph `kg load --endpoint` fills by default
