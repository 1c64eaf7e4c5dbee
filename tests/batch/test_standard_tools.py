"""The batch format needs none of our code to be read (docs/batch-format.md): Debian's
`minisign` verifies a batch and an acknowledgement, `age` decrypts a batch with the
office's passphrase-protected identity as the office keeps it (the passphrase typed on a
terminal: a pseudo-terminal here), `tar` lists the manifest first, and gzip + JSON give
back the records. And the other way: a file signed by `minisign -S` verifies with our
`Signature.verify`.

Without the tools the tests skip, saying what to install; in CI
(CHECKPOINT_TEST_REQUIRE_TOOLS=1) they fail instead."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import pty
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sealed_batches import records, sealed, station, write

from checkpoint_app.batch.keys import ESCROW, OfficeIdentity
from checkpoint_app.batch.minisign import PublicKey, Signature
from checkpoint_app.batch.sealed import SIGNATURE_SUFFIX, make_ack

PASSPHRASE = "tai ping 街道 2020"
TIMEOUT = 60.0  # seconds for one tool run: scrypt on a loaded machine takes a few


def _need(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    message = f"{', '.join(missing)} not installed: apt-get install age minisign"
    if os.environ.get("CHECKPOINT_TEST_REQUIRE_TOOLS") == "1":
        pytest.fail(message + " (CHECKPOINT_TEST_REQUIRE_TOOLS=1: the tools are required)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def office() -> OfficeIdentity:
    return OfficeIdentity.generate("太平街道办")


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, timeout=TIMEOUT, cwd=cwd, check=False)


def run_on_terminal(args: list[str], answer: str, prompt: bytes) -> tuple[int, bytes]:
    """Run `args` with a pseudo-terminal as its controlling terminal (so /dev/tty is ours),
    type `answer` after `prompt` shows; (exit status, everything it wrote on the terminal)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdin/stdout/stderr and /dev/tty are the pseudo-terminal
        try:
            os.execvp(args[0], args)
        finally:
            os._exit(127)
    seen, answered, deadline = b"", False, time.monotonic() + TIMEOUT
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{args[0]} did not finish in {TIMEOUT:.0f} s; it wrote: {seen!r}")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
            if not answered and prompt in seen:
                os.write(fd, answer.encode("utf-8") + b"\n")
                answered = True
        _, status = os.waitpid(pid, 0)
        pid = 0
        return os.waitstatus_to_exitcode(status), seen
    finally:
        os.close(fd)
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def test_minisign_verifies_and_age_decrypts_a_batch(tmp_path, office):
    _need("age", "minisign", "tar")
    at = station("JB-TSP-01")
    escrow = OfficeIdentity.generate("区应急指挥部", ESCROW)
    rows = records(120)
    batch = sealed(at, office, rows, number=4, escrow=escrow)
    path = write(batch, tmp_path / "stick")
    (tmp_path / "station.pub").write_text(at.key.public().file_text(), encoding="utf-8")

    verified = run("minisign", "-V", "-P", at.key.public().to_text(), "-m", path)
    assert verified.returncode == 0, verified.stderr.decode()
    out = verified.stdout.decode()
    assert "Signature and comment signature verified" in out
    assert f"Trusted comment: checkpoint-batch 1 station:JB-TSP-01 number:4 sha256:{batch.sha256}" in out
    assert run("minisign", "-Vm", path, "-p", tmp_path / "station.pub").returncode == 0

    key_file = tmp_path / "office.key"
    key_file.write_bytes(office.seal(PASSPHRASE))
    tar_file = tmp_path / "batch.tar"
    status, said = run_on_terminal(["age", "-d", "-i", str(key_file), "-o", str(tar_file), str(path)],
                                   PASSPHRASE, b"passphrase")
    assert status == 0, said.decode(errors="replace")
    assert b"Enter passphrase" in said  # age asked on the terminal (and got it there)
    _check_tar(tar_file, tmp_path / "out", rows)

    escrow_key = tmp_path / "escrow-plain.key"  # the escrow's identity, decrypted: age reads our comments too
    escrow_key.write_text(escrow.to_text(), encoding="utf-8")
    by_escrow = run("age", "-d", "-i", escrow_key, "-o", tmp_path / "escrow.tar", path)
    assert by_escrow.returncode == 0, by_escrow.stderr.decode()
    assert (tmp_path / "escrow.tar").read_bytes() == tar_file.read_bytes()


