"""The `nexus` command line: commands only; the work is done in ``run``, ``report`` and ``eventlog``."""
