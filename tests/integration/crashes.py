"""A crash for crash tests: SIGKILL one service once, mid-run, and start it again."""

__all__ = ["KillOnce"]


class KillOnce:
    """An ``on_progress`` callback: once ``answers`` status checks are answered, SIGKILL ``service``
    and restart it; ``killed_at`` is how many events had been seen then (None if never)."""

    def __init__(self, service: str, answers: int) -> None:
        self.service, self.answers = service, answers
        self.killed_at: int | None = None

    def __call__(self, outcomes, services) -> None:
        if self.killed_at is None and outcomes.counts["StatusCheckAnswered"] >= self.answers:
            services.kill(self.service)
            self.killed_at = outcomes.events
            services.start(self.service)
