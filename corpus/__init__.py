"""Policy documents parsed into citable clauses (documents → clauses)."""
