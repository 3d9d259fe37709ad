"""The scenario contract: a force's rollout as planners write it (YAML; the bundled ones are in services/nexus_runtime/bundled_scenarios/).

Validated strictly (unknown fields are refused) so that a typo names its field. One scenario may
hold several forces (``forces`` beside the lead ``force``; each suite names its force), and suites
may go live in phases (``rollout``). Defaults are calibrated to public figures: the README's
"Calibration" section gives the ranges and their sources.
"""

import datetime as dt

from pydantic import Field, PrivateAttr, ValidationInfo, field_validator

from . import (scenario_acro, scenario_arrests, scenario_decisions, scenario_operations, scenario_parts, scenario_removals,
               scenario_sources)
from .scenario_acro import *  # noqa: F403  (the parts are this contract's public surface)
from .scenario_arrests import *  # noqa: F403
from .scenario_decisions import *  # noqa: F403
from .scenario_removals import *  # noqa: F403
from .scenario_sources import *  # noqa: F403
from .scenario_operations import *  # noqa: F403
from .scenario_parts import *  # noqa: F403
from .scenario_acro import AcroModel
from .scenario_arrests import Arrests, Surge
from .scenario_decisions import ImmigrationEnforcement, StatusMix
from .scenario_removals import Removals
from .scenario_operations import Absence, EmbeddedCover, OperatingModel
from .scenario_parts import CustodyModel, Force, IabsModel, Phase, Population, ReferralPolicy, Suite, _Strict
from .scenario_sources import parameter_fields

__all__ = [*scenario_parts.__all__, *scenario_arrests.__all__, *scenario_operations.__all__, *scenario_acro.__all__,
           *scenario_decisions.__all__, *scenario_removals.__all__, *scenario_sources.__all__, "Scenario"]


class Scenario(_Strict):
    name: str = Field(pattern=r"^[a-z0-9-]+$", description="Scenario name.")
    description: str = Field(default="", description="What the scenario stands for.")
    force: Force = Field(description="The (lead) force; suites without a `force` belong to it.")
    forces: tuple[Force, ...] = Field(default=(), description="Further forces in a multi-force scenario.")
    start_date: dt.date = Field(description="First simulated day.")
    days: int = Field(default=7, ge=1, le=3660, description="Simulated days (the CLI --days overrides).")
    suites: tuple[Suite, ...] = Field(min_length=1)
    rollout: tuple[Phase, ...] = Field(
        default=(), description="Phased go-live (a suite's own live_from wins; unlisted suites go live with their force).")
    arrests: Arrests
    population: Population
    iabs: IabsModel = IabsModel()
    operating_model: OperatingModel = OperatingModel()
    acro: AcroModel = AcroModel()
    referral_policy: ReferralPolicy
    custody: CustodyModel = CustodyModel()
    immigration_status: StatusMix = Field(default=StatusMix(), description="Statuses a check finds.")
    immigration_enforcement: ImmigrationEnforcement = Field(
        default=ImmigrationEnforcement(), description="What Immigration Enforcement decides on a referral.")
    removals: Removals = Field(default=Removals(), description="What follows the decision: removal, deportation, "
                               "ETDs, barriers, voluntary departure (durations in days of event time).")
    sources: dict[str, str] = Field(
        default={}, description="Where this scenario's own values come from: parameter path (e.g. "
        "`population.foreign_national_share`) -> a seed, a public figure with its year, or `assumption: <why>`.")
    _live_from: dict[str, dt.date] = PrivateAttr(default_factory=dict)

    @field_validator("forces")
    @classmethod
    def _distinct_forces(cls, forces: tuple[Force, ...], info: ValidationInfo) -> tuple[Force, ...]:
        ids = [f.id for f in (info.data.get("force"), *forces) if f is not None]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate force ids {sorted({i for i in ids if ids.count(i) > 1})}")
        return forces

    @field_validator("suites")
    @classmethod
    def _suites_of_known_forces(cls, suites: tuple[Suite, ...], info: ValidationInfo) -> tuple[Suite, ...]:
        ids = [s.id for s in suites]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate suite ids {sorted({i for i in ids if ids.count(i) > 1})}")
        for i, suite in enumerate(suites):
            _check_go_live(f"suite {i} ({suite.id})", suite.live_from, _force_in(info, suite))
        return suites

    @field_validator("rollout")
    @classmethod
    def _phases_of_known_suites(cls, phases: tuple[Phase, ...], info: ValidationInfo) -> tuple[Phase, ...]:
        suites = _suites_named_in("phase ", phases, info)
        for i, phase in enumerate(phases if suites else ()):
            for suite_id in phase.suites:
                _check_go_live(f"phase {i}: suite {suite_id}", phase.from_date, _force_in(info, suites[suite_id]))
        return phases

    @field_validator("arrests")
    @classmethod
    def _surges_at_known_suites(cls, arrests: Arrests, info: ValidationInfo) -> Arrests:
        _suites_named_in("surges.", arrests.surges, info)
        return arrests

    @field_validator("operating_model")
    @classmethod
    def _rosters_of_known_suites(cls, model: OperatingModel, info: ValidationInfo) -> OperatingModel:
        suites = _suites_named_in("embedded.", model.embedded, info)
        forces = [f.id for f in (info.data.get("force"), *info.data.get("forces", ())) if f is not None]
        for i, absence in enumerate(model.absences):
            _check_absence(f"absences.{i}", absence, model, suites, forces, info)
        return model

    @field_validator("sources")
    @classmethod
    def _sources_of_parameters(cls, sources: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(sources) - set(parameter_fields(cls)))
        if unknown:
            raise ValueError(f"unknown parameters {unknown}; `nexus scenarios show NAME` lists them")
        empty = sorted(path for path, text in sources.items() if not text.strip())
        if empty:
            raise ValueError(f"no source given for {empty}")
        return sources

    @property
    def all_forces(self) -> tuple[Force, ...]:
        return (self.force, *self.forces)

    def force_of(self, suite_id: str) -> Force:
        """The force a suite belongs to."""
        force_id = next(s.force for s in self.suites if s.id == suite_id)
        return next(f for f in self.all_forces if f.id == force_id) if force_id else self.force

    def suite_live_from(self, suite_id: str) -> dt.date:
        """Go-live of a suite: its own live_from, else its rollout phase, else its force's."""
        if not self._live_from:
            phased = {suite: phase.from_date for phase in self.rollout for suite in phase.suites}
            self._live_from = {s.id: s.live_from or phased.get(s.id) or self.force_of(s.id).nexus_from
                               for s in self.suites}
        return self._live_from[suite_id]

    def arrests_per_hour(self, weekday: int, hour: int, suite_id: str | None = None) -> float:
        """Expected arrests in one hour of a weekday (0 = Monday): across all suites, or at one suite
        (its weight's share). The arrest generator draws from it."""
        a = self.arrests
        per_hour = (a.per_year / 365 * a.hourly_profile[hour] / sum(a.hourly_profile)
                    * 7 * a.weekday_profile[weekday] / sum(a.weekday_profile))
        if suite_id is None:
            return per_hour
        return per_hour * next(s.weight for s in self.suites if s.id == suite_id) / sum(s.weight for s in self.suites)


