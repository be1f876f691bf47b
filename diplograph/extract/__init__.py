"""Extract: one module per section of the record, each a function ``run(ctx) -> None``."""
