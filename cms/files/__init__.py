"""Files: media storage with a private side, and documents served only to whoever may read them."""
