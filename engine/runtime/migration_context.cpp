// migration_context: not written yet
