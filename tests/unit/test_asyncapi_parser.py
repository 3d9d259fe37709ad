"""asyncapi.json as the AsyncAPI tools take it: the official parser (@asyncapi/parser, from npm)
validates the installed file from an unrelated working directory, with no error diagnostic.
The parser is installed once into .tools/npm/asyncapi (ignored by git); npm comes with Node.js."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from nexus_contracts.catalogue import TOPICS
from nexus_contracts.schemas import schema_file

ROOT = Path(__file__).resolve().parents[2]
PARSER = "@asyncapi/parser@3.6.6"
CACHE = ROOT / ".tools" / "npm" / "asyncapi"
SCRIPT = Path(__file__).resolve().parent / "asyncapi" / "validate.mjs"


@pytest.fixture(scope="session")
def asyncapi_parser() -> Path:
    """The directory holding the parser and the validating script (installed there on first use)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Node.js and npm are needed to validate asyncapi.json (deploy/test-deps.sh)")
        pytest.skip("Node.js/npm not installed")
    installed = CACHE / "node_modules" / "@asyncapi" / "parser" / "package.json"
    if not installed.is_file() or json.loads(installed.read_text())["version"] != PARSER.rsplit("@", 1)[1]:
        CACHE.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(CACHE), PARSER],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
    shutil.copy(SCRIPT, CACHE / SCRIPT.name)  # an ES module resolves its imports beside itself
    return CACHE


def test_the_asyncapi_parser_accepts_the_document_from_any_directory(asyncapi_parser, tmp_path):
    done = subprocess.run(["node", str(asyncapi_parser / SCRIPT.name), str(schema_file("asyncapi.json"))],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["ok"] and summary["channels"] == 2 * len(TOPICS) and summary["messages"] >= 18
