"""``python -m nexus_sim.cli ...``: the `nexus` command."""

from .app import main

main()
