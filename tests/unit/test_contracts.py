import json
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from nexus_contracts import ContractError, Event, decode_event, encode_event
from nexus_contracts.catalogue import BOOKINGS, TOPICS, topic_for_event
from nexus_contracts.events import ArrestMade, BookingOpened
from nexus_contracts.payloads_common import CaseFacts, Detainee, Offence
from nexus_contracts.registry import PAYLOAD_TYPES
from nexus_contracts.schemas import main as schemas_main
from nexus_contracts.sharing import DisclosureError, check_disclosure
from nexus_contracts.vocabulary import NationalityGroup, OffenceCategory, ProducingSystem

AT = datetime(2013, 3, 4, 10, 0, tzinfo=UTC)


def arrest_event(**offence) -> Event:
    payload = ArrestMade(
        arrest_ref="ARR-1",
        detainee=Detainee(person_ref="SYN-P-1", claimed_nationality="RO", nationality_group=NationalityGroup.EU,
                          birth_year=1990),
        offence=Offence(category=OffenceCategory.THEFT, indictable=False, **offence),
    )
    return Event(event_id=uuid4(), event_type="ArrestMade", schema_version=1, occurred_at=AT, correlation_id="ARR-1",
                 producer=ProducingSystem.SCENARIO_DRIVER, force="met", custody_suite="MET-CX", synthetic=True,
                 payload=payload)


def booking_payload(victim: str | None) -> BookingOpened:
    arrest = arrest_event().payload
    case = CaseFacts(custody_record_id="CR-1", booked_at=AT, police_ready_at=AT, pace_limit_at=AT,
                     detainee=arrest.detainee, offence=arrest.offence.model_copy(update={"victim_witness_details": victim}))
    return BookingOpened(case=case)


def test_round_trip_keeps_every_field():
    event = arrest_event(victim_witness_details="SYN-V")
    assert decode_event(encode_event(event)) == event


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda d: b"{not json", "not JSON"),
        (lambda d: json.dumps({**d, "event_type": "Nope"}).encode(), "unknown event type: 'Nope'"),
        (lambda d: json.dumps({**d, "schema_version": 9}).encode(), "unknown schema version 9"),
        (lambda d: json.dumps({**d, "occurred_at": "yesterday"}).encode(), "field 'occurred_at'"),
        (lambda d: json.dumps({**d, "payload": {**d["payload"], "detainee": {**d["payload"]["detainee"],
                                                                            "birth_year": "old"}}}).encode(),
         "field 'detainee.birth_year'"),
    ],
)
def test_malformed_messages_are_refused_with_a_reason(mutate, reason):
    data = json.loads(encode_event(arrest_event()))
    with pytest.raises(ContractError) as caught:
        decode_event(mutate(data))
    assert reason in caught.value.reason


def test_every_event_type_has_exactly_one_topic():
    for name in PAYLOAD_TYPES:
        assert sum(name in spec.event_types for spec in TOPICS) == 1, name
    assert topic_for_event("BookingOpened") is BOOKINGS


def test_victim_details_do_not_cross_to_the_home_office_unless_policy_allows():
    with pytest.raises(DisclosureError, match="victim_witness_details"):
        check_disclosure(BOOKINGS, booking_payload("SYN-V"), victim_witness_sharing=False)
    check_disclosure(BOOKINGS, booking_payload("SYN-V"), victim_witness_sharing=True)
    check_disclosure(BOOKINGS, booking_payload(None), victim_witness_sharing=False)


def test_committed_json_schemas_are_current():
    assert schemas_main(["--check"]) == 0, "run `make schemas` and commit contracts/nexus_contracts/schema_files/"


def test_schema_compatibility_allows_additions_and_refuses_breaking_changes():
    import copy

    from nexus_contracts.schemas import SCHEMA_DIR, compatibility_problems

    old = json.loads((SCHEMA_DIR / "IeDecisionMade.v1.json").read_text())
    added = copy.deepcopy(old)
    added["$defs"]["IeDecisionMade"]["properties"]["note"] = {"type": "string"}
    assert compatibility_problems(old, added) == []
    broken = copy.deepcopy(old)
    props = broken["$defs"]["IeDecisionMade"]["properties"]
    del props["referral_id"]
    props["etd_application"] = {"type": "string"}
    broken["$defs"]["IeDecisionMade"]["required"].append("note")
    props["note"] = {"type": "string"}
    assert compatibility_problems(old, broken) == [
        "IeDecisionMade.etd_application: type changed",
        "IeDecisionMade.note: newly required",
        "IeDecisionMade.referral_id: removed",
    ]


def test_every_superseded_schema_version_has_an_upcaster():
    from nexus_contracts.registry import UPCASTERS
    from nexus_contracts.schemas import SCHEMA_DIR

    for path in SCHEMA_DIR.glob("*.v*.json"):
        name, version = path.stem.rsplit(".v", 1)
        for older in range(int(version), PAYLOAD_TYPES[name].VERSION):
            assert (name, older) in UPCASTERS, f"{name} v{older} has no upcaster"


def test_envelope_and_enum_changes_count_as_breaking():
    import copy

    from nexus_contracts.schemas import SCHEMA_DIR, compatibility_problems

    old = json.loads((SCHEMA_DIR / "IeDecisionMade.v1.json").read_text())
    broken = copy.deepcopy(old)
    del broken["properties"]["force"]
    broken["$defs"]["IeDecision"]["enum"].remove("detained")
    assert compatibility_problems(old, broken) == ["(envelope).force: removed", "IeDecision: enum value 'detained' removed"]
    widened = copy.deepcopy(old)
    widened["$defs"]["IeDecision"]["enum"].append("released_on_licence")
    assert compatibility_problems(old, widened) == []


def test_the_contracts_version_is_one_number_in_code_package_metadata_and_changelog():
    import re
    import tomllib
    from importlib.metadata import version
    from pathlib import Path

    from nexus_contracts import CONTRACTS_VERSION

    contracts = Path(__file__).resolve().parents[2] / "contracts"
    declared = tomllib.loads((contracts / "pyproject.toml").read_text())["project"]["version"]
    latest = re.search(r"^## (\S+)", (contracts / "CHANGELOG.md").read_text(), re.MULTILINE).group(1)
    assert CONTRACTS_VERSION == declared == latest == version("nexus-contracts")


def test_the_schemas_are_package_data_and_archived_for_other_languages(tmp_path):
    import tarfile

    from nexus_contracts import CONTRACTS_VERSION
    from nexus_contracts.schemas import archive, schema_file

    assert json.loads(schema_file("asyncapi.json").read_text())["info"]["version"] == CONTRACTS_VERSION
    with pytest.raises(FileNotFoundError, match="NoSuchEvent.v1.json"):
        schema_file("NoSuchEvent.v1.json")
    names = tarfile.open(archive(tmp_path)).getnames()
    prefix = f"nexus-contracts-schemas-{CONTRACTS_VERSION}/"
    assert {f"{prefix}catalogue.json", f"{prefix}asyncapi.json", f"{prefix}ArrestMade.v1.json"} <= set(names)
    assert len(names) == len(list(schema_file("catalogue.json").parent.glob("*.json")))
