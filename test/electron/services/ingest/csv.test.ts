import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../electron/services/ingest/csv';
import { cleanLabel } from '../../../../electron/services/ingest/labelSources';

describe('reading label CSV text', () => {
  it('handles quotes, doubled quotes, commas and line breaks inside quotes, and every line ending', () => {
    const rows = parseCsv('\uFEFFa.png,cat\r\n"b, c.png","say ""hi"""\n\n"d\ne.png",dog\rf.png,');
    expect(rows).toEqual([
      { line: 1, fields: ['a.png', 'cat'] },
      { line: 2, fields: ['b, c.png', 'say "hi"'] },
      { line: 4, fields: ['d\ne.png', 'dog'] },
      { line: 6, fields: ['f.png', ''] },
    ]);
  });

  it('names the line of an unclosed quote', () => {
    expect(() => parseCsv('a,b\nc,"d\n')).toThrow(/never closed/);
  });

  it('turns labels into valid class names', () => {
    expect(cleanLabel('  red,  fox\t')).toBe('red fox');
    expect(cleanLabel('   ')).toBeNull();
    expect(cleanLabel('x'.repeat(100))).toHaveLength(80);
  });
});
