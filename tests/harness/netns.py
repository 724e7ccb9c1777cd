"""Test hosts made of Linux network namespaces (tests/scaleout): a private subnet
10.213.<n>.0/24 on a bridge in a "switch" namespace, one namespace per host with one address
on it, and one veth from the test's own namespace to the switch (10.213.<n>.1) so the test can
reach the hosts. Nothing else is touched: every name carries a unique prefix and
:meth:`Network.remove` deletes all of it (also after a failure). A host is "killed" by
SIGKILL to every process in its namespace, as a crash or a power cut would end them."""

from __future__ import annotations

import contextlib
import ipaddress
import os
import shutil
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from tests.harness.processes import Process

IP = shutil.which("ip") or "/usr/sbin/ip"


def missing_requirements() -> str | None:
    """Why these tests cannot run here (None: they can)."""
    if os.geteuid() != 0:
        return "needs root (ip netns)"
    for binary in ("ip", "nginx", "redis-server", "runuser"):
        if shutil.which(binary) is None and not Path(f"/usr/sbin/{binary}").exists():
            return f"{binary} is not installed (scripts/setup.sh installs it)"
    from tests.harness.processes import PG_BIN

    for binary in ("initdb", "pg_ctl", "pg_basebackup"):
        if not (PG_BIN / binary).exists():
            return f"{PG_BIN / binary} is missing (Debian postgresql-15)"
    probe = f"ra-probe-{uuid.uuid4().hex[:6]}"
    made = subprocess.run([IP, "netns", "add", probe], capture_output=True, text=True)  # noqa: S603
    if made.returncode != 0:
        return f"cannot create network namespaces: {made.stderr.strip()}"
    subprocess.run([IP, "netns", "del", probe], capture_output=True)  # noqa: S603
    return None


def _ip(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([IP, *args], check=check, capture_output=True, text=True, timeout=30)  # noqa: S603


def _free_subnet() -> ipaddress.IPv4Network:
    """A 10.213.<n>.0/24 that no route of this machine covers yet."""
    routes = _ip("-4", "route", "show", "table", "all").stdout
    start = os.getpid() % 200
    for step in range(200):
        subnet = ipaddress.IPv4Network(f"10.213.{20 + (start + step) % 200}.0/24")
        if str(subnet.network_address)[:-1] not in routes:
            return subnet
    raise RuntimeError("no free 10.213.x.0/24 subnet")


@dataclass
class Host:
    """One namespace with one address on the test subnet."""

    name: str
    namespace: str
    address: str
    processes: list[Process] = field(default_factory=list)

    def command(self, *args: str) -> list[str]:
        return [IP, "netns", "exec", self.namespace, *args]

    def run(self, *args: str, check: bool = True, timeout: float = 120):
        result = subprocess.run(  # noqa: S603 - fixed arguments built by the tests
            self.command(*args), capture_output=True, text=True, timeout=timeout, cwd="/"
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"{args} on {self.name}: {result.stdout}{result.stderr}")
        return result

    def start(self, command: list[str], env: dict[str, str], log: Path, cwd: Path | None = None):
        process = Process(self.command(*command), env, log, **({"cwd": cwd} if cwd else {}))
        process.start()
        self.processes.append(process)
        return process

    def pids(self) -> list[int]:
        listed = _ip("netns", "pids", self.namespace, check=False).stdout.split()
        return [int(pid) for pid in listed if pid.isdigit()]

    def kill(self) -> None:
        """SIGKILL every process in the namespace (ours: the test started all of them)."""
        for _ in range(5):
            pids = self.pids()
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.2)
        for process in self.processes:
            if process.popen is not None:
                with contextlib.suppress(Exception):
                    process.popen.wait(timeout=5)


class Network:
    """The switch, the hosts and the test's own link to them."""

    def __init__(self) -> None:
        tag = uuid.uuid4().hex[:6]
        self.prefix = f"ra-{tag}"
        self.subnet = _free_subnet()
        self.gateway = str(self.subnet.network_address + 1)
        self.switch = f"{self.prefix}-sw"
        self.uplink = f"ra{tag}"  # the test's end of its veth (interface names: 15 characters)
        self.hosts: dict[str, Host] = {}
        self._made: list[str] = []

    def create(self) -> Network:
        _ip("netns", "add", self.switch)
        self._made.append(self.switch)
        _ip("-n", self.switch, "link", "add", "br0", "type", "bridge")
        _ip("-n", self.switch, "link", "set", "br0", "up")
        _ip("link", "add", self.uplink, "type", "veth", "peer", "name", "up0", "netns", self.switch)
        _ip("-n", self.switch, "link", "set", "up0", "master", "br0", "up")
        _ip("addr", "add", f"{self.gateway}/{self.subnet.prefixlen}", "dev", self.uplink)
        _ip("link", "set", self.uplink, "up")
        return self

    def add_host(self, name: str, number: int) -> Host:
        namespace = f"{self.prefix}-{name}"
        address = str(self.subnet.network_address + number)
        _ip("netns", "add", namespace)
        self._made.append(namespace)
        port = f"p{number}"
        _ip("-n", self.switch, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", namespace)  # fmt: skip
        _ip("-n", self.switch, "link", "set", port, "master", "br0", "up")
        _ip("-n", namespace, "addr", "add", f"{address}/{self.subnet.prefixlen}", "dev", "eth0")
        _ip("-n", namespace, "link", "set", "eth0", "up")
        _ip("-n", namespace, "link", "set", "lo", "up")
        host = Host(name, namespace, address)
        self.hosts[name] = host
        return host

    def remove(self) -> None:
        """Kill every process in the hosts, delete the namespaces and the test's link."""
        for host in self.hosts.values():
            with contextlib.suppress(Exception):
                host.kill()
        for namespace in reversed(self._made):
            _ip("netns", "del", namespace, check=False)
        _ip("link", "del", self.uplink, check=False)  # gone with the switch already, normally
