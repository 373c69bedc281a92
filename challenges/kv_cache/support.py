"""Runs on both sides: torch dtypes cannot cross the wire, so the judge builds them here and passes the
kept dtype object to KVCache(..., dtype=...)."""
import torch


def dtype(name):
    return getattr(torch, name)
