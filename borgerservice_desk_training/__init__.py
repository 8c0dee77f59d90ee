"""Building the MRZ reader's OCR-B model: not part of the program a clerk runs.

The desk reads the model with numpy alone (`borgerservice_desk.scanning.ocrb`); training it needs
scikit-learn and the fonts, and runs at build time (`scripts/build_ocrb_model.py`, `make setup`).
`recipe` names what a model is made from, and is the only module here the desk itself looks at: to find the
model built from the recipe it has.
"""
