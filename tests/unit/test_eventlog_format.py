"""The event-log format: every field of a Kafka record survives a round trip; bad logs are named."""

import io
import json

import pytest

from nexus_sim.eventlog import LogEntry, LogFormatError, LogHeader, LogWriter, read_log
from nexus_sim.eventlog.format import decode_entry, encode_entry
from nexus_sim.run.spec import RunSpec

ODD = [
    LogEntry("t", 0, 0, 1000, None, (), b'{"a":1}'),
    LogEntry("t", 3, 17, None, b"\xff\xfekey", (("x", b"1"), ("x", b"2"), ("bin", b"\x80\x00"), ("none", None)),
             b"\x00\xffnot utf-8"),
    LogEntry("t", None, None, -5, b"", (("", b""),), b""),
    LogEntry("t", 1, 2, 3, "clé".encode(), (("é", "ü".encode()),), '{"name":"Zoë"}'.encode()),
    LogEntry("t", 1, 2, 3, b"k", (), b'{"a": 1}'),          # JSON, but not compact: kept as text
    LogEntry("t", 1, 2, 3, b"k", (), b'{"x":1.0e16}'),       # JSON whose floats would re-dump differently
    LogEntry("t", 1, 2, 3, b"k", (), b"null"),
    LogEntry("t", 1, 2, 3, b"k", (), None),                   # a tombstone
    LogEntry("t", 1, 2, 3, b"k", (), b"plain text, not JSON"),
]


@pytest.mark.parametrize("entry", ODD, ids=range(len(ODD)))
def test_an_entry_round_trips_byte_for_byte(entry):
    assert decode_entry(json.loads(encode_entry(entry))) == entry


def test_compact_json_values_are_embedded_and_binary_is_flagged():
    assert json.loads(encode_entry(ODD[0]))["value"] == {"a": 1}
    line = json.loads(encode_entry(ODD[1]))
    assert line["value_encoding"] == "base64" and line["key_encoding"] == "base64"
    assert line["headers"] == [["x", "1"], ["x", "2"], ["bin", "gAA=", "base64"], ["none", None]]


def test_entry_of_takes_a_dict_of_text_headers_and_text_values():
    entry = LogEntry.of("t", 0, 1, "suite", {"event_type": "ArrestMade"}, 5, "{}")
    assert entry.key == b"suite" and entry.headers == (("event_type", b"ArrestMade"),) and entry.value == b"{}"


def test_a_written_log_reads_back_with_its_header(tmp_path):
    header = LogHeader(RunSpec("london-2013", ("arrests.per_year=100",), 7, 2))
    with LogWriter(tmp_path / "x.jsonl", header) as writer:
        for entry in ODD:
            writer.write_entry(entry)
        writer.write("t", 0, 9, None, [("h", b"\x80")], 1, b"\x81")
    log = read_log(tmp_path / "x.jsonl")
    assert log.header == header
    assert log.entries == (*ODD, LogEntry("t", 0, 9, 1, None, (("h", b"\x80"),), b"\x81"))


def test_a_header_keeps_its_on_disk_fields_and_names_a_run_only_with_scenario_and_seed():
    header = LogHeader(RunSpec("london-2013", ("a=1",), 7, 2), "kafka", "nexus record")
    assert {k: v for k, v in header.to_json().items() if k != "contracts"} == {
        "format": "nexus-eventlog", "format_version": 1, "created_by": "nexus record", "scenario": "london-2013",
        "overrides": ["a=1"], "seed": 7, "days": 2, "transport": "kafka"}
    assert LogHeader.from_json(header.to_json()) == header
    unnamed = LogHeader(None).to_json()
    assert (unnamed["scenario"], unnamed["overrides"], unnamed["seed"], unnamed["days"]) == (None, [], None, None)
    assert LogHeader.from_json({**header.to_json(), "seed": None}).run is None


def test_a_writer_on_a_stream_leaves_it_open():
    stream = io.StringIO()
    LogWriter(stream, LogHeader(None)).close()
    assert json.loads(stream.getvalue())["format"] == "nexus-eventlog"


def _log(tmp_path, *lines: str):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


HEADER = json.dumps(LogHeader(RunSpec("london-2013", seed=1)).to_json())


@pytest.mark.parametrize(("lines", "problem"), [
    ((), "empty file"),
    (('{"format":"other"}',), ":1: not a header"),
    ((HEADER.replace('"format_version": 1', '"format_version": 99'),), ":1: unsupported format_version 99"),
    ((HEADER, '{"topic":"t","value":{}}', "{oops"), ":3: not JSON"),
    ((HEADER, '{"value":{}}'), ":2: field 'topic'"),
    ((HEADER, '{"topic":"t","offset":"7","value":{}}'), ":2: field 'offset'"),
    ((HEADER, '{"topic":"t","value":"!!","value_encoding":"base64"}'), ":2: field 'value': bad base64"),
    ((HEADER, '{"topic":"t","value":"x","value_encoding":"rot13"}'), ":2: field 'value': unknown encoding"),
    ((HEADER, '{"topic":"t","headers":[["a"]],"value":1}'), ":2: field 'headers'"),
    ((HEADER, '{"topic":"t"}'), ":2: field 'value': missing"),
])
def test_a_bad_log_is_refused_naming_the_line_and_the_problem(tmp_path, lines, problem):
    with pytest.raises(LogFormatError, match=problem) as caught:
        read_log(_log(tmp_path, *lines))
    assert "bad.jsonl" in str(caught.value)


def test_a_log_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "bin.jsonl"
    path.write_bytes(HEADER.encode() + b"\n\xff\xfe\n")
    with pytest.raises(LogFormatError, match="not UTF-8"):
        read_log(path)
