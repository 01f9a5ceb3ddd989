// snappy-wasm's CommonJS build instantiates its WebAssembly synchronously from a file beside it,
// which the bundler relocates; its ES build needs an asynchronous init and a wasm-aware loader.
// Requiring it from a CommonJS file is what lets the bundler follow it.
/* eslint-disable no-undef, @typescript-eslint/no-require-imports */
module.exports = require('snappy-wasm')
