# PolicyGraph developer commands.
#   make test    the test suite, as CI runs it (scripts/test.sh)
#   make bench   every benchmark at 10/100/1,000 documents -> bench/RESULTS.md
#                (Neo4j legs run when NEO4J_URI is set: they clear that database)
#   make corpus  just the synthetic corpora under bench/out/

PYTHON ?= python3
SIZES ?= 10,100,1000

.PHONY: test bench corpus

test:
	bash scripts/test.sh

bench:
	$(PYTHON) -m bench.run_all --sizes $(SIZES)

corpus:
	for n in $$(echo $(SIZES) | tr , " "); do $(PYTHON) -m bench.corpus --docs $$n; done
