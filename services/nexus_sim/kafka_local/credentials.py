"""The SCRAM credentials of a secured local cluster, and the client settings each principal connects with.

``nexus kafka up`` draws a password for every principal and keeps them in a file only its user may
read, in its data dir (``$NEXUS_HOME/kafka/data/credentials.json``; ``NEXUS_KAFKA_CREDENTIALS`` names another). A tool (simulate,
record, replay, feed, verify) connects as ``NEXUS_KAFKA_USERNAME``/``NEXUS_KAFKA_PASSWORD`` when
those are set, else as its own principal from that file when the file is for the brokers it was
given, else in plaintext.
"""

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from nexus_runtime.settings import KafkaSettings

from .errors import KafkaLocalError
from .paths import default_data_dir
from .tls import TlsFiles

__all__ = ["CREDENTIALS_ENV", "CREDENTIALS_NAME", "ClientIdentity", "Credentials", "connection", "credentials_file",
           "new_credentials", "read_credentials", "write_credentials"]

CREDENTIALS_ENV = "NEXUS_KAFKA_CREDENTIALS"
CREDENTIALS_NAME = "credentials.json"
SASL = "SASL_PLAINTEXT"


@dataclass(frozen=True)
class Credentials:
    bootstrap: str
    passwords: dict[str, str]
    tls: TlsFiles | None = None  # clients then speak SASL_SSL, trusting tls.ca_pem

    def serves(self, bootstrap: str) -> bool:
        """Whether ``bootstrap`` names any broker of the cluster these credentials are for."""
        return bool(set(bootstrap.split(",")) & set(self.bootstrap.split(",")))

    def settings(self, principal: str, **fields) -> KafkaSettings:
        if principal not in self.passwords:
            raise KafkaLocalError(f"no credentials for principal {principal!r}; known: {', '.join(self.passwords)}")
        tls = {"security_protocol": "SASL_SSL", "ssl_cafile": str(self.tls.ca_pem)} if self.tls else {
            "security_protocol": SASL}
        return KafkaSettings(bootstrap_servers=self.bootstrap, username=principal, password=self.passwords[principal],
                             **tls, **fields)


class ClientIdentity(BaseSettings):
    """A tool's own identity from the environment: NEXUS_KAFKA_USERNAME, _PASSWORD, _SECURITY_PROTOCOL, _SSL_CAFILE."""

    model_config = SettingsConfigDict(env_prefix="NEXUS_KAFKA_", extra="ignore")

    username: str | None = None
    password: str | None = None
    security_protocol: str = SASL
    ssl_cafile: str | None = None


def credentials_file() -> Path:
    configured = os.environ.get(CREDENTIALS_ENV, "").strip()
    return Path(configured).expanduser() if configured else default_data_dir() / CREDENTIALS_NAME


def new_credentials(bootstrap: str, principals: tuple[str, ...], tls: TlsFiles | None = None) -> Credentials:
    return Credentials(bootstrap, {name: secrets.token_urlsafe(24) for name in principals}, tls)


def write_credentials(path: Path, credentials: Credentials) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        tls = credentials.tls
        json.dump({"bootstrap": credentials.bootstrap, "passwords": credentials.passwords,
                   "tls": {"keystore": str(tls.keystore), "password": tls.password, "ca_pem": str(tls.ca_pem)}
                   if tls else None}, out, indent=2)


def read_credentials(path: Path | None = None) -> Credentials | None:
    path = path or credentials_file()
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        tls = raw.get("tls")
        return Credentials(raw["bootstrap"], dict(raw["passwords"]),
                           TlsFiles(Path(tls["keystore"]), tls["password"], Path(tls["ca_pem"])) if tls else None)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KafkaLocalError(f"credentials file {path} is unreadable ({exc})") from exc


def connection(bootstrap: str, principal: str, **fields) -> KafkaSettings:
    """How ``principal`` connects to ``bootstrap``: the environment's identity, else the local
    cluster's credentials file (when it is for these brokers), else plaintext."""
    identity = ClientIdentity()
    if identity.username:
        return KafkaSettings(bootstrap_servers=bootstrap, security_protocol=identity.security_protocol,
                             username=identity.username, password=identity.password, ssl_cafile=identity.ssl_cafile,
                             **fields)  # fmt: skip
    credentials = read_credentials()
    if credentials is not None and credentials.serves(bootstrap):
        return credentials.settings(principal, **fields).model_copy(update={"bootstrap_servers": bootstrap})
    return KafkaSettings(bootstrap_servers=bootstrap, **fields)
