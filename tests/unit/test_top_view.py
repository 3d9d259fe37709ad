"""`nexus top` from two parsed scrapes a second apart: throughput from counter deltas, lag, dead
letters and pool load, and the screen that shows them (rendered to text, no live terminal)."""

from rich.console import Console

from nexus_sim.cli.top_metrics import Reading, parse_metrics, pool_lines, service_line
from nexus_sim.cli.top_view import TopicLine, render

SCRAPE = """\
# TYPE nexus_service_info gauge
nexus_service_info{{service="status_check"}} 1.0
# TYPE nexus_messages_in_total counter
nexus_messages_in_total{{topic="nexus.iabs-results.v1",event_type="IabsSearchCompleted"}} {inbound}
nexus_messages_in_total{{topic="nexus.iabs-results.v1",event_type="marker"}} 10.0
# TYPE nexus_messages_out_total counter
nexus_messages_out_total{{topic="nexus.status-checks.v1",event_type="StatusCheckAnswered"}} {outbound}
# TYPE nexus_dead_letters_total counter
nexus_dead_letters_total{{topic="nexus.iabs-results.v1",reason_kind="not json"}} 3.0
# TYPE nexus_consumer_lag gauge
nexus_consumer_lag{{topic="nexus.iabs-results.v1",partition="0"}} 7.0
nexus_consumer_lag{{topic="nexus.iabs-results.v1",partition="1"}} 5.0
# TYPE nexus_pool_queue_length gauge
nexus_pool_queue_length{{pool="met/ccu"}} 4.0
# TYPE nexus_pool_busy_officers gauge
nexus_pool_busy_officers{{pool="met/ccu"}} 6.0
# TYPE nexus_pool_staff gauge
nexus_pool_staff{{pool="met/ccu"}} 8.0
# TYPE nexus_pool_utilisation gauge
nexus_pool_utilisation{{pool="met/ccu"}} 0.75
"""
URL = "http://127.0.0.1:9101/metrics"


def reading(at: float, inbound: float, outbound: float) -> Reading:
    return Reading(URL, at, parse_metrics(SCRAPE.format(inbound=inbound, outbound=outbound)))


def text_of(renderable) -> str:
    console = Console(record=True, width=140, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_throughput_is_the_counter_delta_over_the_time_between_readings():
    line = service_line(reading(10.0, 100, 40), reading(12.0, 300, 90))
    assert (line.service, line.in_per_s, line.out_per_s) == ("status_check", 100.0, 25.0)
    assert (line.lag, line.dead_letters) == (12.0, 3.0)


def test_the_first_reading_has_no_throughput_yet():
    line = service_line(None, reading(10.0, 100, 40))
    assert line.in_per_s is None and line.out_per_s is None


def test_pools_are_read_by_name():
    [ccu] = pool_lines(reading(1.0, 0, 0))
    assert (ccu.pool, ccu.queued, ccu.busy, ccu.staff, ccu.utilisation) == ("met/ccu", 4, 6, 8, 0.75)


def cells(text: str, first: str) -> list[str]:
    """The cells of the table row that begins with ``first``."""
    row = next(line for line in text.splitlines() if line.startswith(f"│ {first} "))
    return [cell.strip() for cell in row.strip("│").split("│")]


def test_the_screen_shows_services_pools_and_topics():
    now = reading(12.0, 300, 90)
    text = text_of(render([service_line(reading(10.0, 100, 40), now)], pool_lines(now),
                          [TopicLine("nexus.arrests.v1", 1234, 56.5)]))
    assert cells(text, "status_check") == ["status_check", "100.0", "25.0", "12", "3", URL]
    assert cells(text, "met/ccu") == ["met/ccu", "4", "6", "8", "75%"]
    assert cells(text, "nexus.arrests.v1") == ["nexus.arrests.v1", "1,234", "56.5"]


def test_an_endpoint_that_does_not_answer_is_shown_as_such():
    down = Reading(URL, 1.0, None, "Connection refused")
    text = text_of(render([service_line(None, down)], []))
    assert "Connection refused" in text
