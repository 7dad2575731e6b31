import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resourceBlocks } from './tf-blocks.js';

/** `TYPE.NAME@line: comment | comment` per block, for compact assertions. */
const summary = (tf: string) =>
  resourceBlocks(tf).map((b) => `${b.type}.${b.name}@${b.line}: ${b.comments.map((c) => c.text.trim()).join(' | ')}`);

describe('resourceBlocks', () => {
  it('finds top-level resource blocks with their position, skipping other blocks', () => {
    const tf = [
      'terraform {',
      '  required_version = ">= 1.5"',
      '}',
      'data "aws_caller_identity" "me" {}',
      '  resource "aws_s3_bucket" "a" {',
      '  bucket = "x"',
      '  lifecycle {',
      '    ignore_changes = [tags]',
      '  }',
      '}',
      'resource aws_kms_key k {',
      '}',
    ].join('\n');
    const blocks = resourceBlocks(tf);
    expect(blocks.map((b) => [b.type, b.name, b.line, b.column])).toEqual([
      ['aws_s3_bucket', 'a', 5, 3],
      ['aws_kms_key', 'k', 11, 1],
    ]);
  });

  it('gives a block the comments inside it and the comment lines directly above it', () => {
    const tf = [
      '# file header',
      '',
      '# above a, line 1',
      '// above a, line 2',
      'resource "t" "a" { # on the header line',
      '  x = 1 // after code',
      '  /* block',
      '     comment */',
      '}',
      '# after a: belongs to no block (blank line below)',
      '',
      'resource "t" "b" {}',
      'resource "t" "c" {} # trailing c',
      'resource "t" "d" {',
      '}',
    ].join('\n');
    expect(summary(tf)).toEqual([
      't.a@5: on the header line | after code | block\n     comment | above a, line 1 | above a, line 2',
      't.b@12: ',
      't.c@13: ',
      't.d@14: ',
    ]);
    const a = resourceBlocks(tf)[0]!;
    expect(a.comments.map((c) => c.line)).toEqual([5, 6, 7, 3, 4]);
  });

  it('does not take a comment that follows code on its line as one above the next block', () => {
    const tf = ['resource "t" "a" {', '} # closes a', 'resource "t" "b" {', '}'].join('\n');
    expect(summary(tf)).toEqual(['t.a@1: ', 't.b@3: ']);
  });

  it('ignores comment markers inside strings, templates and heredocs', () => {
    const tf = [
      'resource "t" "a" {',
      '  url  = "https://example.com/#frag" # real one',
      '  tpl  = "${var.x == "}" ? "{" : "#"} and $${literal} %{ if true }}{%{ endif }"',
      '  doc  = <<-EOT',
      '    # steward:suppress * in a heredoc',
      '    }}} unbalanced braces in a heredoc',
      '  EOT',
      '  esc  = "quote \\" then # still a string"',
      '}',
      'resource "t" "b" {',
      '}',
    ].join('\n');
    expect(summary(tf)).toEqual(['t.a@1: real one', 't.b@10: ']);
  });

  it('counts lines through heredocs, block comments and CRLF line ends', () => {
    const tf =
      'resource "t" "a" {\r\n  p = <<EOF\r\n{\r\nEOF\r\n  /* a\r\n b */\r\n}\r\n# above b\r\nresource "t" "b" {\r\n}\r\n';
    const blocks = resourceBlocks(tf);
    expect(blocks.map((b) => [b.name, b.line])).toEqual([
      ['a', 1],
      ['b', 9],
    ]);
    expect(blocks[1]!.comments).toEqual([{ line: 8, text: ' above b' }]);
  });

  it('survives broken files: an unterminated string ends at its line, an unclosed block at the end', () => {
    const tf = [
      'resource "t" "a" {',
      '  x = "never closed',
      '  # inside a',
      '}',
      'resource "t" "b" {',
      '  # inside b',
    ].join('\n');
    expect(summary(tf)).toEqual(['t.a@1: inside a', 't.b@5: inside b']);
    expect(resourceBlocks('}}}} resource "t" "x" {')).toHaveLength(1);
    expect(resourceBlocks('resource "t" "${x}" {}')).toEqual([]);
    expect(resourceBlocks('')).toEqual([]);
  });
});

describe('resourceBlocks on hostile input', () => {
  const pieces = fc.constantFrom(
    'resource "t" "n" {',
    'resource',
    '"t"',
    '{',
    '}',
    '"',
    '${',
    '%{',
    '$${',
    '\\',
    '#',
    '//',
    '/*',
    '*/',
    '<<EOT\n',
    '<<-EOT\n',
    'EOT',
    '\n',
    '\r\n',
    ' ',
    'steward:suppress * r',
    'x = 1',
  );
  const hcl = fc.oneof(
    fc.array(pieces, { maxLength: 60 }).map((p) => p.join('')),
    fc.string({ maxLength: 200 }),
  );

  it('never throws, and every block and comment it reports lies inside the text', () => {
    fc.assert(
      fc.property(hcl, (text) => {
        const lines = text.split('\n').length;
        for (const b of resourceBlocks(text)) {
          expect(b.line).toBeGreaterThanOrEqual(1);
          expect(b.line).toBeLessThanOrEqual(lines);
          expect(b.type.length).toBeGreaterThan(0);
          for (const c of b.comments) {
            expect(c.line).toBeGreaterThanOrEqual(1);
            expect(c.line).toBeLessThanOrEqual(lines);
            expect(text).toContain(c.text);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads every block of a well-formed file whatever noise sits inside the blocks', () => {
    const noise = fc.array(fc.constantFrom('x = 1\n', '# c\n', 's = "}{"\n', 'h = <<E\n}\nE\n', 'n {\n}\n'), {
      maxLength: 8,
    });
    fc.assert(
      fc.property(fc.array(noise, { minLength: 1, maxLength: 6 }), (bodies) => {
        const tf = bodies.map((b, i) => `resource "t" "r${i}" {\n${b.join('')}}\n`).join('\n');
        expect(resourceBlocks(tf).map((b) => b.name)).toEqual(bodies.map((_, i) => `r${i}`));
      }),
    );
  });

  it('scans a megabyte of unbalanced braces, quotes, templates, heredocs or comments in linear time', () => {
    const mb = (unit: string) => unit.repeat(Math.ceil(1_000_000 / unit.length));
    const inputs = [
      mb('{'),
      mb('}'),
      mb('"'),
      mb('"${'),
      mb('/*'),
      mb('<<EOT\n'),
      mb('#\n'),
      mb('/**/'),
      mb(`${'# c\n'.repeat(50)}resource "t" "n" {\n`),
      mb('resource "t" "n" { "${ <<-X\n'),
    ];
    for (const text of inputs) {
      const start = performance.now();
      resourceBlocks(text);
      // Quadratic work on a megabyte would take minutes; linear work takes milliseconds, even on a busy machine.
      expect(performance.now() - start).toBeLessThan(2000);
    }
  });
});
