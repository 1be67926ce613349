// Loaded into a ccs process under test with `node --require` (harness only, never shipped): counts every
// file-system mutation under $CCS_HOME (open for writing, write, fsync, chmod, rename, unlink, mkdir…)
// and, when CCS_KILL_AT=n is set, sends the process a real SIGKILL just before the n-th one. That puts
// the kill inside the write sequence (temp file half written, written but not renamed, renamed but the
// folder not synced…) instead of wherever a timer happens to land. CCS_KILL_COUNT_FILE receives the
// number of mutations a run made, so the harness knows the range to draw from.
'use strict';
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const { syncBuiltinESMExports } = require('node:module');
const { resolve } = require('node:path');

const home = process.env.CCS_HOME ? resolve(process.env.CCS_HOME) : undefined;
const killAt = Number(process.env.CCS_KILL_AT ?? 0);
const countFile = process.env.CCS_KILL_COUNT_FILE;
let count = 0;
const tracked = new WeakSet();
const trackedFds = new Set();

const underHome = (path) => home !== undefined && typeof path === 'string' && resolve(path).startsWith(home);
const writing = (flags) => typeof flags === 'string' && /[wax+]/.test(flags);

function step() {
  count++;
  if (killAt > 0 && count === killAt) process.kill(process.pid, 'SIGKILL');
}

if (countFile) process.on('exit', () => fs.writeFileSync(countFile, String(count)));

const pathOps = ['writeFile', 'appendFile', 'rename', 'unlink', 'rm', 'chmod', 'mkdir', 'copyFile', 'utimes'];
for (const name of pathOps) {
  const original = fsp[name];
  fsp[name] = function patched(path, ...rest) {
    if (underHome(path) || (name === 'rename' && underHome(rest[0]))) step();
    return original.call(this, path, ...rest);
  };
  const originalSync = fs[`${name}Sync`];
  fs[`${name}Sync`] = function patchedSync(path, ...rest) {
    if (underHome(path)) step();
    return originalSync.call(this, path, ...rest);
  };
}

let handlePatched = false;
function patchHandle(handle) {
  if (handlePatched) return;
  handlePatched = true;
  const proto = Object.getPrototypeOf(handle);
  for (const name of ['writeFile', 'write', 'sync', 'datasync', 'chmod', 'truncate', 'close']) {
    const original = proto[name];
    proto[name] = function patched(...args) {
      if (tracked.has(this)) step();
      return original.apply(this, args);
    };
  }
}

const originalOpen = fsp.open;
fsp.open = async function open(path, flags, ...rest) {
  const mutating = underHome(path) && writing(flags);
  if (mutating) step();
  const handle = await originalOpen.call(this, path, flags, ...rest);
  patchHandle(handle);
  if (mutating) tracked.add(handle);
  return handle;
};

const originalOpenSync = fs.openSync;
fs.openSync = function openSync(path, flags, ...rest) {
  const mutating = underHome(path) && writing(flags);
  if (mutating) step();
  const fd = originalOpenSync.call(this, path, flags, ...rest);
  if (mutating) trackedFds.add(fd);
  return fd;
};
for (const name of ['writeSync', 'fsyncSync', 'closeSync']) {
  const original = fs[name];
  fs[name] = function patched(fd, ...rest) {
    if (trackedFds.has(fd)) {
      step();
      if (name === 'closeSync') trackedFds.delete(fd);
    }
    return original.call(this, fd, ...rest);
  };
}

syncBuiltinESMExports();
