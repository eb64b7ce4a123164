# `make demo` and `make test` work on a fresh machine with only Python: each creates
# .venv on first use and installs what it needs; later runs reuse it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench fuzz clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,parquet,ray]'
	touch $(STAMP)

demo: $(STAMP)
	@$(BIN)/python -m curate.cli.demo examples/genai-notes

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Coverage-guided fuzzing of the parser and of hostile file names; FUZZ_RUNS inputs (default
# 200000; -1 for no limit) or FUZZ_SECONDS of wall time (0: no limit), seeded with the bundled notes.
FUZZ_RUNS ?= 200000
FUZZ_SECONDS ?= 0
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet atheris
	mkdir -p .fuzz-corpus && cp examples/genai-notes/*.md .fuzz-corpus/
	$(BIN)/python fuzz/fuzz_parse.py -runs=$(FUZZ_RUNS) -max_total_time=$(FUZZ_SECONDS) -max_len=4096 .fuzz-corpus

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
