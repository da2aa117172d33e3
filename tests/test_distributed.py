"""The per-document step on a Dask cluster gives the same tables as the local run."""
from __future__ import annotations

from pathlib import Path

import distributed

from pipeline.build import run_report


def test_a_local_cluster_gives_output_identical_to_the_local_run(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i, text in enumerate(["In Europe, Italy blocked DeepSeek.",
                              "Police in Shenzhen use DeepSeek.",
                              "South Korea banned DeepSeek on government devices.",
                              "", "Nothing here names a place."]):
        (seeds / f"doc{i}.txt").write_text(text, encoding="utf-8")
    local = run_report([seeds], workers=1, reuse=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote = run_report([seeds], scheduler=cluster.scheduler_address, reuse=False)
    assert remote.mentions.equals(local.mentions) and remote.places.equals(local.places)
    assert remote.skipped == local.skipped and len(local.mentions) == 4
