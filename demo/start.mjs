// `npm start` / `npm run start:firefox`: open a real browser with the dev build loaded on the demo page.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from './serve.mjs';

const target = process.argv[2] === 'firefox' ? 'firefox' : 'chrome';
const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 8337);

function firstExisting(paths) {
  return paths.find((p) => p && existsSync(p));
}

const demo = await startDemoServer({ port });
const startUrl = demo.url('/demo/index.html');
console.log(`Demo page: ${startUrl}`);

const args = ['web-ext', 'run', '--no-reload', '--start-url', startUrl];
if (target === 'chrome') {
  const binary = firstExisting([
    process.env.CHROME_PATH,
    '/usr/bin/google-chrome',
    '/usr/bin/chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ]);
  if (!binary) {
    console.error('No Chrome or Chromium found. Install one (Debian: apt-get install chromium) or set CHROME_PATH.');
    process.exit(1);
  }
  args.push('--target', 'chromium', '--chromium-binary', binary, '--source-dir', 'dist/chrome-dev');
  // Chromium refuses to start as root without this; ordinary users keep the sandbox.
  if (process.getuid?.() === 0) args.push('--args=--no-sandbox');
} else {
  const binary = firstExisting([process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox']);
  args.push('--target', 'firefox-desktop', '--source-dir', 'dist/firefox-dev');
  if (binary) args.push('--firefox', binary);
}

const child = spawn('npx', args, { cwd: root, stdio: 'inherit' });
const stop = async (code) => {
  await demo.close();
  process.exit(code ?? 0);
};
child.on('exit', (code) => void stop(code));
process.on('SIGINT', () => child.kill('SIGINT'));
process.on('SIGTERM', () => child.kill('SIGTERM'));
