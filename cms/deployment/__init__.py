"""The deployment: deploy checks of our settings and the database as a service."""
