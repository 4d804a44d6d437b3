"""Reference data: countries, their names and regions, population."""
