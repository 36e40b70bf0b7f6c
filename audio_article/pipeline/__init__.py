"""The build: one article through every stage into an output folder."""
