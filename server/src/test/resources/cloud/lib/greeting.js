// a relative module, loaded with require() as Node would
exports.greeting = (name) => 'Hello, ' + name + '!';
