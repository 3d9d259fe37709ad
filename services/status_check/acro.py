"""ACRO overseas-conviction checks for high-harm foreign nationals: ECRIS for EU states
(answers due within 10 days), Interpol otherwise (a long tail, and sometimes never)."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from nexus_contracts.nationalities import EU_MEMBERS
from nexus_contracts.randomness import choose_weighted, lognormal_minutes
from nexus_contracts.vocabulary import AcroChannel, OffenceCategory, OverseasRecordKind, Reliability

if TYPE_CHECKING:
    from nexus_contracts.scenario import AcroModel

__all__ = ["AcroAnswer", "FoundRecord", "answer_acro", "channel_for"]

@dataclass(frozen=True)
class FoundRecord:
    kind: OverseasRecordKind
    offence_category: OffenceCategory
    in_absentia: bool
    reliability: Reliability


@dataclass(frozen=True)
class AcroAnswer:
    channel: AcroChannel
    replied: bool
    answered_at: datetime
    records: tuple[FoundRecord, ...]


def channel_for(country: str) -> AcroChannel:
    return AcroChannel.ECRIS if country in EU_MEMBERS else AcroChannel.INTERPOL


def answer_acro(country: str, requested_at: datetime, model: "AcroModel", rng: random.Random) -> AcroAnswer:
    channel = channel_for(country)
    deadline = requested_at + timedelta(days=model.deadline_days)
    if channel is AcroChannel.INTERPOL and rng.random() < model.interpol_no_reply_share:
        return AcroAnswer(channel, False, deadline, ())
    timing = model.ecris if channel is AcroChannel.ECRIS else model.interpol
    answered_at = requested_at + timedelta(minutes=lognormal_minutes(rng, timing.median_minutes, timing.spread))
    if answered_at > deadline:
        return AcroAnswer(channel, False, deadline, ())
    return AcroAnswer(channel, True, answered_at, _records(channel, model, rng))


def _records(channel: AcroChannel, model: "AcroModel", rng: random.Random) -> tuple[FoundRecord, ...]:
    if rng.random() >= model.record_found_share:
        return ()
    return tuple(_record(channel, model, rng) for _ in range(1 + int(rng.expovariate(model.further_records_rate))))


def _record(channel: AcroChannel, model: "AcroModel", rng: random.Random) -> FoundRecord:
    draw = rng.random()
    if draw < model.allegation_share:
        kind = OverseasRecordKind.ALLEGATION
    elif draw < model.allegation_share + model.charge_share:
        kind = OverseasRecordKind.CHARGE
    else:
        kind = OverseasRecordKind.CONVICTION
    grades = _reliability(channel, kind, model)
    in_absentia = kind is OverseasRecordKind.CONVICTION and rng.random() < model.in_absentia_share
    offence = choose_weighted(rng, model.record_offences)
    return FoundRecord(kind, offence, in_absentia, Reliability(choose_weighted(rng, grades)))


def _reliability(channel: AcroChannel, kind: OverseasRecordKind, model: "AcroModel") -> dict[Reliability, float]:
    if kind is not OverseasRecordKind.CONVICTION:
        return model.non_conviction_reliability
    return model.ecris_conviction_reliability if channel is AcroChannel.ECRIS else model.interpol_conviction_reliability
