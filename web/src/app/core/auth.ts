import { Injectable, computed, signal } from '@angular/core';

const STORAGE_KEY = 'boxoffice.token';

interface StoredToken {
  readonly token: string;
  readonly expiresAt: number;
}

/** Who is signed in: the bearer token and when it expires, kept across reloads. */
@Injectable({ providedIn: 'root' })
export class AuthState {
  private readonly stored = signal<StoredToken | null>(readStored());

  readonly token = computed(() => {
    const stored = this.stored();
    return stored && stored.expiresAt > Date.now() ? stored.token : null;
  });
  readonly signedIn = computed(() => this.token() !== null);

  signIn(token: string, expiresInSeconds: number, now = Date.now()): void {
    const stored = { token, expiresAt: now + expiresInSeconds * 1000 };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    this.stored.set(stored);
  }

  signOut(): void {
    localStorage.removeItem(STORAGE_KEY);
    this.stored.set(null);
  }
}

function readStored(): StoredToken | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'token' in parsed &&
      'expiresAt' in parsed &&
      typeof parsed.token === 'string' &&
      typeof parsed.expiresAt === 'number'
    ) {
      return { token: parsed.token, expiresAt: parsed.expiresAt };
    }
  } catch {
    // A damaged entry is the same as none: the user signs in again.
  }
  return null;
}
