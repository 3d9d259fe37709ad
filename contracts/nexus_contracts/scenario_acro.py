"""Scenario part for ACRO overseas-record checks (``acro``): how long ECRIS and Interpol take, what the
answers hold, and how reliable each kind of record is."""

from .scenario_parts import Share, Timing, _Strict
from .scenario_sources import sourced
from .scenario_weights import Weights
from .vocabulary import OffenceCategory, Reliability

__all__ = ["AcroModel"]

R, O = Reliability, OffenceCategory
_NO_RECORDS = "assumption: no seed says what overseas answers hold"


class AcroModel(_Strict):
    ecris: Timing = sourced("ACRO 2017: ECRIS states must reply within 10 days (seed 003: 'ten days')",
                            "EU answers via ECRIS.", default=Timing(median_minutes=6 * 1440, spread=0.4))
    interpol: Timing = sourced("seed 003: Interpol checks take 'from ten days to infinity'",
                               "Non-EU via Interpol.", default=Timing(median_minutes=30 * 1440, spread=0.9))
    deadline_days: float = sourced("assumption: a request unanswered after a quarter is treated as no reply",
                                   "No reply by then counts as no reply.", default=90, gt=0, le=3650)
    interpol_no_reply_share: Share = sourced("seed 003: some Interpol checks never come back; the share is an "
                                             "assumption", "Interpol requests never answered.", default=0.3)
    record_found_share: Share = sourced(
        "calibrated: seed 003 counts 1,100 foreign convictions recorded on the PNC in Nexus's first year in London; "
        "with ACRO asked for about a third of foreign nationals (NAO 2014: 30%; PAC 2015: 40%), about 7% of answers "
        "hold a record", "Answers that hold at least one record.", default=0.07)
    further_records_rate: float = sourced(
        _NO_RECORDS, "Rate of the exponential draw of records beyond the first (higher: fewer).", default=1.5, ge=0.1, le=100)
    allegation_share: Share = sourced(_NO_RECORDS, "Records that are allegations, not convictions.", default=0.2)
    charge_share: Share = sourced(_NO_RECORDS, "Records that are charges without outcome.", default=0.2)
    in_absentia_share: Share = sourced("assumption: seed 003 warns of convictions in absentia but gives no share",
                                       "Convictions given in absentia.", default=0.1)
    record_offences: Weights[OffenceCategory] = sourced(
        _NO_RECORDS, "Offence categories of the records found, relative weights.",
        default={O.VIOLENCE: 30, O.THEFT: 20, O.DRUGS_SUPPLY: 12, O.ROBBERY: 8, O.SEXUAL: 5, O.FRAUD: 10,
                 O.WEAPONS: 5, O.MOTORING: 10})
    ecris_conviction_reliability: Weights[Reliability] = sourced(
        "assumption: ECRIS answers come from the convicting state's register (seed 003 asks about accuracy)",
        "Reliability of convictions reported via ECRIS.", default={R.CONFIRMED: 90, R.PROBABLE: 10})
    interpol_conviction_reliability: Weights[Reliability] = sourced(
        "assumption: seed 003 questions information from some jurisdictions", "Reliability of convictions reported "
        "via Interpol.", default={R.CONFIRMED: 45, R.PROBABLE: 40, R.UNVERIFIED: 15})
    non_conviction_reliability: Weights[Reliability] = sourced(
        "assumption: a charge or allegation is not a criminal record (Farquharson [2013] UKUT 146)",
        "Reliability of charges and allegations, either channel.", default={R.PROBABLE: 40, R.UNVERIFIED: 60})