def _force_in(info: ValidationInfo, suite: Suite) -> Force:
    lead = info.data.get("force")
    if not suite.force or (lead and suite.force == lead.id):
        return lead
    force = next((f for f in info.data.get("forces", ()) if f.id == suite.force), None)
    if force is None:
        known = [f.id for f in (lead, *info.data.get("forces", ())) if f is not None]
        raise ValueError(f"suite {suite.id}: unknown force {suite.force!r}; known: {known}")
    return force


def _check_go_live(what: str, live_from: dt.date | None, force: Force | None) -> None:
    if force and live_from and live_from < force.nexus_from:
        raise ValueError(f"{what} goes live {live_from}, before its force {force.id} exists in Nexus ({force.nexus_from})")


def _check_absence(where: str, absence: Absence, model: OperatingModel, suites: dict[str, Suite],
                   forces: list[str], info: ValidationInfo) -> None:
    """An absence names a pool that exists, of a force that exists (and, for a team, its own force)."""
    if absence.force is not None and forces and absence.force not in forces:
        raise ValueError(f"{where}.force: unknown force {absence.force!r}; known: {forces}")
    if absence.pool.startswith("embedded."):
        index = int(absence.pool.removeprefix("embedded."))
        if index >= len(model.embedded):
            covers = [f"embedded.{i}" for i in range(len(model.embedded))] or "none"
            raise ValueError(f"{where}.pool: {absence.pool!r} names no embedded cover (covers: {covers})")
        first = model.embedded[index].suites[0]
        if absence.force is not None and first in suites:
            team_force = _force_in(info, suites[first])
            if team_force is not None and team_force.id != absence.force:
                raise ValueError(f"{where}: {absence.pool} is a team of force {team_force.id}, not {absence.force}")


def _suites_named_in(where: str, parts: tuple[Phase | Surge | EmbeddedCover, ...],
                     info: ValidationInfo) -> dict[str, Suite]:
    """The scenario's suites by id, once each part (``<where><index>``) is found to name only those."""
    suites = {s.id: s for s in info.data.get("suites", ())}
    for i, part in enumerate(parts if suites else ()):
        _known_suites(f"{where}{i}", part.suites, suites)
    return suites


def _known_suites(where: str, named: tuple[str, ...], suites: dict[str, Suite]) -> None:
    unknown = sorted(set(named) - set(suites))
    if unknown:
        raise ValueError(f"{where}: unknown suites {unknown}")
