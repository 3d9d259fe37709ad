"""Certificates for a TLS listener, made locally with the JDK's keytool (no other tool needed):
a throwaway CA, and a broker key pair for 127.0.0.1/localhost signed by it. Brokers keep both in a
PKCS12 store; clients trust the CA's PEM (``ssl_cafile``)."""

import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import ClusterStartError
from .jars import find_tool

__all__ = ["TlsFiles", "make_certificates"]

SUBJECT_ALT_NAMES = "SAN=ip:127.0.0.1,dns:localhost"


@dataclass(frozen=True)
class TlsFiles:
    keystore: Path  # PKCS12: the broker's key and chain, and the CA as a trusted entry
    password: str
    ca_pem: Path


def make_certificates(directory: Path, days: int = 365) -> TlsFiles:
    """Write ``ca.p12``, ``ca.pem`` and ``broker.p12`` under ``directory`` (mode 700) and return them."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    password = secrets.token_urlsafe(18)
    ca, ca_pem, broker = directory / "ca.p12", directory / "ca.pem", directory / "broker.p12"
    for stale in (ca, ca_pem, broker):
        stale.unlink(missing_ok=True)
    store = ["-storetype", "PKCS12", "-storepass", password]
    _keytool("-genkeypair", "-alias", "ca", "-keystore", str(ca), *store, "-dname", "CN=nexus-flow local CA",
             "-ext", "bc:c", "-keyalg", "RSA", "-keysize", "2048", "-validity", str(days))
    _keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", str(ca), *store, "-file", str(ca_pem))
    _keytool("-genkeypair", "-alias", "broker", "-keystore", str(broker), *store, "-dname", "CN=127.0.0.1",
             "-ext", SUBJECT_ALT_NAMES, "-keyalg", "RSA", "-keysize", "2048", "-validity", str(days))
    request = _keytool("-certreq", "-alias", "broker", "-keystore", str(broker), *store)
    signed = _keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", str(ca), *store, "-ext", SUBJECT_ALT_NAMES,
                      "-validity", str(days), stdin=request)
    _keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", str(broker), *store, "-file", str(ca_pem))
    _keytool("-importcert", "-alias", "broker", "-keystore", str(broker), *store, stdin=signed)
    return TlsFiles(broker, password, ca_pem)


def _keytool(*args: str, stdin: str | None = None) -> str:
    done = subprocess.run([find_tool("keytool"), *args], input=stdin, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise ClusterStartError(f"keytool {args[0]} failed (exit {done.returncode})", (done.stdout + done.stderr)[-2000:])
    return done.stdout
