import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type {
  ChangePasswordRequest,
  LoginRequest,
  SecondFactorStatus,
  SessionInfo,
} from '@certdesk/contracts';
import type { Permission } from '@certdesk/domain';
import { firstValueFrom } from 'rxjs';
import { NAV_ITEMS, NavItem, sectionOf } from '../../navigation';
import { AuthApi } from './auth-api';

/** Where a signed-in user with no section at all is sent. */
export const FORBIDDEN_URL = '/forbidden';
/** The second step of signing in (passkey or code). */
export const VERIFY_URL = '/verify';
/** パスワード・認証設定 (also where a forced enrolment happens). */
export const SECURITY_URL = '/security';

/**
 * Where a signed-in session must go before anything else: the second factor first (the server
 * opens nothing else), then a forced password change, then a forced enrolment; null when none.
 */
export function requiredStep(session: SessionInfo): string | null {
  const state = session.secondFactor?.state;
  if (state === 'pending') return VERIFY_URL;
  if (session.mustChangePassword) return '/password';
  if (state === 'enrolment_required') return SECURITY_URL;
  return null;
}

/**
 * The signed-in staff member, as `GET /api/auth/me` reports it, and what they may open.
 * The server enforces every permission; this only decides what the console offers.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly api = inject(AuthApi);
  private readonly current = signal<SessionInfo | null>(null);
  /** The in-flight or settled first look-up; reset when the session ends. */
  private loading: Promise<void> | null = null;

  readonly session = this.current.asReadonly();
  readonly isSignedIn = computed(() => this.current() !== null);
  /** The credit union's lifecycle policy as far as staff labels name it (default until signed in). */
  readonly policy = computed(() => {
    const days = this.current()?.creditUnion.selfServiceDaysAfterExpiry;
    return days ? { selfServiceDaysAfterExpiry: days } : {};
  });
  private readonly permissions = computed(
    () => new Set(this.current()?.permissions ?? []),
  );
  /** The sections this user may open, in navigation order. */
  readonly navItems = computed<readonly NavItem[]>(() =>
    NAV_ITEMS.filter((item) => this.canAny(item.anyOf)),
  );
  /** The first section this user may open: their landing page. */
  readonly homeUrl = computed(() => this.navItems()[0]?.path ?? FORBIDDEN_URL);

  /** Reactive when read in a template or `computed`. */
  can(permission: Permission): boolean {
    return this.permissions().has(permission);
  }

  canAny(permissions: readonly Permission[]): boolean {
    return permissions.some((p) => this.can(p));
  }

  /** Whether `url` lies in a section this user may open (used for `returnUrl`). */
  mayOpen(url: string): boolean {
    const section = sectionOf(url);
    return section !== undefined && this.canAny(section.anyOf);
  }

  /**
   * Asks `GET /api/auth/me` once and remembers the answer: `null` when signed out (401).
   * Other failures also give `null`, but are not remembered, so the next navigation asks again.
   * Always resolves to the session as it is now (e.g. after the password was changed).
   */
  async ensureLoaded(): Promise<SessionInfo | null> {
    this.loading ??= firstValueFrom(this.api.me()).then(
      (session) => this.current.set(session),
      (error: unknown) => {
        this.current.set(null);
        if (!(error instanceof HttpErrorResponse && error.status === 401)) {
          this.loading = null;
        }
      },
    );
    await this.loading;
    return this.current();
  }

  async login(credentials: LoginRequest): Promise<SessionInfo> {
    const session = await firstValueFrom(this.api.login(credentials));
    this.start(session);
    return session;
  }

  /** Signed in another way (a passkey alone): the session the server answered with. */
  signedIn(session: SessionInfo): void {
    this.start(session);
  }

  /** Ends the session on the server; the console forgets it even if that call fails. */
  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.api.logout(), { defaultValue: undefined });
    } finally {
      this.clear();
    }
  }

  async changePassword(request: ChangePasswordRequest): Promise<void> {
    await firstValueFrom(this.api.changePassword(request), {
      defaultValue: undefined,
    });
    this.current.update((s) => s && { ...s, mustChangePassword: false });
  }

  /** The second factor was proven or enrolled: the session as the server now sees it. */
  setSecondFactor(status: SecondFactorStatus): void {
    this.current.update((s) => s && { ...s, secondFactor: status });
  }

  /** Forgets the session; the next guard asks the server again (which also renews the XSRF cookie). */
  clear(): void {
    this.current.set(null);
    this.loading = null;
  }

  private start(session: SessionInfo): void {
    this.current.set(session);
    this.loading = Promise.resolve();
  }
}
