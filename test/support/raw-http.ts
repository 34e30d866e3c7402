import net from 'node:net';

export type RawResponse = { status: number; headers: Record<string, string>; body: string };

/**
 * An HTTP/1.1 client on a bare socket, for what `inject` cannot send: bytes the server's HTTP parser sees as they
 * are (raw UTF-8 or control characters in the request target, a head split over several writes, pipelining).
 */
export class RawConnection {
  private socket: net.Socket;
  private buffer = Buffer.alloc(0);
  private waiting: (() => void) | undefined;
  closed = false;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiting?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
    socket.on('error', () => {});
    socket.setNoDelay(true);
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** Writes bytes as given; strings are sent as UTF-8. */
  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(data, (err) => (err ? reject(err) : resolve())));
  }

  /** Waits until the peer closed or `timeoutMs` passed; true when it closed. */
  async waitClosed(timeoutMs = 2000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < until) await this.next(until - Date.now());
    return this.closed;
  }

  private next(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiting = done;
    });
  }

  /** Reads the next complete response (a head, then Content-Length bytes unless it answers HEAD). */
  async read(opts: { head?: boolean; timeoutMs?: number } = {}): Promise<RawResponse> {
    const until = Date.now() + (opts.timeoutMs ?? 5000);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end >= 0) {
        const [statusLine = '', ...lines] = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
        const headers: Record<string, string> = {};
        for (const l of lines) {
          const i = l.indexOf(':');
          headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
        }
        const length = opts.head ? 0 : Number(headers['content-length'] ?? 0);
        if (this.buffer.length >= end + 4 + length) {
          const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
          this.buffer = this.buffer.subarray(end + 4 + length);
          return { status: Number(statusLine.split(' ')[1]), headers, body };
        }
      }
      if (this.closed || Date.now() > until) throw new Error(`no complete response (closed: ${this.closed}): ${this.buffer.toString('latin1').slice(0, 300)}`);
      await this.next(until - Date.now());
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

/** One request on a fresh connection; the response and whether the server then closed the connection. */
export async function rawRequest(port: number, ...chunks: (string | Buffer)[]): Promise<RawResponse & { closed: boolean }> {
  const c = await RawConnection.open(port);
  try {
    for (const chunk of chunks) await c.write(chunk);
    const res = await c.read();
    return { ...res, closed: await c.waitClosed(res.headers.connection === 'close' ? 2000 : 200) };
  } finally {
    c.close();
  }
}
