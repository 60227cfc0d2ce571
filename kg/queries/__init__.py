"""The shipped SPARQL queries, one ``.rq`` file each (see :mod:`kg.query` for their format)."""
