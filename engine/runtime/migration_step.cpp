// migration_step: not written yet
