"""The measures a planner reads first, by label and dotted path into a report: the terminal's
comparison, the HTML tables of intervals and differences, and the sweep's table use the same list."""

__all__ = ["HEADLINES", "is_share"]

HEADLINES = (
    ("arrests", "arrests"),
    ("foreign nationals", "foreign_nationals"),
    ("status checks", "status_checks"),
    ("share of foreign nationals checked", "rec1_status_checks.share_checked"),
    ("released before an officer attended", "non_attendance"),
    ("  share of persons of interest", "rec2_non_attendance.share_of_persons_of_interest"),
    ("  after a missed check", "rec2_non_attendance.after_missed_checks"),
    ("referrals", "referrals"),
    ("  resting on allegations only", "safeguards.referrals_on_allegation_only"),
    ("ETD applications", "rec4_etd.applications"),
    ("high-harm cases", "rec5_high_harm.high_harm_cases"),
    ("ACRO requests", "acro.requests"),
    ("mean custody hours", "custody.custody_hours.mean"),
    ("immigration detainees", "custody.immigration_detainees"),
    ("custody cost of immigration detainees (GBP)", "custody_cost_gbp"),
    ("hours held waiting for a check", "safeguards.held_waiting_for_check.total_hours"),
    ("checks missed before release", "capacity.missed_checks"),
    ("officer cost (GBP, assumed hourly price)", "capacity.officer_cost_gbp"),
    ("staff cost per foreign national checked (GBP)", "decision_costs.cost_per_foreign_national_checked_gbp"),
    ("immigration offenders identified", "decision_costs.immigration_offenders_identified"),
    ("staff cost per immigration offender identified (GBP)",
     "decision_costs.cost_per_immigration_offender_identified_gbp"),
)


def is_share(path: str) -> bool:
    """Whether the measure is a share (shown as a percentage)."""
    return "share" in path.rsplit(".", 1)[-1] or path.endswith("utilisation")
