"""A random federation (random_scenarios.py, seed 10): single key, shared root, two-level value type; an @interfaceObject on Account."""

from random_scenarios import random_scenario

SUBGRAPHS, DATA, OPERATIONS = random_scenario(seed=10)
