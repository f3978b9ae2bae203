export function keepDerivedRows(tx: IDBTransaction, changes: [rows: unknown[], sign: 1 | -1][]): void;
