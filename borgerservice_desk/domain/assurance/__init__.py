"""Identity assurance at the counter and getting a citizen a working MitID method again.

The public MitID rules for help at a citizen service centre (shared/DOMAIN.md, "Identity assurance and
getting a working method again"), one file per rule:

- `documents`: which documents count at all (valid, physical, not temporary) and what each one is;
- `levels`: the assurance level (substantial, high) a combination of documents reaches;
- `witness`: who may witness for a citizen, and how often;
- `control_questions`: questions drawn from register data, N of M answered right;
- `errands`: what each errand at the counter needs, and in plain terms what is still missing;
- `activation_code`: the code for a new MitID app: random, shown once, stored as a hash, expiring, superseding;
- `devices`: code displays, audio code readers and chips handed out from the centre's stock.

Pure values and functions: no clock, no database, no Qt. Services hand in the time and the stored facts.
"""
