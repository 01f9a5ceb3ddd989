// sql.js's browser build, used in Node too: the Node build tests `typeof module` after setting
// module to undefined, which the bundler folds to `true`, and reads __dirname, which an ES module
// bundle lacks. The browser build has neither; given the WebAssembly bytes it needs no loader, and
// its wasm is the same file as the Node build's.
/* eslint-disable no-undef, @typescript-eslint/no-require-imports */
module.exports = require('sql.js/dist/sql-wasm-browser.js')
