// hash-wasm's BLAKE2b on its own: the package's main build holds every algorithm it has, 280 KB
// that each block worker would parse as it starts.
/* eslint-disable no-undef, @typescript-eslint/no-require-imports */
module.exports = require('hash-wasm/dist/blake2b.umd.min.js')
