// Types for the e2e tests that seed people with the benchmarks' generator (people.mjs).
export function generatePeople(from: number, to: number, now: number, asRows: boolean): Record<string, unknown>[];
export function backupWith(people: Record<string, unknown>[], now: number): Record<string, unknown>;
