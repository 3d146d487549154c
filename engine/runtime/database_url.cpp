// database_url: not written yet
