import { highlight } from 'sql-highlight';
import { sqlPalette } from './theme.js';

/** SQL with ANSI colours from the theme's SQL palette. */
export function highlightSql(sql: string): string {
  return highlight(sql, { colors: sqlPalette });
}
