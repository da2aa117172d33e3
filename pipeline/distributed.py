"""The per-document step on a Dask cluster (`--scheduler ADDRESS`, the `[dask]` extra)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

BATCH = 256  # documents in flight at once: memory stays bounded however large the corpus


def _process_batch(batch: list[tuple[str, str]], setup) -> list:
    from pipeline.build import process
    return [process(Path(path), doc_id, setup) for path, doc_id in batch]


def results_on_cluster(items: list[tuple[Path, str]], setup, scheduler: str) -> Iterator:
    """Per-document results in input order, computed by the cluster's workers.

    The workers read the files themselves: they must see the same paths (a shared folder).
    """
    try:
        from distributed import Client
    except ImportError as err:
        raise RuntimeError("--scheduler needs Dask: pip install 'adoption-atlas[dask]'.") from err
    batches = [[(str(p), d) for p, d in items[i:i + 16]] for i in range(0, len(items), 16)]
    with Client(scheduler) as client:
        remote = client.scatter(setup, broadcast=True)
        pending = []
        for batch in batches:
            pending.append(client.submit(_process_batch, batch, remote, pure=False))
            if len(pending) * 16 >= BATCH:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
