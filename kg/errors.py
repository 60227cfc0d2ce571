"""Errors raised by the kg library. Every one derives from :class:`KGError`.

The CLI turns a ``KGError`` into one line on stderr and exit status 1; the
``hint`` says what the user can do about it.
"""
from __future__ import annotations


class KGError(Exception):
    """Base class of every error kg raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        if hint:
            self.hint = hint


class InputError(KGError):
    """An input file, or one record inside it, cannot be read.

    ``where`` names the place: ``line 12``, ``record 3``, ``PMID 12345``,
    ``byte 400``; empty when the whole file is at fault.
    """

    hint = "fix or remove that input; every other input was still built"

    def __init__(self, path: str, reason: str, where: str = "", *, hint: str = "") -> None:
        self.path = str(path)
        self.reason = reason
        self.where = where
        place = f"{self.path}:{where}" if where else self.path
        super().__init__(f"{place}: {reason}", hint=hint)

    def __reduce__(self):  # picklable across processes and in the extraction cache
        return (self.__class__, (self.path, self.reason, self.where), {"hint": self.hint})


class UnknownChoiceError(KGError):
    """A name given for a registry (reader, exporter, query, format) is not known."""

    def __init__(self, kind: str, name: str, choices: list[str]) -> None:
        self.kind, self.name, self.choices = kind, name, choices
        super().__init__(
            f"unknown {kind} {name!r}; choose one of: {', '.join(choices)}",
            hint=f"run with --help to see the {kind}s",
        )


class VocabularyError(KGError):
    """A vocabulary file is malformed."""

    hint = "check the vocabulary file against the format in the README"


class QueryError(KGError):
    """A SPARQL query is malformed or cannot run."""

    hint = "check the query text; `kg query --help` lists the shipped queries"


class StoreError(KGError):
    """A triple store cannot be reached or refused a request."""

    hint = "check the store URL and credentials; the store was left as it was"


class OutputError(KGError):
    """An output file cannot be written."""

    hint = "check that the output directory is writable"
