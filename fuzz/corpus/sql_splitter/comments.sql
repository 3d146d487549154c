SELECT 1 -- not; the end
, 2; /* nor ; this */ SELECT 3;