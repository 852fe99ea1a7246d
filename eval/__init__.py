"""Question set → scores: retrieval and answer accuracy of the system and its baselines."""
