# Nexus Flow. `make run` and `make test` work on a fresh machine with Python 3.11:
# they install uv (pinned) into .tools/ if it is not on PATH, then create .venv from uv.lock;
# `make test` also installs the system packages its browser and Kafka tests need (deploy/test-deps.sh).
SHELL := /bin/bash
UV_VERSION := 0.13.8
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
SCENARIO ?= london-2013
SEED ?= 1
ARGS ?=

.PHONY: env test-deps run test test-fast bench bench-kafka kafka-up kafka-down schemas check-schemas dist clean help

help:
	@echo "make run         simulate $(SCENARIO) in memory and print the report (SCENARIO=, SEED=, ARGS=)"
	@echo "make test        all tests: unit, service, replay, integration (real Kafka), browser"
	@echo "make test-fast   unit, service and replay tests only"
	@echo "make bench       arrests/s and events/s for a year of Met custody in memory; 10 replicates vs one run"
	@echo "make bench-kafka the services on a local broker against a raw aiokafka pipeline and producer (ARGS=--rounds 5)"
	@echo "make kafka-up    start a local Kafka broker on 127.0.0.1:9092 (no Docker); kafka-down stops it"
	@echo "make schemas     regenerate contracts/nexus_contracts/schema_files/"
	@echo "make dist        wheels and sdists of both packages, and the schemas archive, into dist/"

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

.venv/.synced: uv.lock pyproject.toml contracts/pyproject.toml services/pyproject.toml | $(UV)
	$(UV) sync --frozen --quiet
	@touch $@

env: .venv/.synced

run: env
	$(UV) run nexus simulate --scenario $(SCENARIO) --seed $(SEED) $(ARGS)

test-deps:
	@deploy/test-deps.sh

test: env test-deps
	$(UV) run pytest

test-fast: env
	$(UV) run pytest tests/unit tests/service tests/replay

bench: env
	$(UV) run python -m nexus_sim.run.bench $(ARGS)
	$(UV) run python -m nexus_sim.run.bench_replicates

bench-kafka: env
	@deploy/test-deps.sh java:openjdk-17-jdk-headless mvn:maven
	$(UV) run python -m nexus_sim.run.bench_kafka $(ARGS)

kafka-up: env
	$(UV) run nexus kafka up $(ARGS)

kafka-down: env
	$(UV) run nexus kafka down

schemas: env
	$(UV) run python -m nexus_contracts.schemas

check-schemas: env
	$(UV) run python -m nexus_contracts.schemas --check

dist: env
	rm -rf dist
	$(UV) build --all-packages --out-dir dist
	$(UV) run python -m nexus_contracts.schemas --archive dist

clean:
	rm -rf .venv .tools .pytest_cache dist
