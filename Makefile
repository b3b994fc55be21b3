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
# Markers (besides Babel's defaults _, gettext, ngettext, N_...): Msg(msgid, ...), t(lang, msgid),
# tn(lang, singular, plural, n) and NP_(singular, plural) for tables of plural pairs.
# Extraction method: domain/i18n_extract.py (locales/babel.cfg); tests/test_i18n_catalogues.py
# extracts with the same method and keywords.
I18N_KEYWORDS := -k N_ -k _ -k Msg -k t:2 -k tn:2,3 -k NP_:1,2
i18n-extract: setup
	@grep -E '^[a-z]+ *=' locales/domains.cfg | while IFS='=' read -r domain paths; do \
	  domain=$$(echo $$domain); existing=""; \
	  for p in $$paths; do [ -e "$$p" ] && existing="$$existing $$p"; done; \
	  [ -n "$$existing" ] || continue; \
	  $(VENV)/bin/pybabel -q extract -F locales/babel.cfg --no-location --no-wrap $(I18N_KEYWORDS) \
	    -o locales/$$domain.pot $$existing; \
	done

i18n-update: i18n-extract
	@for pot in locales/*.pot; do domain=$$(basename $$pot .pot); \
	  for lang in kk ru; do \
	    $(VENV)/bin/pybabel -q update --no-fuzzy-matching --no-wrap \
	      -D $$domain -l $$lang -d locales -i $$pot; \
	  done; done

i18n-compile: setup
	@for po in locales/*/LC_MESSAGES/*.po; do \
	  $(VENV)/bin/pybabel -q compile -i $$po -o $${po%.po}.mo; done

clean:
	rm -rf $(VENV) data
