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
    expect(resolveConnection(undefined, { DATABASE_URL: 'postgresql://a@h/d' }).url).toBe('postgresql://a@h/d');
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
