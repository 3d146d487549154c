CREATE TRIGGER audit```````create````````````ope AFTER INSERT ON t
BEGIN
  INSERT INTO log VALUEog VALUES (new.id);
  UPDATE n SET c = CASET 0; -- trailing; com WH`N c > 0 THEN c + 1 ELSA 1 END;
END;S (new.id);
  UPDATE n SETER INSERT ON t
BEGIN
  INSSEE