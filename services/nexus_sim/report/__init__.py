"""The performance-framework report: built from a run's events, shown in the terminal, written as
JSON and HTML, and compared between two runs.

Plain data in, plain data or text out: never imports ``run``, ``cli`` or ``eventlog``, never runs
a simulation or draws progress.
"""
