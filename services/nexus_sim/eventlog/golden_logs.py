"""The golden event logs shipped with the package (``golden/``), found by name.

``golden_log("london-2013")`` is the path of ``golden/london-2013.jsonl``: london-2013, one day, at
30,000 arrests a year, recorded under the current contracts; ``london-2013-v1`` is the same run as a
v1 producer wrote it; ``legacy/recorded-by-v1`` and ``legacy/recorded-by-v2`` are a run recorded by
each contract version of ``AcroCheckAnswered``.
"""

from pathlib import Path

__all__ = ["GOLDEN_DIR", "golden_log", "golden_logs"]

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def golden_logs() -> list[str]:
    """The names ``golden_log`` takes, e.g. ``["legacy/recorded-by-v1", ..., "london-2013"]``."""
    return sorted(path.relative_to(GOLDEN_DIR).with_suffix("").as_posix() for path in GOLDEN_DIR.rglob("*.jsonl"))


def golden_log(name: str) -> Path:
    """The path of the bundled golden log ``name`` (with or without ``.jsonl``)."""
    path = GOLDEN_DIR / f"{name.removesuffix('.jsonl')}.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"no golden log named {name!r} (bundled: {', '.join(golden_logs())})")
    return path
