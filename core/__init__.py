"""Regulars domain core. Pure Python: no PySide6 import anywhere below here."""
