"""Put the generated ACL table on the brokers (Kafka's CreateAcls request, as the admin principal).

aiokafka's admin client has no ACL call; it does have the protocol's CreateAcls (v1: resource
pattern types), which this sends with every grant in one request.
"""

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import for_code
from aiokafka.protocol.admin import CreateAclsRequest, CreateAclsRequest_v1

from nexus_runtime.settings import KafkaSettings

from .acls import Grant
from .admin import admin_client, run_sync
from .errors import KafkaLocalError

__all__ = ["apply_acls", "apply_acls_async"]

# Kafka's wire codes (org.apache.kafka.common.resource / acl)
RESOURCE_TYPES = {"TOPIC": 2, "GROUP": 3, "CLUSTER": 4, "TRANSACTIONAL_ID": 5}
PATTERN_TYPES = {"LITERAL": 3, "PREFIXED": 4}
OPERATIONS = {"READ": 3, "WRITE": 4, "DESCRIBE": 8, "IDEMPOTENT_WRITE": 12}
ALLOW = 3


class _CreateMany(CreateAclsRequest):
    """CreateAcls carrying many ACL bindings (aiokafka's builder sends one)."""

    def __init__(self, creations: list[tuple]) -> None:
        self._creations = creations

    def build(self, request_struct_class):
        if request_struct_class.API_VERSION < 1:
            raise KafkaLocalError("the broker does not take prefixed ACLs (CreateAcls v1)")
        return CreateAclsRequest_v1(self._creations)


def _creations(grants: tuple[Grant, ...]) -> list[tuple]:
    return [(RESOURCE_TYPES[g.resource], g.name, PATTERN_TYPES[g.pattern], f"User:{g.principal}", "*",
             OPERATIONS[operation], ALLOW) for g in grants for operation in g.operations]


async def apply_acls_async(admin_settings: KafkaSettings, grants: tuple[Grant, ...]) -> int:
    """Create every grant (idempotent: an existing ACL is not doubled); returns how many bindings."""
    creations = _creations(grants)
    async with admin_client(admin_settings) as admin:
        response = await _send(admin, _CreateMany(creations))
    failed = [(creation, code, message) for creation, (code, message) in zip(creations, response.creation_responses)
              if code]
    if failed:
        creation, code, message = failed[0]
        raise KafkaLocalError(f"{len(failed)} ACL(s) refused, first {creation}: {message or for_code(code).__name__}")
    return len(creations)


async def _send(admin: AIOKafkaAdminClient, request: CreateAclsRequest):
    return await admin._send_request(request)  # noqa: SLF001 - the one door aiokafka has for this request


def apply_acls(admin_settings: KafkaSettings, grants: tuple[Grant, ...]) -> int:
    return run_sync(apply_acls_async(admin_settings, grants))
