"""Running a scenario: the arrests it drives, the four services wired on the in-memory bus or
started as processes on Kafka, and what comes out (outcomes, digest, the run's report).

May import ``report`` (a run's outcomes feed its report); never ``cli`` or ``eventlog``.
"""
