/** The simulator's data model: SuiteQL tables, REST record types and fixed reference lists. */
export * from './tables';
export * from './recordTypes';
export * from './referenceLists';
