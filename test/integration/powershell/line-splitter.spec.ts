import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src-main/services/powershell/line-splitter';

function split(chunks: Buffer[], max = 1024) {
  const lines: string[] = [];
  const overflows: number[] = [];
  const splitter = new LineSplitter(
    max,
    (line) => lines.push(line),
    (dropped) => overflows.push(dropped),
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.flush();
  return { lines, overflows };
}

describe('LineSplitter', () => {
  it('splits on \\n, drops a trailing \\r and emits the unterminated tail on flush', () => {
    expect(split([Buffer.from('a\r\nb\n\nc')]).lines).toEqual(['a', 'b', '', 'c']);
  });

  it('keeps a multi-byte character split across chunks intact', () => {
    const bytes = Buffer.from('§😀\n', 'utf8');
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    expect(split(chunks).lines).toEqual(['§😀']);
  });

  it('drops an over-long line, reports its size once, and carries on', () => {
    const { lines, overflows } = split(
      [Buffer.from('short\n'), Buffer.from('x'.repeat(600)), Buffer.from('y'.repeat(600) + '\nnext\n')],
      1000,
    );
    expect(lines).toEqual(['short', 'next']);
    expect(overflows).toEqual([1200]);
  });
});
