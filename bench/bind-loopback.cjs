// Preload (node --require ./bind-loopback.cjs ...) that forces every TCP server in the
// process onto the loopback interface. The Portkey gateway listens on all interfaces and has
// no host option; the benchmark must stay on 127.0.0.1.
'use strict';
const net = require('net');

const HOST = process.env.BIND_HOST || '127.0.0.1';
const original = net.Server.prototype.listen;

net.Server.prototype.listen = function listen(...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    // listen(options[, cb]) -- leave handles / unix-socket paths alone
    if (first.path === undefined && first.handle === undefined && first._handle === undefined
        && first.fd === undefined) {
      args[0] = { ...first, host: HOST };
    }
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))
             || first === undefined || first === null) {
    // listen([port[, host[, backlog]]][, cb])
    const rest = args.slice(1);
    if (rest.length > 0 && (typeof rest[0] === 'string' || rest[0] === undefined || rest[0] === null)) {
      rest.shift(); // drop the caller's host (usually undefined = all interfaces)
    }
    args = [first ?? 0, HOST, ...rest];
  }
  return original.apply(this, args);
};
