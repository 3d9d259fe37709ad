"""The parts of a scenario (see scenario.py): forces, suites, population, IABS, ACRO, referral policy
and custody (arrests are in scenario_arrests.py, the operating model in scenario_operations.py).
Strict: unknown fields are refused."""

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .high_harm import DEFINITIONS
from .nationalities import BRITISH, COUNTRIES
from .scenario_weights import Share, Shares, Weights
from .vocabulary import NationalityGroup, OffenceCategory, PoliceDisposal

__all__ = [
    "AcroModel",
    "CustodyModel",
    "Force",
    "HourRange",
    "IabsModel",
    "Phase",
    "Population",
    "PriceBand",
    "ReferralPolicy",
    "Share",
    "Suite",
    "Timing",
    "release_by",
]

_HOURS = re.compile(r"^(\d{1,2})-(\d{1,2})$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HourRange(_Strict):
    """Hours of the day, ``start`` inclusive to ``end`` exclusive; may wrap midnight (22-06)."""

    start: int = Field(ge=0, le=23)
    end: int = Field(ge=1, le=24)

    @classmethod
    def parse(cls, text: str) -> "HourRange":
        match = _HOURS.match(text.strip())
        if not match:
            raise ValueError(f"hours must look like '08-22', got {text!r}")
        return cls(start=int(match[1]), end=int(match[2]))

    def covers(self, hour: int) -> bool:
        if self.start < self.end:
            return self.start <= hour < self.end
        return hour >= self.start or hour < self.end


def _hours(value: object) -> object:
    return HourRange.parse(value) if isinstance(value, str) else value


class Force(_Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$", description="Force id, e.g. met.")
    name: str = Field(description="Force name.")
    nexus_from: dt.date = Field(description="Date the force joined Operation Nexus.")


class Suite(_Strict):
    id: str = Field(pattern=r"^[A-Z0-9-]+$", description="Custody suite id; the Kafka message key.")
    name: str = Field(description="Suite name.")
    weight: float = Field(default=1.0, gt=0, description="Relative share of the force's arrests.")
    live_from: dt.date | None = Field(default=None, description="Nexus go-live at this suite; None = with the force.")
    force: str | None = Field(default=None, description="Force id of the suite (multi-force scenarios); None = `force`.")


class Phase(_Strict):
    """One step of a phased rollout: these suites go live on this date."""

    from_date: dt.date = Field(description="Go-live date of the suites.")
    suites: tuple[str, ...] = Field(min_length=1, description="Suite ids going live that day.")


class Population(_Strict):
    foreign_national_share: Share = Field(description="Share of arrestees who are foreign nationals.")
    nationality_mix: Weights[str] = Field(description="Foreign nationalities (ISO alpha-2) and relative weights.")
    offence_mix: Weights[OffenceCategory] = Field(description="Offence categories and relative weights.")
    claimed_british_foreign_share: Share = Field(
        default=0.004, description="Share of people claiming to be British whose prints are held under a foreign identity."
    )

    @field_validator("nationality_mix")
    @classmethod
    def _known_countries(cls, mix: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(mix) - set(COUNTRIES))
        if unknown:
            raise ValueError(f"unknown country codes {unknown}; known: {', '.join(sorted(COUNTRIES))}")
        if BRITISH in mix:
            raise ValueError(f"{BRITISH} is not a foreign nationality")
        return mix


class Timing(_Strict):
    median_minutes: float = Field(gt=0, description="Median duration in minutes.")
    spread: float = Field(default=0.5, ge=0, le=2, description="Lognormal sigma of the duration.")


class IabsModel(_Strict):
    search: Timing = Field(default=Timing(median_minutes=12, spread=0.4), description="Livescan to IABS answer.")
    unusable_share: Share = Field(default=0.02, description="Share of searches with unusable prints.")
    match_share: dict[NationalityGroup, Share] = Field(
        default={
            NationalityGroup.BRITISH: 0.0,
            NationalityGroup.EU: 0.18,
            NationalityGroup.EUROPE_OTHER: 0.55,
            NationalityGroup.AFRICA: 0.62,
            NationalityGroup.ASIA: 0.58,
            NationalityGroup.MIDDLE_EAST: 0.64,
            NationalityGroup.AMERICAS: 0.45,
            NationalityGroup.OCEANIA: 0.35,
        },
        description="Share of foreign nationals whose prints IABS holds, by group.",
    )
    different_nationality_share: Share = Field(
        default=0.05, description="Share of foreign matches held under another nationality."
    )


class AcroModel(_Strict):
    ecris: Timing = Field(default=Timing(median_minutes=6 * 1440, spread=0.4), description="EU answers via ECRIS.")
    interpol: Timing = Field(default=Timing(median_minutes=30 * 1440, spread=0.9), description="Non-EU via Interpol.")
    deadline_days: float = Field(default=90, gt=0, description="No reply by then counts as no reply.")
    interpol_no_reply_share: Share = Field(default=0.3, description="Interpol requests never answered.")
    record_found_share: Share = Field(default=0.35, description="Answers that hold at least one record.")
    allegation_share: Share = Field(default=0.2, description="Records that are allegations, not convictions.")
    charge_share: Share = Field(default=0.2, description="Records that are charges without outcome.")
    in_absentia_share: Share = Field(default=0.1, description="Convictions given in absentia.")


class ReferralPolicy(_Strict):
    high_harm_definition: str = Field(description="High-harm definition version (Rec 5).")
    use_non_conviction_intelligence: bool | None = Field(
        default=None, description="Whether charges/allegations count; None = as the definition says."
    )
    share_victim_witness_info: bool = Field(default=False, description="Send victim/witness details with referrals.")
    never_referred_share: Share = Field(
        default=0.07, description="Share of people needing a check whom custody staff never refer at all (seed 002, "
        "ICIBI 2016: 5-10% in West Midlands). Checks raised but not answered in time are not in it: they emerge "
        "from capacity.")
    max_wait_for_check_hours: float = Field(default=2.0, ge=0, description="Longest police hold beyond their own need.")
    allegation_referral_share: Share = Field(
        default=0.3, description="High-harm arrests referred on the current (unproven) offence, where allowed."
    )
    etd_share: Share = Field(default=0.45, description="Removal cases without a travel document (ETD needed).")

    def release_by(self, ready_at: dt.datetime, pace_limit_at: dt.datetime) -> dt.datetime:
        """The latest police hold a person for a status check: their own need plus the policy's wait,
        never past PACE."""
        return release_by(ready_at, pace_limit_at, self.max_wait_for_check_hours)

    @field_validator("high_harm_definition")
    @classmethod
    def _known_definition(cls, version: str) -> str:
        if version not in DEFINITIONS:
            raise ValueError(f"unknown high-harm definition {version!r}; known: {', '.join(sorted(DEFINITIONS))}")
        return version


def release_by(ready_at: dt.datetime, pace_limit_at: dt.datetime, max_wait_hours: float) -> dt.datetime:
    return min(ready_at + dt.timedelta(hours=max_wait_hours), pace_limit_at)


class PriceBand(_Strict):
    up_to_hours: float = Field(gt=0, description="Upper bound of the band in hours.")
    standard_gbp: int = Field(ge=0, description="Price per detainee.")
    constant_watch_gbp: int = Field(ge=0, description="Price with constant watch.")


class CustodyModel(_Strict):
    booking_minutes: Timing = Field(default=Timing(median_minutes=40, spread=0.4), description="Arrest to booking.")
    investigation: Timing = Field(default=Timing(median_minutes=600, spread=0.55), description="Police need.")
    disposal_shares: Shares[PoliceDisposal] = Field(
        default={PoliceDisposal.CHARGED: 0.3, PoliceDisposal.BAILED: 0.3, PoliceDisposal.RELEASED: 0.4},
        description="Police disposal of those not handed to immigration: charged / bailed / released.")
    transfer: Timing = Field(default=Timing(median_minutes=540, spread=0.7), description="Wait for IE transfer.")
    constant_watch_share: Share = Field(default=0.05, description="Immigration detainees on constant watch.")
    prices: tuple[PriceBand, ...] = Field(
        default=(PriceBand(up_to_hours=12, standard_gbp=296, constant_watch_gbp=956),
                 PriceBand(up_to_hours=24, standard_gbp=435, constant_watch_gbp=1876),
                 PriceBand(up_to_hours=48, standard_gbp=745, constant_watch_gbp=3748)),
        min_length=1,
        description="Seed 004 price table for immigration detainees.",
    )
