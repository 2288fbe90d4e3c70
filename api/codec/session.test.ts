import { codecSessions, cookie, SESSION_SECONDS } from './session';

describe('codec sessions', () => {
  let now = 1_800_000_000_000;
  const clock = () => now;

  it('accepts a session it issued until it expires', () => {
    const sessions = codecSessions('token-a', clock);
    const s = sessions.issue();
    expect(sessions.valid(s)).toBe(true);
    now += (SESSION_SECONDS - 1) * 1000;
    expect(sessions.valid(s)).toBe(true);
    now += 2000;
    expect(sessions.valid(s)).toBe(false);
  });

  it('ends every session when the admin token changes, and never carries the token', () => {
    const s = codecSessions('token-a', clock).issue();
    expect(s).not.toContain('token-a');
    expect(codecSessions('token-b', clock).valid(s)).toBe(false);
  });

  it('refuses forged, extended or malformed sessions', () => {
    const sessions = codecSessions('token-a', clock);
    const [expiry, mac] = sessions.issue().split('.');
    expect(sessions.valid(`${Number(expiry) + 3600}.${mac}`)).toBe(false);
    for (const bad of [undefined, '', '.', 'abc.def', `${expiry}.`, `${expiry}.${mac}x`, `-1.${mac}`]) expect(sessions.valid(bad)).toBe(false);
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(cookie('a=1; hub_codec=x.y=; b=2', 'hub_codec')).toBe('x.y=');
    expect(cookie('a=1', 'hub_codec')).toBeUndefined();
    expect(cookie(undefined, 'hub_codec')).toBeUndefined();
  });
});
