# Two commands matter: `make run` and `make test`. Both bootstrap .venv on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TS     := $(wildcard resources/i18n/*.ts)
QM     := $(TS:.ts=.qm)

.PHONY: run test bench bundle lint translations update-translations screenshot clean demo doctor check-qt

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

# Re-scan the sources for tr()/translate() strings (keeps existing translations).
update-translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -locations none -no-obsolete $$(find checkpoint_app -name '*.py' | sort) -ts resources/i18n/checkpoint_zh_CN.ts

# The app starts only after checkpoint_app/qtcheck.py found every system library of Qt's
# X11 plugin (else it prints the apt-get line; Qt's own message names none of them).
run: $(STAMP) $(QM)
	@$(PY) -m checkpoint_app.qtcheck
	$(PY) -m checkpoint_app $(ARGS)

demo: $(STAMP) $(QM)
	@$(PY) -m checkpoint_app.qtcheck
	$(PY) -m checkpoint_app --demo $(ARGS)

# CI, after installing packaging/debian-packages.txt: every library of the X11 plugin resolves.
check-qt: $(STAMP)
	$(PY) -m checkpoint_app.qtcheck --must-resolve

test: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_bench.py $(ARGS)

screenshot: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) docs/make_screenshot.py

bundle: $(STAMP) $(QM)
	$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build packaging/checkpoint.spec
	QT_QPA_PLATFORM=offscreen dist/checkpoint-app/checkpoint-app --self-test
	dist/checkpoint-app/checkpoint-central --help >/dev/null
	$(PY) packaging/zip_bundle.py dist

# ruff (pyflakes, pycodestyle, bugbear) over the tree; mypy over core, db and services (pyproject.toml).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(PY) -m mypy

clean:
	rm -rf build dist $(QM)
