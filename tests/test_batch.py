"""Checking many files: across processes with joblib, and on a Dask cluster (the 'cluster' extra)."""
import json
import subprocess
import sys

import pytest

from test_engine import BAD, CLEAN


@pytest.fixture
def archive(tmp_path):
    for i in range(6):
        (tmp_path / f"a{i}.txt").write_text(BAD if i % 2 else CLEAN, encoding="utf-8")
    return tmp_path


def check_json(home, *args):
    env = {"THB_REVIEW_HOME": str(home), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "classifier.cli", "check", "--format", "json", *args],
                            capture_output=True, text=True, env=env, timeout=600)
    return result.returncode, {r["file"]: len(r["findings"]) for r in json.loads(result.stdout)}


def test_parallel_batch_matches_a_single_process(engine, home, archive):
    code1, single = check_json(home, str(archive))
    code2, parallel = check_json(home, "--jobs", "2", str(archive))
    assert code1 == code2 == 1
    assert single == parallel and sum(1 for n in single.values() if n) == 3


@pytest.mark.cluster
def test_dask_cluster_runs_the_same_batch(engine, home, archive):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        code, on_cluster = check_json(home, "--scheduler", cluster.scheduler_address, str(archive))
    _, single = check_json(home, str(archive))
    assert code == 1 and on_cluster == single
