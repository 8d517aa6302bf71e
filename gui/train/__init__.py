"""The Train tab: settings form, progress, live curves, and the worker that trains in a QThread."""
