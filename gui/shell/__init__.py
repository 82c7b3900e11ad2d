"""The window around the areas: start-up, main window, operations runner, excepthook."""
