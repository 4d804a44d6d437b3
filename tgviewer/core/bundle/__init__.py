"""The bundle: its model, reading, writing and validation, and the problems found."""
