import { describe, expect, it } from 'vitest';
import { maskSecrets, resolveConnection } from '../../src/core/connect/url.js';
import { DriftDoctorError } from '../../src/core/errors.js';

describe('resolveConnection', () => {
  it('prefers --url, masks the password', () => {
    const c = resolveConnection('postgresql://app:s3cr%40t@db:5432/prod', { DATABASE_URL: 'postgresql://x@y/z' });
    expect(c.password).toBe('s3cr@t');
    expect(c.maskedUrl).toBe('postgresql://app:***@db:5432/prod');
  });
  it('falls back to DATABASE_URL, then PG* variables', () => {
    expect(resolveConnection(undefined, { DATABASE_URL: 'postgresql://a@h/d' }).url).toBe('postgresql://a@h:5432/d');
    const c = resolveConnection(undefined, { PGHOST: 'h', PGUSER: 'u', PGPASSWORD: 'pw-123', PGDATABASE: 'd' });
    expect(c.url).toContain('u:pw-123@h:5432/d');
    expect(c.maskedUrl).not.toContain('pw-123');
  });
  it('says what to do when nothing is given or the URL is wrong', () => {
    expect(() => resolveConnection(undefined, {})).toThrow(DriftDoctorError);
    expect(() => resolveConnection('mysql://x@y/z', {})).toThrow(/unsupported URL scheme/);
    try {
      resolveConnection('mysql://x@y/z', {});
    } catch (e) {
      expect((e as DriftDoctorError).hint).toMatch(/postgresql:\/\//);
    }
    expect(() => resolveConnection('not a url', {})).toThrow(/not a valid URL/);
  });
  it('masks a password wherever it appears in text', () => {
    expect(maskSecrets('role "app" with password hunter22 failed', 'hunter22')).toBe('role "app" with password *** failed');
  });
});

describe('resolveConnection: what libpq users get wrong', () => {
  it('rejects a PGPORT that is not a port, instead of hanging', () => {
    expect(() => resolveConnection(undefined, { PGHOST: 'h', PGUSER: 'u', PGDATABASE: 'd', PGPORT: 'abc' })).toThrow(/PGPORT is "abc"/);
    expect(() => resolveConnection('postgresql://u@h/d', { PGPORT: '99999' })).toThrow(/not a port number/);
  });
  it('makes the port explicit so the driver never reads PGPORT behind our back', () => {
    expect(resolveConnection('postgresql://u@h/d', {}).url).toBe('postgresql://u@h:5432/d');
    expect(resolveConnection('postgresql://u@h/d', { PGPORT: '6543' }).url).toBe('postgresql://u@h:6543/d');
  });
  it('says so when a % in the password is not percent-encoding, without echoing it', () => {
    let err: unknown;
    try {
      resolveConnection('postgresql://u:hunter2%secret@h:5432/d', {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DriftDoctorError);
    expect((err as DriftDoctorError).message).not.toContain('hunter2');
    expect((err as DriftDoctorError).hint).toMatch(/%25/);
  });
  it('asks for a database name when the URL has none', () => {
    expect(() => resolveConnection('postgresql://u:pw@h:5432', {})).toThrow(/names no database/);
  });
});
