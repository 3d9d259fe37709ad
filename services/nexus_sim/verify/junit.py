"""JUnit XML of a verification: one test case per rule, failing with each failure it found."""

from pathlib import Path
from xml.etree import ElementTree

from .tally import Tally

__all__ = ["junit_xml", "write_junit"]


def junit_xml(tally: Tally, service: str) -> str:
    failures = sum(1 for row in tally.rows.values() if row.failed)
    suite = ElementTree.Element("testsuite", name=f"nexus verify {service}", tests=str(len(tally.rows)),
                                failures=str(failures), errors="0")
    for row in tally.rows.values():
        case = ElementTree.SubElement(suite, "testcase", classname=f"nexus.verify.{service}", name=row.rule)
        if row.failed:
            first = row.failed[0]
            failure = ElementTree.SubElement(case, "failure", message=first.describe(), type=first.field or row.rule)
            failure.text = "\n".join(f.describe() for f in row.failed)
        elif not row.passed:
            ElementTree.SubElement(case, "skipped", message="not checked: the run stopped at an earlier failure"
                                   if tally.failures else "no record to check")
    root = ElementTree.Element("testsuites")
    root.append(suite)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True)


def write_junit(path: Path, tally: Tally, service: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(junit_xml(tally, service) + "\n", encoding="utf-8")
