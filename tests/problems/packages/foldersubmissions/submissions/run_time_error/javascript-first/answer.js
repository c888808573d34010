// Without an entry point the first file by name runs (as problemtools and DOMjudge do): it imports a module that is
// not there, a run-time error.
const { add } = require('./missing.js');
console.log(add(1, 2));
