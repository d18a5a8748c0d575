"""Where the documents are processed: in this process, or on a Dask distributed cluster.

Each document is two tasks: :func:`~graph_build.pipeline.prepare_document` (parse, map, link)
starts at once, while this process loads the build context (closing ontology and reference data
takes seconds); :func:`~graph_build.pipeline.finish_document` (reason, validate, write lines)
follows once the context is scattered to every worker. Dask runs the second task where the
first one's result is, so a document's graph never travels. Largest documents go first, so the
longest never starts last; outputs come as documents finish.

By default a ``LocalCluster`` of one worker process per core on loopback; with a scheduler
address (``DORTMUND_KG_SCHEDULER=tcp://host:8786`` or ``scheduler=``) the workers of a cluster
that spans machines, each with this package installed and the corpus at the same path.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from graph_build.pipeline import (
    BuildContext,
    DocumentOutput,
    PreparedDocument,
    finish_document,
    prepare_document,
    process_document,
)
from mappings.registry import DocumentInfo

SCHEDULER_ENV = "DORTMUND_KG_SCHEDULER"
JOBS_ENV = "DORTMUND_KG_JOBS"


def default_jobs(n_documents: int) -> int:
    """Worker processes: ``DORTMUND_KG_JOBS`` or one per core, never more than documents."""
    wanted = int(os.environ.get(JOBS_ENV, "0")) or (os.cpu_count() or 1)
    return max(1, min(wanted, n_documents))


def _largest_first(corpus_dir: Path, documents: list[DocumentInfo]) -> list[DocumentInfo]:
    def size(info: DocumentInfo) -> int:
        try:
            return (corpus_dir / info.file).stat().st_size
        except OSError:
            return 0  # parse_document reports the missing file

    return sorted(documents, key=lambda d: -size(d))


@functools.lru_cache(maxsize=1)
def _context(data: bytes) -> BuildContext:
    """The context a worker was sent, unpacked once per worker process (not once per task)."""
    return BuildContext.from_bytes(data)


def finish_with(
    prepared: PreparedDocument, context: bytes, reference_engines: bool
) -> DocumentOutput:
    """:func:`finish_document` with the context as scattered to the workers."""
    return finish_document(prepared, _context(context), reference_engines=reference_engines)


class Documents:
    """The documents' processing for one build (a context manager; see the module)."""

    def __init__(
        self,
        corpus_dir: Path,
        documents: list[DocumentInfo],
        *,
        jobs: int,
        scheduler: str | None = None,
        reference_engines: bool = False,
    ) -> None:
        self.corpus_dir = corpus_dir
        self.documents = documents
        self.jobs = jobs
        self.scheduler = scheduler if scheduler is not None else os.environ.get(SCHEDULER_ENV)
        self.reference_engines = reference_engines
        self.ctx: BuildContext | None = None
        self.client: Any = None
        self.cluster: Any = None
        self.prepared: list[Any] = []
        self.finished: list[Any] = []

    @property
    def distributed(self) -> bool:
        return self.jobs > 1 or bool(self.scheduler)

    def __enter__(self) -> Documents:
        if self.distributed:
            self.client = self._connect()
            ordered = _largest_first(self.corpus_dir, self.documents)
            self.prepared = [
                self.client.submit(
                    prepare_document, self.corpus_dir, info, key=f"prepare-{info.id}"
                )
                for info in ordered
            ]
        return self

    def _connect(self) -> Any:
        import dask
        from distributed import Client, LocalCluster

        if self.scheduler:
            return Client(self.scheduler)  # type: ignore[no-untyped-call]
        # Not daemonic: pySHACL's reference path validates large documents in forked children.
        with dask.config.set({"distributed.worker.daemon": False}):
            self.cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=self.jobs,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",  # loopback, any free port
                silence_logs=logging.ERROR,
            )
        return Client(self.cluster)  # type: ignore[no-untyped-call]

    def hand_over(self, ctx: BuildContext) -> None:
        """Give the workers the loaded context; the documents' second halves start."""
        self.ctx = ctx
        if self.client is None:
            return
        context = self.client.scatter(ctx.to_bytes(), broadcast=True)
        self.finished = [
            self.client.submit(
                finish_with,
                prepared,
                context,
                self.reference_engines,
                key=f"finish-{prepared.key.removeprefix('prepare-')}",
            )
            for prepared in self.prepared
        ]
        # Dropped here, so each prepared graph is freed on its worker once its second half is
        # done, rather than all of them kept until the build ends.
        self.prepared = []

    def outputs(self) -> Iterator[DocumentOutput]:
        """Each document's output as it is done (registry order in this process)."""
        if self.ctx is None:
            raise RuntimeError("hand_over() the context first")
        if self.client is None:
            for info in self.documents:
                yield process_document(
                    self.corpus_dir, info, self.ctx, reference_engines=self.reference_engines
                )
            return
        from distributed import as_completed

        # Each result is dropped once yielded, so finished documents' lines do not pile up here.
        for future in as_completed(self.finished):  # type: ignore[no-untyped-call]
            out: DocumentOutput = future.result()
            future.release()
            yield out
            del out

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.client is not None:
            if exc_type is not None:
                self.client.cancel(self.prepared + self.finished)
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
