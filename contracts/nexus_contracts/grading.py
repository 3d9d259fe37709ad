"""3x5x2 provenance grading of overseas information (OverseasRecord v2), and the v1 upcaster.

v1 gave each overseas record one ``reliability`` word. v2 grades it as UK policing does:
the source (1 reliable, 2 untested, 3 not reliable), the information (A known directly
to the source ... E suspected false) and a handling code (P sharing permitted, C
permitted with conditions set by the originating state). ``grade`` is the rule both the
ACRO stand-in and the v1 -> v2 upcaster apply, so a v1 log reads as v2 would have written it.
"""

from typing import Any, Literal

from pydantic import Field

from .payloads_common import ContractModel
from .vocabulary import AcroChannel, OverseasRecordKind as Kind, Reliability

__all__ = ["Grading", "grade", "reliability_of", "upcast_acro_answer_v1"]

_SOURCE = {Reliability.CONFIRMED: 1, Reliability.PROBABLE: 2, Reliability.UNVERIFIED: 3}


class Grading(ContractModel):
    """3x5x2 grading of one piece of overseas information."""

    source: Literal[1, 2, 3] = Field(description="Source evaluation: 1 reliable, 2 untested, 3 not reliable.")
    information: Literal["A", "B", "C", "D", "E"] = Field(
        description="Information assessment: A known directly to the source, B known indirectly and corroborated, "
                    "C known indirectly, D not known, E suspected to be false."
    )
    handling: Literal["P", "C"] = Field(
        description="Handling code: P lawful sharing permitted, C sharing permitted with conditions."
    )

    @property
    def code(self) -> str:
        """The grade as written on a form, e.g. 1A-P."""
        return f"{self.source}{self.information}-{self.handling}"


def grade(source: Reliability, kind: Kind, in_absentia: bool, channel: AcroChannel) -> Grading:
    """Grade a record from how far its source is trusted, what it is, and how it came."""
    if kind is Kind.CONVICTION and not in_absentia and source is not Reliability.UNVERIFIED:
        information = "A" if source is Reliability.CONFIRMED else "B"  # a court record, or corroborated
    elif kind is Kind.ALLEGATION:
        information = "D"  # not known to the source: someone said so
    else:
        information = "C"  # charges, in-absentia or unverified convictions: known only indirectly
    handling = "P" if channel is AcroChannel.ECRIS else "C"
    return Grading(source=_SOURCE[source], information=information, handling=handling)


def reliability_of(grading: Grading) -> Reliability:
    """The v1 word for a v2 grading's source evaluation (for readers still counting v1 grades)."""
    return next(word for word, number in _SOURCE.items() if number == grading.source)


def upcast_acro_answer_v1(payload: dict[str, Any]) -> dict[str, Any]:
    """AcroCheckAnswered v1 -> v2: each record's ``reliability`` becomes a ``grading``."""
    records = payload.get("records")
    if not isinstance(records, list):
        return payload  # validation names the problem
    return {**payload, "records": [_record_v1_to_v2(record, payload.get("channel")) for record in records]}


def _record_v1_to_v2(record: Any, channel: Any) -> Any:
    try:
        grading = grade(Reliability(record["reliability"]), Kind(record["kind"]), bool(record["in_absentia"]),
                        AcroChannel(channel))
    except (KeyError, TypeError, ValueError):
        return record  # not a valid v1 record: leave it for validation to report
    rest = {name: value for name, value in record.items() if name != "reliability"}
    return {**rest, "grading": grading.model_dump(mode="json")}
