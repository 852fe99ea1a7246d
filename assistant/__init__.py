"""Question → cited answer: query understanding, hybrid retrieval, grounded answers, the CLI."""
