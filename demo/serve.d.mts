export function startDemoServer(options?: { port?: number }): Promise<{
  origin: string;
  url: (path: string) => string;
  close: () => Promise<void>;
}>;
