"""Text → vectors → indexes: encoders, the FAISS dense index, BM25, and the on-disk index folder."""
