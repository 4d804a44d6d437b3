"""What the user chose: the view state, saved views and settings."""
