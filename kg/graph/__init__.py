"""Graph assembly: merge works, keep one claim per (subject, direction, object, negated), score."""
