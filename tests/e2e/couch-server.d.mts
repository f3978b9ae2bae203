import type { ChildProcess } from 'node:child_process';
export const ADMIN: { user: string; password: string };
export function adminAuth(): string;
export function freePort(): Promise<number>;
export function spawnCouch(port: number, dir: string): Promise<ChildProcess>;
export function killCouch(child: ChildProcess | undefined): Promise<void>;
export function couchRequest(url: string, path: string, init?: RequestInit): Promise<Response>;
