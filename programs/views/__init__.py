"""Views of remisser, split by task; urls.py imports the modules directly."""
