"""The database: engine and unit of work, model registry, dialects, migrations, backups, opening."""
