export const id = 336;
export const ids = [336];
export const modules = {

/***/ 6336:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  acquireRfs: () => (/* binding */ acquireRfs)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 340 modules
var cache = __webpack_require__(1691);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/rfs-release/locate.ts




/** Looks at the file system: whether a regular file this process may execute is at `path`. */
function existsAsExecutable(path) {
    try {
        if (!(0,external_node_fs_.statSync)(path).isFile())
            return false;
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
/** The `rfs-path` input: it names a binary on purpose, so anything wrong with it is an error. */
function fromInput(path, projectRoot, label) {
    const input = label('rfs-path');
    const absolute = (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(projectRoot, path);
    let isFile;
    try {
        isFile = (0,external_node_fs_.statSync)(absolute).isFile();
    }
    catch {
        throw new errors/* UserError */.yo(`${input}: ${absolute} does not exist; give the path of an rfs binary or leave ${input} empty`);
    }
    if (!isFile)
        throw new errors/* UserError */.yo(`${input}: ${absolute} is not a file; give the path of the rfs binary itself`);
    if (!existsAsExecutable(absolute)) {
        throw new errors/* UserError */.yo(`${input}: ${absolute} is not executable; run chmod +x on it`);
    }
    return absolute;
}
/** The first executable `rfs` in the PATH directories, as a shell would pick it. */
function onPath(pathVariable = process.env.PATH) {
    for (const dir of (pathVariable ?? '').split(external_node_path_.delimiter)) {
        if (!dir)
            continue;
        const candidate = (0,external_node_path_.resolve)(dir, 'rfs');
        if (existsAsExecutable(candidate))
            return candidate;
    }
    return undefined;
}
const PREFERRED_TARGET = 'x86_64-unknown-linux-musl';
/**
 * A binary already built in the source tree: `target/<triple>/release/rfs`, the static musl build
 * first (what Zero-OS ships), then any other triple, then a host build in `target/release/rfs`.
 */
function inSourceTree(source) {
    const targetDir = (0,external_node_path_.join)(source, 'target');
    let triples;
    try {
        triples = (0,external_node_fs_.readdirSync)(targetDir, { withFileTypes: true })
            .filter(entry => entry.isDirectory() && entry.name !== 'release' && entry.name !== 'debug')
            .map(entry => entry.name)
            .sort((a, b) => Number(b === PREFERRED_TARGET) - Number(a === PREFERRED_TARGET) || a.localeCompare(b));
    }
    catch {
        return undefined;
    }
    const candidates = [
        ...triples.map(triple => (0,external_node_path_.join)(targetDir, triple, 'release', 'rfs')),
        (0,external_node_path_.join)(targetDir, 'release', 'rfs')
    ];
    return candidates.find(existsAsExecutable);
}

// EXTERNAL MODULE: ./src/rfs-release/run.ts + 1 modules
var run = __webpack_require__(4749);
;// CONCATENATED MODULE: ./src/rfs-release/build-cache.ts








/** Build output and tooling that do not change what is built. */
const NOT_SOURCE = new Set(['target', '.git', 'node_modules']);
/**
 * Identifies the source to build: the git tree id of the source directory when it is a clean git
 * checkout (the same rfs at any commit of the enclosing repository gives the same key), else a
 * hash of its files.
 */
async function sourceFingerprint(source) {
    return (await gitTree(source)) ?? `sha256-${await hashTree(source)}`;
}
async function gitTree(source) {
    try {
        const tree = await (0,run/* runProgram */.mB)('git', ['-C', source, 'rev-parse', 'HEAD:./']);
        if (tree.code !== 0)
            return undefined;
        const status = await (0,run/* runProgram */.mB)('git', ['-C', source, 'status', '--porcelain', '--', '.']);
        if (status.code !== 0 || status.stdout.trim() !== '')
            return undefined;
        const id = tree.stdout.trim();
        return /^[0-9a-f]{40,64}$/.test(id) ? `git-${id}` : undefined;
    }
    catch {
        return undefined;
    }
}
async function hashTree(root) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const walk = async (dir) => {
        const entries = (await (0,promises_.readdir)(dir, { withFileTypes: true })).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
        for (const entry of entries) {
            if (dir === root && NOT_SOURCE.has(entry.name))
                continue;
            if (entry.name === '.git')
                continue;
            const path = (0,external_node_path_.join)(dir, entry.name);
            const name = (0,external_node_path_.relative)(root, path).split(external_node_path_.sep).join('/');
            if (entry.isDirectory()) {
                await walk(path);
            }
            else if (entry.isFile()) {
                const executable = ((await (0,promises_.stat)(path)).mode & 0o111) !== 0;
                hash.update(`${name}\0${executable ? 'x' : '-'}\0`);
                hash.update(await (0,promises_.readFile)(path));
                hash.update('\0');
            }
            else if (entry.isSymbolicLink()) {
                hash.update(`${name}\0l\0`);
            }
        }
    };
    await walk(root);
    return hash.digest('hex');
}
function buildCacheKey(fingerprint, target) {
    return `rfs-bin-${(0,external_node_os_.platform)()}-${(0,external_node_os_.arch)()}-${target ?? 'host'}-${fingerprint}`;
}
/**
 * Where the cached binary lives: inside the source's target directory, so the path is the same on
 * every run of the workflow (@actions/cache matches paths as well as keys) and cargo clean drops it.
 */
function cachedBinaryPath(source) {
    return (0,external_node_path_.join)(source, 'target', 'rfs-flist-action', 'rfs');
}
/**
 * No cache service (self-hosted Forgejo/Gitea without one, a shell run) only costs a build, so
 * every trouble here is a warning.
 */
function available() {
    try {
        return cache/* isFeatureAvailable */.w3();
    }
    catch {
        return false;
    }
}
/** The binary of an earlier build of the same source, if the cache has it. */
async function restoreBuilt(source, key, log) {
    if (!available()) {
        log.warning('No cache service here, so rfs is built from source on every run');
        return undefined;
    }
    const path = cachedBinaryPath(source);
    try {
        const hit = await cache/* restoreCache */.P3([path], key);
        if (hit && existsAsExecutable(path))
            return path;
    }
    catch (error) {
        log.warning(`Could not restore the rfs build from the cache: ${(0,errors/* oneLine */.TN)(error)}`);
    }
    return undefined;
}
/** Keeps a fresh build for later runs. */
async function saveBuilt(binary, source, key, log) {
    // Restoring has already warned when there is no cache service.
    if (!available())
        return;
    const path = cachedBinaryPath(source);
    try {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
        await (0,promises_.copyFile)(binary, path);
        await (0,promises_.chmod)(path, 0o755);
        await cache/* saveCache */.Io([path], key);
    }
    catch (error) {
        log.warning(`Could not save the rfs build to the cache: ${(0,errors/* oneLine */.TN)(error)}`);
    }
}

;// CONCATENATED MODULE: ./src/rfs-release/build.ts





const FEATURE = 'build-binary';
/**
 * Whether Cargo.toml declares the `build-binary` feature, which rfs needs for its binary. A crate
 * without it (a fork, a stand-in) would make `--features build-binary` fail, so it is only asked
 * for when declared. A plain scan is enough for the two spellings TOML allows here.
 */
function declaresBuildBinary(cargoToml) {
    let inFeatures = false;
    for (const raw of cargoToml.split(/\r?\n/)) {
        const line = raw.replace(/#.*$/, '').trim();
        const table = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
        if (table) {
            inFeatures = table[1] === 'features';
            continue;
        }
        if (inFeatures && /^"?build-binary"?\s*=/.test(line))
            return true;
        if (/^features\s*\.\s*"?build-binary"?\s*=/.test(line))
            return true;
    }
    return false;
}
/** The host triple, as rustc reports it. */
async function hostTriple() {
    try {
        const result = await (0,run/* runProgram */.mB)('rustc', ['-vV']);
        return /^host:\s*(\S+)/m.exec(result.stdout)?.[1];
    }
    catch {
        return undefined;
    }
}
/** Whether the Rust standard library for this target is installed (rustup, or a bare sysroot). */
async function targetInstalled(triple) {
    try {
        const listed = await (0,run/* runProgram */.mB)('rustup', ['target', 'list', '--installed']);
        if (listed.code === 0)
            return listed.stdout.split(/\s+/).includes(triple);
    }
    catch {
        // No rustup: a distribution toolchain; look in its sysroot instead.
    }
    try {
        const sysroot = (await (0,run/* runProgram */.mB)('rustc', ['--print', 'sysroot'])).stdout.trim();
        return sysroot.length > 0 && (0,external_node_fs_.existsSync)((0,external_node_path_.join)(sysroot, 'lib', 'rustlib', triple, 'lib'));
    }
    catch {
        return false;
    }
}
/**
 * The static musl target of this machine's architecture when it is installed (a binary that runs
 * on any Linux, like the released one), else undefined for a host build.
 */
async function chooseTarget() {
    const host = await hostTriple();
    const arch = host?.split('-')[0];
    if (!arch)
        return undefined;
    const musl = `${arch}-unknown-linux-musl`;
    return host === musl || (await targetInstalled(musl)) ? musl : undefined;
}
/**
 * `cargo build --release` in the source tree; returns the built binary's path as cargo reports it,
 * so CARGO_TARGET_DIR and --target layouts need no guessing.
 */
async function cargoBuild(source, target, log, label, signal) {
    let manifest;
    try {
        manifest = await (0,promises_.readFile)((0,external_node_path_.join)(source, 'Cargo.toml'), 'utf8');
    }
    catch {
        throw new errors/* UserError */.yo(`${label('rfs-source')}: ${source} has no Cargo.toml; point ${label('rfs-source')} at the rfs crate`);
    }
    const args = ['build', '--release', '--bin', 'rfs', '--message-format=json-render-diagnostics'];
    if (declaresBuildBinary(manifest))
        args.push('--features', FEATURE);
    if (target)
        args.push('--target', target);
    let executable;
    // Inside the phase's log group: GitHub does not nest groups.
    log.info(`Building rfs from ${source}${target ? ` for ${target}` : ''}`);
    log.info(`cargo ${args.join(' ')}`);
    let result;
    try {
        result = await (0,run/* runProgram */.mB)('cargo', args, {
            cwd: source,
            env: { ...process.env, CARGO_TERM_COLOR: 'never' },
            signal,
            captureStdout: false,
            tailFrom: ['stderr'],
            onLine: (line, stream) => {
                if (stream === 'stderr')
                    return log.info(line);
                const message = parseMessage(line);
                if (message?.reason === 'compiler-artifact' &&
                    message.target?.name === 'rfs' &&
                    message.executable) {
                    executable = message.executable;
                }
            }
        });
    }
    catch (error) {
        throw new errors/* UserError */.yo(`Could not run cargo to build rfs (${(0,errors/* oneLine */.TN)(error)}); install Rust or set ${label.set('rfs-build', 'never')}`);
    }
    if (result.code !== 0) {
        for (const line of result.tail)
            log.info(line);
        const cause = result.tail.filter(line => /^error/.test(line))[0];
        throw new errors/* UserError */.yo(`Building rfs from ${source} failed: cargo ${(0,run/* describeExit */.KE)(result)}${cause ? ` (${(0,errors/* oneLine */.TN)(cause)})` : ''}`);
    }
    if (!executable)
        throw new errors/* UserError */.yo(`Building rfs from ${source} produced no rfs binary; does the crate have a bin named rfs?`);
    return executable;
}
function parseMessage(line) {
    if (!line.startsWith('{'))
        return undefined;
    try {
        return JSON.parse(line);
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/common/sha256.ts
var sha256 = __webpack_require__(6042);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(4942);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/store-url/redact.ts
var redact = __webpack_require__(200);
;// CONCATENATED MODULE: ./src/rfs-release/download.ts










/** The release asset of threefoldtech/rfs: the bare static musl binary, named `rfs`. */
function defaultDownloadUrl(version) {
    return `https://github.com/threefoldtech/rfs/releases/download/${encodeURIComponent(version)}/rfs`;
}
/** A pinned digest, as users paste it: hex, any case, perhaps with a `sha256:` prefix. */
function normaliseSha256(pin, label) {
    const hex = pin
        .trim()
        .replace(/^sha256:/i, '')
        .toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hex)) {
        throw new errors/* UserError */.yo(`${label('rfs-sha256')}: "${pin}" is not a sha256 digest; give the 64 hex digits of the rfs binary`);
    }
    return hex;
}
/** Fails unless the file's digest is the pinned one. */
async function checkSha256(path, pin, url, label) {
    const expected = normaliseSha256(pin, label);
    const actual = await (0,sha256/* fileSha256 */.s)(path);
    if (actual !== expected) {
        throw new errors/* UserError */.yo(`${label('rfs-sha256')}: the rfs binary from ${(0,redact/* redactUrl */.BO)(url)} has sha256 ${actual}, but ${expected} was pinned; ` +
            `fix ${label('rfs-sha256')} or ${label('rfs-download-url')}`);
    }
}
/** Failures no retry can fix: no name resolution, nothing listening, no route to the host. */
const UNREACHABLE_CODES = new Set([
    'ENOTFOUND',
    'EAI_AGAIN',
    'ECONNREFUSED',
    'ENETUNREACH',
    'EHOSTUNREACH'
]);
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 2_000;
/** An answer other than 200; 5xx, 408 and 429 may pass on another try. */
class HttpStatusError extends Error {
    status;
    constructor(status) {
        super(`HTTP ${status}`);
        this.status = status;
    }
}
/**
 * Downloads the binary into a fresh temporary directory and makes it executable. Redirects and
 * proxies are @actions/http-client's; server errors and dropped connections are tried again, but
 * a host that does not resolve or does not listen fails at once: waiting cannot bring it back.
 * Every failure is one line.
 */
async function downloadRfs(url, label) {
    // RUNNER_TEMP exists on a runner; a shell run may name one that does not exist yet.
    const temp = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    await (0,promises_.mkdir)(temp, { recursive: true });
    const dest = (0,external_node_path_.join)(await (0,promises_.mkdtemp)((0,external_node_path_.join)(temp, 'rfs-download-')), 'rfs');
    const shown = (0,redact/* redactUrl */.BO)(url);
    try {
        if (url.startsWith('file:'))
            await (0,promises_.copyFile)((0,external_node_url_.fileURLToPath)(url), dest);
        else
            await fetchWithRetries(url, dest);
    }
    catch (error) {
        throw new errors/* UserError */.yo(`Could not download rfs from ${shown}: ${downloadFailure(error, label)}`);
    }
    await (0,promises_.chmod)(dest, 0o755);
    return dest;
}
async function fetchWithRetries(url, dest) {
    for (let attempt = 1;; attempt++) {
        try {
            return await fetchOnce(url, dest);
        }
        catch (error) {
            if (attempt >= ATTEMPTS || !isRetryable(error))
                throw error;
            await (0,promises_.rm)(dest, { force: true });
            await new Promise(done => setTimeout(done, RETRY_DELAY_MS * attempt));
        }
    }
}
async function fetchOnce(url, dest) {
    const client = new lib/* HttpClient */.Qq('rfs-flist-action', [], { allowRetries: false });
    try {
        const response = await client.get(url);
        const status = response.message.statusCode ?? 0;
        if (status !== 200) {
            response.message.resume();
            throw new HttpStatusError(status);
        }
        await (0,external_node_stream_promises_.pipeline)(response.message, (0,external_node_fs_.createWriteStream)(dest));
    }
    finally {
        client.dispose();
    }
}
function isRetryable(error) {
    if (error instanceof HttpStatusError) {
        return error.status >= 500 || error.status === 408 || error.status === 429;
    }
    return !UNREACHABLE_CODES.has(errorCode(error) ?? '');
}
function errorCode(error) {
    const code = error?.code;
    return typeof code === 'string' ? code : undefined;
}
function downloadFailure(error, label) {
    if (error instanceof HttpStatusError) {
        const hint = error.status === 404
            ? `; check ${label('rfs-version')} (a release tag) or ${label('rfs-download-url')}`
            : '';
        return `HTTP ${error.status}${hint}`;
    }
    const code = errorCode(error);
    if (code === 'ENOENT')
        return 'no such file';
    if (code && UNREACHABLE_CODES.has(code)) {
        return `the host cannot be reached (${code}): no network, or a wrong host or port`;
    }
    return (0,errors/* oneLine */.TN)(error);
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
;// CONCATENATED MODULE: ./src/rfs-release/log.ts

const runnerLog = {
    info: line => core/* info */.pq(line),
    warning: line => core/* warning */.$e(line)
};

// EXTERNAL MODULE: ./node_modules/@actions/tool-cache/lib/tool-cache.js + 2 modules
var tool_cache = __webpack_require__(9805);
;// CONCATENATED MODULE: ./src/rfs-release/tool-cache.ts






const TOOL = 'rfs';
/**
 * Where downloaded binaries are kept between runs. On a runner that is RUNNER_TOOL_CACHE. In a shell
 * run it is the user's cache directory, so a laptop downloads each release once; @actions/tool-cache
 * only reads RUNNER_TOOL_CACHE, so the variable is set for this process. Undefined when no
 * directory can be made, and the binary is then used from where it was downloaded.
 */
function toolCacheRoot(log) {
    const given = process.env.RUNNER_TOOL_CACHE;
    if (given)
        return given;
    const base = process.env.XDG_CACHE_HOME || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.cache');
    const local = (0,external_node_path_.join)(base, 'rfs-flist-action', 'tool-cache');
    try {
        (0,external_node_fs_.mkdirSync)(local, { recursive: true });
    }
    catch (error) {
        log.warning(`No tool cache (RUNNER_TOOL_CACHE is not set and ${local} cannot be made: ${(0,errors/* oneLine */.TN)(error)}); rfs will not be kept between runs`);
        return undefined;
    }
    process.env.RUNNER_TOOL_CACHE = local;
    return local;
}
/**
 * @actions/tool-cache files tools under their semver; a tag that is not one (a branch name, `latest`)
 * could be stored but never found again, so such versions skip the tool cache.
 */
function cacheable(version) {
    return tool_cache/* isExplicitVersion */.FV(version);
}
/** The cached rfs binary for this release tag, if a previous run kept one. */
function findCached(version, log) {
    if (!cacheable(version) || !toolCacheRoot(log))
        return undefined;
    try {
        const dir = tool_cache/* find */.I6(TOOL, version);
        const binary = dir ? (0,external_node_path_.join)(dir, TOOL) : '';
        return binary && existsAsExecutable(binary) ? binary : undefined;
    }
    catch (error) {
        log.warning(`Could not look in the tool cache: ${(0,errors/* oneLine */.TN)(error)}`);
        return undefined;
    }
}
/** Keeps a verified binary for later runs; returns its cached path, or undefined when not kept. */
async function keepInToolCache(binary, version, log) {
    if (!cacheable(version)) {
        log.info(`rfs ${version} is not a semver tag, so it is not kept in the tool cache`);
        return undefined;
    }
    if (!toolCacheRoot(log))
        return undefined;
    try {
        const dir = await tool_cache/* cacheFile */.NJ(binary, TOOL, TOOL, version);
        return (0,external_node_path_.join)(dir, TOOL);
    }
    catch (error) {
        log.warning(`Could not keep rfs ${version} in the tool cache: ${(0,errors/* oneLine */.TN)(error)}`);
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/rfs-release/rfs-version-probe.ts


/**
 * The version an rfs binary reports for `--version`: rfs prints `rfs <git describe>`, e.g.
 * `rfs v2.0.6` or `rfs v2.0.6-3-gabc123-modified`.
 */
function parseRfsVersion(output) {
    const line = output
        .split(/\r?\n/)
        .map(l => l.trim())
        .find(l => l.length > 0);
    if (!line)
        return undefined;
    const named = /^rfs\s+(\S+)/i.exec(line);
    if (named)
        return named[1];
    const bare = /^v?\d+\.\d+\S*$/.exec(line);
    return bare ? bare[0] : undefined;
}
/** Runs `<binary> --version` to prove the binary starts here, and returns its version. */
async function probeRfsVersion(binary, what) {
    let result;
    try {
        result = await (0,run/* runProgram */.mB)(binary, ['--version'], { tailLines: 5 });
    }
    catch (error) {
        throw new errors/* UserError */.yo(`${what} ${binary} cannot be run: ${(0,errors/* oneLine */.TN)(error)}`);
    }
    if (result.code !== 0) {
        const said = result.tail.join(' ').trim();
        throw new errors/* UserError */.yo(`${what} ${binary} does not run: \`--version\` ${(0,run/* describeExit */.KE)(result)}${said ? `: ${(0,errors/* oneLine */.TN)(said)}` : ''}`);
    }
    const version = parseRfsVersion(result.stdout);
    if (!version) {
        throw new errors/* UserError */.yo(`${what} ${binary} does not look like rfs: \`--version\` printed "${(0,errors/* oneLine */.TN)(result.stdout).slice(0, 80)}"`);
    }
    return version;
}

;// CONCATENATED MODULE: ./src/rfs-release/acquire.ts













/** What a run without a usable rfs binary can do instead. */
function waysForward(label) {
    return (`set ${label('rfs-path')} to an rfs binary, ${label('rfs-download-url')} with ${label('rfs-sha256')} ` +
        `to a copy this machine can reach, ${label.set('rfs-build', 'auto')} with ${label('rfs-source')} to ` +
        `build one, or use ${label.set('engine', 'native')}, which needs no rfs binary`);
}
/** A download failure that must not be papered over by building instead. */
class PinMismatch extends errors/* UserError */.yo {
}
/**
 * Finds, fetches or builds rfs, first that works:
 *
 * 1. `rfs-path`, which must be right, since the user named it;
 * 2. `rfs-build: always` goes straight to a fresh build, ignoring every binary below;
 * 3. `rfs` on PATH;
 * 4. a binary already built in the rfs source tree (`components/rfs/target/…/release/rfs`);
 * 5. the tool cache, for the `rfs-version` release;
 * 6. a download of that release (checked against `rfs-sha256`), kept in the tool cache;
 * 7. unless `rfs-build: never`, a build from `rfs-source`, restored from @actions/cache when the
 *    same source was built before.
 *
 * PATH comes before the tool cache on purpose: the tool cache only ever holds what this action
 * downloaded for `rfs-version`, while an rfs on PATH was put there by the job itself (a build
 * container, a setup step), as the Zero-OS build scripts expect. Both come before any network
 * access, so a warm runner works offline. A defaulted `rfs-version` is no sign of intent, so any
 * rfs found on PATH or in the source tree will do; an `rfs-version` the user set is what runs, and
 * a binary found there of another version is skipped (the tool cache is filed by release tag).
 */
async function acquireRfs(settings, projectRoot, options = {}) {
    const log = options.log ?? runnerLog;
    // A malformed pin is a mistake in the workflow, not a reason to fall back to building.
    if (settings.sha256)
        normaliseSha256(settings.sha256, settings.label);
    const found = await locate(settings, projectRoot, options, log);
    log.info(`Using rfs ${found.version} (${describeOrigin(found.source, settings.label)}): ${found.path}`);
    return found;
}
async function locate(settings, projectRoot, options, log) {
    const { label } = settings;
    if (settings.path) {
        if (settings.build === 'always')
            log.warning(`${label.set('rfs-build', 'always')} is ignored because ${label('rfs-path')} names a binary`);
        const path = fromInput(settings.path, projectRoot, label);
        const version = await probeRfsVersion(path, `${label('rfs-path')}:`);
        if (settings.versionGiven && !sameVersion(version, settings.version)) {
            log.warning(`${label('rfs-path')} ${path} is rfs ${version}, not the ${label('rfs-version')} ${settings.version}; it runs because ${label('rfs-path')} names it`);
        }
        return { path, version, source: 'input' };
    }
    if (settings.build === 'always')
        return build(settings, log, options.signal, false);
    const candidates = [
        ['path', onPath(options.pathVariable ?? process.env.PATH)],
        ['components', inSourceTree(settings.source)]
    ];
    for (const [source, path] of candidates) {
        if (!path)
            continue;
        const version = await tryVersion(path, log);
        if (!version)
            continue;
        if (settings.versionGiven && !sameVersion(version, settings.version)) {
            log.info(`Skipping rfs ${version} ${describeOrigin(source, label)} (${path}): ${label('rfs-version')} is ${settings.version}`);
            continue;
        }
        return { path, version, source };
    }
    const cached = await fromToolCache(settings, log);
    if (cached)
        return cached;
    let downloadFailure;
    try {
        return await download(settings, log);
    }
    catch (error) {
        if (!(0,errors/* isUserError */.iU)(error) || error instanceof PinMismatch)
            throw error;
        downloadFailure = error;
    }
    if (settings.build === 'never') {
        throw new errors/* UserError */.yo(`No rfs binary: none on PATH, in ${settings.source}/target or the tool cache, ` +
            `${lowerFirst(downloadFailure.message)}, and ${label('rfs-build')} is never; ${waysForward(label)}`);
    }
    if (!(0,external_node_fs_.existsSync)((0,external_node_path_.join)(settings.source, 'Cargo.toml'))) {
        throw new errors/* UserError */.yo(`No rfs binary: none on PATH, in ${settings.source}/target or the tool cache, ` +
            `${lowerFirst(downloadFailure.message)}, and there is no rfs source to build at ${settings.source}; ` +
            waysForward(label));
    }
    log.warning(`${downloadFailure.message}; building rfs from ${settings.source} instead`);
    return build(settings, log, options.signal, true);
}
/** A binary found lying around that does not run is skipped, not fatal. */
async function tryVersion(path, log) {
    try {
        return await probeRfsVersion(path, 'rfs');
    }
    catch (error) {
        log.warning(`Skipping ${(0,errors/* oneLine */.TN)(error)}`);
        return undefined;
    }
}
async function fromToolCache(settings, log) {
    const path = findCached(settings.version, log);
    if (!path)
        return undefined;
    if (settings.sha256) {
        const actual = await (0,sha256/* fileSha256 */.s)(path);
        if (actual !== normaliseSha256(settings.sha256, settings.label)) {
            log.warning(`The cached rfs ${settings.version} has sha256 ${actual}, not the pinned one; downloading it again`);
            return undefined;
        }
    }
    const version = await tryVersion(path, log);
    return version ? { path, version, source: 'tool-cache' } : undefined;
}
async function download(settings, log) {
    const url = settings.downloadUrl || defaultDownloadUrl(settings.version);
    log.info(`Downloading rfs ${settings.version} from ${(0,redact/* redactUrl */.BO)(url)}`);
    const fetched = await downloadRfs(url, settings.label);
    if (settings.sha256) {
        try {
            await checkSha256(fetched, settings.sha256, url, settings.label);
        }
        catch (error) {
            throw new PinMismatch((0,errors/* oneLine */.TN)(error));
        }
    }
    const version = await probeRfsVersion(fetched, `the rfs downloaded from ${(0,redact/* redactUrl */.BO)(url)},`);
    const kept = await keepInToolCache(fetched, settings.version, log);
    if (kept)
        await (0,promises_.rm)((0,external_node_path_.dirname)(fetched), { recursive: true, force: true });
    return { path: kept ?? fetched, version, source: 'download' };
}
async function build(settings, log, signal, mayRestore) {
    const { label, source } = settings;
    if (settings.build === 'never') {
        throw new errors/* UserError */.yo(`${label.set('rfs-build', 'never')} forbids building rfs`);
    }
    if (!(0,external_node_fs_.existsSync)((0,external_node_path_.join)(source, 'Cargo.toml'))) {
        throw new errors/* UserError */.yo(`${label('rfs-source')}: ${source} has no Cargo.toml; point ${label('rfs-source')} at the rfs crate`);
    }
    const target = await chooseTarget();
    const key = buildCacheKey(await sourceFingerprint(source), target);
    if (mayRestore) {
        const restored = await restoreBuilt(source, key, log);
        const version = restored && (await tryVersion(restored, log));
        if (restored && version)
            return { path: restored, version, source: 'cache' };
    }
    const binary = await cargoBuild(source, target, log, label, signal);
    const version = await probeRfsVersion(binary, `the rfs built from ${source},`);
    await saveBuilt(binary, source, key, log);
    return { path: binary, version, source: 'build' };
}
/**
 * Whether a binary's `--version` is the release tag: `rfs v2.0.6` and `rfs 2.0.6` are v2.0.6, a
 * later build (`v2.0.6-3-gabc123`) is not.
 */
function sameVersion(reported, tag) {
    const bare = (version) => version.replace(/^v/i, '');
    return bare(reported) === bare(tag);
}
function describeOrigin(source, label) {
    const words = {
        input: label('rfs-path'),
        path: 'found on PATH',
        components: 'built earlier in the source tree',
        'tool-cache': 'from the tool cache',
        download: 'downloaded',
        cache: 'an earlier build, restored from the cache',
        build: 'built from source'
    };
    return words[source];
}
function lowerFirst(text) {
    return text.charAt(0).toLowerCase() + text.slice(1);
}


/***/ })

};
