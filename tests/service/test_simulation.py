"""The whole flow through the in-memory transport: determinism and the journey invariants."""

import json

from typer.testing import CliRunner

from nexus_sim.cli.app import app
from nexus_sim.run.in_memory import run_in_memory


def test_same_seed_same_digest_other_seed_other_digest(small_scenario):
    first = run_in_memory(small_scenario, seed=7, days=1)
    again = run_in_memory(small_scenario, seed=7, days=1)
    other = run_in_memory(small_scenario, seed=8, days=1)
    assert first.digest == again.digest
    assert first.digest != other.digest
    assert first.outcomes.report.build() == again.outcomes.report.build()


def test_every_booking_concludes_with_one_journey_record_and_one_closure(small_scenario):
    result = run_in_memory(small_scenario, seed=3, days=2)
    counts = result.outcomes.counts
    assert counts["ArrestMade"] > 100
    for event_type in ("BookingOpened", "IabsSearchCompleted", "JourneyConcluded", "JourneyRecorded", "BookingClosed"):
        assert counts[event_type] == counts["ArrestMade"], event_type
    assert counts["StatusCheckRequested"] == counts["StatusCheckAnswered"]
    assert counts["AcroCheckRequested"] == counts["AcroCheckAnswered"]
    assert counts["ReferralCreated"] == counts["IeDecisionMade"]
    assert result.dead_letters == 0


def test_report_measures_add_up(small_scenario):
    report = run_in_memory(small_scenario, seed=5, days=2).outcomes.report.build()
    assert report["rec3_central_record"]["complete"] and report["rec3_central_record"]["counts_agree"]
    assert report["status_checks"] == sum(report["rec1_status_checks"]["checks_by_route"].values())
    rec2 = report["rec2_non_attendance"]
    assert report["non_attendance"] == rec2["records"] == rec2["of_persons_of_interest"] + rec2["after_missed_checks"]
    assert rec2["of_persons_of_interest"] <= rec2["persons_of_interest"]
    outcomes = report["custody"]["outcomes"]
    assert sum(outcomes.values()) == report["bookings"]
    assert report["custody"]["immigration_detainees"] == outcomes["handed_to_immigration"]
    assert report["safeguards"]["victim_witness_info_shared"] == 0


def test_releases_before_attendance_stay_a_share_of_persons_of_interest_when_checks_are_missed():
    """With the CCU down to one operator checks are missed, and each missed check records a release no
    officer could attend: those are counted apart, so the share of persons of interest stays a share."""
    from nexus_runtime.scenarios import load_scenario

    scarce = load_scenario("london-2013", ["operating_model.ccu.capacity=1", "operating_model.phone_lines=1"])
    rec2 = run_in_memory(scarce, seed=2, days=3).outcomes.report.build()["rec2_non_attendance"]
    assert rec2["records"] > rec2["persons_of_interest"]  # all releases over persons of interest: over 100%
    assert rec2["records"] == rec2["of_persons_of_interest"] + rec2["after_missed_checks"]
    assert rec2["share_of_persons_of_interest"] == round(rec2["of_persons_of_interest"] / rec2["persons_of_interest"], 4)
    assert 0 < rec2["share_of_persons_of_interest"] < 1


def test_victim_information_is_shared_only_when_the_policy_says_so(small_scenario):
    from nexus_runtime.scenarios import load_scenario

    sharing = load_scenario("london-2013", ["arrests.per_year=25000", "referral_policy.share_victim_witness_info=true"])
    report = run_in_memory(sharing, seed=5, days=1).outcomes.report.build()
    assert report["safeguards"]["victim_witness_info_shared"] > 0


def test_cli_report_json_is_byte_identical_across_runs_and_ends_with_the_digest(tmp_path):
    runner = CliRunner()
    outputs, files = [], []
    for name in ("a.json", "b.json"):
        path = tmp_path / name
        result = runner.invoke(app, ["simulate", "--days", "1", "--seed", "11", "--set", "arrests.per_year=20000",
                                     "--report-json", str(path)])
        assert result.exit_code == 0, result.output
        outputs.append(result.output.strip().splitlines()[-1])
        files.append(path.read_bytes())
    assert files[0] == files[1]
    report = json.loads(files[0])
    assert outputs[0] == outputs[1] == f"outcome digest: {report['digest']}"
    for key in ("digest", "arrests", "foreign_nationals", "status_checks", "non_attendance", "referrals",
                "custody_cost_gbp"):
        assert key in report


def test_a_bad_scenario_is_refused_naming_the_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: london-2013\nname: bad\npopulation: {foreign_national_share: lots}\n")
    result = CliRunner().invoke(app, ["simulate", "--scenario", str(bad), "--days", "1"])
    assert result.exit_code == 2
    assert "population.foreign_national_share" in result.output and "Traceback" not in result.output


def test_sharing_in_process_events_gives_the_outcomes_decoding_the_bytes_gives(small_scenario):
    """The in-memory transport hands consumers the Event a record was encoded from; decoding
    every message instead, as Kafka consumers do, must give the very same run."""
    shared = run_in_memory(small_scenario, seed=12, days=2)
    decoded = run_in_memory(small_scenario, seed=12, days=2, share_events=False)
    assert decoded.outcomes.counts == shared.outcomes.counts
    assert decoded.digest == shared.digest


def test_no_broker_at_the_bootstrap_address_is_one_clear_line():
    from nexus_sim.kafka_local.process import free_port

    result = CliRunner().invoke(app, ["simulate", "--transport", "kafka", "--bootstrap", f"127.0.0.1:{free_port()}",
                                      "--days", "1", "-q"])
    assert result.exit_code == 1
    assert "Kafka run at 127.0.0.1:" in result.output and "Unable to bootstrap" in result.output
    assert "Traceback" not in result.output
