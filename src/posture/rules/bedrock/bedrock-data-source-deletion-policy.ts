import { fail, pass, type ResourceRule } from '../../rule.js';

export const bedrockDataSourceDeletionPolicy: ResourceRule = {
  kind: 'resource',
  id: 'bedrock-data-source-deletion-policy',
  title: 'Bedrock data source deletes its vectors when it is deleted',
  severity: 'low',
  resourceTypes: ['AWS::Bedrock::DataSource'],
  controls: ['pol-retention-disposition', 'pol-data-subject-rights'],
  description:
    'DataDeletionPolicy is not RETAIN (DELETE, or left unset), so removing a data source also removes the embeddings and text chunks it put in the vector store. With RETAIN they stay searchable by anything that queries the store, outliving the retention period and erasure requests that applied to the source documents. Choose RETAIN only with a documented reason and a clean-up procedure.',
  remediation: {
    text: 'Set DataDeletionPolicy to DELETE; if RETAIN is required, record why and how the vectors are disposed of.',
    cloudformation: 'DataDeletionPolicy: DELETE',
    terraform: 'data_deletion_policy = "DELETE"',
  },
  equivalents: {},
  evaluate(ds, ctx) {
    const policy = ctx.value(ds, ['DataDeletionPolicy']);
    return policy === 'RETAIN'
      ? fail(`Data source ${ds.id} retains its vectors after deletion (DataDeletionPolicy RETAIN).`, {
          path: ['DataDeletionPolicy'],
        })
      : pass(
          policy === undefined
            ? `Data source ${ds.id} does not ask to retain its vectors (DataDeletionPolicy unset; set DELETE to make it explicit).`
            : `Data source ${ds.id} sets DataDeletionPolicy ${JSON.stringify(policy)}.`,
        );
  },
};
