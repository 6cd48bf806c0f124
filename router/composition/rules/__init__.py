"""Validation rules, one per module; `registry` lists the ones composition runs."""
