"""The contract's numeric and time bounds, as plain values (domain code may use them); ``bounds.py``
puts them on the wire models and contracts/README.md lists them.
"""

from datetime import datetime, timezone

__all__ = [
    "ACRO_MAX_DAYS",
    "CUSTODY_MAX_HOURS",
    "DETENTION_MAX_HOURS",
    "EARLIEST",
    "LATEST",
    "MAX_COST_GBP",
    "MAX_ITEMS",
    "MAX_JSON_DEPTH",
    "MAX_PACE_REVIEWS",
    "PACE_MAX_HOURS",
]

MAX_JSON_DEPTH = 12
"""Deepest nesting of objects and arrays in a message value (the deepest event nests 5)."""
PACE_MAX_HOURS = 36
"""Longest police detention before charge without a magistrates' warrant (PACE s.42); the model's limit."""
DETENTION_MAX_HOURS = 168
"""Longest stay in a police cell as an immigration detainee after being handed to immigration (a week)."""
CUSTODY_MAX_HOURS = PACE_MAX_HOURS + DETENTION_MAX_HOURS
"""Longest time from booking to leaving police custody: PACE, then immigration detention."""
ACRO_MAX_DAYS = 365
"""Longest ACRO may take to answer an overseas-conviction request (the scenario's deadline is at most this)."""
MAX_COST_GBP = 100_000
"""Dearest immigration detainee's custody (a week under constant watch is about £15,000 on the seed 004 table)."""
MAX_PACE_REVIEWS = 1 + (PACE_MAX_HOURS - 6) // 9
"""PACE reviews in the longest police detention: the first within 6 h, then at most every 9 h."""
MAX_ITEMS = 20
"""Most items in a list of an event (overseas records, IE decisions) and most referrals of one journey."""
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)
"""No event time is earlier (Nexus began in 2012; dates given as numbers read as 1970)."""
LATEST = datetime(2100, 1, 1, tzinfo=timezone.utc)
"""No event time is this late or later (a release in year 9999 is an error, not a journey)."""
