// Run inside a test's network namespace: asks a studio server what it answers for each
// Host (and Origin) given, and prints the answers as one JSON line. Usage:
//   node hostProbe.mjs '{"address":"10.77.0.2","port":1234,"path":"/s/x/","token":"…","hosts":["10.77.0.2:1234"]}'
import { request } from 'node:http';
import process from 'node:process';
import { WebSocket } from 'ws';

const probe = JSON.parse(process.argv[2]);

const page = (host) =>
  new Promise((resolve) => {
    request({ host: probe.address, port: probe.port, path: `${probe.path}?token=${probe.token}`, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    })
      .on('error', (error) => resolve(error.message))
      .end();
  });

const bridge = (host) =>
  new Promise((resolve) => {
    const ws = new WebSocket(`ws://${probe.address}:${probe.port}${probe.path}bridge?token=${probe.token}`, { headers: { host, origin: `http://${host}` } });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
    ws.once('error', (error) => resolve(error.message));
  });

const answers = {};
for (const host of probe.hosts) answers[host] = { page: await page(host), bridge: await bridge(host) };
process.stdout.write(`${JSON.stringify(answers)}\n`);
