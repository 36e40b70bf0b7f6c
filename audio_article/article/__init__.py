"""Article stage: a file, URL or text in any supported format -> `Article`."""
