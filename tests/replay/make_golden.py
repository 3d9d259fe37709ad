"""Re-record the golden logs after a deliberate change of behaviour:

    uv run python tests/replay/make_golden.py

Writes, into the package data of the replay plugin (services/nexus_sim/eventlog/golden/),
london-2013.jsonl (current contracts) and london-2013-v1.jsonl, the same run as a v1
producer would have written it (AcroCheckAnswered v1: one `reliability` word per overseas
record instead of the v2 grading), and prints the digest to put in test_golden_logs.py.
"""

import json
from dataclasses import replace
from pathlib import Path

from nexus_contracts.grading import Grading, reliability_of
from nexus_runtime.scenarios import load_scenario
from nexus_sim.eventlog import LogHeader, LogWriter, read_log
from nexus_sim.eventlog.golden_logs import GOLDEN_DIR
from nexus_sim.eventlog.format import LogEntry
from nexus_sim.eventlog.recorder import MemoryRecorder
from nexus_sim.run.in_memory import run_in_memory
from nexus_sim.run.spec import RunSpec

OVERRIDES = ("arrests.per_year=30000", "acro.record_found_share=0.9", "population.foreign_national_share=0.8")


def record_current(path: Path) -> str:
    header = LogHeader(RunSpec("london-2013", OVERRIDES, 1, 1), "memory", "nexus simulate")
    with LogWriter(path, header) as writer:
        result = run_in_memory(load_scenario("london-2013", OVERRIDES), 1, 1,
                               observers=(MemoryRecorder(writer.write_entry),))
    return result.digest


def as_v1(entry: LogEntry) -> LogEntry:
    data = json.loads(entry.value) if entry.value else None
    if not data or data.get("event_type") != "AcroCheckAnswered":
        return entry
    for record in data["payload"]["records"]:
        record["reliability"] = reliability_of(Grading(**record.pop("grading"))).value
    data["schema_version"] = 1
    headers = tuple((k, b"1" if k == "schema_version" else v) for k, v in entry.headers)
    return replace(entry, value=json.dumps(data, separators=(",", ":")).encode(), headers=headers)


def write_v1(source: Path, path: Path) -> None:
    log = read_log(source)
    contracts = {"package": "1.0.0", "events": {**log.header.contracts["events"], "AcroCheckAnswered": 1}}
    with LogWriter(path, replace(log.header, contracts=contracts)) as writer:
        for entry in log.entries:
            writer.write_entry(as_v1(entry))


if __name__ == "__main__":
    digest = record_current(GOLDEN_DIR / "london-2013.jsonl")
    write_v1(GOLDEN_DIR / "london-2013.jsonl", GOLDEN_DIR / "london-2013-v1.jsonl")
    print(f"DIGEST = {digest!r}")
