// migration_plan: not written yet
