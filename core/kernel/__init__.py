"""Pieces every area shares: changes, errors, money, dates, jobs, text folding, paths."""
