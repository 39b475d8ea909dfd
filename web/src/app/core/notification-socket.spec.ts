import { FIRST_RETRY_MS, LONGEST_RETRY_MS, NotificationSocket, PushedNotification, SocketLike } from './notification-socket';

/** A socket the test drives: it records what the client sends and plays the server. */
class FakeSocket {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  readonly sent: unknown[] = [];
  closedWith: number | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  close(code?: number): void {
    this.closedWith = code ?? 1005;
  }

  opens(): void {
    this.onopen?.call(this as unknown as WebSocket, new Event('open'));
  }

  says(message: object): void {
    this.onmessage?.call(this as unknown as WebSocket, { data: JSON.stringify(message) } as MessageEvent);
  }

  drops(code = 1006): void {
    this.onclose?.call(this as unknown as WebSocket, { code } as CloseEvent);
  }
}

class FakeTimers {
  readonly pending: { run: () => void; ms: number }[] = [];

  set = (run: () => void, ms: number) => {
    const timer = { run, ms };
    this.pending.push(timer);
    return timer;
  };

  clear = (handle: unknown) => {
    const at = this.pending.indexOf(handle as { run: () => void; ms: number });
    if (at >= 0) {
      this.pending.splice(at, 1);
    }
  };

  fire(): number {
    const timer = this.pending.shift();
    if (!timer) {
      throw new Error('no timer pending');
    }
    timer.run();
    return timer.ms;
  }
}

function notification(id: number): object {
  return {
    type: 'notification',
    id,
    notification_type: 'event.updated',
    event: { id: 'e1', title: 'Jazz at Dusk', action: 'updated', timestamp: '2026-12-01T10:00:00Z' },
    user: 'priya',
  };
}

describe('NotificationSocket', () => {
  let sockets: FakeSocket[];
  let timers: FakeTimers;
  let heard: { id: number; replayed: boolean }[];
  let readies: number;
  let refusals: number;
  let live: NotificationSocket;

  beforeEach(() => {
    sessionStorage.clear();
    sockets = [];
    timers = new FakeTimers();
    heard = [];
    readies = 0;
    refusals = 0;
    live = new NotificationSocket(
      'ws://example.test/ws/notifications',
      (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket as unknown as SocketLike;
      },
      {
        notification: (n: PushedNotification, replayed: boolean) => heard.push({ id: n.id, replayed }),
        ready: () => (readies += 1),
        unauthorized: () => (refusals += 1),
      },
      sessionStorage,
      timers,
    );
  });

  it('sends the token in its first message, never in the address', () => {
    live.start('tok-1');
    sockets[0].opens();

    expect(sockets[0].url).toBe('ws://example.test/ws/notifications');
    expect(sockets[0].sent).toEqual([{ type: 'auth', token: 'tok-1' }]);
  });

  it('answers every ping', () => {
    live.start('tok-1');
    sockets[0].opens();
    sockets[0].says({ type: 'ping' });
    sockets[0].says({ type: 'ping' });

    expect(sockets[0].sent.slice(1)).toEqual([{ type: 'pong' }, { type: 'pong' }]);
  });

  it('after a drop reconnects and resumes from the last id it handled', () => {
    live.start('tok-1');
    sockets[0].opens();
    sockets[0].says({ type: 'ready', user_id: 'u', replayed: 0 });
    sockets[0].says(notification(41));
    sockets[0].says(notification(42));
    sockets[0].drops();

    expect(timers.fire()).toBe(FIRST_RETRY_MS);
    sockets[1].opens();
    expect(sockets[1].sent).toEqual([{ type: 'auth', token: 'tok-1', last_id: 42 }]);

    sockets[1].says(notification(43));
    sockets[1].says({ type: 'ready', user_id: 'u', replayed: 1 });
    sockets[1].says(notification(44));
    expect(heard).toEqual([
      { id: 41, replayed: false },
      { id: 42, replayed: false },
      { id: 43, replayed: true },
      { id: 44, replayed: false },
    ]);
    expect(readies).toBe(2);
  });

  it('never shows a notification twice', () => {
    live.start('tok-1');
    sockets[0].opens();
    sockets[0].says(notification(7));
    sockets[0].says(notification(7));
    sockets[0].says(notification(6));

    expect(heard.map((h) => h.id)).toEqual([7]);
  });

  it('keeps its place across a reload of the tab', () => {
    live.start('tok-1');
    sockets[0].opens();
    sockets[0].says(notification(9));
    live.stop();

    live.start('tok-1');
    sockets[1].opens();
    expect(sockets[1].sent).toEqual([{ type: 'auth', token: 'tok-1', last_id: 9 }]);
  });

  it('waits longer after each failed attempt, up to a limit, and less again once connected', () => {
    live.start('tok-1');
    const waits: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      sockets.at(-1)!.drops();
      waits.push(timers.fire());
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, LONGEST_RETRY_MS, LONGEST_RETRY_MS]);

    sockets.at(-1)!.opens();
    sockets.at(-1)!.says({ type: 'ready', user_id: 'u', replayed: 0 });
    sockets.at(-1)!.drops();
    expect(timers.fire()).toBe(FIRST_RETRY_MS);
  });

  it('closes on sign out, forgets its place and does not reconnect', () => {
    live.start('tok-1');
    sockets[0].opens();
    sockets[0].says(notification(5));
    live.stop(true);

    expect(sockets[0].closedWith).toBe(1000);
    expect(timers.pending).toEqual([]);
    expect(live.lastId).toBeNull();
    sockets[0].drops(1000);
    expect(sockets.length).toBe(1);
  });

  it('gives up on a refused token and says so', () => {
    live.start('tok-1');
    sockets[0].opens();
    sockets[0].drops(4401);

    expect(refusals).toBe(1);
    expect(timers.pending).toEqual([]);
  });

  it('ignores messages it cannot read', () => {
    live.start('tok-1');
    sockets[0].opens();
    sockets[0].onmessage?.call(sockets[0] as unknown as WebSocket, { data: 'not json' } as MessageEvent);
    sockets[0].says({ type: 'notification', id: 'x' });

    expect(heard).toEqual([]);
    expect(live.lastId).toBeNull();
  });
});
