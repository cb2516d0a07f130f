#!/usr/bin/env -S npx tsx
// `npm run data:cifar10`: downloads the official CIFAR-10 binary archive, checks its MD5, and unpacks it
// into public/cifar10/full/{train,test}.bin.gz + manifest.json, which the app then prefers to the
// bundled subset. Resumable: the download grows in node_modules/.cache/cifar10/*.part and continues
// with an HTTP Range request. Offline it fails at once and says what still works.
//   npm run data:cifar10                      download, verify, unpack
//   npm run data:cifar10 -- path/to/cifar-10-binary.tar.gz   verify and unpack an archive fetched elsewhere
//   npm run data:cifar10 -- --force           unpack again even if public/cifar10/full/ exists
// Runs under tsx because it reuses the TypeScript parsers of src/data (through cifar10-archive.ts).
import { lookup } from 'node:dns/promises';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'cifar10', 'full');
const cacheDir = join(root, 'node_modules', '.cache', 'cifar10');
const CONNECT_TIMEOUT_MS = 10_000;
const STALL_TIMEOUT_MS = 60_000;
// CIFAR10_URL: a mirror (the MD5 check still applies)
const URL_ = process.env.CIFAR10_URL;

let A;
try {
  A = await import('./cifar10-archive.ts');
} catch (err) {
  if (err?.code === 'ERR_UNKNOWN_FILE_EXTENSION') {
    console.error('download-cifar10: run me through npm (it uses tsx): `npm run data:cifar10`');
    process.exit(1);
  }
  throw err;
}

const args = process.argv.slice(2);
const force = args.includes('--force');
const localArchive = args.find((a) => !a.startsWith('--'));
const archivePath = join(cacheDir, A.CIFAR10_ARCHIVE_NAME);

class Offline extends Error {}

function offlineMessage(why) {
  return [
    `download-cifar10: no connection to ${new URL(URL_ ?? A.CIFAR10_URL).host} (${why}).`,
    '  The bundled real subset (5 085 train / 1 017 test images, public/cifar10/subset/) stays in place; the app keeps using it.',
    `  For the full set, download ${A.CIFAR10_URL} on a machine with internet`,
    '  (md5 c32a1d4ab5d03f1284b67883e8d87530), then either drop it on the page\'s "Load CIFAR-10…" button',
    '  or run: npm run data:cifar10 -- path/to/cifar-10-binary.tar.gz',
  ].join('\n');
}

const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;

