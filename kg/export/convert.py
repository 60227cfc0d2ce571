"""Converting an RDF file into another syntax, in a child process when possible.

The ``oxigraph convert`` program (from the ``oxigraph`` package) converts in Rust
in its own process, so several conversions run beside each other and beside the
Python exporters; it keeps the ``@prefix`` declarations of a Turtle or TriG input.
Without the program, pyoxigraph converts in this process, to the same bytes.
"""
from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Mapping

import pyoxigraph
from pyoxigraph import RdfFormat

from kg.errors import OutputError
from kg.programs import oxigraph_program

_STDERR_TAIL = 2000  # characters of the program's complaint kept in the error


def prefix_header(prefixes: Mapping[str, str]) -> str:
    """Turtle/TriG ``@prefix`` lines for ``prefixes``, in their order."""
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in prefixes.items())


class Conversion:
    """One conversion of ``source`` into ``target``, running or done; :meth:`wait` for it."""

    def __init__(self, source: Path, target: Path, process: subprocess.Popen[bytes] | None = None,
                 stderr: tempfile._TemporaryFileWrapper[bytes] | None = None,
                 scratch: tuple[Path, ...] = ()) -> None:
        self.source, self.target = source, target
        self._process, self._stderr, self._scratch = process, stderr, scratch

    def wait(self) -> None:
        """Block until the conversion ends; raise :class:`OutputError` if it failed."""
        try:
            if self._process is not None and self._process.wait() != 0:
                assert self._stderr is not None
                self._stderr.seek(0)
                complaint = self._stderr.read().decode("utf-8", "replace").strip()[-_STDERR_TAIL:]
                raise OutputError(f"cannot write {self.target}: oxigraph convert failed "
                                  f"(exit status {self._process.returncode}): {complaint}")
        finally:
            self._release()

    def cancel(self) -> None:
        """Stop the conversion if it still runs (after another output failed)."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._release()

    def _release(self) -> None:
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        for path in self._scratch:
            path.unlink(missing_ok=True)
        self._scratch = ()


def convert_in_process(source: Path, source_format: RdfFormat, target: Path, target_format: RdfFormat,
                       prefixes: Mapping[str, str] | None) -> None:
    """Convert with pyoxigraph in this process, streaming."""
    parsed = pyoxigraph.parse(path=str(source), format=source_format)
    pyoxigraph.serialize(parsed, str(target), target_format, prefixes=dict(prefixes) if prefixes else None)


def start_conversion(source: Path, source_format: RdfFormat, target: Path, target_format: RdfFormat,
                     prefixes: Mapping[str, str] | None = None, scratch: tuple[Path, ...] = (),
                     program: str | None = None) -> Conversion:
    """Start converting ``source`` to ``target``; ``prefixes`` are the ones the source
    declares (the program takes them from there; the in-process fallback needs them).
    ``scratch`` files are removed when the conversion ends."""
    program = program if program is not None else oxigraph_program()
    if not program:
        try:
            convert_in_process(source, source_format, target, target_format, prefixes)
        except (OSError, SyntaxError) as exc:
            raise OutputError(f"cannot write {target}: {exc}") from exc
        finally:
            for path in scratch:
                path.unlink(missing_ok=True)
        return Conversion(source, target)
    stderr = tempfile.TemporaryFile()
    command = [program, "convert", "--from-file", str(source), "--from-format", source_format.file_extension,
               "--to-file", str(target), "--to-format", target_format.file_extension]
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr)
    except OSError as exc:
        stderr.close()
        raise OutputError(f"cannot write {target}: cannot run {program}: {exc}") from exc
    return Conversion(source, target, process, stderr, scratch)
