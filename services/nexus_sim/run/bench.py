"""`make bench`: simulated arrests and events per second for london-2013 in memory.

A benchmark, not a test: it prints figures against the target (a year of Met custody,
about 250,000 arrests, in under 2 minutes on a 2-core machine) and never fails a build.
"""

import argparse
import resource
import time

from nexus_runtime.scenarios import load_scenario

from .in_memory import run_in_memory

TARGET_SECONDS_PER_YEAR = 120.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", dest="scenario_ref", default="london-2013")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    scenario = load_scenario(args.scenario_ref)
    started = time.perf_counter()
    result = run_in_memory(scenario, args.seed, args.days, on_day=_progress(args.days, started), freeze_gc=True)
    seconds = time.perf_counter() - started
    arrests = result.outcomes.counts["ArrestMade"]
    events = result.outcomes.events
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    year_seconds = seconds * 365 / args.days
    print(f"\n{args.scenario_ref}, {args.days} days, seed {args.seed}: {arrests:,} arrests, {events:,} events in {seconds:.1f} s")
    print(f"  {arrests / seconds:,.0f} arrests/s   {events / seconds:,.0f} events/s   peak RSS {peak_mib:,.0f} MiB")
    verdict = "meets" if year_seconds <= TARGET_SECONDS_PER_YEAR else "misses"
    print(f"  a year at this rate: {year_seconds:.0f} s ({verdict} the {TARGET_SECONDS_PER_YEAR:.0f} s target)")
    print(f"  outcome digest: {result.digest}")


def _progress(days: int, started: float):
    def on_day(done: int, events: int) -> None:
        if done % 30 == 0 or done == days:
            rate = events / (time.perf_counter() - started)
            print(f"  day {done:4}/{days}  {events:,} events  {rate:,.0f} events/s", flush=True)

    return on_day


if __name__ == "__main__":
    main()
