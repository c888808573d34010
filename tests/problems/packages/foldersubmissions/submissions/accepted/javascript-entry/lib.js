// Run on its own it prints nothing: the wrong entry point is a wrong answer.
exports.add = (a, b) => a + b;
