"""The ``curate`` command line: click commands only; nothing in the package imports it."""
