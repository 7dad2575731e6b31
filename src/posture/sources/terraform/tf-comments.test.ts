import { describe, expect, it } from 'vitest';
import { suppressionsIn } from './tf-comments.js';

const at = (text: string, line = 10) => suppressionsIn({ line, text });

describe('suppressionsIn', () => {
  it("reads Steward's form: rule id, then the reason", () => {
    expect(at(' steward:suppress s3-bucket-versioning Logs are write-once; see RISK-12')).toEqual([
      { tool: 'steward', rule: 's3-bucket-versioning', reason: 'Logs are write-once; see RISK-12', line: 10 },
    ]);
    expect(at('steward:suppress * "Sandbox account"')).toEqual([
      { tool: 'steward', rule: '*', reason: 'Sandbox account', line: 10 },
    ]);
  });

  it('keeps a suppression without a reason, with an empty reason, so it can be reported', () => {
    expect(at(' steward:suppress s3-bucket-versioning   ')).toEqual([
      { tool: 'steward', rule: 's3-bucket-versioning', reason: '', line: 10 },
    ]);
    expect(at('checkov:skip=CKV_AWS_18')).toEqual([{ tool: 'checkov', rule: 'CKV_AWS_18', reason: '', line: 10 }]);
  });

  it("reads Checkov's form anywhere in the line, quoted or not, and its bridgecrew alias", () => {
    expect(at('checkov:skip=CKV_AWS_18:"Access logs of the log bucket itself"')).toEqual([
      { tool: 'checkov', rule: 'CKV_AWS_18', reason: 'Access logs of the log bucket itself', line: 10 },
    ]);
    expect(at(' TODO(ops) checkov:skip= CKV_AWS_21: rebuilt nightly')).toEqual([
      { tool: 'checkov', rule: 'CKV_AWS_21', reason: 'rebuilt nightly', line: 10 },
    ]);
    expect(at('bridgecrew:skip=CKV_AWS_19:legacy')[0]).toMatchObject({ tool: 'checkov', rule: 'CKV_AWS_19' });
  });

  it('reads each line of a block comment, with its own line number', () => {
    const text = '\n * steward:suppress rule-a reason a\n * unrelated\n * checkov:skip=CKV_AWS_1:reason b\n ';
    expect(at(text, 7)).toEqual([
      { tool: 'steward', rule: 'rule-a', reason: 'reason a', line: 8 },
      { tool: 'checkov', rule: 'CKV_AWS_1', reason: 'reason b', line: 10 },
    ]);
  });

  it('ignores look-alikes', () => {
    for (const text of [
      ' steward:suppressed rule reason',
      ' see steward:suppress rule reason', // Steward's form starts the comment
      ' steward:suppress',
      ' checkov:skip=ckv_aws_18:lower case is not a Checkov id',
      ' checkov skip CKV_AWS_18',
      ' plain comment',
    ]) {
      expect(at(text)).toEqual([]);
    }
  });
});
