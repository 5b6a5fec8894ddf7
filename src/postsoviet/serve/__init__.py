"""``postsoviet serve``: a dashboard and a versioned HTTP API over the world, models and scenarios.

A face, like :mod:`postsoviet.cli`: it loads the world and configuration once, then answers
requests by calling the models through the registry and the scenarios and runs layers.
Needs the ``serve`` extra (``pip install 'postsoviet[serve]'``: FastAPI and uvicorn).
"""
