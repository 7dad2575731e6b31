/** OpenSearch Service domains and their predecessor type, which keeps the same security properties. */
export const DOMAIN_TYPES = ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'];