def _check_tar(tar_file: Path, folder: Path, rows: list[dict]) -> None:
    listed = run("tar", "-tf", tar_file)
    assert listed.returncode == 0, listed.stderr.decode()
    names = listed.stdout.decode().split()
    assert names == ["manifest.json", "records-0001.jsonl.gz"]
    folder.mkdir()
    assert run("tar", "-xf", tar_file, "-C", folder).returncode == 0
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["station"]["code"] == "JB-TSP-01" and manifest["batch"]["number"] == 4
    part = folder / "records-0001.jsonl.gz"
    assert manifest["parts"] == [{"name": part.name, "records": len(rows),
                                  "sha256": hashlib.sha256(part.read_bytes()).hexdigest()}]
    lines = gzip.decompress(part.read_bytes()).decode("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == rows


def test_age_refuses_a_wrong_passphrase(tmp_path, office):
    _need("age")
    at = station("JB-TSP-01")
    path = write(sealed(at, office, records(1)), tmp_path)
    key_file = tmp_path / "office.key"
    key_file.write_bytes(office.seal(PASSPHRASE))
    status, _said = run_on_terminal(["age", "-d", "-i", str(key_file), "-o", str(tmp_path / "x.tar"), str(path)],
                                    "wrong", b"passphrase")
    assert status != 0


def test_minisign_verifies_an_acknowledgement(tmp_path, office):
    _need("minisign")
    name, body, signature = make_ack(office.name, office.signing, [
        {"station": "JB-TSP-01", "number": 1, "uuid": "u", "sha256": "ab" * 32, "imported_at": "2020-02-14T01:00:00Z"}],
        dt.datetime(2020, 2, 14, 1, 2, 3, tzinfo=dt.timezone.utc))
    path = tmp_path / name
    path.write_bytes(body)
    path.with_name(name + SIGNATURE_SUFFIX).write_text(signature, encoding="utf-8")
    verified = run("minisign", "-V", "-P", office.public().signing.to_text(), "-m", path)
    assert verified.returncode == 0, verified.stderr.decode()
    assert f"sha256:{hashlib.sha256(body).hexdigest()}" in verified.stdout.decode()
    path.write_bytes(body.replace(b'"number": 1', b'"number": 2'))
    assert run("minisign", "-V", "-P", office.public().signing.to_text(), "-m", path).returncode != 0


def test_a_minisign_signature_verifies_with_our_code(tmp_path):
    _need("minisign")
    public_file, secret_file = tmp_path / "tool.pub", tmp_path / "tool.key"
    made = run("minisign", "-G", "-W", "-p", public_file, "-s", secret_file)
    assert made.returncode == 0, made.stderr.decode()
    data = tmp_path / "data.bin"
    data.write_bytes("签名 by the tool\n".encode() * 5000)
    comment = "checkpoint-batch 1 station:JB-TSP-01 number:1 sha256:x"
    signed = run("minisign", "-S", "-s", secret_file, "-m", data, "-t", comment)
    assert signed.returncode == 0, signed.stderr.decode()
    signature = Signature.from_text((tmp_path / "data.bin.minisig").read_text(encoding="utf-8"))
    public = PublicKey.from_text(public_file.read_text(encoding="utf-8"))
    digest = hashlib.blake2b(data.read_bytes()).digest()
    assert signature.verify(public, digest, data.read_bytes()) == comment
    altered = hashlib.blake2b(data.read_bytes() + b"!").digest()
    with pytest.raises(ValueError):
        signature.verify(public, altered, data.read_bytes() + b"!")


def test_missing_tools_skip_with_the_install_line_or_fail_in_ci(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda tool: None)
    monkeypatch.delenv("CHECKPOINT_TEST_REQUIRE_TOOLS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install age minisign"):
        _need("age")
    monkeypatch.setenv("CHECKPOINT_TEST_REQUIRE_TOOLS", "1")
    with pytest.raises(pytest.fail.Exception, match="apt-get install age minisign"):
        _need("age")
