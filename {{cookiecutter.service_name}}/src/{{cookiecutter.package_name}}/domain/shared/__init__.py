"""The shared kernel: value objects the whole model agrees on."""
