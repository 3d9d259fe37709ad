"""The information-sharing agreement, per topic: which payload fields may be on it (ARCHITECTURE.md
invariant 7). Dotted payload paths; a path allows everything beneath it (``iabs`` allows ``iabs.outcome``).

Police facts cross to the Home Office on ``nexus.custody.bookings`` and are held there under the same
agreement on every Home Office topic that carries them on; what the Home Office decides comes back to
the police on ``nexus.journeys`` (and ``nexus.immigration.referrals``). The one exception to what may
cross, victim/witness details, is the scenario's to grant (``sharing.DisclosurePolicy``).
"""

__all__ = ["ACRO_FIELDS", "BOOKING_FIELDS", "CASE_FACTS", "CHECK_QUEUE_FIELDS", "IABS_FIELDS", "JOURNEY_FIELDS",
           "REFERRAL_FIELDS", "REMOVAL_FIELDS", "STATUS_CHECK_FIELDS", "VICTIM_WITNESS_PATH"]

VICTIM_WITNESS_PATH = "case.offence.victim_witness_details"
"""Shared only when the scenario's referral policy allows it: ``DisclosurePolicy`` strips the details where
events are built and checks this path on every event a service produces and consumes."""

CASE_FACTS = frozenset({
    "case.custody_record_id", "case.booked_at", "case.police_ready_at", "case.pace_limit_at",
    "case.detainee.person_ref", "case.detainee.claimed_nationality", "case.detainee.nationality_group",
    "case.detainee.birth_year", "case.offence.category", "case.offence.indictable", VICTIM_WITNESS_PATH,
})
"""The booking facts police share with the Home Office (``payloads_common.CaseFacts``)."""

BOOKING_FIELDS = CASE_FACTS | {"custody_record_id", "outcome", "custody_hours", "immigration_detention_hours",
                               "constant_watch", "custody_cost_gbp", "pace_reviews"}
IABS_FIELDS = CASE_FACTS | {"iabs"}
CHECK_QUEUE_FIELDS = IABS_FIELDS | {"reason", "foreign_national", "release_by"}
STATUS_CHECK_FIELDS = IABS_FIELDS | {"custody_record_id", "route", "reason", "status", "acro_requested",
                                     "foreign_national", "pool", "requested_at", "released_at"}
ACRO_FIELDS = IABS_FIELDS | {"custody_record_id", "country", "channel", "status", "status_event_id", "requested_at",
                             "replied", "records"}
REFERRAL_FIELDS = frozenset({"custody_record_id", "referral_id", "reason", "basis", "nationality_group",
                             "high_harm_definition", "victim_witness_info_included", "decision", "etd_application",
                             "route", "released_at", "officer_could_attend"})
REMOVAL_FIELDS = frozenset({"custody_record_id", "referral_id", "reason", "decision", "route", "detained",
                            "etd_application", "nationality_group", "booked_at", "applied_at", "issued", "days_taken",
                            "outcome", "left_uk_at", "barrier", "opened_at", "detention_days"})
"""Removal casework, held on the Home Office side: the referral's facts, never the police's case file."""
JOURNEY_FIELDS = CASE_FACTS | {
    "handed_to_immigration", "released_at", "waited_for_check_hours",
    "custody_record_id", "nationality_group", "claimed_british", "foreign_national", "iabs_outcome",
    "status_checked", "check_missed", "route", "minutes_to_status", "immigration_interest",
    "released_before_attendance", "referrals", "decisions", "etd_applications", "high_harm", "acro_requested",
    "acro_replied",
}
