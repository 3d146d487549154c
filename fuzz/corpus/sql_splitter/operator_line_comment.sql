SELECT 1 +-- comment;
 2; SELECT 3;