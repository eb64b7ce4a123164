"""What ``curate parse`` does apart from click: read the config, load, write the records."""

from __future__ import annotations

import os
import sys
from typing import Iterable

from curate.config import ConfigError, load_config
from curate.corpus.export import write_jsonl, write_table
from curate.corpus.loader import load_corpus
from curate.infra.fileio import atomic_writer


def run_parse(paths: Iterable[str], *, fmt: str, output: str | None, config_path: str | None = None) -> None:
    """``curate parse``: include/exclude and max_file_size come from the config file."""
    paths = list(paths)
    try:
        options = load_config(paths, config_path).load_options()
    except ConfigError as exc:
        raise ValueError(str(exc)) from None
    corpus = load_corpus(paths, options=options)
    if output:
        with atomic_writer(output) as out:
            (write_jsonl if fmt == "jsonl" else write_table)(corpus, out)
    else:
        try:
            (write_jsonl if fmt == "jsonl" else write_table)(corpus, sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:  # `curate parse ... | head`: the reader is gone, not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