function progress(done, total, startedAt, startBytes) {
  const secs = (Date.now() - startedAt) / 1000;
  const rate = secs > 0 ? (done - startBytes) / secs : 0;
  const pct = total ? `${((100 * done) / total).toFixed(1)}%` : '';
  const line = `download-cifar10: ${pct} ${mb(done)}${total ? ` / ${mb(total)}` : ''} at ${mb(rate)}/s`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}   `);
  else process.stderr.write(`${line}\n`);
}

/** One GET with Range from `offset`; resolves when the .part file is complete. Follows redirects. */
function download(url, partPath, offset, redirects = 0) {
  return new Promise((resolveDone, reject) => {
    const headers = offset > 0 ? { Range: `bytes=${offset}-` } : {};
    let connected = false;
    const get = url.startsWith('http:') ? httpGet : httpsGet;
    const req = get(url, { headers }, (res) => {
      connected = true;
      if ([301, 302, 303, 307, 308].includes(res.statusCode) && res.headers.location && redirects < 5) {
        res.resume();
        resolveDone(download(new URL(res.headers.location, url).href, partPath, offset, redirects + 1));
        return;
      }
      if (res.statusCode === 416) {
        res.resume(); // the .part is already whole (or longer than the file: the MD5 check will tell)
        resolveDone();
        return;
      }
      if (res.statusCode !== 200 && res.statusCode !== 206) {
        res.resume();
        reject(new Error(`download-cifar10: ${url} answered HTTP ${res.statusCode}.`));
        return;
      }
      const append = res.statusCode === 206; // a 200 to a Range request means the server starts over
      const start = append ? offset : 0;
      const total = res.headers['content-length'] ? start + Number(res.headers['content-length']) : undefined;
      if (offset > 0) console.error(append ? `download-cifar10: resuming at ${mb(offset)}` : 'download-cifar10: the server does not resume; starting over');
      const out = createWriteStream(partPath, { flags: append ? 'a' : 'w' });
      let done = start;
      let last = 0;
      const startedAt = Date.now();
      res.setTimeout(STALL_TIMEOUT_MS, () => res.destroy(new Error(`no data for ${STALL_TIMEOUT_MS / 1000} s`)));
      res.on('data', (chunk) => {
        done += chunk.length;
        if (Date.now() - last > 500) {
          last = Date.now();
          progress(done, total, startedAt, start);
        }
      });
      let failed = false;
      res.on('error', (err) => {
        failed = true;
        out.end();
        reject(new Error(`download-cifar10: the download broke off at ${mb(done)} (${err.message}); run the command again to resume.`));
      });
      res.pipe(out);
      out.on('finish', () => {
        if (failed) return;
        progress(done, total, startedAt, start);
        if (process.stderr.isTTY) process.stderr.write('\n');
        if (total !== undefined && done < total) reject(new Error(`download-cifar10: the download stopped at ${mb(done)} of ${mb(total)}; run the command again to resume.`));
        else resolveDone();
      });
    });
    // A short connect timeout so an offline machine (or a firewall that drops packets) fails fast.
    req.setTimeout(CONNECT_TIMEOUT_MS, () => {
      if (!connected) req.destroy(new Offline(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`));
    });
    req.on('error', (err) => {
      if (err instanceof Offline) reject(err);
      else if (!connected && ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'ETIMEDOUT'].includes(err.code)) {
        reject(new Offline(err.code));
      } else reject(err);
    });
  });
}

async function fetchArchive() {
  if (existsSync(archivePath)) {
    console.error(`download-cifar10: using the archive downloaded before, ${archivePath}`);
    return archivePath;
  }
  const url = URL_ ?? A.CIFAR10_URL;
  const host = new URL(url).hostname;
  try {
    await lookup(host); // fails in milliseconds when there is no network at all
  } catch (err) {
    throw new Offline(`DNS lookup of ${host} failed: ${err.code ?? err.message}`);
  }
  mkdirSync(cacheDir, { recursive: true });
  const part = `${archivePath}.part`;
  const offset = existsSync(part) ? statSync(part).size : 0;
  console.error(`download-cifar10: downloading ${url} (about 170 MB) to ${part}`);
  await download(url, part, offset);
  renameSync(part, archivePath);
  return archivePath;
}

async function main() {
  if (!force && !localArchive && existsSync(join(outDir, 'manifest.json'))) {
    console.error(`download-cifar10: the full set is already in ${outDir} (use --force to unpack it again).`);
    return;
  }
  const path = localArchive ? resolve(localArchive) : await fetchArchive();
  const bytes = new Uint8Array(readFileSync(path));
  console.error(`download-cifar10: checking the MD5 of ${path}`);
  try {
    A.checkMd5(bytes);
  } catch (err) {
    if (!localArchive) rmSync(path, { force: true }); // a corrupt download must not be reused on the next run
    throw new Error(`${err.message}${localArchive ? '' : '\n  The file was deleted; run the command again to download it afresh.'}`);
  }
  console.error('download-cifar10: unpacking');
  const splits = A.extractOfficialArchive(bytes, path);
  const records = { train: splits.train.length / 3073, test: splits.test.length / 3073 };
  if (records.train !== 50000 || records.test !== 10000) {
    throw new Error(`download-cifar10: the archive holds ${records.train} / ${records.test} records, expected 50 000 / 10 000.`);
  }
  console.error(`download-cifar10: compressing into ${outDir} (takes a minute)`);
  const manifest = A.packCifar(outDir, splits, 'full', A.fullDescription(records.train, records.test));
  console.error(`download-cifar10: done — ${manifest.description}. Reload the page to use it.`);
}

try {
  await main();
} catch (err) {
  console.error(err instanceof Offline ? offlineMessage(err.message) : err.message);
  process.exit(1);
}
