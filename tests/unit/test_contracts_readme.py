"""contracts/README.md restates the reference decision tables as data: they must be the code's."""

from pathlib import Path

from referral_exchange import domain as referral
from status_check import acro, domain as status

README = (Path(__file__).resolve().parents[2] / "contracts" / "README.md").read_text()


def weights(table) -> str:
    return ", ".join(f"`{getattr(k, 'value', k)}` {v}" for k, v in table.items())


def test_every_reference_table_is_written_down_as_the_code_has_it():
    tables = [*status._STATUS_MIX.values(), acro._RECORD_OFFENCES, *acro._RELIABILITY.values(),
              acro._RELIABILITY_NON_CONVICTION, *referral._DECISIONS_BY_STATUS.values(),
              referral._DECISIONS_DISCREPANCY_ONLY, *referral._DECISIONS_HIGH_HARM.values()]
    missing = [weights(table) for table in tables if weights(table) not in README]
    assert not missing, f"contracts/README.md lacks or misstates: {missing}"
