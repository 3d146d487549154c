// driver_registry: not written yet
