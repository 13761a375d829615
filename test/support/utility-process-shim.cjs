// Runs in the fake utility process: gives the module Electron's `process.parentPort` (messages
// arrive as { data }) over Node's IPC channel, then loads it with the arguments Electron would pass.
const [modulePath, ...args] = process.argv.slice(2);
const listeners = [];
process.on('message', (data) => {
  for (const listener of listeners) listener({ data, ports: [] });
});
process.parentPort = {
  on(event, listener) {
    if (event === 'message') listeners.push(listener);
    return this;
  },
  once(event, listener) {
    const wrapped = (e) => {
      listeners.splice(listeners.indexOf(wrapped), 1);
      listener(e);
    };
    return this.on(event, wrapped);
  },
  postMessage(message) {
    process.send(message);
  },
};
// Electron puts the arguments in process.argv after the executable; the shell must not rely on
// there being a script path in argv[1].
process.argv = [process.execPath, ...args];
require(modulePath);
