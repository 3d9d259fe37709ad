"""`nexus verify`: check an outside implementation of one service against the contracts.

- ``model``: what is checked (an output record) and what a check finds;
- ``expectations``: what a log says the service is fed and must answer (pure);
- ``rules``: record -> findings, one rule at a time (pure); ``schema_rule``: the JSON Schemas;
- ``reference``: with ``--reference``, outputs against the project's own service's, matched by
  causation, field by field (pure, but for running that service in process);
- ``tally``: findings per rule, replies and forwarded markers;
- ``runner``: the Kafka I/O; ``junit``: the JUnit XML for CI.
"""
