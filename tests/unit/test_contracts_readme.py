"""contracts/README.md restates the reference decision tables (scenario defaults) as data: they must be the
contract's."""

from pathlib import Path

from nexus_contracts.scenario import AcroModel, HighHarmDecisions, StatusDecisions, StatusMix

README = (Path(__file__).resolve().parents[2] / "contracts" / "README.md").read_text()


def weights(table) -> str:
    return ", ".join(f"`{getattr(k, 'value', k)}` {v}" for k, v in table.items())


def test_every_reference_table_is_written_down_as_the_code_has_it():
    acro = AcroModel()
    tables = [*StatusMix().model_dump().values(), acro.record_offences, acro.ecris_conviction_reliability,
              acro.interpol_conviction_reliability, acro.non_conviction_reliability,
              *StatusDecisions().model_dump().values(), *HighHarmDecisions().model_dump().values()]
    missing = [weights(table) for table in tables if weights(table) not in README]
    assert not missing, f"contracts/README.md lacks or misstates: {missing}"
