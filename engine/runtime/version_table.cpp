// version_table: not written yet
