// revision_map: not written yet
