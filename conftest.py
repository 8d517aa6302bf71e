# Root conftest: its presence puts the project root on sys.path (pytest's default "prepend"
# import mode), so tests can `import core` and `import gui` without installing the project.
