"""Demo data: a database full of realistic customers and their history."""
