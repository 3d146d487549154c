// history_table: not written yet
