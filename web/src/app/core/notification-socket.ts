import { NotificationEvent } from './api-types';

/** The part of a browser WebSocket this client uses, so tests can hand it a fake. */
export type SocketLike = Pick<WebSocket, 'onopen' | 'onmessage' | 'onclose' | 'send' | 'close'>;

export type SocketFactory = (url: string) => SocketLike;

/** A notification as the socket pushes it (the history's item without `read`). */
export interface PushedNotification {
  readonly id: number;
  readonly notification_type: string;
  readonly event: NotificationEvent;
  readonly user: string;
}

export interface SocketListener {
  /** `replayed`: missed while away (sent before `ready`), not news of this moment. */
  notification(notification: PushedNotification, replayed: boolean): void;
  ready(): void;
  /** The server refused the token (4401): signing in again is the only way back. */
  unauthorized(): void;
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const LAST_ID_KEY = 'boxoffice.notifications.last-id';
export const FIRST_RETRY_MS = 1000;
export const LONGEST_RETRY_MS = 30_000;
const UNAUTHORIZED = 4401;
const BAD_REQUEST = 4400;

/**
 * One signed-in connection to /ws/notifications that outlives dropped sockets: it sends the
 * token in the first message (never in the URL), answers pings, keeps the last id it handled
 * in this tab's storage, and after a drop reconnects (waiting 1 s, 2 s, 4 s … up to 30 s)
 * resuming from that id, so nothing is lost or shown twice.
 */
export class NotificationSocket {
  private socket: SocketLike | null = null;
  private retry: unknown = null;
  private failures = 0;
  private stopped = true;
  private ready = false;

  constructor(
    private readonly url: string,
    private readonly open: SocketFactory,
    private readonly listener: SocketListener,
    private readonly storage: Storage,
    private readonly timers: Timers = { set: (run, ms) => setTimeout(run, ms), clear: (h) => clearTimeout(h as number) },
  ) {}

  get lastId(): number | null {
    const stored = Number(this.storage.getItem(LAST_ID_KEY) ?? NaN);
    return Number.isInteger(stored) && stored >= 0 ? stored : null;
  }

  start(token: string): void {
    this.stop();
    this.stopped = false;
    this.connect(token);
  }

  /** Sign out: close for good and forget where this user got to. */
  stop(forget = false): void {
    this.stopped = true;
    if (this.retry !== null) {
      this.timers.clear(this.retry);
      this.retry = null;
    }
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.close(1000);
    }
    if (forget) {
      this.storage.removeItem(LAST_ID_KEY);
    }
  }

  private connect(token: string): void {
    const socket = this.open(this.url);
    this.socket = socket;
    this.ready = false;
    socket.onopen = () => {
      const lastId = this.lastId;
      socket.send(JSON.stringify({ type: 'auth', token, ...(lastId === null ? {} : { last_id: lastId }) }));
    };
    socket.onmessage = (event: MessageEvent) => this.receive(socket, event.data);
    socket.onclose = (event: CloseEvent) => this.closed(socket, event.code, token);
  }

  private receive(socket: SocketLike, data: unknown): void {
    const message = parse(data);
    if (message?.type === 'ping') {
      socket.send(JSON.stringify({ type: 'pong' }));
    } else if (message?.type === 'ready') {
      this.ready = true;
      this.failures = 0;
      this.listener.ready();
    } else if (message?.type === 'notification' && isNotification(message)) {
      const lastId = this.lastId;
      if (lastId !== null && message.id <= lastId) {
        return; // seen already, before a reconnect
      }
      this.storage.setItem(LAST_ID_KEY, String(message.id));
      const { type: _type, ...notification } = message;
      this.listener.notification(notification, !this.ready);
    }
  }

  private closed(socket: SocketLike, code: number, token: string): void {
    if (socket !== this.socket || this.stopped) {
      return;
    }
    this.socket = null;
    if (code === UNAUTHORIZED) {
      this.stopped = true;
      this.listener.unauthorized();
      return;
    }
    if (code === BAD_REQUEST) {
      this.storage.removeItem(LAST_ID_KEY); // a cursor the server refuses: start afresh
    }
    const wait = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failures);
    this.failures += 1;
    this.retry = this.timers.set(() => {
      this.retry = null;
      if (!this.stopped) {
        this.connect(token);
      }
    }, wait);
  }
}

interface Message {
  readonly type?: unknown;
  readonly [key: string]: unknown;
}

function parse(data: unknown): Message | null {
  try {
    const parsed: unknown = typeof data === 'string' ? JSON.parse(data) : null;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Message) : null;
  } catch {
    return null;
  }
}

function isNotification(message: Message): message is Message & PushedNotification & { type: 'notification' } {
  const event = message['event'] as Partial<NotificationEvent> | undefined;
  return (
    Number.isInteger(message['id']) &&
    typeof message['notification_type'] === 'string' &&
    typeof event === 'object' &&
    event !== null &&
    typeof event.title === 'string'
  );
}
