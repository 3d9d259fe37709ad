"""A crash for crash tests: SIGKILL one service once, mid-run, and (unless the run is to) start it again."""

__all__ = ["KillOnce"]


class KillOnce:
    """An ``on_progress`` callback: once ``answers`` status checks are answered, SIGKILL ``service``
    through the run's own process handles, and restart it unless ``restart`` is False (then the run's
    supervision must); ``killed_at`` is how many events had been seen then (None if never), and
    ``services`` the run's processes."""

    def __init__(self, service: str, answers: int, restart: bool = True) -> None:
        self.service, self.answers, self.restart = service, answers, restart
        self.killed_at: int | None = None
        self.services = None

    def __call__(self, outcomes, services) -> None:
        if self.killed_at is None and outcomes.counts["StatusCheckAnswered"] >= self.answers:
            self.services = services
            services.kill(self.service)
            self.killed_at = outcomes.events
            if self.restart:
                services.start(self.service)
