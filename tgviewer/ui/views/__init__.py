"""The Qt views: each draws its core view model."""
