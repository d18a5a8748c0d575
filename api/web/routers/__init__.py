"""HTTP routers of the app, one per kind of user (see api/web/server.py)."""
