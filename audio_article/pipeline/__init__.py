"""The build: one article through every stage into an output folder.

In: an article (path or URL) and `BuildOptions` (`options.py`). Out: an
`Episode`, its MP3 and companion files renamed into the output folder.
`build.py` prepares the script, reuses a fresh build or plans the narration
and starts its workers; `steps.py` is the build itself, one named step after
another over a `BuildContext` (`context.py`), writing into a staging folder
(`staging.py`); `companions.py` writes the files beside the MP3 and the
manifest.
"""
