/**
 * The check of a guarded write (`LoginStore.finishOrAbort`): called on the rows the write changed, it
 * fails the transaction it runs in when they are not the ones expected, with a SQLSTATE of its own
 * (`rowsNotAsExpected` in pg-db.ts), so that the statements sent after it in the same round trip are
 * not committed and the caller can tell this failure from any other.
 */
export const guardedWritesMigration = `
  CREATE FUNCTION expect_rows(changed BIGINT, expected BIGINT) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF changed <> expected THEN
      RAISE EXCEPTION 'expected % changed rows, found %', expected, changed USING ERRCODE = 'ZC409';
    END IF;
  END
  $$;
`;
