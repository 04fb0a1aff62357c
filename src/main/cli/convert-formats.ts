/** What `tanda convert --to` writes. */
export const CONVERT_FORMATS = ['csv', 'xlsx', 'bundle', 'w3c', 'qdpx', 'qdc'] as const;
