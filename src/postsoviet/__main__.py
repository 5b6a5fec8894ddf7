"""``python -m postsoviet``: the same command line as the ``postsoviet`` script."""

from postsoviet.cli.main import main

if __name__ == "__main__":
    main()
