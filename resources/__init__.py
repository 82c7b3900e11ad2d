"""The files that ship with Regulars: fonts, help pages, translations, icons and templates.

A package only so that `importlib.resources` finds this folder the same way in a source
checkout and in the packaged app (core.kernel.resources.resource_path)."""
