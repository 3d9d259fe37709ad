"""The parts of a scenario (see scenario.py): forces, suites, population, IABS, ACRO, referral policy
and custody (arrests are in scenario_arrests.py, the operating model in scenario_operations.py).
Strict: unknown fields are refused."""

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .high_harm import DEFINITIONS
from .nationalities import BRITISH, COUNTRIES
from .scenario_sources import sourced
from .scenario_weights import Share, Shares, Weights
from .vocabulary import NationalityGroup, OffenceCategory, PoliceDisposal

__all__ = [
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

MINUTES_A_YEAR = 525_600  # the longest duration a minutes field may give
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
    foreign_national_share: Share = sourced(
        "given by each scenario: 27% of Met arrestees in 2012, 28-29% in 2016 (seed 001; seed 003; Met 2016); "
        "about 18% outside London (ICIBI 2016)", "Share of arrestees who are foreign nationals.")
    nationality_mix: Weights[str] = sourced(
        "given by each scenario: 55% of the Met's foreign arrestees EU (Met 2016); top Romania, Poland, Albania "
        "(Met FOI 2021)", "Foreign nationalities (ISO alpha-2) and relative weights.")
    offence_mix: Weights[OffenceCategory] = sourced(
        "assumption: no seed gives arrests by offence; a plausible mix for a large force", "Offence categories and "
        "relative weights.")
    claimed_british_foreign_share: Share = sourced(
        "assumption: seed 002 names identity discrepancies but gives no rate", "Share of people claiming to be British "
        "whose prints are held under a foreign identity.", default=0.004)
    returning_share: Share = sourced(
        "assumption: seed 001's intelligence 'histories' are of people arrested again and again; no seed gives the "
        "share, so it is off unless a scenario sets it", "Share of arrests that are of one of the force's returning "
        "people (the same person, IABS answer and record every time).", default=0.0)
    returning_people: int = sourced("assumption: no seed gives it", "Returning people per force.",
                                    default=2000, ge=1, le=10_000_000)

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
    median_minutes: float = Field(gt=0, le=MINUTES_A_YEAR, description="Median duration in minutes.")
    spread: float = Field(default=0.5, ge=0, le=2, description="Lognormal sigma of the duration.")


class IabsModel(_Strict):
    search: Timing = sourced("assumption: a Livescan search answers in minutes (seed 001: prints are cross-referenced "
                             "automatically)", "Livescan to IABS answer.", default=Timing(median_minutes=12, spread=0.4))
    unusable_share: Share = sourced("assumption: no seed gives a rate of unusable prints",
                                    "Share of searches with unusable prints.", default=0.02)
    match_share: dict[NationalityGroup, Share] = sourced(
        "assumption: no seed publishes IABS match rates; higher for groups that need visas (their prints are taken "
        "when they apply), low for EU nationals",
        "Share of foreign nationals whose prints IABS holds, by group.",
        default={
            NationalityGroup.BRITISH: 0.0,
            NationalityGroup.EU: 0.18,
            NationalityGroup.EUROPE_OTHER: 0.55,
            NationalityGroup.AFRICA: 0.62,
            NationalityGroup.ASIA: 0.58,
            NationalityGroup.MIDDLE_EAST: 0.64,
            NationalityGroup.AMERICAS: 0.45,
            NationalityGroup.OCEANIA: 0.35,
        })
    different_nationality_share: Share = sourced(
        "assumption: seed 002 names identity discrepancies but gives no rate",
        "Share of foreign matches held under another nationality.", default=0.05)
    prior_encounters_rate: float = sourced(
        "assumption: most matched people have met the Home Office once or twice (seed 001's intelligence 'histories')",
        "Rate of the exponential draw of earlier immigration encounters of a matched person (higher: fewer).",
        default=0.9, ge=0.01, le=100)
    prior_encounters_max: int = sourced("assumption: a cap on a long history", "Most earlier encounters counted.",
                                        default=6, ge=0, le=100)


class ReferralPolicy(_Strict):
    high_harm_definition: str = sourced("policy: the versioned high-harm definition in force (seed 002, Rec 5)",
                                        "High-harm definition version (Rec 5).")
    use_non_conviction_intelligence: bool | None = sourced(
        "policy: seed 001's 'histories' use arrests without charge; seed 003 and Farquharson [2013] UKUT 146 question "
        "it", "Whether charges/allegations count; None = as the definition says.", default=None)
    share_victim_witness_info: bool = sourced(
        "policy: seed 001 puts victim/witness details in histories; the sharing agreement keeps them out by default",
        "Send victim/witness details with referrals.", default=False)
    never_referred_share: Share = sourced(
        "ICIBI 2016 (seed 002): 5-10% of foreign nationals in West Midlands custody never referred",
        "Share of people needing a check whom custody staff never refer at all. Checks raised but not answered in "
        "time are not in it: they emerge from capacity.", default=0.07)
    ad_hoc_referral_factor: Share = sourced(
        "assumption: before a suite goes live checks are made ad hoc; seed 002's 44% rise in checks after the push "
        "suggests about half as many", "Multiplies the referred share at a suite before its go-live.", default=0.5)
    max_wait_for_check_hours: float = sourced(
        "assumption: police hold a person about as long as a Home Office check takes (about 2 h on average, seed 003)",
        "Longest police hold beyond their own need (PACE allows at most 96 h).", default=2.0, ge=0, le=96)
    allegation_referral_share: Share = sourced(
        "assumption: seed 003 reports referrals on allegations (Farquharson) but no share",
        "High-harm arrests referred on the current (unproven) offence, where allowed.", default=0.3)
    etd_share: Share = sourced(
        "assumption: seed 002 Rec 4 asks for ETD applications 'in appropriate cases' and gives no share",
        "Removal cases without a travel document (ETD needed).", default=0.45)

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
    up_to_hours: float = Field(gt=0, le=8760, description="Upper bound of the band in hours.")
    standard_gbp: int = Field(ge=0, description="Price per detainee.")
    constant_watch_gbp: int = Field(ge=0, description="Price with constant watch.")


class CustodyModel(_Strict):
    booking_minutes: Timing = sourced("assumption: booking-in takes under an hour",
                                      "Arrest to booking.", default=Timing(median_minutes=40, spread=0.4))
    investigation: Timing = sourced(
        "Met FOI: average detention 12 h 54 min (2014); median 10 h with this spread gives a mean near 11.6 h",
        "Police need.", default=Timing(median_minutes=600, spread=0.55))
    disposal_shares: Shares[PoliceDisposal] = sourced(
        "assumption: no seed gives the police disposal mix", "Police disposal of those not handed to immigration: "
        "charged / bailed / released.",
        default={PoliceDisposal.CHARGED: 0.3, PoliceDisposal.BAILED: 0.3, PoliceDisposal.RELEASED: 0.4})
    transfer: Timing = sourced(
        "seed 004: immigration prisoners in Met custody held 10.5 h on average (2009); Camden 45.3 h (MPA 2004)",
        "Wait for IE transfer.", default=Timing(median_minutes=540, spread=0.7))
    constant_watch_share: Share = sourced("assumption: seed 004 prices constant watch but gives no share",
                                          "Immigration detainees on constant watch.", default=0.05)
    prices: tuple[PriceBand, ...] = sourced(
        "seed 004: Met price per immigration detainee, 0-12 h / up to 24 h / 24-48 h",
        "Price table for immigration detainees.",
        default=(PriceBand(up_to_hours=12, standard_gbp=296, constant_watch_gbp=956),
                 PriceBand(up_to_hours=24, standard_gbp=435, constant_watch_gbp=1876),
                 PriceBand(up_to_hours=48, standard_gbp=745, constant_watch_gbp=3748)),
        min_length=1)
