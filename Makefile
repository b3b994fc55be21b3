# Everyday commands. `make chat` on a fresh machine installs everything and opens the terminal chat.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup chat run api test bench kb lint i18n-extract i18n-update i18n-compile clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the project with its dev tools

chat: setup ## the bot in the terminal on the embedded defaults (no token needed)
	$(PY) run_bot.py chat $(ARGS)

run: setup ## the Telegram bot (needs BOT_TOKEN)
	$(PY) run_bot.py $(ARGS)

api: setup ## the back-office HTTP API alone
	$(PY) run_bot.py api $(ARGS)

kb: setup ## rebuild the knowledge base cache
	$(PY) -m knowledge build

test: setup ## the whole test suite
	$(PY) -m pytest -q $(ARGS)

bench: setup ## knowledge-base benchmarks (ours vs a BM25 baseline, seeds and 100x corpus)
	$(PY) -m benchmarks.bench_knowledge $(ARGS)

lint: setup
	$(VENV)/bin/ruff check .

# Translations: one gettext domain per area of the code, paths in locales/domains.cfg.
i18n-extract: setup
	@grep -E '^[a-z]+ *=' locales/domains.cfg | while IFS='=' read -r domain paths; do \
	  domain=$$(echo $$domain); existing=""; \
	  for p in $$paths; do [ -e "$$p" ] && existing="$$existing $$p"; done; \
	  [ -n "$$existing" ] || continue; \
	  $(VENV)/bin/pybabel extract -q --no-location -k N_ -k _ -k Msg -k tn:2,3 -o locales/$$domain.pot $$existing; \
	done

i18n-update: i18n-extract
	@for pot in locales/*.pot; do domain=$$(basename $$pot .pot); \
	  for lang in kk ru; do \
	    $(VENV)/bin/pybabel update -q --no-fuzzy-matching -D $$domain -l $$lang -d locales -i $$pot; \
	  done; done

i18n-compile: setup
	@for po in locales/*/LC_MESSAGES/*.po; do \
	  $(VENV)/bin/pybabel compile -q -i $$po -o $${po%.po}.mo; done

clean:
	rm -rf $(VENV) data
