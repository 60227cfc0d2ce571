"""kg: an evidence knowledge graph builder for the literature of multi-system diseases."""
from kg.errors import KGError

__version__ = "0.1.0"

__all__ = ["KGError", "__version__"]
