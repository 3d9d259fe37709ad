"""AcroCheckAnswered v2: 3x5x2 grading replaces v1 reliability; v1 payloads are upcast when read."""

import json

import pytest

from nexus_contracts import ContractError, decode_event
from nexus_contracts.events import AcroCheckAnswered
from nexus_contracts.grading import Grading, grade, upcast_acro_answer_v1
from nexus_contracts.registry import UPCASTERS
from nexus_contracts.vocabulary import AcroChannel, OverseasRecordKind as K, Reliability as R

V1_RECORD = {"country": "PL", "kind": "conviction", "offence_category": "violence", "in_absentia": False,
             "reliability": "confirmed"}


def test_acro_answers_are_at_version_2_with_an_upcaster_from_1():
    assert AcroCheckAnswered.VERSION == 2
    assert UPCASTERS[("AcroCheckAnswered", 1)] is upcast_acro_answer_v1


@pytest.mark.parametrize(("source", "kind", "in_absentia", "channel", "code"), [
    (R.CONFIRMED, K.CONVICTION, False, AcroChannel.ECRIS, "1A-P"),
    (R.PROBABLE, K.CONVICTION, False, AcroChannel.INTERPOL, "2B-C"),
    (R.CONFIRMED, K.CONVICTION, True, AcroChannel.ECRIS, "1C-P"),
    (R.UNVERIFIED, K.CONVICTION, False, AcroChannel.INTERPOL, "3C-C"),
    (R.PROBABLE, K.CHARGE, False, AcroChannel.ECRIS, "2C-P"),
    (R.UNVERIFIED, K.ALLEGATION, False, AcroChannel.INTERPOL, "3D-C"),
])
def test_grade_follows_source_kind_and_channel(source, kind, in_absentia, channel, code):
    assert grade(source, kind, in_absentia, channel).code == code


def test_a_v1_record_becomes_a_graded_v2_record():
    upcast = upcast_acro_answer_v1({"channel": "ecris", "records": [V1_RECORD]})
    record = upcast["records"][0]
    assert "reliability" not in record
    assert Grading.model_validate(record["grading"]).code == "1A-P"
    assert record["country"] == "PL"


def test_a_v1_event_decodes_as_v2(v1_acro_answer):
    event = decode_event(json.dumps(v1_acro_answer).encode())
    assert event.schema_version == 2
    assert event.payload.records[0].grading == Grading(source=1, information="A", handling="P")
    assert event.payload.records[0].reliability is R.CONFIRMED  # the v1 view stays readable


def test_a_broken_v1_record_is_refused_naming_the_field(v1_acro_answer):
    v1_acro_answer["payload"]["records"][0]["reliability"] = "sort of"
    with pytest.raises(ContractError, match=r"records\.0\.grading"):
        decode_event(json.dumps(v1_acro_answer).encode())


@pytest.fixture
def v1_acro_answer():
    at = "2013-03-04T10:00:00Z"
    case = {"custody_record_id": "MET-X/1", "booked_at": at, "police_ready_at": at, "pace_limit_at": at,
            "detainee": {"person_ref": "SYN-P-1", "claimed_nationality": "PL", "nationality_group": "eu",
                         "birth_year": 1990},
            "offence": {"category": "violence", "indictable": True}}
    status = {"route": "ccu_remote", "requested_at": at, "answered_at": at, "status": "eu_free_movement",
              "immigration_interest": False, "high_harm": True, "high_harm_definition": "met-2012.1"}
    return {"event_id": "8293bcaa-4fd3-5c5c-a882-5fe5b48e3045", "event_type": "AcroCheckAnswered",
            "schema_version": 1, "occurred_at": at, "correlation_id": "MET-X/1", "producer": "immigration-status-check",
            "force": "met", "custody_suite": "MET-X", "synthetic": True, "payload": {
                "case": case, "iabs": {"outcome": "no_match", "searched_at": at}, "status": status,
                "status_event_id": "x", "channel": "ecris", "requested_at": at, "replied": True,
                "records": [dict(V1_RECORD)]}}
