"""Show stage: episodes -> the show's store and its feed."""
