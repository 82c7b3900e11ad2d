"""The customer council and appreciation evenings."""
