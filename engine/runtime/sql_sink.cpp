// sql_sink: not written yet
