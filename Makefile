# Two commands for a fresh Debian machine with Python 3.11+:
#   make run   - set up, create and migrate the database, seed demo data (--demo), open the window
#   make test  - the same set-up plus test dependencies, then the gates, then every test, headless
#   make gates - only the gates: ruff, mypy (strict) and the import contracts (lint-imports)
#   make mutate - mutation testing of domain and services (mutmut, long: see the README), then the score
#   make mutate-sample - the services' score estimated from a random sample of the unchecked mutants
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Tesseract for PassportEye; the fonts the OCR-B model is trained from (borgerservice_desk_training/recipe.py
# FONT_PACKAGES: the model's key hashes them, so the desk needs them to find its model); poppler to look at
# receipts as PNG.
TRAINING_FONT_PACKAGES := fonts-ocr-b fonts-dejavu-core fonts-jetbrains-mono fonts-firacode fonts-go
SCAN_PACKAGES := tesseract-ocr tesseract-ocr-eng $(TRAINING_FONT_PACKAGES) poppler-utils
# What Qt's xcb plugin needs to open a real window.
WINDOW_PACKAGES := libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1 \
	libfontconfig1 libdbus-1-3 fonts-dejavu-core
# FreeMono Bold, Liberation Mono and Noto Sans Mono: fonts the OCR-B model never learns, for the tests of print it
# has not seen and the benchmark's unseen-font zones (a test checks that none of them is a font the model learns).
TEST_PACKAGES := postgresql xvfb xauth fonts-freefont-ttf fonts-liberation2 fonts-noto-mono

.PHONY: run test gates setup setup-test clean i18n ocrb-model mutate mutate-sample

TRANSLATIONS := ui/i18n/desk_da.qm

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# constraints.txt pins every version (the OCR-B model's bytes depend on some of them); `training` is what
# building the model needs beyond the desk itself (scikit-learn).
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[training]'
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test,training]'
	touch $(VENV)/.installed $@

# The Danish translation: .ts in git, .qm built from it into the ui package (it ships as package data).
ui/i18n/%.qm: resources/i18n/%.ts | $(VENV)/.installed
	mkdir -p ui/i18n
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# After changing texts in ui/: refresh the .ts (keeps existing translations), then translate the new ones.
i18n: $(VENV)/.installed
	$(BIN)/pyside6-lupdate ui/*.py -ts resources/i18n/desk_da.ts

# The MRZ reader's OCR-B model is built from the fonts (a few minutes, once per recipe; kept in the user's
# cache under a hash of the training code and fonts). The build fails if the model reads held-out cells badly.
ocrb-model: $(VENV)/.installed
	$(BIN)/python scripts/build_ocrb_model.py

setup: $(VENV)/.installed $(TRANSLATIONS)
	bash scripts/ensure-debian-packages.sh $(SCAN_PACKAGES) $(WINDOW_PACKAGES)
	$(MAKE) ocrb-model

setup-test: $(VENV)/.installed-test $(TRANSLATIONS)
	bash scripts/ensure-debian-packages.sh $(SCAN_PACKAGES) $(WINDOW_PACKAGES) $(TEST_PACKAGES)
	$(MAKE) ocrb-model

run: setup
	$(BIN)/python main.py --demo $(ARGS)

# The gates, before any test: lint rules, strict types on the core, the widgets and main.py, and the layers'
# import contracts (all in pyproject.toml). Each is a few seconds; a finding fails the build like a test.
gates: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m mypy
	$(BIN)/lint-imports

# One test process per core (TEST_WORKERS=0 runs them in this process, e.g. to debug one test).
TEST_WORKERS ?= auto
test: setup-test gates
	QT_QPA_PLATFORM=offscreen bash scripts/with-postgres.sh $(BIN)/python -m pytest -n $(TEST_WORKERS) --durations=30 $(PYTEST_ARGS)

# Mutation testing: mutmut (configured in pyproject.toml) mutates domain/ and services/ in a copy under
# mutants/ and runs the unit and integration tests that reach each mutant. Two workers by default (the
# machine has two cores); MUTANTS narrows the run, e.g. MUTANTS='borgerservice_desk.services.queue*'.
# Results are kept in mutants/ between runs: only changed code is tested again. The mutants of the
# functions that build the MRZ tables at import are then run again, each in a fresh process (mutmut's
# forked ones cannot see them): about 10 minutes; MUTATE_IMPORT_TIME=no leaves them out.
MUTATE_CHILDREN ?= 2
MUTANTS ?=
MUTATE_IMPORT_TIME ?= yes
mutate: $(VENV)/.installed-test $(TRANSLATIONS)
	QT_QPA_PLATFORM=offscreen $(BIN)/mutmut run --max-children $(MUTATE_CHILDREN) $(MUTANTS)
	if [ "$(MUTATE_IMPORT_TIME)" = yes ]; then $(BIN)/python scripts/mutate_import_time.py --workers $(MUTATE_CHILDREN); fi
	$(BIN)/python scripts/mutation_score.py

# When a whole run is out of reach (the services take many hours): a seeded random sample of the mutants
# not checked yet, run by name, and the package's score estimated from it (scripts/mutation_sample.py).
# Needs mutants/ from a `make mutate` started before (stop it whenever).
SAMPLE_SIZE ?= 500
SAMPLE_PACKAGE ?= borgerservice_desk.services
mutate-sample: $(VENV)/.installed-test $(TRANSLATIONS)
	@test -d mutants || { echo "No mutants/ yet: start 'make mutate' first (stop it whenever)."; exit 1; }
	$(BIN)/python scripts/mutation_sample.py --package $(SAMPLE_PACKAGE) pick --size $(SAMPLE_SIZE) > mutants/sample.txt
	QT_QPA_PLATFORM=offscreen $(BIN)/mutmut run --max-children $(MUTATE_CHILDREN) $$(cat mutants/sample.txt)
	$(BIN)/python scripts/mutation_sample.py --package $(SAMPLE_PACKAGE) estimate mutants/sample.txt

clean:
	rm -rf $(VENV) build *.egg-info mutants
