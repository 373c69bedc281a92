"""The sandbox layer, installed as `judge.sandbox`: backends, images and the untrusted worker.

The worker (`worker.py`) runs inside the sandbox with the standard library only; nothing in the
judge imports it.
"""
