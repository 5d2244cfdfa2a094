"""Pure jury rules: allocation of entries to jurors, ballots to rankings, contest eligibility.

Plain data in, plain data out: no HTTP, database or Django (tests/unit/test_architecture.py); randomness and
the clock are passed in. An entry is any hashable key (a photo's file name, an article's title), so photo
and article contests share the same rounds and rankings.
"""
