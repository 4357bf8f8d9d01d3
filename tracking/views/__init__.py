"""SLK's reading views, split by task; tracking/urls.py imports the modules directly."""
