// Builds the server (tsc) and the web app (vite) when their sources are newer than the build, so that
// `npm start` always runs the current code and costs nothing when the build is fresh.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function newest(dir, skip = []) {
  let latest = 0;
  if (!fs.existsSync(dir)) return latest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip.includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full, skip) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

function stale(sources, output) {
  if (!fs.existsSync(output)) return true;
  return sources.some((s) => newest(s, ['node_modules', 'dist']) > fs.statSync(output).mtimeMs);
}

const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });
const serverMarker = path.join(root, 'dist', 'src', 'server', 'main.js');
if (stale([path.join(root, 'src')], serverMarker)) {
  console.log('[relais] compilation du serveur / building the server…');
  run('npx tsc -p tsconfig.build.json');
  fs.utimesSync(serverMarker, new Date(), new Date());
}
const webMarker = path.join(root, 'web', 'dist', 'index.html');
if (fs.existsSync(path.join(root, 'web', 'index.html')) && stale([path.join(root, 'web')], webMarker)) {
  console.log('[relais] construction de l’application web / building the web app…');
  run('npx vite build --config web/vite.config.ts --logLevel warn');
}
