"""A random federation (random_scenarios.py, seed 3): composite key, shared root, price in reviews; an @interfaceObject on Account."""

from random_scenarios import random_scenario

SUBGRAPHS, DATA, OPERATIONS = random_scenario(seed=3)
