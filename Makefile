# Two commands for a fresh Debian machine with Python 3.11+:
#   make run   - set up, create and migrate the database, seed demo data (--demo), open the window
#   make test  - the same set-up plus test dependencies, then every test, headless
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Tesseract for PassportEye; the OCR-B font for test images; poppler to look at receipts as PNG.
SCAN_PACKAGES := tesseract-ocr tesseract-ocr-eng fonts-ocr-b fonts-dejavu-core poppler-utils
# What Qt's xcb plugin needs to open a real window.
WINDOW_PACKAGES := libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1 \
	libfontconfig1 libdbus-1-3 fonts-dejavu-core
TEST_PACKAGES := postgresql xvfb xauth
export OMP_THREAD_LIMIT := 1

.PHONY: run test setup setup-test clean i18n ocrb-model

TRANSLATIONS := resources/i18n/desk_da.qm

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

# The Danish translation: .ts in git, .qm built from it.
resources/i18n/%.qm: resources/i18n/%.ts | $(VENV)/.installed
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

test: setup-test
	QT_QPA_PLATFORM=offscreen bash scripts/with-postgres.sh $(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info
