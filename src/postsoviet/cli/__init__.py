"""The command-line face of postsoviet (Typer + Rich)."""
