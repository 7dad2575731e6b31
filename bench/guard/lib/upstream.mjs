/**
 * An OpenAI-compatible upstream that answers at once: POST …/chat/completions drains the body and returns a fixed
 * completion (with `usage`, so gateways can settle token budgets); `stream: true` is not parsed for, on purpose: the
 * upstream must cost the same for every target. Run as a child process; prints `{"port":N}` when listening.
 *
 *   node lib/upstream.mjs [port]
 */
import http from 'node:http';

const COMPLETION = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Here is a short outline: 1. Context. 2. Findings. 3. Next steps.' },
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 260, completion_tokens: 18, total_tokens: 278 },
  }),
);
const HEADERS = { 'content-type': 'application/json', 'content-length': String(COMPLETION.length) };
const NOT_FOUND = Buffer.from('{"error":{"message":"not found","type":"invalid_request_error"}}');

const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    if (req.method === 'POST' && req.url?.endsWith('/chat/completions')) {
      res.writeHead(200, HEADERS);
      res.end(COMPLETION);
    } else {
      res.writeHead(404, { 'content-type': 'application/json', 'content-length': String(NOT_FOUND.length) });
      res.end(NOT_FOUND);
    }
  });
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
