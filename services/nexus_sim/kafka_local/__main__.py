"""``python -m nexus_sim.kafka_local up|down|status``: the launcher before the main CLI mounts it."""

from .cli import kafka_app

if __name__ == "__main__":
    kafka_app(prog_name="python -m nexus_sim.kafka_local")
