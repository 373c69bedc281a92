"""Built-in non-challenge plugins (reporters). Each module registers through judge's hooks."""
