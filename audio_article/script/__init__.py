"""Script stage: `Article` + voice profile + lexicons -> `Script`, normalized."""
