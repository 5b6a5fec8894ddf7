"""The data layer: the schema of the world files, reading, overlaying and validating them."""

from postsoviet.data.load import check_folder, collect_tables, read_tables
from postsoviet.data.read import EMBEDDED_DIR
from postsoviet.data.schema import REGION_VARIABLES, STATE_VARIABLES, TABLES

__all__ = [
    "EMBEDDED_DIR",
    "REGION_VARIABLES",
    "STATE_VARIABLES",
    "TABLES",
    "check_folder",
    "collect_tables",
    "read_tables",
]
